#include "baton/day.hpp"

#include <cstdint>
#include <cstdio>

#include "lib/model/strings.hpp"

namespace baton {
using internal::Cat;
namespace {

// Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms".
// In 64 bits: z + 719468 overflows an int for the days near its top, which
// a corrupt snapshot can hold (they are refused, and named in the message).
void CivilFromDays(Day z, int* year, int* month, int* day) {
  const std::int64_t z2 = std::int64_t{z} + 719468;
  const std::int64_t era = (z2 >= 0 ? z2 : z2 - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z2 - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  *year = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2));
  *month = static_cast<int>(m);
  *day = static_cast<int>(d);
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

}  // namespace

Day DayFromCivil(int year, int month, int day) {
  const int y = year - (month <= 2);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned mp = static_cast<unsigned>(month > 2 ? month - 3 : month + 9);
  const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(day) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

std::string FormatDay(Day day) {
  if (day == kNoDay) return std::string();
  int y, m, d;
  CivilFromDays(day, &y, &m, &d);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

absl::StatusOr<Day> ParseDay(std::string_view text) {
  if (text.empty()) return kNoDay;
  auto digits = [&](std::size_t from, std::size_t n, int* out) {
    int v = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      v = v * 10 + (text[i] - '0');
    }
    *out = v;
    return true;
  };
  int y, m, d;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !digits(0, 4, &y) ||
      !digits(5, 2, &m) || !digits(8, 2, &d)) {
    return absl::InvalidArgumentError(
        Cat("expected a date YYYY-MM-DD, got '", text, "'"));
  }
  if (m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) {
    return absl::InvalidArgumentError(Cat("no such date: '", text, "'"));
  }
  const Day day = DayFromCivil(y, m, d);
  if (!IsValidDay(day)) {
    return absl::InvalidArgumentError(
        Cat("date out of range 1900-01-01..2199-12-31: '", text, "'"));
  }
  return day;
}

}  // namespace baton
