#include "lib/io/checksum.hpp"

#include <algorithm>
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

Checksum64Stream::Checksum64Stream(std::uint64_t seed)
    : seed_(seed),
      lanes_{seed + kPrime1 + kPrime2, seed + kPrime2, seed, seed - kPrime1} {}

// Four independent lanes over 32-byte stripes: the CPU runs them in
// parallel, which is where the speed comes from.
void Checksum64Stream::Stripe(const unsigned char* p) {
  lanes_[0] = Round(lanes_[0], Read64(p));
  lanes_[1] = Round(lanes_[1], Read64(p + 8));
  lanes_[2] = Round(lanes_[2], Read64(p + 16));
  lanes_[3] = Round(lanes_[3], Read64(p + 24));
}

void Checksum64Stream::Update(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const unsigned char* const end = p + bytes.size();
  total_ += bytes.size();
  if (pending_size_ > 0) {
    const std::size_t take = std::min<std::size_t>(32 - pending_size_, bytes.size());
    std::memcpy(pending_ + pending_size_, p, take);
    pending_size_ += take;
    p += take;
    if (pending_size_ < 32) return;
    Stripe(pending_);
    pending_size_ = 0;
  }
  // The lanes live in registers for the bulk of the input.
  std::uint64_t v0 = lanes_[0], v1 = lanes_[1], v2 = lanes_[2], v3 = lanes_[3];
  for (; end - p >= 32; p += 32) {
    v0 = Round(v0, Read64(p));
    v1 = Round(v1, Read64(p + 8));
    v2 = Round(v2, Read64(p + 16));
    v3 = Round(v3, Read64(p + 24));
  }
  lanes_[0] = v0;
  lanes_[1] = v1;
  lanes_[2] = v2;
  lanes_[3] = v3;
  pending_size_ = static_cast<std::size_t>(end - p);
  if (pending_size_ > 0) std::memcpy(pending_, p, pending_size_);
}

std::uint64_t Checksum64Stream::Digest() const {
  std::uint64_t acc;
  if (total_ >= 32) {
    const std::uint64_t* v = lanes_;
    acc = RotateLeft(v[0], 1) + RotateLeft(v[1], 7) + RotateLeft(v[2], 12) +
          RotateLeft(v[3], 18);
    for (int i = 0; i < 4; ++i) acc = MergeAccumulator(acc, v[i]);
  } else {
    acc = seed_ + kPrime5;
  }
  acc += total_;

  const unsigned char* p = pending_;
  const unsigned char* const end = pending_ + pending_size_;
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
