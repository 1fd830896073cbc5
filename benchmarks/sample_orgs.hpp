// The generated organisations the benchmarks share: GenerateSampleOrg with
// 10 relationships per account, made once per size and kept.
#ifndef BATON_BENCHMARKS_SAMPLE_ORGS_HPP_
#define BATON_BENCHMARKS_SAMPLE_ORGS_HPP_

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "baton/org.hpp"
#include "baton/sample.hpp"

namespace baton::bench {

inline const Org& SampleOrgOf(std::int64_t accounts) {
  static std::map<std::int64_t, Org> orgs;
  auto it = orgs.find(accounts);
  if (it != orgs.end()) return it->second;
  SampleOptions options;
  options.accounts = static_cast<std::size_t>(accounts);
  options.relationships_per_account = 10;
  absl::StatusOr<Org> org = GenerateSampleOrg(options);
  if (!org.ok()) {
    std::fprintf(stderr, "GenerateSampleOrg: %s\n", org.status().ToString().c_str());
    std::exit(1);
  }
  return orgs.emplace(accounts, *std::move(org)).first->second;
}

}  // namespace baton::bench

#endif  // BATON_BENCHMARKS_SAMPLE_ORGS_HPP_
