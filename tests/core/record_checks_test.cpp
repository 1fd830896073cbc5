// SurelyValid, the whole-state check's fast path, never passes a record
// that CheckRecord refuses, and passes the ordinary good ones. Records are
// drawn at random around every edge the checks have: references just
// inside and outside their tables, days at and beyond the limits, NaN and
// out-of-range strengths and money, unknown enum values, texts clean in
// other scripts and malformed ones, a contact of another account.
#include "lib/model/record_checks.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>

#include "absl/strings/str_cat.h"
#include "lib/model/org_access.hpp"
#include "tests/core/small_org.hpp"

namespace baton::internal {
namespace {

class Draw {
 public:
  explicit Draw(const OrgState& s) : s_(s) {}

  Index Ref(std::size_t size) {
    switch (Pick(5)) {
      case 0:
        return kNoIndex;
      case 1:
        return static_cast<Index>(size);
      case 2:
        return static_cast<Index>(size + Pick(3));
      default:
        return static_cast<Index>(Pick(size));
    }
  }
  Day Date() {
    switch (Pick(6)) {
      case 0:
        return kNoDay;
      case 1:
        return kFirstDay - 1;
      case 2:
        return kLastDay + 1;
      case 3:
        return Pick(2) == 0 ? kFirstDay : kLastDay;
      default:
        return DayFromCivil(2020 + static_cast<int>(Pick(7)),
                            1 + static_cast<int>(Pick(12)),
                            1 + static_cast<int>(Pick(28)));
    }
  }
  float Strength() {
    const float edges[] = {0.0f,
                           1.0f,
                           -0.0f,
                           0.5f,
                           -1e-7f,
                           1.0000001f,
                           std::numeric_limits<float>::quiet_NaN(),
                           std::numeric_limits<float>::infinity()};
    return edges[Pick(std::size(edges))];
  }
  template <typename Enum>
  Enum AnyByte() {
    return static_cast<Enum>(Pick(2) == 0 ? Pick(8) : Pick(256));
  }
  std::string Note() {
    const char* notes[] = {"",         "call",          "QBR about renewal", "wizyta ✓",
                           "纷享销客", "bad \xFF byte", "nul\0inside"};
    const std::size_t k = Pick(std::size(notes));
    return k == 6 ? std::string(notes[k], 10) : std::string(notes[k]);
  }
  // Ids and names: empty, at and past the id limit, clean in other
  // scripts, malformed, with a NUL.
  std::string Text() {
    const char* texts[] = {"",         "a17",      "Andrzej Dąbrowski", "徐建华",
                           "\xC0\xAF", "bad \xFF", "cut \xE7\xBA",      "nul\0inside"};
    const std::size_t k = Pick(std::size(texts) + 2);
    if (k == std::size(texts)) return std::string(kMaxIdBytes, 'x');
    if (k == std::size(texts) + 1) return std::string(kMaxIdBytes + 1, 'x');
    return k == 7 ? std::string(texts[k], 11) : std::string(texts[k]);
  }
  double Money() {
    const double edges[] = {0.0,
                            -0.0,
                            125000.0,
                            kMaxMoney,
                            -1.0,
                            std::nextafter(kMaxMoney, 2 * kMaxMoney),
                            std::numeric_limits<double>::quiet_NaN(),
                            std::numeric_limits<double>::infinity()};
    return edges[Pick(std::size(edges))];
  }
  std::int64_t Quantity() {
    const std::int64_t edges[] = {0, 1, 40, kMaxCount, -1, kMaxCount + 1};
    return edges[Pick(std::size(edges))];
  }
  std::size_t Pick(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(random_);
  }
  const OrgState& state() const { return s_; }

