// Pins a caller can get wrong: a group pinned to two reps, an account pinned
// twice to different reps, an account outside the run, a pin to an excluded
// or departed rep, and a "stay" pin on an account nobody owns. Each is
// refused naming the pin; pins that agree are accepted.
#include <string>

#include "baton/reassign.hpp"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/core/small_org.hpp"

namespace baton {
namespace {

using ::baton::testing::D;

// r-leaver owns a-1 and a-2 (group g1); r-kasia owns a-3; a-free has no
// owner; r-ola may take any; r-gone departed on 2026-10-01.
Org PinOrg() {
  Batch b;
  b.Add(TeamSpec{"t1", "Team 1", ""});
  b.Add(RepSpec{"r-leaver", "Leo Leaver", "t1", "", 3, 30, "north", "smb"});
  b.Add(RepSpec{"r-kasia", "Kasia Nowak", "t1", "", 3, 30, "north", "smb"});
  b.Add(RepSpec{"r-ola", "Ola Nowak", "t1", "", 3, 30, "north", "smb"});
  b.Add(RepSpec{"r-gone", "Gone Away", "t1", "", 3, 30, "north", "smb"});
  b.Add(TierSpec{"C", 1, 0, 0});
  b.Add(AccountSpec{"a-1", "One", "C", 1'000, kNoDay, kNoDay, "north", "smb", "g1",
                    "r-leaver"});
  b.Add(AccountSpec{"a-2", "Two", "C", 2'000, kNoDay, kNoDay, "north", "smb", "g1",
                    "r-leaver"});
  b.Add(AccountSpec{"a-3", "Three", "C", 3'000, kNoDay, kNoDay, "north", "smb", "",
                    "r-kasia"});
  b.Add(AccountSpec{"a-free", "Free", "C", 500, kNoDay, kNoDay, "north", "smb", "", ""});
  b.Depart("r-gone", D(2026, 10, 1), "", false);
  Org org;
  const absl::Status status = org.Apply(b);
  EXPECT_TRUE(status.ok()) << status;
  return org;
}

ReassignOptions Offboard() {
  ReassignOptions o;
  o.mode = ReassignMode::kOffboard;
  o.departing = {"r-leaver"};
  o.today = D(2026, 11, 1);
  return o;
}

absl::Status RunStatus(const Org& org, const ReassignOptions& o) {
  return Reassigner(org).SetOptions(o).Run().status();
}

TEST(ReassignPinErrors, AGroupGoesToOneRep) {
  const Org org = PinOrg();
  ReassignOptions o = Offboard();
  o.pins = {{"a-1", "r-kasia"}, {"a-2", "r-ola"}};
  const absl::Status status = RunStatus(org, o);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(),
            "reassign options: pins: account a-2: group g1 is pinned to r-kasia by "
            "account a-1; a group goes to one rep");
}

TEST(ReassignPinErrors, PinsThatAgreeAreAccepted) {
  const Org org = PinOrg();
  ReassignOptions o = Offboard();
  o.pins = {{"a-1", "r-kasia"}, {"a-2", "r-kasia"}, {"a-1", "r-kasia"}};
  const auto plan = Reassigner(org).SetOptions(o).Run();
  ASSERT_TRUE(plan.ok()) << plan.status();
  ASSERT_EQ(plan->accounts.size(), 2u);
  for (const AccountReassignment& a : plan->accounts) {
    EXPECT_EQ(a.to, *org.FindRep("r-kasia"));
    EXPECT_TRUE(a.pinned);
  }
}

TEST(ReassignPinErrors, AnAccountPinnedTwiceToDifferentReps) {
  const Org org = PinOrg();
  ReassignOptions o = Offboard();
  o.pins = {{"a-1", "r-kasia"}, {"a-1", "r-ola"}};
  EXPECT_EQ(RunStatus(org, o).message(),
            "reassign options: pins: account a-1: pinned twice to different reps");
}

TEST(ReassignPinErrors, AnAccountOutsideTheRun) {
  const Org org = PinOrg();
  ReassignOptions o = Offboard();
  o.pins = {{"a-3", "r-ola"}};
  EXPECT_EQ(RunStatus(org, o).message(),
            "reassign options: pins: account a-3: is not among the accounts this run "
            "reassigns");
}

TEST(ReassignPinErrors, APinToAnExcludedOrDepartedRep) {
  const Org org = PinOrg();
  ReassignOptions o = Offboard();
  o.excluded_reps = {"r-ola"};
  o.pins = {{"a-1", "r-ola"}};
  EXPECT_EQ(RunStatus(org, o).message(),
            "reassign options: pins: account a-1: rep r-ola is excluded");
  o = Offboard();
  o.pins = {{"a-1", "r-gone"}};
  EXPECT_EQ(RunStatus(org, o).message(),
            "reassign options: pins: account a-1: rep r-gone departed on 2026-10-01");
}

TEST(ReassignPinErrors, AnUnownedAccountHasNoOwnerToStayWith) {
  const Org org = PinOrg();
  ReassignOptions o;
  o.mode = ReassignMode::kAssignUnowned;
  o.today = D(2026, 11, 1);
  o.pins = {{"a-free", ""}};
  EXPECT_EQ(RunStatus(org, o).message(),
            "reassign options: pins: account a-free: has no owner to stay with");
  o.pins = {{"a-free", "r-ola"}};
  const auto plan = Reassigner(org).SetOptions(o).Run();
  ASSERT_TRUE(plan.ok()) << plan.status();
  ASSERT_EQ(plan->accounts.size(), 1u);
  EXPECT_EQ(plan->accounts[0].to, *org.FindRep("r-ola"));
}

}  // namespace
}  // namespace baton
