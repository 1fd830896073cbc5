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
int ReadTexts(const char* const* texts, std::size_t count, const std::string& field,
              const std::string& count_field, std::vector<std::string>* out);

}  // namespace baton::capi

#endif  // BATON_CAPI_C_TEXT_HPP_
