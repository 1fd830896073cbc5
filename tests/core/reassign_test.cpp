// Reassigner: each rule and preference on hand-made organisations, every
// rule on hundreds of generated ones, and optimality against brute force.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <thread>

#include "baton/baton.hpp"
#include "tests/core/reassign_rules.hpp"
#include "tests/core/small_org.hpp"

namespace baton {
namespace {

using ::baton::testing::D;
using ::baton::testing::ExpectRulesKept;
using ::baton::testing::Named;
using ::testing::HasSubstr;

const Day kToday = DayFromCivil(2026, 11, 1);

// One team; the leaver owns three accounts; Kasia knows the decision maker
// of a-big deeply; Jan is junior; Ola is a stranger with little load.
Batch HandoverBatch() {
  Batch b;
  b.Add(TeamSpec{"t1", "Team 1", ""});
  b.Add(RepSpec{"r-leaver", "Leo Leaver", "t1", "", 3, 30, "north", "smb"});
  b.Add(RepSpec{"r-kasia", "Kasia Nowak", "t1", "", 3, 30, "north", "smb"});
  b.Add(RepSpec{"r-jan", "Jan Junior", "t1", "", 1, 30, "north", "smb"});
  b.Add(RepSpec{"r-ola", "Ola Stranger", "t1", "", 3, 30, "south", "enterprise"});
  b.Add(TierSpec{"A", 3, 3, 0});
  b.Add(TierSpec{"C", 1, 0, 0});
  b.Add(AccountSpec{"a-big", "Big Co", "A", 500'000, kNoDay, kNoDay, "north", "smb", "",
                    "r-leaver"});
  b.Add(AccountSpec{"a-small", "Small Co", "C", 5'000, kNoDay, kNoDay, "south", "smb", "",
                    "r-leaver"});
  b.Add(AccountSpec{"a-tiny", "Tiny Co", "C", 1'000, kNoDay, kNoDay, "north", "smb", "",
                    "r-leaver"});
  b.Add(ContactSpec{"c-dm", "a-big", "Anna Decyzja", ContactRole::kDecisionMaker, true});
  b.Add(ContactSpec{"c-user", "a-small", "Uma User", ContactRole::kUser, false});
  b.Add(RelationshipSpec{"r-leaver", "c-dm", 0.9, Depth::kSharedValues, D(2020, 1, 1),
                         D(2026, 10, 20)});
  b.Add(RelationshipSpec{"r-kasia", "c-dm", 0.8, Depth::kMutualBenefit, D(2024, 1, 1),
                         D(2026, 10, 20)});
  b.Add(RelationshipSpec{"r-jan", "c-user", 0.9, Depth::kEmotionalTrust, D(2025, 1, 1),
                         D(2026, 10, 25)});
  return b;
}

Org Build(const Batch& batch) {
  Org org;
  const absl::Status status = org.Apply(batch);
  EXPECT_TRUE(status.ok()) << status;
  return org;
}

ReassignOptions Offboard(std::vector<std::string> reps) {
  ReassignOptions o;
  o.departing = std::move(reps);
  o.today = kToday;
  return o;
}

const AccountReassignment& Of(const Org& org, const Reassignment& r,
                              std::string_view id) {
  for (const AccountReassignment& a : r.accounts) {
    if (org.accounts()[a.account].id == id) return a;
  }
  ADD_FAILURE() << "account " << id << " not in the result";
  return r.accounts.front();
}

std::string To(const Org& org, const AccountReassignment& a) {
  return a.to == kNoIndex ? "" : org.reps()[a.to].id;
}

absl::StatusOr<Reassignment> Reassign(const Org& org, const ReassignOptions& o) {
  return Reassigner(org).SetOptions(o).Run();
}

TEST(ReassignTest, SuccessorsFollowTiesSeniorityAndTerritory) {
  const Org org = Build(HandoverBatch());
  const ReassignOptions o = Offboard({"r-leaver"});
  absl::StatusOr<Reassignment> r = Reassign(org, o);
  ASSERT_TRUE(r.ok()) << r.status();
  ExpectRulesKept(org, o, *r);
  // Kasia knows Big Co's decision maker; Jan knows Small Co's user, but
  // Jan is too junior for tier A only, so Small Co may go to him.
  const AccountReassignment& big = Of(org, *r, "a-big");
  EXPECT_EQ(To(org, big), "r-kasia");
  EXPECT_THAT(big.reasons.front(),
              HasSubstr("knows Anna Decyzja, decision maker, key player (mutual benefit, "
                        "12 days ago)"));
  EXPECT_LT(big.cost.relationships, 0);
  EXPECT_EQ(big.cost.total(), big.cost.stranger + big.cost.relationships +
                                  big.cost.territory + big.cost.segment + big.cost.team +
                                  big.cost.seniority);
  EXPECT_EQ(To(org, Of(org, *r, "a-small")), "r-jan");
  EXPECT_EQ(r->moves, 3);
  EXPECT_EQ(r->unassigned, 0);
}

TEST(ReassignTest, ApplyingTheBatchEmptiesTheLeaversBook) {
  Org org = Build(HandoverBatch());
  absl::StatusOr<Reassignment> r = Reassign(org, Offboard({"r-leaver"}));
  ASSERT_TRUE(r.ok()) << r.status();
  const Batch batch = r->ToBatch(org);
  EXPECT_EQ(batch.size(), 3u);
  ASSERT_TRUE(org.Apply(batch).ok());
  EXPECT_TRUE(org.AccountsOwnedBy(*org.FindRep("r-leaver")).empty());
  EXPECT_EQ(org.accounts()[*org.FindAccount("a-big")].owner, *org.FindRep("r-kasia"));
}

TEST(ReassignTest, NobodySeniorEnoughLeavesTheAccountWithAReason) {
  Batch b = HandoverBatch();
  b.Update(RepSpec{"r-kasia", "Kasia Nowak", "t1", "", 2, 30, "north", "smb"});
  b.Update(RepSpec{"r-ola", "Ola Stranger", "t1", "", 2, 30, "south", "enterprise"});
  const Org org = Build(b);
  absl::StatusOr<Reassignment> r = Reassign(org, Offboard({"r-leaver"}));
  ASSERT_TRUE(r.ok()) << r.status();
  const AccountReassignment& big = Of(org, *r, "a-big");
  EXPECT_EQ(big.to, kNoIndex);
  EXPECT_EQ(big.unassigned, UnassignedReason::kNoEligibleRep);
  EXPECT_THAT(big.reasons.front(), HasSubstr("seniority 3+ for tier A"));
  EXPECT_EQ(r->unassigned, 1);
}

TEST(ReassignTest, FullRepsLeaveAccountsForCapacityAndValueDecides) {
  Batch b = HandoverBatch();
  // Room for one C account in all: Small Co is worth more than Tiny Co.
  b.Update(RepSpec{"r-kasia", "Kasia Nowak", "t1", "", 3, 0, "north", "smb"});
  b.Update(RepSpec{"r-jan", "Jan Junior", "t1", "", 1, 1, "north", "smb"});
  b.Update(RepSpec{"r-ola", "Ola Stranger", "t1", "", 3, 0, "south", "enterprise"});
  const Org org = Build(b);
  const ReassignOptions o = Offboard({"r-leaver"});
  absl::StatusOr<Reassignment> r = Reassign(org, o);
  ASSERT_TRUE(r.ok()) << r.status();
  ExpectRulesKept(org, o, *r);
  EXPECT_EQ(To(org, Of(org, *r, "a-small")), "r-jan");
  EXPECT_EQ(Of(org, *r, "a-tiny").unassigned, UnassignedReason::kCapacityExhausted);
  EXPECT_EQ(Of(org, *r, "a-big").unassigned, UnassignedReason::kCapacityExhausted);
}

TEST(ReassignTest, EligibilityRulesRestrictSuccessors) {
  const Org org = Build(HandoverBatch());
  ReassignOptions o = Offboard({"r-leaver"});
  o.eligibility = kSameTerritory;
  absl::StatusOr<Reassignment> r = Reassign(org, o);
  ASSERT_TRUE(r.ok()) << r.status();
  ExpectRulesKept(org, o, *r);
  EXPECT_EQ(To(org, Of(org, *r, "a-small")), "r-ola");  // the only rep in "south"
  o.excluded_reps = {"r-ola"};
  r = Reassign(org, o);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(Of(org, *r, "a-small").unassigned, UnassignedReason::kNoEligibleRep);
  EXPECT_THAT(Of(org, *r, "a-small").reasons.front(), HasSubstr("territory south"));
}

TEST(ReassignTest, PinsWinOverPreferences) {
  const Org org = Build(HandoverBatch());
  ReassignOptions o = Offboard({"r-leaver"});
  o.pins = {{"a-big", "r-ola"}};
  absl::StatusOr<Reassignment> r = Reassign(org, o);
  ASSERT_TRUE(r.ok()) << r.status();
  ExpectRulesKept(org, o, *r);
  EXPECT_EQ(To(org, Of(org, *r, "a-big")), "r-ola");
  EXPECT_EQ(Of(org, *r, "a-big").reasons.front(), "pinned");
}

TEST(ReassignTest, AGroupGoesToOneRep) {
  Batch b = HandoverBatch();
  // Two accounts of one group, one tied to Kasia, one to Jan.
  b.Update(AccountSpec{"a-small", "Small Co", "C", 5'000, kNoDay, kNoDay, "south", "smb",
                       "g1", "r-leaver"});
  b.Update(AccountSpec{"a-tiny", "Tiny Co", "C", 1'000, kNoDay, kNoDay, "north", "smb",
                       "g1", "r-leaver"});
  b.Add(ContactSpec{"c-tiny", "a-tiny", "Tim", ContactRole::kChampion, true});
  b.Add(RelationshipSpec{"r-kasia", "c-tiny", 1.0, Depth::kSharedValues, D(2024, 1, 1),
                         D(2026, 10, 31)});
  const Org org = Build(b);
  const ReassignOptions o = Offboard({"r-leaver"});
  absl::StatusOr<Reassignment> r = Reassign(org, o);
  ASSERT_TRUE(r.ok()) << r.status();
  ExpectRulesKept(org, o, *r);
  EXPECT_EQ(Of(org, *r, "a-small").to, Of(org, *r, "a-tiny").to);
}

TEST(ReassignTest, TierMaximumIsKept) {
  Batch b;
  b.Add(TeamSpec{"t1", "Team 1", ""});
  b.Add(RepSpec{"r-leaver", "Leaver", "t1", "", 3, 100, "", ""});
  b.Add(RepSpec{"r-star", "Star", "t1", "", 3, 100, "", ""});
  b.Add(RepSpec{"r-other", "Other", "t1", "", 3, 100, "", ""});
  b.Add(RepSpec{"r-third", "Third", "t1", "", 3, 100, "", ""});
  b.Add(TierSpec{"A", 1, 0, 2});
  for (int i = 0; i < 5; ++i) {
    const std::string id = "a" + std::to_string(i);
    b.Add(AccountSpec{id, id, "A", 1000, kNoDay, kNoDay, "", "", "", "r-leaver"});
    b.Add(
        ContactSpec{"c" + std::to_string(i), id, "C", ContactRole::kDecisionMaker, true});
    b.Add(RelationshipSpec{"r-star", "c" + std::to_string(i), 1.0, Depth::kSharedValues,
                           D(2024, 1, 1), D(2026, 10, 31)});
  }
  const Org org = Build(b);
  ReassignOptions o = Offboard({"r-leaver"});
  o.lambda = 0;  // nothing but the tier maximum keeps the star from taking all
  absl::StatusOr<Reassignment> r = Reassign(org, o);
  ASSERT_TRUE(r.ok()) << r.status();
  ExpectRulesKept(org, o, *r);
  int star = 0;
  for (const AccountReassignment& a : r->accounts) star += To(org, a) == "r-star";
  EXPECT_EQ(star, 2);
  EXPECT_EQ(r->unassigned, 0);
  EXPECT_EQ(r->outcome, Reassignment::Outcome::kFeasible);  // the repair cost something
  EXPECT_LT(r->lower_bound, r->objective);
}

TEST(ReassignTest, RebalanceMovesOnlyWhatPaysAndKeepsTheMoveLimit) {
  Batch b;
  b.Add(TeamSpec{"t1", "Team 1", ""});
  b.Add(RepSpec{"r-full", "Full", "t1", "", 1, 40, "", ""});
  b.Add(RepSpec{"r-empty", "Empty", "t1", "", 1, 40, "", ""});
  b.Add(TierSpec{"C", 1, 0, 0});
  for (int i = 0; i < 20; ++i) {
    const std::string id = "a" + std::to_string(100 + i);
    b.Add(AccountSpec{id, id, "C", 1000, kNoDay, kNoDay, "", "", "", "r-full"});
  }
  const Org org = Build(b);
  ReassignOptions o;
  o.mode = ReassignMode::kRebalance;
  o.today = kToday;
  o.move_cost = 11;
  absl::StatusOr<Reassignment> r = Reassign(org, o);
  ASSERT_TRUE(r.ok()) << r.status();
  ExpectRulesKept(org, o, *r);
  // lambda 5: moving the k-th account saves 5 * ((21 - k)^2 - (20 - k)^2 -
  // (k^2 - (k - 1)^2)) = 5 * (42 - 4k) in load cost: more than the move
  // costs (11) for k <= 9, less for k = 10.
  EXPECT_EQ(r->moves, 9);
  EXPECT_EQ(r->outcome, Reassignment::Outcome::kOptimal);
  EXPECT_EQ(r->before.max_min_ratio, std::numeric_limits<double>::infinity());
  EXPECT_DOUBLE_EQ(r->after.max_min_ratio, 11.0 / 9.0);

  o.max_moves = 3;
  r = Reassign(org, o);
  ASSERT_TRUE(r.ok()) << r.status();
  ExpectRulesKept(org, o, *r);
  EXPECT_EQ(r->moves, 3);
  EXPECT_LE(r->lower_bound, r->objective);

  o.max_moves = -1;
  o.move_cost = 1'000'000;
  r = Reassign(org, o);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->moves, 0);
  EXPECT_EQ(Of(org, *r, "a100").reasons.front(), "stays with its owner");
}

TEST(ReassignTest, AssignsAccountsWithoutOwner) {
  const Org org = testing::SmallOrg();
  ReassignOptions o;
  o.mode = ReassignMode::kAssignUnowned;
  o.today = kToday;
  absl::StatusOr<Reassignment> r = Reassign(org, o);
  ASSERT_TRUE(r.ok()) << r.status();
  ExpectRulesKept(org, o, *r);
  ASSERT_EQ(r->accounts.size(), 1u);
  EXPECT_EQ(org.accounts()[r->accounts[0].account].id, "a-orphan");
  EXPECT_NE(r->accounts[0].to, kNoIndex);
}

TEST(ReassignTest, OffboardsEveryDepartedRepByDefault) {
  Org org = testing::SmallOrg();
  Batch b;
  b.Add(AccountSpec{"a-x", "X", "C", 10, kNoDay, kNoDay, "", "", "", "r-dora"});
  b.Depart("r-dora", D(2026, 10, 1));
  ASSERT_TRUE(org.Apply(b).ok());
  ReassignOptions o;
  o.today = kToday;
  absl::StatusOr<Reassignment> r = Reassign(org, o);
  ASSERT_TRUE(r.ok()) << r.status();
  ExpectRulesKept(org, o, *r);
  ASSERT_EQ(r->accounts.size(), 1u);
  EXPECT_NE(r->accounts[0].to, *org.FindRep("r-dora"));
}

TEST(ReassignTest, BadOptionsNameTheProblem) {
  const Org org = Build(HandoverBatch());
  auto expect = [&](ReassignOptions o, std::string_view part) {
    absl::StatusOr<Reassignment> r = Reassign(org, o);
    EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument) << part;
    EXPECT_THAT(std::string(r.status().message()), HasSubstr(part));
  };
  expect(Offboard({"r-nobody"}), "departing: unknown rep r-nobody");
  ReassignOptions o = Offboard({"r-leaver"});
  o.today = kNoDay;
  expect(o, "today: a valid day is required");
  o = Offboard({"r-leaver"});
  o.pins = {{"a-big", "r-leaver"}};
  expect(o, "pins: account a-big: rep r-leaver is leaving");
  o.pins = {{"a-nope", ""}};
  expect(o, "pins: unknown account a-nope");
  o.pins = {{"a-big", ""}};
  expect(o, "rep r-leaver is leaving");
  o = Offboard({"r-leaver"});
  o.excluded_reps = {"r-x"};
  expect(o, "excluded_reps: unknown rep r-x");
  o = Offboard({"r-leaver"});
  o.version = 99;
  expect(o, "version");
  o = Offboard({"r-leaver"});
  o.max_candidates = 0;
  expect(o, "max_candidates");
  o = Offboard({"r-leaver"});
  o.value_per_point = std::nan("");
  expect(o, "value_per_point");
  o.value_per_point = std::numeric_limits<double>::infinity();
  expect(o, "value_per_point: must be positive and finite");
  o.value_per_point = 10;
  o.key_player_factor = std::numeric_limits<double>::infinity();
  expect(o, "key_player_factor: must be finite");
  o.key_player_factor = 2;
  o.mode = ReassignMode::kRebalance;
  o.value_per_point = 10;
  o.team = "t-nope";
  expect(o, "team: unknown team t-nope");
}

