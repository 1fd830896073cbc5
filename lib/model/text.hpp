// Rules for the strings an organisation holds.
#ifndef BATON_LIB_MODEL_TEXT_HPP_
#define BATON_LIB_MODEL_TEXT_HPP_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace baton::internal {

inline constexpr std::size_t kMaxIdBytes = 256;
inline constexpr std::size_t kMaxTextBytes = 64 * 1024;

// Well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing
// above U+10FFFF. Returns the byte offset of the first bad byte, or npos.
std::size_t FindInvalidUtf8(std::string_view text);

// True when `text` is well-formed UTF-8 (as FindInvalidUtf8 checks) and
// holds no NUL: what every stored text must be, but for its length. One
// pass with no branch on the bytes, so names in other scripts (Dąbrowski,
// 纷享销客) cost a few cycles a byte where the byte-by-byte decoding of
// FindInvalidUtf8 took several times that.
bool IsCleanUtf8(std::string_view text);

// True when every byte of `text` is in 1..127: ASCII without NUL, which
// passes every text rule but the length. Most ids, names and notes are, and
// a load checks some 30 M of them: one inline pass, eight bytes at a time,
// spares them FindInvalidUtf8 and a search for NUL.
inline bool IsPlainAscii(std::string_view text) {
  constexpr std::uint64_t kLow = 0x0101010101010101u;
  constexpr std::uint64_t kHigh = 0x8080808080808080u;
  const char* p = text.data();
  std::size_t n = text.size();
  std::uint64_t bad = 0;
  for (; n >= 8; p += 8, n -= 8) {
    std::uint64_t word;
    std::memcpy(&word, p, 8);
    bad |= (word | ((word - kLow) & ~word)) & kHigh;  // a high bit, or a zero byte
  }
  for (; n > 0; ++p, --n) {
    bad |= static_cast<unsigned char>(*p - 1) >= 0x7F;  // 0 wraps to 255
  }
  return bad == 0;
}

}  // namespace baton::internal

#endif  // BATON_LIB_MODEL_TEXT_HPP_
