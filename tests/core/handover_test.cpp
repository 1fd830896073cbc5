// Handover plans: the tasks of each account, their owners and due days, and
// what Baton fills in.
#include <algorithm>
#include <string>

#include "baton/handover.hpp"
#include "baton/sample.hpp"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/core/small_org.hpp"

namespace baton {
namespace {

using ::baton::testing::D;
using ::testing::Contains;
using ::testing::HasSubstr;

Reassignment Offboard(const Org& org, const std::string& rep, Day today) {
  ReassignOptions options;
  options.departing = {rep};
  options.today = today;
  auto plan = Reassigner(org).SetOptions(options).Run();
  EXPECT_TRUE(plan.ok()) << plan.status();
  return plan.ok() ? *plan : Reassignment{};
}

const HandoverTask& TaskOf(const AccountHandover& h, HandoverTaskKind kind) {
  for (const HandoverTask& t : h.tasks)
    if (t.kind == kind) return t;
  ADD_FAILURE() << "no task " << NameOf(kind);
  return h.tasks.front();
}

TEST(HandoverTest, ATopTierAccountGetsEveryTaskWithWhatBatonKnows) {
  const Org org = testing::SmallOrg();
  const Day today = D(2026, 11, 10), last_day = D(2026, 11, 30);
  const Reassignment reassignment = Offboard(org, "r-chen", today);
  HandoverOptions options;
  options.leavers = {{"r-chen", last_day, true}};
  options.today = today;
  const auto plan = PlanHandover(org, options, reassignment, RiskModel::Default());
  ASSERT_TRUE(plan.ok()) << plan.status();
  ASSERT_EQ(plan->accounts.size(), 1u);
  const AccountHandover& fx = plan->accounts[0];
  EXPECT_EQ(fx.account, *org.FindAccount("a-fx"));
  EXPECT_EQ(fx.leaver, *org.FindRep("r-chen"));
  EXPECT_NE(fx.successor, kNoIndex);
  EXPECT_GT(fx.risk, 0);
  EXPECT_FALSE(fx.risk_reasons.empty());
  EXPECT_EQ(fx.tasks.size(), 10u);
  EXPECT_TRUE(std::is_sorted(fx.tasks.begin(), fx.tasks.end(),
                             [](const auto& a, const auto& b) { return a.due < b.due; }));

  EXPECT_THAT(
      TaskOf(fx, HandoverTaskKind::kOpenDeals).details,
      Contains("d-1: negotiation, 300,000, closes 2026-12-20; next step: send contract"));
  const auto& key = TaskOf(fx, HandoverTaskKind::kKeyPlayers).details;
  ASSERT_EQ(key.size(), 1u);
  EXPECT_THAT(key[0], HasSubstr("王伟 (decision maker, supporter): 陈静: shared values, "
                                "last touch 2026-10-20"));
  EXPECT_THAT(TaskOf(fx, HandoverTaskKind::kNotifyCustomer).details,
              Contains("renewal on 2027-01-15"));
  // Tier A is the top tier: the meeting is the manager's, face to face.
  const HandoverTask& meeting = TaskOf(fx, HandoverTaskKind::kHandoverMeeting);
  EXPECT_EQ(meeting.role, HandoverRole::kManager);
  EXPECT_THAT(meeting.title, HasSubstr("face to face"));
  // Lead time: 5 days + 3 per tier level (A is level 2) + 10 x risk.
  const Day lead = 5 + 6 + static_cast<Day>(std::lround(10 * fx.risk));
  EXPECT_EQ(TaskOf(fx, HandoverTaskKind::kNotifyCustomer).due,
            std::max(today, last_day - lead));
  EXPECT_EQ(TaskOf(fx, HandoverTaskKind::kMoveRecords).due, last_day);

  ASSERT_EQ(plan->leavers.size(), 1u);
  const auto& own = plan->leavers[0].tasks;
  ASSERT_EQ(own.size(), 3u);
  EXPECT_EQ(own.back().kind, HandoverTaskKind::kRevokeAccess);
  EXPECT_EQ(own.back().due, last_day);
}

TEST(HandoverTest, LowerTiersAndLowerRiskCanWaitLonger) {
  const Org org = testing::SmallOrg();
  const Day today = D(2026, 10, 1), last_day = D(2026, 11, 30);
  HandoverOptions options;
  options.leavers = {{"r-anna", last_day, false}};
  options.today = today;
  const auto plan =
      PlanHandover(org, options, Offboard(org, "r-anna", today), RiskModel::Default());
  ASSERT_TRUE(plan.ok()) << plan.status();
  ASSERT_EQ(plan->accounts.size(), 1u);
  const AccountHandover& lodz = plan->accounts[0];
  const Day lead =
      5 + 3 + static_cast<Day>(std::lround(10 * lodz.risk));  // tier B: level 1
  EXPECT_EQ(TaskOf(lodz, HandoverTaskKind::kNotifyCustomer).due, last_day - lead);
  EXPECT_EQ(TaskOf(lodz, HandoverTaskKind::kHandoverMeeting).role, HandoverRole::kLeaver);
  EXPECT_THAT(TaskOf(lodz, HandoverTaskKind::kProductsAndComplaints).details,
              Contains("complaint k-1 (high, open since 2026-10-01): late deliveries"));
}

TEST(HandoverTest, EveryLeaverAccountIsPlannedByRevenueAtRisk) {
  SampleOptions sample;
  sample.accounts = 3000;
  const auto org = GenerateSampleOrg(sample);
  ASSERT_TRUE(org.ok());
  const Day today = sample.today, last_day = today + 21;
  HandoverOptions options;
  options.today = today;
  std::size_t owned = 0;
  ReassignOptions reassign;
  reassign.today = today;
  for (RepIndex r = 0; r < 3; ++r) {
    options.leavers.push_back({org->reps()[r].id, last_day, r == 0});
    reassign.departing.push_back(org->reps()[r].id);
    owned += org->AccountsOwnedBy(r).size();
  }
  const auto reassignment = Reassigner(*org).SetOptions(reassign).Run();
  ASSERT_TRUE(reassignment.ok());
  const auto plan = PlanHandover(*org, options, *reassignment, RiskModel::Default());
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->accounts.size(), owned);
  EXPECT_TRUE(std::is_sorted(
      plan->accounts.begin(), plan->accounts.end(),
      [](const auto& a, const auto& b) { return a.value_at_risk > b.value_at_risk; }));
  for (const AccountHandover& h : plan->accounts) {
    for (const HandoverTask& t : h.tasks) {
      EXPECT_GE(t.due, today);
      EXPECT_LE(t.due, last_day + 30);
      EXPECT_EQ(t.status, HandoverTaskStatus::kOpen);
      EXPECT_FALSE(t.title.empty());
    }
  }
}

TEST(HandoverTest, ApplyLeavesNothingWithTheLeaversAndUndoRestoresTheStateExactly) {
  Org org = testing::SmallOrg();
  const Day today = D(2026, 11, 10);
  HandoverOptions options;
  options.leavers = {{"r-anna", D(2026, 11, 30), false},
                     {"r-chen", D(2026, 12, 15), true}};
  options.today = today;
  ReassignOptions reassign;
  reassign.departing = {"r-anna", "r-chen"};
  reassign.today = today;
  const auto reassignment = Reassigner(org).SetOptions(reassign).Run();
  ASSERT_TRUE(reassignment.ok()) << reassignment.status();
  const auto plan = PlanHandover(org, options, *reassignment, RiskModel::Default());
  ASSERT_TRUE(plan.ok()) << plan.status();
  const auto batches = HandoverChanges(org, *plan, options);
  ASSERT_TRUE(batches.ok()) << batches.status();

  const std::uint64_t before = org.StateHash();
  ASSERT_TRUE(org.Apply(batches->apply).ok());
  for (const char* id : {"r-anna", "r-chen"}) {
    const RepIndex rep = *org.FindRep(id);
    EXPECT_FALSE(org.reps()[rep].active());
    EXPECT_TRUE(org.AccountsOwnedBy(rep).empty()) << id;
    for (const Deal& deal : org.deals()) EXPECT_NE(deal.owner, rep) << deal.id;
  }
  EXPECT_EQ(org.reps()[*org.FindRep("r-chen")].departed_on, D(2026, 12, 15));
  EXPECT_TRUE(org.reps()[*org.FindRep("r-chen")].to_competitor);
  ASSERT_TRUE(org.Apply(batches->undo).ok());
  EXPECT_EQ(org.StateHash(), before);

  // A plan whose accounts have moved since is refused, not half applied.
  Batch moved;
  moved.ChangeOwner("a-lodz", "r-dora");
  ASSERT_TRUE(org.Apply(moved).ok());
  EXPECT_TRUE(absl::IsFailedPrecondition(HandoverChanges(org, *plan, options).status()));
}

TEST(HandoverTest, BadOptionsNameTheLeaver) {
  const Org org = testing::SmallOrg();
  const Reassignment none;
  HandoverOptions options;
  options.leavers = {{"r-chen", D(2026, 11, 30), false}};
  EXPECT_THAT(
      std::string(
          PlanHandover(org, options, none, RiskModel::Default()).status().message()),
      HasSubstr("today"));
  options.today = D(2026, 12, 5);
  EXPECT_THAT(
      std::string(
          PlanHandover(org, options, none, RiskModel::Default()).status().message()),
      HasSubstr("leavers[0] (r-chen): last day 2026-11-30 is before today, 2026-12-05"));
  options.leavers[0].rep = "r-nobody";
  EXPECT_THAT(
      std::string(
          PlanHandover(org, options, none, RiskModel::Default()).status().message()),
      HasSubstr("leavers[0] (r-nobody): no rep with this id"));
  options.leavers.clear();
  EXPECT_THAT(
      std::string(
          PlanHandover(org, options, none, RiskModel::Default()).status().message()),
      HasSubstr("name a rep"));
}

}  // namespace
}  // namespace baton