 private:
  const OrgState& s_;
  std::mt19937_64 random_{20261202};
};

// Draws 200,000 records with `draw_record`; each that SurelyValid passes
// must pass CheckRecord too. Returns how many SurelyValid passed, so a
// test can show the fast path is taken, not only refused.
template <typename DrawRecord>
int CountPassedAndCheckThem(const OrgState& s, DrawRecord draw_record) {
  int passed = 0;
  for (int k = 0; k < 200000 && !::testing::Test::HasFailure(); ++k) {
    const auto r = draw_record();
    if (!SurelyValid(s, r)) continue;
    ++passed;
    EXPECT_TRUE(CheckRecord(s, r).ok()) << CheckRecord(s, r);
  }
  return passed;
}

TEST(SurelyValidTest, NeverPassesARelationshipCheckRecordRefuses) {
  const Org org = testing::SmallOrg();
  const OrgState& s = internal_state(org);
  Draw draw(s);
  const int passed = CountPassedAndCheckThem(s, [&] {
    Relationship r;
    r.rep = draw.Ref(s.reps.size());
    r.contact = draw.Ref(s.contacts.size());
    r.strength = draw.Strength();
    r.depth = draw.AnyByte<Depth>();
    r.since = draw.Date();
    r.last_touch = draw.Date();
    return r;
  });
  EXPECT_GT(passed, 1000);
}

// Notes are pooled: SurelyValid checks the number, CheckPools the texts.
TEST(SurelyValidTest, NeverPassesAnInteractionCheckRecordRefuses) {
  const Org org = testing::SmallOrg();
  OrgState s = internal_state(org);
  Draw draw(s);
  const int passed = CountPassedAndCheckThem(s, [&] {
    Interaction r;
    r.on = draw.Date();
    r.channel = draw.AnyByte<Channel>();
    r.rep = draw.Ref(s.reps.size());
    r.account = draw.Ref(s.accounts.size());
    // Often the contact of the account drawn, so that the rule that it
    // belongs to that account is met as well as broken.
    r.contact = draw.Ref(s.contacts.size());
    if (r.account < s.accounts.size() && draw.Pick(2) == 0) {
      for (ContactIndex c = 0; c < s.contacts.size(); ++c) {
        if (s.contacts[c].account == r.account) r.contact = c;
      }
    }
    // Only valid texts enter the pool; a number may point past it.
    const std::string note = draw.Note();
    r.note = draw.Pick(4) == 0 || !TextProblem(note).empty()
                 ? static_cast<Note>(draw.Pick(s.notes.size() + 3))
                 : s.notes.Intern(note);
    return r;
  });
  EXPECT_GT(passed, 1000);
  EXPECT_TRUE(CheckPools(s).ok());
}

TEST(SurelyValidTest, NeverPassesAnAccountCheckRecordRefuses) {
  const Org org = testing::SmallOrg();
  const OrgState& s = internal_state(org);
  Draw draw(s);
  const int passed = CountPassedAndCheckThem(s, [&] {
    Account r;
    r.id = draw.Text();
    r.name = draw.Text();
    r.tier = draw.Ref(s.tiers.size());
    r.annual_value = draw.Money();
    r.customer_since = draw.Date();
    r.renewal_on = draw.Date();
    r.territory = draw.Ref(s.tags.size());
    r.segment = draw.Ref(s.tags.size());
    r.group = draw.Ref(s.tags.size());
    r.owner = draw.Ref(s.reps.size());
    return r;
  });
  EXPECT_GT(passed, 100);
}

TEST(SurelyValidTest, NeverPassesAContactCheckRecordRefuses) {
  const Org org = testing::SmallOrg();
  const OrgState& s = internal_state(org);
  Draw draw(s);
  const int passed = CountPassedAndCheckThem(s, [&] {
    Contact r;
    r.id = draw.Text();
    r.account = draw.Ref(s.accounts.size());
    r.name = draw.Text();
    r.role = draw.AnyByte<ContactRole>();
    r.attitude = draw.AnyByte<Attitude>();
    return r;
  });
  EXPECT_GT(passed, 1000);
}

// A product is a tag that must be named within an id's limits.
TEST(SurelyValidTest, NeverPassesAProductHoldingCheckRecordRefuses) {
  const Org org = testing::SmallOrg();
  OrgState s = internal_state(org);
  s.tags.Intern(std::string(kMaxIdBytes, 'p'));
  s.tags.Intern(std::string(kMaxIdBytes + 1, 'p'));
  Draw draw(s);
  const int passed = CountPassedAndCheckThem(s, [&] {
    ProductHolding r;
    r.account = draw.Ref(s.accounts.size());
    r.product = draw.Pick(3) == 0 ? static_cast<Tag>(s.tags.size() - 1 - draw.Pick(2))
                                  : draw.Ref(s.tags.size());
    r.quantity = draw.Quantity();
    return r;
  });
  EXPECT_GT(passed, 1000);
}

TEST(SurelyValidTest, PassesTheRecordsOfAGoodOrganisation) {
  const Org org = testing::SmallOrg();
  const OrgState& s = internal_state(org);
  for (const Relationship& r : s.relationships) EXPECT_TRUE(SurelyValid(s, r));
  for (const Interaction& r : s.interactions) EXPECT_TRUE(SurelyValid(s, r));
  for (const Account& r : s.accounts) EXPECT_TRUE(SurelyValid(s, r)) << r.id;
  for (const Contact& r : s.contacts) EXPECT_TRUE(SurelyValid(s, r)) << r.id;
  for (const ProductHolding& r : s.products) EXPECT_TRUE(SurelyValid(s, r));
  EXPECT_TRUE(CheckPools(s).ok()) << CheckPools(s);
}

TEST(CheckPoolsTest, NamesThePoolAndTheTextThatIsNotValid) {
  const Org org = testing::SmallOrg();
  const struct {
    std::string text;
    const char* problem;
  } bad[] = {{"bad \xFF byte", "invalid UTF-8 at byte 4"},
             {std::string("nul\0inside", 10), "NUL byte at byte 3"},
             {std::string(kMaxTextBytes + 1, 'x'), "longer than 65536 bytes"}};
  for (const auto& [text, problem] : bad) {
    OrgState s = internal_state(org);
    const Note note = s.notes.Intern(text);
    const absl::Status status = CheckPools(s);
    EXPECT_THAT(
        std::string(status.message()),
        ::testing::HasSubstr(absl::StrCat("notes text ", note, ": text: ", problem)));
    s = internal_state(org);
    const Tag tag = s.tags.Intern(text);
    EXPECT_THAT(std::string(CheckPools(s).message()),
                ::testing::HasSubstr(absl::StrCat("tags text ", tag)));
  }
}

}  // namespace
}  // namespace baton::internal
