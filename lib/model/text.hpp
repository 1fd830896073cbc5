// Rules for the strings an organisation holds.
#ifndef BATON_LIB_MODEL_TEXT_HPP_
#define BATON_LIB_MODEL_TEXT_HPP_

#include <cstddef>
#include <string_view>

namespace baton::internal {

inline constexpr std::size_t kMaxIdBytes = 256;
inline constexpr std::size_t kMaxTextBytes = 64 * 1024;

// Well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing
// above U+10FFFF. Returns the byte offset of the first bad byte, or npos.
std::size_t FindInvalidUtf8(std::string_view text);

}  // namespace baton::internal

#endif  // BATON_LIB_MODEL_TEXT_HPP_
