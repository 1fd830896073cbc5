// The checksum of a snapshot's payload.
#ifndef BATON_LIB_IO_CHECKSUM_HPP_
#define BATON_LIB_IO_CHECKSUM_HPP_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace baton::internal {

// XXH64 (Yann Collet's xxHash, 64-bit variant, as specified in
// github.com/Cyan4973/xxHash/blob/dev/doc/xxhash_spec.md), reading words
// little-endian so the value is the same on any machine. It runs at several
// GB/s, so checking a 1 GB snapshot costs a fraction of its load, and any
// third-party XXH64 tool can verify a payload (payload_checksum.hpp says
// how, for the versions that hash by parts). It detects corruption, not
// tampering: it is not a cryptographic hash.
//
// Fed in pieces of any size, it gives the same value as over the whole, so a
// snapshot can be hashed while it is written or read in windows.
class Checksum64Stream {
 public:
  explicit Checksum64Stream(std::uint64_t seed = 0);
  void Update(std::string_view bytes);
  std::uint64_t Digest() const;

 private:
  void Stripe(const unsigned char* p);

  std::uint64_t seed_;
  std::uint64_t lanes_[4];
  std::uint64_t total_ = 0;
  unsigned char pending_[32];  // the bytes of an incomplete stripe
  std::size_t pending_size_ = 0;
};

inline std::uint64_t Checksum64(std::string_view bytes, std::uint64_t seed = 0) {
  Checksum64Stream stream(seed);
  stream.Update(bytes);
  return stream.Digest();
}

}  // namespace baton::internal

#endif  // BATON_LIB_IO_CHECKSUM_HPP_