TEST(ReassignTest, CancelledRunReturnsNoPlan) {
  const Org org = Build(HandoverBatch());
  absl::StatusOr<Reassignment> r = Reassigner(org)
                                       .SetOptions(Offboard({"r-leaver"}))
                                       .SetProgress([](double) { return false; })
                                       .Run();
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->outcome, Reassignment::Outcome::kCancelled);
  EXPECT_TRUE(r->accounts.empty());
}

// --- every rule on generated organisations --------------------------------

ReassignOptions RandomOptions(const Org& org, std::mt19937_64& rng) {
  ReassignOptions o;
  o.today = DayFromCivil(2026, 11, 1);
  o.mode = static_cast<ReassignMode>(rng() % 3);
  o.eligibility = static_cast<std::uint32_t>(rng() % 8);
  o.max_candidates = 1 + static_cast<int>(rng() % 12);
  const std::size_t reps = org.reps().size();
  auto some_rep = [&] { return org.reps()[rng() % reps].id; };
  if (o.mode == ReassignMode::kOffboard) {
    for (int i = 0; i < 1 + static_cast<int>(rng() % 3); ++i) {
      const std::string id = some_rep();
      if (!Named(o.departing, id)) o.departing.push_back(id);
    }
  }
  if (o.mode == ReassignMode::kRebalance) {
    if (rng() % 2) o.team = org.teams()[rng() % org.teams().size()].id;
    if (rng() % 2) o.max_moves = static_cast<std::int64_t>(rng() % 20);
    o.move_cost = static_cast<std::int64_t>(rng() % 500);
  }
  if (rng() % 2) {
    const std::string id = some_rep();
    if (!Named(o.departing, id)) o.excluded_reps.push_back(id);
  }
  o.lambda = static_cast<std::int64_t>(rng() % 10);
  return o;
}

