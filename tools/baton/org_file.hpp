// The organisation a command works on: a snapshot file, which also keeps the
// handover book and any other sections, or a CSV directory, read only.
#ifndef BATON_TOOLS_BATON_ORG_FILE_HPP_
#define BATON_TOOLS_BATON_ORG_FILE_HPP_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "baton/handover_book.hpp"
#include "baton/org.hpp"
#include "baton/risk.hpp"
#include "baton/snapshot.hpp"

namespace baton::cli {

struct OrgFile {
  std::string path;
  bool snapshot = false;  // false: a CSV directory
  Org org;
  HandoverBook book;
  std::vector<SnapshotSection> other_sections;  // kept as they are on save

  // Writes the organisation and its sections to `path` (atomically), or to
  // the snapshot it came from when `path` is empty. FailedPrecondition for
  // an organisation read from CSV and no `path`.
  absl::Status Save(const std::string& path = {}) const;
  // What Save would refuse, checked before any work is done.
  absl::Status CheckWritable(const std::string& path) const;
};

// The risk model in the file at `path`, else the one the snapshot carries,
// else RiskModel::Default().
absl::StatusOr<RiskModel> RiskModelFor(const OrgFile& file, const std::string& path);

// A directory is read as CSV (docs/csv.md), anything else as a snapshot.
absl::StatusOr<OrgFile> OpenOrg(const std::string& path);

}  // namespace baton::cli

#endif  // BATON_TOOLS_BATON_ORG_FILE_HPP_
