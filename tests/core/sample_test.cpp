// The sample generator: deterministic from its seed, the requested size, and
// the shape the domain asks for (tiers, single-threaded accounts, departed
// reps, dates, names in several scripts).
#include "baton/sample.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "baton/csv.hpp"
#include "baton/org.hpp"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace baton {
namespace {

using ::testing::HasSubstr;

// FNV-1a over a canonical dump of the generated records: pins the generator's
// output independently of Org::StateHash.
class Digest {
 public:
  void Add(std::string_view text) {
    for (unsigned char c : text) Byte(c);
    Byte(0xff);
  }
  void Add(std::int64_t v) {
    for (int i = 0; i < 8; ++i) Byte(static_cast<unsigned char>(v >> (8 * i)));
  }
  void Add(double v) {
    std::uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    Add(static_cast<std::int64_t>(bits));
  }
  std::uint64_t value() const { return h_; }

 private:
  void Byte(unsigned char c) { h_ = (h_ ^ c) * 0x100000001b3ULL; }
  std::uint64_t h_ = 0xcbf29ce484222325ULL;
};

std::uint64_t DigestOf(const Org& org) {
  Digest d;
  for (const Rep& r : org.reps()) {
    d.Add(r.id), d.Add(r.name), d.Add(std::int64_t{r.team}),
        d.Add(std::int64_t{r.manager});
    d.Add(std::int64_t{r.seniority}), d.Add(r.capacity), d.Add(org.tag(r.territory));
    d.Add(std::int64_t{r.departed_on}), d.Add(r.destination);
  }
  for (const TierPolicy& t : org.tiers()) d.Add(std::int64_t{t.max_per_rep});
  for (const Account& a : org.accounts()) {
    d.Add(a.id), d.Add(a.name), d.Add(a.annual_value), d.Add(std::int64_t{a.tier});
    d.Add(std::int64_t{a.owner}), d.Add(org.tag(a.group)),
        d.Add(std::int64_t{a.renewal_on});
  }
  for (const Contact& c : org.contacts()) d.Add(c.name), d.Add(std::int64_t{c.account});
  for (const Relationship& r : org.relationships()) {
    d.Add(std::int64_t{r.rep}), d.Add(std::int64_t{r.contact}), d.Add(double{r.strength});
    d.Add(std::int64_t{r.since}), d.Add(std::int64_t{r.last_touch});
  }
  for (const Interaction& i : org.interactions()) {
    d.Add(std::int64_t{i.on}), d.Add(std::int64_t{i.rep}), d.Add(org.note(i.note));
  }
  for (const Deal& x : org.deals()) d.Add(x.amount), d.Add(std::int64_t{x.close_on});
  for (const Complaint& x : org.complaints()) d.Add(std::int64_t{x.opened_on});
  for (const ProductHolding& x : org.products()) d.Add(x.quantity);
  return d.value();
}

Org Generate(const SampleOptions& options) {
  absl::StatusOr<Org> org = GenerateSampleOrg(options);
  EXPECT_TRUE(org.ok()) << org.status();
  return org.ok() ? *std::move(org) : Org();
}

SampleOptions Options(std::size_t accounts, std::uint64_t seed = 1) {
  SampleOptions options;
  options.accounts = accounts;
  options.seed = seed;
  return options;
}

bool HasNonAscii(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

bool Deep(Depth d) { return d >= Depth::kMutualBenefit; }

// The reps tied to any contact of `account`, ascending.
std::set<RepIndex> TiedReps(const Org& org, AccountIndex account) {
  std::vector<RelationshipIndex> ties;
  org.RelationshipsOfAccount(account, &ties);
  std::set<RepIndex> reps;
  for (RelationshipIndex r : ties) reps.insert(org.relationships()[r].rep);
  return reps;
}

// --- determinism -------------------------------------------------------------

TEST(SampleTest, SameOptionsGiveTheSameOrganisation) {
  const Org first = Generate(Options(1500, 7));
  const Org second = Generate(Options(1500, 7));
  EXPECT_EQ(first.StateHash(), second.StateHash());
  EXPECT_EQ(DigestOf(first), DigestOf(second));
}

TEST(SampleTest, DifferentSeedsGiveDifferentOrganisations) {
  const Org first = Generate(Options(1500, 1));
  const Org second = Generate(Options(1500, 2));
  EXPECT_NE(first.StateHash(), second.StateHash());
  EXPECT_NE(DigestOf(first), DigestOf(second));
}

TEST(SampleTest, OtherOptionsChangeTheOrganisation) {
  SampleOptions options = Options(800);
  const std::uint64_t base = Generate(options).StateHash();
  options.today += 1;
  EXPECT_NE(Generate(options).StateHash(), base);
  options = Options(800);
  options.relationships_per_account = 6;
  EXPECT_NE(Generate(options).StateHash(), base);
}

// The generator uses no floating-point function that differs across
// libraries and no std distribution, so this value holds on every machine.
// Change it only when the generator is changed on purpose (and regenerate
// examples/sample with scripts/make-sample.sh).
TEST(SampleTest, OutputIsPinned) {
  EXPECT_EQ(DigestOf(Generate(Options(1000, 1))), 0xa822ac069578181bULL);
}

// examples/sample is this generator's output (scripts/make-sample.sh); the
// demo loads it. If this fails after a change to the generator or the CSV
// format, rerun scripts/make-sample.sh and commit the result.
TEST(SampleTest, BundledSampleIsUpToDate) {
  Org bundled;
  const absl::Status status = ImportCsv(BATON_SOURCE_DIR "/examples/sample", bundled);
  ASSERT_TRUE(status.ok()) << status;
  SampleOptions options = Options(2000, 1);
  options.interactions_per_account = 10;
  const Org generated = Generate(options);
  EXPECT_EQ(bundled.reps().size(), 50u);
  EXPECT_EQ(bundled.StateHash(), generated.StateHash());
}

// --- sizes -----------------------------------------------------------------------

TEST(SampleTest, TinyOrganisationsAreValid) {
  for (std::size_t n : {1, 2, 7, 40}) {
    const Org org = Generate(Options(n));
    EXPECT_EQ(org.accounts().size(), n);
    EXPECT_EQ(org.reps().size(), 4u);
    EXPECT_GE(org.contacts().size(), n);
  }
}

TEST(SampleTest, RepsOptionSetsTheHeadcount) {
  SampleOptions options = Options(3000);
  options.reps = 123;
  const Org org = Generate(options);
  EXPECT_EQ(org.reps().size(), 123u);
  EXPECT_EQ(org.teams().size(), 15u);  // about eight reps each
}

TEST(SampleTest, RejectsBadOptions) {
  SampleOptions options = Options(0);
  absl::StatusOr<Org> org = GenerateSampleOrg(options);
  EXPECT_EQ(org.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(org.status().message(), HasSubstr("SampleOptions.accounts"));

  options = Options(10);
  options.relationships_per_account = std::nan("");
  org = GenerateSampleOrg(options);
  EXPECT_THAT(org.status().message(), HasSubstr("relationships_per_account"));

  options = Options(10);
  options.interactions_per_account = -1;
  EXPECT_FALSE(GenerateSampleOrg(options).ok());

  options = Options(10);
  options.today = kLastDay;
  org = GenerateSampleOrg(options);
  EXPECT_THAT(org.status().message(), HasSubstr("SampleOptions.today"));
}

// --- shape, checked on a small and a large-ish organisation ------------------------

class SampleShapeTest : public ::testing::TestWithParam<std::size_t> {
 protected:
  static const Org& OrgOf(std::size_t accounts) {
    static std::map<std::size_t, std::unique_ptr<Org>> cache;
    auto& org = cache[accounts];
    if (!org) org = std::make_unique<Org>(Generate(Options(accounts, 11)));
    return *org;
  }
  const Org& org() const { return OrgOf(GetParam()); }
  double accounts() const { return static_cast<double>(GetParam()); }
  Day today() const { return SampleOptions().today; }
};

TEST_P(SampleShapeTest, CountsAreNearTheRequestedSizes) {
  const Org& o = org();
  EXPECT_EQ(o.accounts().size(), GetParam());
  EXPECT_EQ(o.reps().size(), GetParam() / 40);
  EXPECT_NEAR(o.teams().size(), o.reps().size() / 8.0, 1.0);
  EXPECT_NEAR(o.contacts().size() / accounts(), 3.05, 0.25);
  EXPECT_NEAR(o.relationships().size() / accounts(), 4.0, 0.4);
  EXPECT_NEAR(o.interactions().size() / accounts(), 12.0, 1.2);
  EXPECT_NEAR(o.account_team().size() / accounts(), 0.39, 0.1);
  for (AccountIndex a = 0; a < o.accounts().size(); ++a) {
    ASSERT_GE(o.ContactsOf(a).size(), 1u);
    ASSERT_LE(o.ContactsOf(a).size(), 6u);
    ASSERT_GE(o.ProductsOf(a).size(), 1u);
    ASSERT_EQ(o.contacts()[o.ContactsOf(a)[0]].role, ContactRole::kDecisionMaker);
  }
}

TEST_P(SampleShapeTest, TiersFollowValueQuantiles) {
  const Org& o = org();
  ASSERT_EQ(o.tiers().size(), 3u);
  std::vector<double> count(3), lowest(3, 1e300), highest(3, 0);
  double total = 0;
  for (const Account& a : o.accounts()) {
    ++count[a.tier];
    lowest[a.tier] = std::min(lowest[a.tier], a.annual_value);
    highest[a.tier] = std::max(highest[a.tier], a.annual_value);
    total += a.annual_value;
  }
  EXPECT_NEAR(count[0] / accounts(), 0.10, 0.01);
  EXPECT_NEAR(count[1] / accounts(), 0.30, 0.01);
  EXPECT_NEAR(count[2] / accounts(), 0.60, 0.01);
  EXPECT_GE(lowest[0], highest[1]);
  EXPECT_GE(lowest[1], highest[2]);
  // Heavy tail: the A tenth holds most of the value.
  double a_value = 0;
  for (const Account& a : o.accounts()) a_value += a.tier == 0 ? a.annual_value : 0;
  EXPECT_GT(a_value / total, 0.5);
  EXPECT_EQ(o.tiers()[0].id, "A");
  EXPECT_GT(o.tiers()[0].load_weight, o.tiers()[1].load_weight);
  EXPECT_GT(o.tiers()[0].max_per_rep, 0);
}

TEST_P(SampleShapeTest, OwnersAreSeniorEnoughAndMostlyLocal) {
  const Org& o = org();
  std::size_t owned = 0, senior_enough = 0, local = 0, unowned = 0;
  for (const Account& a : o.accounts()) {
    if (a.owner == kNoIndex) {
      ++unowned;
      continue;
    }
    const Rep& owner = o.reps()[a.owner];
    ASSERT_TRUE(owner.active()) << a.id;
    ++owned;
    senior_enough += owner.seniority >= o.tiers()[a.tier].min_seniority;
    local += owner.territory == a.territory && owner.segment == a.segment;
  }
  EXPECT_GT(senior_enough, 0.98 * owned);
  EXPECT_GT(local, 0.8 * owned);
  EXPECT_GT(unowned, 0u);
  EXPECT_LT(unowned, 0.05 * accounts());
  EXPECT_EQ(o.AccountsWithoutOwner().size(), unowned);
}

TEST_P(SampleShapeTest, CapacityIsMostlyRespected) {
  const Org& o = org();
  std::size_t active = 0, over = 0;
  double load = 0, capacity = 0;
  for (RepIndex r = 0; r < o.reps().size(); ++r) {
    if (!o.reps()[r].active()) continue;
    std::int64_t rep_load = 0;
    for (AccountIndex a : o.AccountsOwnedBy(r)) {
      rep_load += o.tiers()[o.accounts()[a].tier].load_weight;
    }
    ++active;
    over += rep_load > o.reps()[r].capacity;
    load += rep_load;
    capacity += o.reps()[r].capacity;
  }
  EXPECT_GT(over, 0u);            // some reps are stretched ...
  EXPECT_LT(over, 0.4 * active);  // ... most are not
  EXPECT_NEAR(load / capacity, 0.85, 0.1);
}

TEST_P(SampleShapeTest, SomeRepsHaveDepartedAndOwnNothing) {
  const Org& o = org();
  std::size_t departed = 0, to_competitor = 0;
  for (RepIndex r = 0; r < o.reps().size(); ++r) {
    const Rep& rep = o.reps()[r];
    if (rep.active()) continue;
    ++departed;
    to_competitor += rep.to_competitor;
    EXPECT_FALSE(rep.destination.empty());
    EXPECT_LE(rep.departed_on, today());
    EXPECT_TRUE(o.AccountsOwnedBy(r).empty());
    EXPECT_TRUE(o.AccountTeamSeatsOf(r).empty());
    for (RelationshipIndex i : o.RelationshipsOfRep(r)) {
      EXPECT_LE(o.relationships()[i].last_touch, rep.departed_on);
    }
  }
  for (const Interaction& i : o.interactions()) {
    const Rep& rep = o.reps()[i.rep];
    if (!rep.active()) {
      ASSERT_LE(i.on, rep.departed_on);
    }
  }
  for (const Deal& d : o.deals()) {
    if (d.owner != kNoIndex) {
      EXPECT_TRUE(o.reps()[d.owner].active());
    }
  }
  EXPECT_GE(departed, 1);
  EXPECT_LE(departed, 0.04 * o.reps().size() + 1);
  EXPECT_GT(to_competitor, 0u);
}

TEST_P(SampleShapeTest, SomeAccountsRestOnOneRep) {
  const Org& o = org();
  std::size_t owned = 0, single = 0, deep_owner_only = 0;
  for (AccountIndex a = 0; a < o.accounts().size(); ++a) {
    const RepIndex owner = o.accounts()[a].owner;
    if (owner == kNoIndex) continue;
    ++owned;
    const std::set<RepIndex> reps = TiedReps(o, a);
    single += reps.size() == 1 && *reps.begin() == owner;
    std::vector<RelationshipIndex> ties;
    o.RelationshipsOfAccount(a, &ties);
    bool owner_deep = false, other_deep = false;
    for (RelationshipIndex t : ties) {
      const Relationship& tie = o.relationships()[t];
      (tie.rep == owner ? owner_deep : other_deep) |= Deep(tie.depth);
    }
    deep_owner_only += owner_deep && !other_deep;
  }
  EXPECT_NEAR(single / static_cast<double>(owned), 0.15, 0.04);
  EXPECT_GT(deep_owner_only, 0.05 * owned);
}

TEST_P(SampleShapeTest, RelationshipsVaryInDepthAndRecency) {
  const Org& o = org();
  std::vector<std::size_t> depth(6);
  std::size_t stale = 0, recent = 0;
  for (const Relationship& r : o.relationships()) {
    ++depth[static_cast<int>(r.depth)];
    stale += r.last_touch < today() - 180;
    recent += r.last_touch >= today() - 30;
    ASSERT_GE(r.strength, 0.0f);
    ASSERT_LE(r.strength, 1.0f);
  }
  for (int d = 1; d <= 5; ++d) EXPECT_GT(depth[d], 0u) << d;
  const double n = static_cast<double>(o.relationships().size());
  EXPECT_GT(stale / n, 0.1);
  EXPECT_GT(recent / n, 0.2);
}

// Interactions belong to relationships: a rep talks to a contact they know.
TEST_P(SampleShapeTest, InteractionsFollowRelationships) {
  const Org& o = org();
  for (const Interaction& i : o.interactions()) {
    ASSERT_GE(i.on, o.accounts()[i.account].customer_since);
    if (i.contact != kNoIndex) {
      ASSERT_TRUE(o.FindRelationship(i.rep, i.contact).has_value());
    }
  }
  std::set<Channel> channels;
  for (const Interaction& i : o.interactions()) channels.insert(i.channel);
  EXPECT_GE(channels.size(), 6u);
}

TEST_P(SampleShapeTest, NothingIsDatedAfterTodayButRenewalsAndCloses) {
  const Org& o = org();
  const Day first = today() - 730, last = today() + 365;
  auto in_past = [&](Day d) { return d == kNoDay || (d >= first && d <= today()); };
  auto ahead = [&](Day d) { return d > today() && d <= last; };
  for (const Rep& r : o.reps()) ASSERT_TRUE(in_past(r.departed_on)) << r.id;
  for (const Account& a : o.accounts()) {
    ASSERT_TRUE(in_past(a.customer_since)) << a.id;
    ASSERT_TRUE(ahead(a.renewal_on)) << a.id;
  }
  for (const Relationship& r : o.relationships()) {
    ASSERT_TRUE(in_past(r.since) && in_past(r.last_touch));
    ASSERT_LE(r.since, r.last_touch);
  }
  for (const Interaction& i : o.interactions()) ASSERT_TRUE(in_past(i.on));
  for (const Complaint& c : o.complaints()) {
    ASSERT_TRUE(in_past(c.opened_on) && in_past(c.closed_on)) << c.id;
  }
  for (const Deal& d : o.deals()) {
    ASSERT_TRUE(IsOpen(d.stage) ? ahead(d.close_on) : in_past(d.close_on)) << d.id;
  }
}

TEST_P(SampleShapeTest, DealsComplaintsAndGroups) {
  const Org& o = org();
  std::set<AccountIndex> with_open_deal;
  for (const Deal& d : o.deals()) {
    if (IsOpen(d.stage)) with_open_deal.insert(d.account);
  }
  EXPECT_NEAR(with_open_deal.size() / accounts(), 0.20, 0.04);
  std::size_t open_complaints = 0;
  std::set<AccountIndex> complaining;
  for (const Complaint& c : o.complaints()) {
    open_complaints += c.open();
    complaining.insert(c.account);
  }
  EXPECT_NEAR(complaining.size() / accounts(), 0.08, 0.03);
  EXPECT_GT(open_complaints, 0u);
  EXPECT_LT(open_complaints, o.complaints().size());

  std::map<Tag, std::vector<AccountIndex>> groups;
  for (AccountIndex a = 0; a < o.accounts().size(); ++a) {
    if (o.accounts()[a].group != kNoTag) groups[o.accounts()[a].group].push_back(a);
  }
  std::size_t grouped = 0;
  for (const auto& [tag, members] : groups) {
    EXPECT_GE(members.size(), 2u) << o.tag(tag);
    EXPECT_LE(members.size(), 5u) << o.tag(tag);
    for (AccountIndex a : members) {  // a group moves together
      EXPECT_EQ(o.accounts()[a].owner, o.accounts()[members[0]].owner) << o.tag(tag);
    }
    grouped += members.size();
  }
  EXPECT_NEAR(grouped / accounts(), 0.05, 0.025);
}

TEST_P(SampleShapeTest, NamesComeInSeveralScripts) {
  const Org& o = org();
  std::size_t non_ascii_accounts = 0, chinese = 0, polish = 0;
  for (const Account& a : o.accounts()) {
    non_ascii_accounts += HasNonAscii(a.name);
    chinese += a.name.find("有限公司") != std::string::npos;
    polish += a.name.find("Sp. z o.o.") != std::string::npos;
    ASSERT_FALSE(a.name.empty());
  }
  EXPECT_GT(non_ascii_accounts, 0u);
  EXPECT_GT(chinese, 0u);
  EXPECT_GT(polish, 0u);
  EXPECT_TRUE(std::any_of(o.contacts().begin(), o.contacts().end(),
                          [](const Contact& c) { return HasNonAscii(c.name); }));
  std::set<std::string_view> territories;
  for (const Account& a : o.accounts()) territories.insert(o.tag(a.territory));
  EXPECT_TRUE(territories.count("Łódź") || territories.count("深圳"));
}

TEST_P(SampleShapeTest, AccountTeamsNeverSeatTheOwner) {
  const Org& o = org();
  std::set<AccountIndex> with_team;
  for (const AccountTeamMember& m : o.account_team()) {
    ASSERT_NE(m.rep, o.accounts()[m.account].owner);
    ASSERT_TRUE(o.reps()[m.rep].active());
    with_team.insert(m.account);
  }
  EXPECT_NEAR(with_team.size() / accounts(), 0.30, 0.06);
}

INSTANTIATE_TEST_SUITE_P(Sizes, SampleShapeTest, ::testing::Values(2000, 50000),
                         [](const auto& info) { return std::to_string(info.param); });

TEST(SampleTest, RelationshipsPerAccountIsHonoured) {
  SampleOptions options = Options(5000, 3);
  options.relationships_per_account = 10;
  options.interactions_per_account = 5;
  const Org org = Generate(options);
  EXPECT_NEAR(org.relationships().size() / 5000.0, 10.0, 0.5);
  EXPECT_NEAR(org.interactions().size() / 5000.0, 5.0, 0.5);
}

}  // namespace
}  // namespace baton