TEST(ReassignTest, GeneratedOrganisationsKeepEveryRule) {
  int runs = 0;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    SampleOptions sample;
    sample.seed = seed;
    sample.accounts = 120 + seed * 7;
    absl::StatusOr<Org> org = GenerateSampleOrg(sample);
    ASSERT_TRUE(org.ok()) << org.status();
    std::mt19937_64 rng(seed);
    for (int trial = 0; trial < 5; ++trial) {
      const ReassignOptions o = RandomOptions(*org, rng);
      SCOPED_TRACE("seed " + std::to_string(seed) + " trial " + std::to_string(trial) +
                   " mode " + std::to_string(static_cast<int>(o.mode)) + " rules " +
                   std::to_string(o.eligibility) + " k " +
                   std::to_string(o.max_candidates));
      absl::StatusOr<Reassignment> r = Reassign(*org, o);
      ASSERT_TRUE(r.ok()) << r.status();
      ExpectRulesKept(*org, o, *r);
      absl::StatusOr<Reassignment> again = Reassign(*org, o);
      ASSERT_TRUE(again.ok());
      EXPECT_EQ(again->objective, r->objective);
      Org applied = *org;
      EXPECT_TRUE(applied.Apply(r->ToBatch(*org)).ok());
      ++runs;
    }
  }
  EXPECT_EQ(runs, 200);
}

