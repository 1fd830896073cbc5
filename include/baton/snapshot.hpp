// Snapshots: a whole organisation in one binary file, fast to load.
//
// Container: magic "BATONSNP", format version, payload length and a 64-bit
// checksum of the payload, then the payload (Boost.Serialization, portable
// binary). Every invariant is validated after load; a truncated, corrupted or
// foreign file is rejected with DataLoss or InvalidArgument and never
// crashes.
#ifndef BATON_SNAPSHOT_HPP_
#define BATON_SNAPSHOT_HPP_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "baton/org.hpp"

namespace baton {

// Version 1 holds the organisation; version 2 adds sections after it;
// version 3 lays the same out in two parts that load on two threads;
// version 4 also stores interaction notes and product names as numbers
// into pools of distinct texts; version 5 cuts the two parts elsewhere, so
// the two threads take about as long. A snapshot of fewer than 65,536
// records is written as version 1 (without sections) or 2, so older
// readers still load it; a larger one as version 5. Every version can be
// read.
inline constexpr std::uint32_t kSnapshotFormatVersion = 5;

// A named block of bytes a snapshot carries besides the organisation, e.g.
// a risk model (kRiskModelSection, risk.hpp). The checksum covers it.
struct SnapshotSection {
  std::string name;  // 1 to kMaxSnapshotSectionName bytes, unique
  std::string bytes;
};
inline constexpr std::size_t kMaxSnapshotSections = 64;
inline constexpr std::size_t kMaxSnapshotSectionName = 64;

// Writes atomically: a temporary file in the same directory, flushed with
// fsync, then renamed over `path`. A failed save leaves the old file intact.
// InvalidArgument for sections that break the limits above.
absl::Status SaveSnapshot(const Org& org, const std::string& path,
                          absl::Span<const SnapshotSection> sections = {});
// `sections`, if not null, receives the snapshot's sections (none for a
// version-1 file).
absl::StatusOr<Org> LoadSnapshot(const std::string& path,
                                 std::vector<SnapshotSection>* sections = nullptr);

// The same container, in memory.
absl::StatusOr<std::string> SnapshotToBytes(
    const Org& org, absl::Span<const SnapshotSection> sections = {});
absl::StatusOr<Org> SnapshotFromBytes(std::string_view bytes,
                                      std::vector<SnapshotSection>* sections = nullptr);

}  // namespace baton

#endif  // BATON_SNAPSHOT_HPP_
