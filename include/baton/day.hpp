// Calendar days: Baton's only unit of time.
//
// A Day counts whole days since 1970-01-01 in the proleptic Gregorian
// calendar. Baton never reads the wall clock; every "now" is passed in.
#ifndef BATON_DAY_HPP_
#define BATON_DAY_HPP_

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace baton {

using Day = std::int32_t;

// "No date": an active rep's departure, an open complaint's close, ...
inline constexpr Day kNoDay = std::numeric_limits<Day>::min();
// The range a date may take: 1900-01-01 .. 2199-12-31.
inline constexpr Day kFirstDay = -25567;
inline constexpr Day kLastDay = 84005;

inline constexpr bool IsValidDay(Day d) { return d >= kFirstDay && d <= kLastDay; }

// Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil).
Day DayFromCivil(int year, int month, int day);

// "YYYY-MM-DD"; the empty string for kNoDay.
std::string FormatDay(Day day);

// Parses exactly "YYYY-MM-DD" within [kFirstDay, kLastDay]; the empty string
// gives kNoDay. Errors say what was expected.
absl::StatusOr<Day> ParseDay(std::string_view text);

}  // namespace baton

#endif  // BATON_DAY_HPP_
