#include "lib/io/payload_checksum.hpp"

#include <algorithm>

namespace baton::internal {
namespace {

constexpr std::uint64_t kOffsetBytes = sizeof(std::uint64_t);

}  // namespace

std::uint64_t CombinePartChecksums(std::uint64_t first, std::uint64_t second) {
  char digests[2 * kOffsetBytes];
  for (std::size_t i = 0; i < kOffsetBytes; ++i) {
    digests[i] = static_cast<char>((first >> (8 * i)) & 0xFF);
    digests[kOffsetBytes + i] = static_cast<char>((second >> (8 * i)) & 0xFF);
  }
  return Checksum64(std::string_view(digests, sizeof digests));
}

void PayloadChecksumStream::Update(std::string_view bytes) {
  while (!bytes.empty()) {
    std::size_t n = bytes.size();
    if (by_parts_ && !in_second_) {
      // The offset's bytes alone, then up to the cut.
      const std::uint64_t until = seen_ < kOffsetBytes ? kOffsetBytes : cut_;
      n = static_cast<std::size_t>(std::min<std::uint64_t>(n, until - seen_));
    }
    Feed(bytes.substr(0, n));
    bytes.remove_prefix(n);
  }
}

void PayloadChecksumStream::Feed(std::string_view bytes) {
  if (in_second_) {
    second_.Update(bytes);
    seen_ += bytes.size();
    return;
  }
  first_.Update(bytes);
  if (!by_parts_) return;
  for (std::size_t i = 0; i < bytes.size() && seen_ + i < kOffsetBytes; ++i) {
    cut_ |= std::uint64_t{static_cast<unsigned char>(bytes[i])} << (8 * (seen_ + i));
  }
  seen_ += bytes.size();
  if (seen_ < kOffsetBytes) return;
  if (cut_ < kOffsetBytes) {
    by_parts_ = false;  // an offset inside itself: hashed as one
  } else if (seen_ == cut_) {
    in_second_ = true;
  }
}

std::uint64_t PayloadChecksumStream::Digest() const {
  // A cut never reached (the offset lies past the end) leaves the whole
  // payload in the first part's hash.
  if (!in_second_) return first_.Digest();
  return CombinePartChecksums(first_.Digest(), second_.Digest());
}

}  // namespace baton::internal
