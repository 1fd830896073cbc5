// The named sections a version-2 snapshot carries after the organisation's
// tables: a count, then the names and the bytes as two string columns.
#ifndef BATON_LIB_IO_SNAPSHOT_SECTIONS_HPP_
#define BATON_LIB_IO_SNAPSHOT_SECTIONS_HPP_

#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/types/span.h"
#include "baton/snapshot.hpp"
#include "lib/io/serialize_records.hpp"

namespace baton::internal {

// InvalidArgument for more than kMaxSnapshotSections sections, a name that is
// empty, longer than kMaxSnapshotSectionName or repeated.
inline absl::Status CheckSections(absl::Span<const SnapshotSection> sections) {
  if (sections.size() > kMaxSnapshotSections) {
    return absl::InvalidArgumentError(absl::StrCat(
        "snapshot: ", sections.size(), " sections, at most ", kMaxSnapshotSections));
  }
  absl::flat_hash_set<std::string> names;
  for (const SnapshotSection& section : sections) {
    if (section.name.empty() || section.name.size() > kMaxSnapshotSectionName) {
      return absl::InvalidArgumentError(absl::StrCat("snapshot section \"", section.name,
                                                     "\": a name has 1 to ",
                                                     kMaxSnapshotSectionName, " bytes"));
    }
    if (!names.insert(section.name).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("snapshot section \"", section.name, "\" is given twice"));
    }
  }
  return absl::OkStatus();
}

inline absl::Status SaveSections(boost::archive::binary_oarchive& archive,
                                 absl::Span<const SnapshotSection> sections) {
  PayloadWriter out(archive);
  out.Count(sections.size());
  out.Strings(
      0, sections.size(),
      [&](std::size_t i) -> const std::string& { return sections[i].name; }, "sections");
  out.Strings(
      0, sections.size(),
      [&](std::size_t i) -> const std::string& { return sections[i].bytes; }, "sections");
  return out.status();
}

// Reads what SaveSections wrote, which must end the payload.
inline absl::Status LoadSections(boost::archive::binary_iarchive& archive,
                                 std::streambuf& source,
                                 std::vector<SnapshotSection>* out) {
  PayloadReader in(archive, source);
  const std::size_t count = in.Count("sections", 2 * sizeof(std::uint32_t));
  if (in.ok() && count > kMaxSnapshotSections)
    in.Fail(
        absl::StrCat("sections: ", count, " sections, at most ", kMaxSnapshotSections));
  std::vector<SnapshotSection> sections(in.ok() ? count : 0);
  in.Strings(
      0, sections.size(),
      [&](std::size_t i, const char* data, std::size_t size) {
        sections[i].name.assign(data, size);
      },
      "sections", "name");
  in.Strings(
      0, sections.size(),
      [&](std::size_t i, const char* data, std::size_t size) {
        sections[i].bytes.assign(data, size);
      },
      "sections", "bytes");
  if (in.ok() && in.remaining() != 0)
    in.Fail(absl::StrCat(in.remaining(), " unexpected bytes after the last section"));
  if (in.ok()) {
    if (absl::Status s = CheckSections(sections); !s.ok())
      in.Fail(std::string(s.message()));
  }
  if (in.ok() && out != nullptr) *out = std::move(sections);
  return in.status();
}

}  // namespace baton::internal

#endif  // BATON_LIB_IO_SNAPSHOT_SECTIONS_HPP_
