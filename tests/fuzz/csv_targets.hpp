// The CSV import targets: one file of one kind against a small, valid
// organisation (one target per kind), and a whole directory.
#ifndef BATON_TESTS_FUZZ_CSV_TARGETS_HPP_
#define BATON_TESTS_FUZZ_CSV_TARGETS_HPP_

#include <cstddef>
#include <cstdint>
#include <string>

#include "baton/org.hpp"

namespace baton::fuzz {

// A small generated organisation (a dozen accounts, every kind of record),
// the same in every run: the files a single-kind target's file may refer to.
const Org& BaseOrg();

// Imports `file` (e.g. "accounts.csv") holding the input, next to the base
// organisation's files of the kinds imported before it (and reps.csv for
// teams.csv, whose managers are reps), then checks the contract.
int FuzzCsvFile(const std::string& file, const std::uint8_t* data, std::size_t size);

// Imports a directory given as named files (see SplitFiles), then checks
// the contract.
int FuzzCsvDirectory(const std::uint8_t* data, std::size_t size);

}  // namespace baton::fuzz

#endif  // BATON_TESTS_FUZZ_CSV_TARGETS_HPP_
