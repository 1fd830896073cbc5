// The checksum of a snapshot's payload.
#ifndef BATON_LIB_IO_CHECKSUM_HPP_
#define BATON_LIB_IO_CHECKSUM_HPP_

#include <cstdint>
#include <string_view>

namespace baton::internal {

// XXH64 (Yann Collet's xxHash, 64-bit variant, as specified in
// github.com/Cyan4973/xxHash/blob/dev/doc/xxhash_spec.md) of `bytes`, reading
// words little-endian so the value is the same on any machine. It runs at
// several GB/s, so checking a 1 GB snapshot costs a fraction of its load, and
// any third-party XXH64 tool can verify a payload. It detects corruption, not
// tampering: it is not a cryptographic hash.
std::uint64_t Checksum64(std::string_view bytes, std::uint64_t seed = 0);

}  // namespace baton::internal

#endif  // BATON_LIB_IO_CHECKSUM_HPP_
