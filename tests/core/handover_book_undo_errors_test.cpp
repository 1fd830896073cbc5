// What a caller can get wrong with the stored handover book: undoing a plan
// that is not applied (a draft, or one already undone) or that does not
// exist, and an organisation whose departed reps still own accounts or
// deals. Each is refused, naming the plan or the record, and changes nothing.
#include <string>

#include "baton/handover_book.hpp"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/core/small_org.hpp"

namespace baton {
namespace {

using ::baton::testing::D;

// The small organisation with a stored draft plan for r-chen leaving.
struct Drafted {
  Org org = testing::SmallOrg();
  HandoverBook book;
  std::string id;
};

Drafted Draft() {
  Drafted out;
  const Day today = D(2026, 11, 10);
  ReassignOptions reassign;
  reassign.departing = {"r-chen"};
  reassign.today = today;
  const auto reassignment = Reassigner(out.org).SetOptions(reassign).Run();
  EXPECT_TRUE(reassignment.ok()) << reassignment.status();
  HandoverOptions options;
  options.leavers = {{"r-chen", D(2026, 11, 30), true}};
  options.today = today;
  const auto plan = PlanHandover(out.org, options, *reassignment, RiskModel::Default());
  EXPECT_TRUE(plan.ok()) << plan.status();
  out.id = out.book.Add(out.org, *plan, options, 1000);
  return out;
}

TEST(HandoverBookUndoErrors, ADraftCannotBeUndone) {
  Drafted d = Draft();
  const auto before = d.org.StateHash();
  const absl::Status status = d.book.Undo(d.id, d.org, 2000);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(status.message(),
            "handover plan " + d.id + ": is draft; only an applied plan can be undone");
  EXPECT_EQ(d.org.StateHash(), before);
  EXPECT_EQ(d.book.Find(d.id)->state, HandoverState::kDraft);
  EXPECT_EQ(d.book.log().size(), 1u);  // only the plan's creation
}

TEST(HandoverBookUndoErrors, AnUndonePlanCannotBeUndoneAgain) {
  Drafted d = Draft();
  ASSERT_TRUE(d.book.Apply(d.id, d.org, 2000).ok());
  ASSERT_TRUE(d.book.Undo(d.id, d.org, 3000).ok());
  const auto before = d.org.StateHash();
  const absl::Status status = d.book.Undo(d.id, d.org, 4000);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(status.message(),
            "handover plan " + d.id + ": is undone; only an applied plan can be undone");
  EXPECT_EQ(d.org.StateHash(), before);
  EXPECT_EQ(d.book.log().size(), 3u);
}

TEST(HandoverBookUndoErrors, AnUnknownPlan) {
  Drafted d = Draft();
  const absl::Status status = d.book.Undo("H99", d.org, 2000);
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(status.message(), "no handover plan H99");
}

TEST(HandoverBookUndoErrors, DepartedRepsMustOwnNothing) {
  Org org = testing::SmallOrg();
  const HandoverBook book;
  ASSERT_TRUE(CheckNothingOwnedByDeparted(org, book).ok());

  // r-anna leaves still owning a-lodz and its deal d-2.
  Batch leave;
  leave.Depart("r-anna", D(2026, 11, 20), "", false);
  ASSERT_TRUE(org.Apply(leave).ok());
  absl::Status status = CheckNothingOwnedByDeparted(org, book);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(status.message(), "account a-lodz is owned by r-anna, who has left");

  Batch account;
  account.ChangeOwner("a-lodz", "r-chen");
  ASSERT_TRUE(org.Apply(account).ok());
  status = CheckNothingOwnedByDeparted(org, book);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(status.message(), "deal d-2 is owned by r-anna, who has left");
}

}  // namespace
}  // namespace baton
