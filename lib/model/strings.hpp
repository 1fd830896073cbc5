// Debian's Abseil is built with its own string_view (ABSL_OPTION_USE_STD_STRING_VIEW
// is 0), which does not convert from std::string_view. These bridge the two.
#ifndef BATON_LIB_MODEL_STRINGS_HPP_
#define BATON_LIB_MODEL_STRINGS_HPP_

#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace baton::internal {

inline absl::string_view AsAbsl(std::string_view s) { return {s.data(), s.size()}; }
inline std::string_view AsStd(absl::string_view s) { return {s.data(), s.size()}; }

namespace strings_detail {
inline absl::string_view Piece(std::string_view s) { return AsAbsl(s); }
inline absl::string_view Piece(const std::string& s) { return AsAbsl(s); }
inline absl::string_view Piece(const char* s) { return s; }
template <typename T>
const T& Piece(const T& v) {
  return v;
}
}  // namespace strings_detail

// absl::StrCat that also takes std::string_view.
template <typename... Args>
std::string Cat(const Args&... args) {
  return absl::StrCat(strings_detail::Piece(args)...);
}

}  // namespace baton::internal

#endif  // BATON_LIB_MODEL_STRINGS_HPP_