// --- optimality against brute force -----------------------------------------

// The cost of giving account a to rep r, computed from the documentation of
// ReassignOptions, independently of the library's pricing.
std::int64_t DocumentedCost(const Org& org, const ReassignOptions& o, AccountIndex a,
                            RepIndex r) {
  const Account& account = org.accounts()[a];
  const Rep& rep = org.reps()[r];
  double ties = 0;
  for (ContactIndex c : org.ContactsOf(a)) {
    for (RelationshipIndex i : org.RelationshipsOfContact(c)) {
      const Relationship& rel = org.relationships()[i];
      if (rel.rep != r) continue;
      const double age = std::max(0, o.today - rel.last_touch);
      ties += static_cast<double>(o.relationship_points) * rel.strength *
              (static_cast<double>(rel.depth) / 5.0) *
              std::exp2(-age / o.recency_half_life_days) *
              (org.contacts()[c].key_player ? o.key_player_factor : 1.0);
    }
  }
  std::int64_t cost = o.stranger_cost - std::llround(ties);
  for (AccountTeamIndex m : org.AccountTeamOf(a)) {
    if (org.account_team()[m].rep == r) cost -= o.account_team_points;
  }
  if (rep.territory == account.territory) cost -= o.territory_points;
  if (rep.segment == account.segment) cost -= o.segment_points;
  if (rep.team == org.reps()[account.owner].team) cost -= o.team_points;
  const int least = org.tiers()[account.tier].min_seniority;
  return cost + o.seniority_excess_points * std::max(0, rep.seniority - least);
}

