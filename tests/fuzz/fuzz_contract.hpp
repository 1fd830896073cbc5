// What every fuzz target checks besides "does not crash": a rejected input
// gets a non-empty message that names the place, a failed import leaves the
// organisation as it was, and an accepted organisation survives CSV export
// and import with the same state hash. A broken promise aborts, so that
// libFuzzer (or the corpus replay) reports the input that broke it.
#ifndef BATON_TESTS_FUZZ_FUZZ_CONTRACT_HPP_
#define BATON_TESTS_FUZZ_FUZZ_CONTRACT_HPP_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "baton/org.hpp"

// The entry point every target defines (libFuzzer's name and signature).
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace baton::fuzz {

// Prints `what` and the status, then aborts.
[[noreturn]] void Broken(std::string_view what, const absl::Status& status);

// A fresh, empty directory for this process (in /dev/shm when it exists, so
// an execution costs no disk I/O), removed when the process exits. Each call
// empties and returns the same path + "/" + `name`.
std::string ScratchDir(std::string_view name);
void WriteFile(const std::string& path, std::string_view bytes);

// True if `message` names a place: "file.csv:LINE" (and maybe a column),
// or the directory or file `path` given as the input's name.
bool NamesPlace(std::string_view message, std::string_view path);

// Aborts unless `status` is an error with a message that names a place.
void RequireLocatedError(const absl::Status& status, std::string_view path);

// Aborts unless exporting `org` and importing the files into an empty Org
// gives the same state hash.
void RequireCsvRoundTrip(const Org& org);

// An input split into named files: a line "== NAME" starts file NAME; text
// before the first such line is ignored. This keeps a whole directory in
// one fuzz input that mutations can still read and edit.
struct NamedFile {
  std::string name;
  std::string_view bytes;
};
std::vector<NamedFile> SplitFiles(std::string_view input);
std::string JoinFiles(const std::vector<NamedFile>& files);

// A snapshot from fuzz bytes: all but the first byte, with the header's
// checksum recomputed when the first byte is odd, so that mutations also
// reach the payload's decoding and checks (not only the checksum test).
std::string SnapshotBytes(const std::uint8_t* data, std::size_t size);

// The CSV file names in import order (teams.csv, reps.csv, ...).
const std::vector<std::string>& CsvFileNames();

}  // namespace baton::fuzz

#endif  // BATON_TESTS_FUZZ_FUZZ_CONTRACT_HPP_
