#include "lib/io/checksum.hpp"

#include <cstddef>
#include <cstring>

namespace baton::internal {
namespace {

constexpr std::uint64_t kPrime1 = 0x9E3779B185EBCA87ULL;
constexpr std::uint64_t kPrime2 = 0xC2B2AE3D27D4EB4FULL;
constexpr std::uint64_t kPrime3 = 0x165667B19E3779F9ULL;
constexpr std::uint64_t kPrime4 = 0x85EBCA77C2B2AE63ULL;
constexpr std::uint64_t kPrime5 = 0x27D4EB2F165667C5ULL;

std::uint64_t RotateLeft(std::uint64_t x, int bits) {
  return (x << bits) | (x >> (64 - bits));
}

// Words are little-endian on every machine, so the value does not depend on
// the host's byte order.
std::uint64_t Read64(const unsigned char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, sizeof v);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  v = __builtin_bswap64(v);
#endif
  return v;
}
std::uint32_t Read32(const unsigned char* p) {
  std::uint32_t v;
  std::memcpy(&v, p, sizeof v);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  v = __builtin_bswap32(v);
#endif
  return v;
}

std::uint64_t Round(std::uint64_t acc, std::uint64_t lane) {
  acc += lane * kPrime2;
  acc = RotateLeft(acc, 31);
  return acc * kPrime1;
}

std::uint64_t MergeAccumulator(std::uint64_t acc, std::uint64_t lane) {
  acc ^= Round(0, lane);
  return acc * kPrime1 + kPrime4;
}

}  // namespace

std::uint64_t Checksum64(std::string_view bytes, std::uint64_t seed) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const unsigned char* const end = p + bytes.size();
  std::uint64_t acc;
  if (bytes.size() >= 32) {
    // Four independent lanes over 32-byte stripes: the CPU runs them in
    // parallel, which is where the speed comes from.
    std::uint64_t v1 = seed + kPrime1 + kPrime2;
    std::uint64_t v2 = seed + kPrime2;
    std::uint64_t v3 = seed;
    std::uint64_t v4 = seed - kPrime1;
    const unsigned char* const last_stripe = end - 32;
    do {
      v1 = Round(v1, Read64(p));
      v2 = Round(v2, Read64(p + 8));
      v3 = Round(v3, Read64(p + 16));
      v4 = Round(v4, Read64(p + 24));
      p += 32;
    } while (p <= last_stripe);
    acc = RotateLeft(v1, 1) + RotateLeft(v2, 7) + RotateLeft(v3, 12) + RotateLeft(v4, 18);
    acc = MergeAccumulator(acc, v1);
    acc = MergeAccumulator(acc, v2);
    acc = MergeAccumulator(acc, v3);
    acc = MergeAccumulator(acc, v4);
  } else {
    acc = seed + kPrime5;
  }
  acc += static_cast<std::uint64_t>(bytes.size());

  for (; end - p >= 8; p += 8) {
    acc ^= Round(0, Read64(p));
    acc = RotateLeft(acc, 27) * kPrime1 + kPrime4;
  }
  if (end - p >= 4) {
    acc ^= static_cast<std::uint64_t>(Read32(p)) * kPrime1;
    acc = RotateLeft(acc, 23) * kPrime2 + kPrime3;
    p += 4;
  }
  for (; p < end; ++p) {
    acc ^= static_cast<std::uint64_t>(*p) * kPrime5;
    acc = RotateLeft(acc, 11) * kPrime1;
  }

  // Avalanche: every input bit affects every output bit.
  acc ^= acc >> 33;
  acc *= kPrime2;
  acc ^= acc >> 29;
  acc *= kPrime3;
  acc ^= acc >> 32;
  return acc;
}

}  // namespace baton::internal
