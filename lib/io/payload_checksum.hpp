// The checksum a snapshot's header holds for its payload, as the format
// version defines it. Up to version 4: the XXH64 of the payload. From
// version 5: the XXH64 of the two parts' XXH64s (16 bytes, each
// little-endian), the parts cut where the payload's first 8 bytes say
// (PayloadPart), so that each of the two threads that read a large
// snapshot hashes its own part as it reads it; before, the first thread
// hashed the second part again after its own, 0.1 s at 1 M accounts while
// the other waited. A payload of fewer than 8 bytes, or whose offset lies
// outside 8..its size, is hashed as one (the reader refuses it anyway).
// Any XXH64 tool can still verify a file: hash the two parts, then the
// 16 bytes of their digests.
#ifndef BATON_LIB_IO_PAYLOAD_CHECKSUM_HPP_
#define BATON_LIB_IO_PAYLOAD_CHECKSUM_HPP_

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "lib/io/checksum.hpp"

namespace baton::internal {

// The first format version whose checksum is hashed by parts.
inline constexpr std::uint32_t kChecksumByPartsFrom = 5;

// The checksum of a payload from the XXH64s of its two parts.
std::uint64_t CombinePartChecksums(std::uint64_t first, std::uint64_t second);

// The checksum of a payload fed in order, in pieces of any size (a
// snapshot as it is written).
class PayloadChecksumStream {
 public:
  explicit PayloadChecksumStream(std::uint32_t version)
      : by_parts_(version >= kChecksumByPartsFrom) {}
  void Update(std::string_view bytes);
  std::uint64_t Digest() const;

 private:
  // Hashes `bytes`, none of which lies on both sides of the cut.
  void Feed(std::string_view bytes);

  bool by_parts_;
  bool in_second_ = false;
  std::uint64_t seen_ = 0;
  std::uint64_t cut_ = 0;  // read from the first 8 bytes
  Checksum64Stream first_;
  Checksum64Stream second_;
};

inline std::uint64_t PayloadChecksum(std::uint32_t version, std::string_view payload) {
  PayloadChecksumStream stream(version);
  stream.Update(payload);
  return stream.Digest();
}

}  // namespace baton::internal

#endif  // BATON_LIB_IO_PAYLOAD_CHECKSUM_HPP_
