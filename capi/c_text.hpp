// Strings and string arrays from C callers, checked: NULL where a string is
// required, invalid UTF-8, an array that is NULL while its count is not.
#ifndef BATON_CAPI_C_TEXT_HPP_
#define BATON_CAPI_C_TEXT_HPP_

#include <cstddef>
#include <string>
#include <vector>

namespace baton::capi {

// `text` as a std::string; NULL reads as "". BATON_EINVALID naming `field`
// for invalid UTF-8.
int ReadText(const char* text, const std::string& field, std::string* out);

// `count` strings of the array `field` (counted by `count_field`), none NULL.
// A count above `limit` is refused before anything is read or allocated.
int ReadTexts(const char* const* texts, std::size_t count, std::size_t limit,
              const std::string& field, const std::string& count_field,
              std::vector<std::string>* out);

// The most features (or columns) a risk model, a training table or a list of
// expected features may have through the C API.
inline constexpr std::size_t kMaxFeatures = 65536;

}  // namespace baton::capi

#endif  // BATON_CAPI_C_TEXT_HPP_
