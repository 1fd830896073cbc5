// The snapshot container: a fixed 32-byte header, then the payload.
//
//   offset  size  field
//        0     8  magic "BATONSNP"
//        8     4  u32 format version (kSnapshotFormatVersion)
//       12     4  u32 flags, 0 (none defined yet)
//       16     8  u64 payload length in bytes
//       24     8  u64 checksum of the payload: its XXH64 (seed 0,
//                 checksum.hpp); from version 5, by parts
//                 (payload_checksum.hpp)
//       32     -  payload (serialize_records.hpp); from version 2 the
//                 tables are followed by the sections (snapshot_sections.hpp);
//                 from version 3 the payload begins with the u64 offset,
//                 from the payload's start, of its second part (PayloadPart),
//                 and the checksum covers the whole payload; version 4
//                 adds the notes pool, and version 5 moves the
//                 relationships to the second part (PayloadLayout) and
//                 hashes the two parts apart
//
// All numbers are little-endian, written byte by byte. The header is checked
// against the real size of the file before the payload is read or any buffer
// sized from it, so a lying header costs nothing.
#ifndef BATON_LIB_IO_SNAPSHOT_FORMAT_HPP_
#define BATON_LIB_IO_SNAPSHOT_FORMAT_HPP_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "baton/snapshot.hpp"
#include "lib/model/org_state.hpp"

namespace baton::internal {

inline constexpr std::string_view kSnapshotMagic = "BATONSNP";
inline constexpr std::size_t kSnapshotHeaderSize = 32;

struct SnapshotHeader {
  std::uint32_t version = 0;
  std::uint32_t flags = 0;
  std::uint64_t payload_length = 0;
  std::uint64_t checksum = 0;
};

// Writes `header` into the first kSnapshotHeaderSize bytes at `out`.
void WriteSnapshotHeader(const SnapshotHeader& header, char* out);

// Parses and checks the header of a file of `file_size` bytes whose first
// bytes are `prefix` (at least min(file_size, kSnapshotHeaderSize) of them).
// Errors: InvalidArgument for a foreign file or a newer format version,
// DataLoss for a truncated or inconsistent one.
absl::StatusOr<SnapshotHeader> ParseSnapshotHeader(std::string_view prefix,
                                                   std::uint64_t file_size);

// How a snapshot's payload is laid out: as one part for a small
// organisation and two (version 5) for a large one, or in two parts
// whatever the size (tests, fuzz seeds), or as versions 3 and 4 wrote them
// (tests of the reader of older files): version 3 with notes and products
// as texts, both with the relationships in the first part.
enum class SnapshotLayout { kBySize, kSplit, kSplitVersion3, kSplitVersion4 };

// A whole snapshot (header and payload) of `state`, without validating it:
// SnapshotToBytes uses it, and tests use it to craft files that fail
// validation.
absl::StatusOr<std::string> EncodeSnapshot(
    const OrgState& state, absl::Span<const SnapshotSection> sections = {},
    SnapshotLayout layout = SnapshotLayout::kBySize);

}  // namespace baton::internal

#endif  // BATON_LIB_IO_SNAPSHOT_FORMAT_HPP_
