#include "baton/day.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace baton {
namespace {

TEST(DayTest, RoundTripsEveryDayInRange) {
  for (Day d = kFirstDay; d <= kLastDay; ++d) {
    const std::string text = FormatDay(d);
    auto parsed = ParseDay(text);
    ASSERT_TRUE(parsed.ok()) << text;
    ASSERT_EQ(*parsed, d) << text;
  }
}

TEST(DayTest, KnownDates) {
  EXPECT_EQ(DayFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(FormatDay(DayFromCivil(2024, 2, 29)), "2024-02-29");
  EXPECT_EQ(FormatDay(kNoDay), "");
  EXPECT_EQ(*ParseDay(""), kNoDay);
  EXPECT_EQ(FormatDay(kFirstDay), "1900-01-01");
  EXPECT_EQ(FormatDay(kLastDay), "2199-12-31");
}

// Days far outside the valid range only reach FormatDay in error messages
// (a corrupt snapshot's day is named when it is refused); at the ends of
// the int range the arithmetic overflowed (UBSan, snapshot fuzzer).
TEST(DayTest, FormatsEveryIntWithoutOverflow) {
  EXPECT_EQ(FormatDay(std::numeric_limits<Day>::max()), "5881580-07-11");
  EXPECT_EQ(FormatDay(std::numeric_limits<Day>::min() + 1), "-5877641-06-24");
  EXPECT_EQ(FormatDay(kNoDay), "");
}

TEST(DayTest, RejectsBadText) {
  for (const char* bad :
       {"2023-02-29", "2023-13-01", "2023-1-01", "20230101", "2023-01-0x", "1899-12-31",
        "2200-01-01", " 2023-01-01", "2023-00-10"}) {
    auto parsed = ParseDay(bad);
    EXPECT_FALSE(parsed.ok()) << bad;
    EXPECT_NE(parsed.status().message().find(bad), std::string::npos) << parsed.status();
  }
}

}  // namespace
}  // namespace baton