bool DocumentedEligible(const Org& org, const ReassignOptions& o, AccountIndex a,
                        RepIndex r) {
  const Account& account = org.accounts()[a];
  const Rep& rep = org.reps()[r];
  return rep.active() && rep.id != "r0" &&
         rep.seniority >= org.tiers()[account.tier].min_seniority &&
         (!(o.eligibility & kSameTeam) || rep.team == org.reps()[account.owner].team) &&
         (!(o.eligibility & kSameTerritory) || rep.territory == account.territory) &&
         (!(o.eligibility & kSameSegment) || rep.segment == account.segment);
}

// The least objective over every plan, by enumeration.
std::int64_t BruteForce(const Org& org, const ReassignOptions& o) {
  const std::size_t n = org.accounts().size(), m = org.reps().size();
  std::vector<std::int64_t> load(m, 0);
  std::vector<std::size_t> choice(n, 0);  // 0: unassigned, else rep + 1
  std::int64_t best = std::numeric_limits<std::int64_t>::max();
  while (true) {
    std::fill(load.begin(), load.end(), 0);
    std::int64_t cost = 0;
    bool ok = true;
    for (AccountIndex a = 0; a < n && ok; ++a) {
      if (choice[a] == 0) {
        cost += std::llround(static_cast<double>(o.unassigned_points) +
                             org.accounts()[a].annual_value / o.value_per_point);
        continue;
      }
      const RepIndex r = static_cast<RepIndex>(choice[a] - 1);
      ok = DocumentedEligible(org, o, a, r);
      cost += DocumentedCost(org, o, a, r);
      ++load[r];
    }
    for (RepIndex r = 0; r < m && ok; ++r) {
      ok = load[r] <= org.reps()[r].capacity;
      cost += o.lambda * (load[r] * load[r]);  // takers start empty
    }
    if (ok) best = std::min(best, cost);
    std::size_t i = 0;
    while (i < n && ++choice[i] > m) choice[i++] = 0;
    if (i == n) return best;
  }
}

