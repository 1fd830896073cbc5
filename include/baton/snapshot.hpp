// Snapshots: a whole organisation in one binary file, fast to load.
//
// Container: magic "BATONSNP", format version, payload length and a 64-bit
// checksum of the payload, then the payload (Boost.Serialization, portable
// binary). Every invariant is validated after load; a truncated, corrupted or
// foreign file is rejected with DataLoss or InvalidArgument and never
// crashes.
#ifndef BATON_SNAPSHOT_HPP_
#define BATON_SNAPSHOT_HPP_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "baton/org.hpp"

namespace baton {

inline constexpr std::uint32_t kSnapshotFormatVersion = 1;

// Writes atomically: a temporary file in the same directory, flushed with
// fsync, then renamed over `path`. A failed save leaves the old file intact.
absl::Status SaveSnapshot(const Org& org, const std::string& path);
absl::StatusOr<Org> LoadSnapshot(const std::string& path);

// The same container, in memory.
absl::StatusOr<std::string> SnapshotToBytes(const Org& org);
absl::StatusOr<Org> SnapshotFromBytes(std::string_view bytes);

}  // namespace baton

#endif  // BATON_SNAPSHOT_HPP_
