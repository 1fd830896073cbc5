#include "capi/c_text.hpp"

#include <string_view>

#include "capi/guard.hpp"
#include "lib/model/text.hpp"

namespace baton::capi {

int ReadText(const char* text, const std::string& field, std::string* out) {
  if (text == nullptr) {
    out->clear();
    return BATON_OK;
  }
  const std::string_view view(text);
  const std::size_t bad = internal::FindInvalidUtf8(view);
  if (bad != std::string_view::npos) {
    return ArgError(field + " is not valid UTF-8 (byte " + std::to_string(bad) + ")");
  }
  out->assign(view);
  return BATON_OK;
}

int ReadTexts(const char* const* texts, std::size_t count, std::size_t limit,
              const std::string& field, const std::string& count_field,
              std::vector<std::string>* out) {
  if (count > limit) {
    return ArgError(count_field + " is " + std::to_string(count) + ", more than " +
                    field + " may hold (" + std::to_string(limit) + ")");
  }
  if (count > 0 && texts == nullptr)
    return ArgError(field + " is NULL but " + count_field + " is " +
                    std::to_string(count));
  out->resize(count);
  for (std::size_t k = 0; k < count; ++k) {
    const std::string element = field + "[" + std::to_string(k) + "]";
    if (texts[k] == nullptr) return ArgError(element + " is NULL");
    BATON_RETURN_IF_ERROR(ReadText(texts[k], element, &(*out)[k]));
  }
  return BATON_OK;
}

}  // namespace baton::capi
