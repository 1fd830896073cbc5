// The version, enumeration names and dates of the C API.
#include <array>
#include <cstring>
#include <string>
#include <vector>

#include "baton/day.hpp"
#include "baton/records.hpp"
#include "baton/version.hpp"
#include "capi/enums.hpp"
#include "capi/guard.hpp"

namespace baton::capi {
namespace {

static_assert(BATON_VERSION_NUMBER ==
                  kVersionMajor * 1000000 + kVersionMinor * 1000 + kVersionPatch,
              "capi/baton.h and include/baton/version.hpp disagree on the version");
static_assert(BATON_NO_DAY == kNoDay && BATON_NO_INDEX == kNoIndex);

template <typename Enum>
std::vector<std::string> NamesOf(int type) {
  std::vector<std::string> names;
  const EnumRange range = kEnumRanges[type];
  for (int value = range.first; value <= range.last; ++value) {
    names.emplace_back(NameOf(static_cast<Enum>(value)));
  }
  return names;
}

// Copies of NameOf's strings, so that each is NUL-terminated and lives as
// long as the library. Indexed by type, then by value - first.
const std::array<std::vector<std::string>, kEnumTypeCount>& Names() {
  static const auto* const names =
      new std::array<std::vector<std::string>, kEnumTypeCount>{
          NamesOf<EntityKind>(BATON_ENUM_KIND),
          NamesOf<Depth>(BATON_ENUM_DEPTH),
          NamesOf<ContactRole>(BATON_ENUM_CONTACT_ROLE),
          NamesOf<Attitude>(BATON_ENUM_ATTITUDE),
          NamesOf<Channel>(BATON_ENUM_CHANNEL),
          NamesOf<AccountRole>(BATON_ENUM_ACCOUNT_ROLE),
          NamesOf<DealStage>(BATON_ENUM_STAGE),
          NamesOf<Severity>(BATON_ENUM_SEVERITY),
      };
  return *names;
}

}  // namespace

int CheckEnum(int type, int value, const char* field) noexcept {
  if (type >= 0 && type < kEnumTypeCount && value >= kEnumRanges[type].first &&
      value <= kEnumRanges[type].last) {
    return BATON_OK;
  }
  char text[160];
  std::snprintf(text, sizeof text, "%s: %d is not a valid value (expected %d..%d)", field,
                value, kEnumRanges[type].first, kEnumRanges[type].last);
  return ArgError(text);
}

}  // namespace baton::capi

using baton::capi::Guard;
using baton::capi::kEnumRanges;
using baton::capi::kEnumTypeCount;

extern "C" {

BATON_API unsigned baton_version(void) { return BATON_VERSION_NUMBER; }

BATON_API const char* baton_enum_name(int type, int value) {
  const char* name = nullptr;
  Guard(__func__, [&] {
    if (type < 0 || type >= kEnumTypeCount || value < kEnumRanges[type].first ||
        value > kEnumRanges[type].last) {
      return BATON_EINVALID;
    }
    name = baton::capi::Names()[type][value - kEnumRanges[type].first].c_str();
    return BATON_OK;
  });
  return name;
}

BATON_API int baton_enum_parse(int* out, int type, const char* name) {
  return Guard(__func__, [&] {
    BATON_REQUIRE(out);
    BATON_REQUIRE(name);
    if (type < 0 || type >= kEnumTypeCount) {
      return baton::capi::ArgError("unknown enumeration type " + std::to_string(type));
    }
    const std::vector<std::string>& names = baton::capi::Names()[type];
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i] == name) {
        *out = kEnumRanges[type].first + static_cast<int>(i);
        return BATON_OK;
      }
    }
    std::string expected;
    for (const std::string& known : names)
      expected += (expected.empty() ? "" : ", ") + known;
    return baton::capi::ArgError("unknown name \"" + std::string(name) +
                                 "\" (expected one of " + expected + ")");
  });
}

BATON_API int baton_day_parse(int32_t* out, const char* text) {
  return Guard(__func__, [&] {
    BATON_REQUIRE(out);
    BATON_REQUIRE(text);
    absl::StatusOr<baton::Day> day = baton::ParseDay(text);
    if (!day.ok()) return baton::capi::FromStatus(day.status());
    *out = *day;
    return BATON_OK;
  });
}

BATON_API int baton_day_format(char* buf, size_t cap, size_t* needed, int32_t day) {
  return Guard(__func__, [&] {
    if (day != baton::kNoDay && !baton::IsValidDay(day)) {
      return baton::capi::ArgError("day " + std::to_string(day) +
                                   " is outside 1900-01-01 .. 2199-12-31");
    }
    return baton::capi::CopyText(buf, cap, needed, baton::FormatDay(day));
  });
}

}  // extern "C"
