// CSV import and export of a whole organisation: a directory with one file
// per kind of record (teams.csv, reps.csv, tiers.csv, accounts.csv,
// account_team.csv, contacts.csv, relationships.csv, interactions.csv,
// deals.csv, complaints.csv, products.csv). Headers and defaults are listed in
// README.md ("Data formats"). Files are UTF-8, RFC 4180 quoted, with a header
// row; columns may come in any order; optional columns may be left out.
#ifndef BATON_CSV_HPP_
#define BATON_CSV_HPP_

#include <string>

#include "absl/status/status.h"
#include "baton/org.hpp"

namespace baton {

// Reads every file present in `directory` (a missing file means no records
// of that kind) and adds its records to `org`, all or nothing: on any error
// `org` is unchanged. Errors name "file:line:column" and what was expected.
absl::Status ImportCsv(const std::string& directory, Org& org);

// Writes all eleven files into `directory` (created if missing), so that
// ImportCsv into an empty Org gives back an equal organisation. Each file is
// written under a temporary name and renamed into place.
absl::Status ExportCsv(const Org& org, const std::string& directory);

}  // namespace baton

#endif  // BATON_CSV_HPP_
