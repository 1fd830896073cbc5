#include "tools/baton/org_file.hpp"

#include <sys/stat.h>

#include "absl/strings/str_cat.h"
#include "baton/csv.hpp"

namespace baton::cli {

absl::StatusOr<OrgFile> OpenOrg(const std::string& path) {
  OrgFile file;
  file.path = path;
  struct stat info;
  if (::stat(path.c_str(), &info) != 0)
    return absl::NotFoundError(absl::StrCat(path, ": no such file or directory"));
  if (S_ISDIR(info.st_mode)) {
    if (absl::Status s = ImportCsv(path, file.org); !s.ok()) return s;
    return file;
  }
  file.snapshot = true;
  std::vector<SnapshotSection> sections;
  auto org = LoadSnapshot(path, &sections);
  if (!org.ok()) return org.status();
  file.org = *std::move(org);
  auto book = HandoverBookOf(sections);
  if (!book.ok()) {
    return absl::Status(book.status().code(),
                        absl::StrCat(path, ": ", book.status().message()));
  }
  file.book = *std::move(book);
  for (SnapshotSection& s : sections)
    if (s.name != kHandoverBookSection) file.other_sections.push_back(std::move(s));
  return file;
}

absl::StatusOr<RiskModel> RiskModelFor(const OrgFile& file, const std::string& path) {
  if (!path.empty()) return LoadRiskModel(path);
  auto carried = RiskModelFromSections(file.other_sections);
  if (carried.ok() || carried.status().code() != absl::StatusCode::kNotFound)
    return carried;
  return RiskModel::Default();
}

absl::Status OrgFile::CheckWritable(const std::string& to) const {
  if (to.empty() && !snapshot) {
    return absl::FailedPreconditionError(
        absl::StrCat(path,
                     " is a CSV directory; name a snapshot to write with --out "
                     "(or run `baton import` first)"));
  }
  return absl::OkStatus();
}

absl::Status OrgFile::Save(const std::string& to) const {
  if (absl::Status s = CheckWritable(to); !s.ok()) return s;
  std::vector<SnapshotSection> sections = other_sections;
  if (!book.empty()) sections.push_back(ToSection(book));
  return SaveSnapshot(org, to.empty() ? path : to, sections);
}

}  // namespace baton::cli
