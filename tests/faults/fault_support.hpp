// What the fault tests share: reading a whole file, and the generated
// organisations they save.
#ifndef BATON_TESTS_FAULTS_FAULT_SUPPORT_HPP_
#define BATON_TESTS_FAULTS_FAULT_SUPPORT_HPP_

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "absl/status/statusor.h"
#include "baton/org.hpp"
#include "baton/sample.hpp"

namespace baton::faults {

// The file's bytes, or "" if it cannot be opened.
inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return "";
  std::string bytes(static_cast<std::size_t>(in.tellg()), '\0');
  in.seekg(0);
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return bytes;
}

// A sample organisation; exits with status 2 if it cannot be made.
inline Org Generate(std::uint64_t seed, std::size_t accounts) {
  SampleOptions options;
  options.seed = seed;
  options.accounts = accounts;
  absl::StatusOr<Org> org = GenerateSampleOrg(options);
  if (!org.ok()) {
    std::fprintf(stderr, "cannot generate: %s\n", org.status().ToString().c_str());
    std::exit(2);
  }
  return *std::move(org);
}

}  // namespace baton::faults

#endif  // BATON_TESTS_FAULTS_FAULT_SUPPORT_HPP_