// A leaver r0 with every account; reps r1..r3 in two teams, territories and
// segments; tier C (weight 1) with a random minimum seniority; random ties.
Org TinyOrg(std::mt19937_64& rng) {
  Batch b;
  b.Add(TeamSpec{"t0", "T0", ""});
  b.Add(TeamSpec{"t1", "T1", ""});
  const char* places[] = {"north", "south"};
  const char* segments[] = {"smb", "enterprise"};
  for (int r = 0; r < 4; ++r) {
    b.Add(RepSpec{"r" + std::to_string(r), "Rep " + std::to_string(r),
                  "t" + std::to_string(rng() % 2), "", 1 + static_cast<int>(rng() % 3),
                  static_cast<std::int64_t>(r == 0 ? 10 : rng() % 4), places[rng() % 2],
                  segments[rng() % 2]});
  }
  b.Add(TierSpec{"C", 1, static_cast<int>(rng() % 3), 0});
  const int accounts = 3 + static_cast<int>(rng() % 3);
  for (int a = 0; a < accounts; ++a) {
    const std::string id = "a" + std::to_string(a), contact = "c" + std::to_string(a);
    b.Add(AccountSpec{id, id, "C", static_cast<double>(rng() % 100'000), kNoDay, kNoDay,
                      places[rng() % 2], segments[rng() % 2], "", "r0"});
    b.Add(ContactSpec{contact, id, "Contact " + std::to_string(a),
                      static_cast<ContactRole>(rng() % 8), rng() % 2 == 0});
    for (int r = 1; r < 4; ++r) {
      if (rng() % 2) continue;
      b.Add(RelationshipSpec{"r" + std::to_string(r), contact, (rng() % 101) / 100.0,
                             static_cast<Depth>(1 + rng() % 5), kNoDay,
                             kToday - static_cast<Day>(rng() % 400)});
    }
    if (rng() % 3 == 0) b.Add(AccountTeamSpec{id, "r" + std::to_string(1 + rng() % 3)});
  }
  return Build(b);
}

TEST(ReassignTest, UnitWeightPlansAreOptimalAgainstBruteForce) {
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    std::mt19937_64 rng(seed);
    const Org org = TinyOrg(rng);
    ReassignOptions o = Offboard({"r0"});
    o.eligibility = static_cast<std::uint32_t>(rng() % 8);
    o.lambda = static_cast<std::int64_t>(rng() % 200);
    o.unassigned_points = static_cast<std::int64_t>(rng() % 3000);
    o.value_per_point = 100;
    SCOPED_TRACE("seed " + std::to_string(seed));
    absl::StatusOr<Reassignment> r = Reassign(org, o);
    ASSERT_TRUE(r.ok()) << r.status();
    ExpectRulesKept(org, o, *r);
    EXPECT_EQ(r->objective, BruteForce(org, o));
    EXPECT_EQ(r->outcome, Reassignment::Outcome::kOptimal);
  }
}

// Run is const: several threads may reassign on one organisation at once
// (run under ThreadSanitizer in the TSan build) and get the same plan.
TEST(ReassignTest, ConcurrentRunsOnOneOrganisationAgree) {
  SampleOptions sample;
  sample.accounts = 600;
  absl::StatusOr<Org> org = GenerateSampleOrg(sample);
  ASSERT_TRUE(org.ok()) << org.status();
  ReassignOptions o;
  o.mode = ReassignMode::kRebalance;
  o.today = kToday;
  std::vector<std::int64_t> objectives(4, -1);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < objectives.size(); ++t) {
    threads.emplace_back([&, t] {
      absl::StatusOr<Reassignment> r = Reassigner(*org).SetOptions(o).Run();
      if (r.ok()) objectives[t] = r->objective;
    });
  }
  for (std::thread& t : threads) t.join();
  const absl::StatusOr<Reassignment> alone = Reassign(*org, o);
  ASSERT_TRUE(alone.ok());
  for (std::int64_t objective : objectives) EXPECT_EQ(objective, alone->objective);
}

}  // namespace
}  // namespace baton
