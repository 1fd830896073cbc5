// The stored handover book: apply, undo and task statuses with their audit
// log, the rule that nothing stays with a departed rep, and the book's JSON
// inside a snapshot.
#include "baton/handover_book.hpp"

#include <string>

#include "baton/sample.hpp"
#include "baton/snapshot.hpp"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/core/small_org.hpp"

namespace baton {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

struct Planned {
  Org org;
  HandoverBook book;
  std::string id;
};

// A sample organisation with the plan for two of its reps leaving.
Planned PlanTwoLeavers() {
  SampleOptions sample;
  sample.accounts = 1500;
  auto org = GenerateSampleOrg(sample);
  EXPECT_TRUE(org.ok()) << org.status();
  Planned out{*std::move(org), {}, {}};
  HandoverOptions options;
  options.today = sample.today;
  ReassignOptions reassign;
  reassign.today = sample.today;
  for (RepIndex r : {RepIndex{1}, RepIndex{2}}) {
    options.leavers.push_back({out.org.reps()[r].id, sample.today + 20, r == 1});
    reassign.departing.push_back(out.org.reps()[r].id);
  }
  const auto reassignment = Reassigner(out.org).SetOptions(reassign).Run();
  EXPECT_TRUE(reassignment.ok()) << reassignment.status();
  const auto plan = PlanHandover(out.org, options, *reassignment, RiskModel::Default());
  EXPECT_TRUE(plan.ok()) << plan.status();
  out.id = out.book.Add(out.org, *plan, options, 1000);
  return out;
}

TEST(HandoverBookTest, ApplyMovesEverythingOffTheLeaversAndUndoRestoresTheStateExactly) {
  Planned p = PlanTwoLeavers();
  EXPECT_EQ(p.id, "H1");
  const std::uint64_t before = p.org.StateHash();
  const std::string leaver = p.book.plans()[0].leavers[0].leaver.rep;
  ASSERT_FALSE(p.org.AccountsOwnedBy(*p.org.FindRep(leaver)).empty());

  ASSERT_TRUE(p.book.Apply(p.id, p.org, 2000).ok());
  EXPECT_EQ(p.book.Find(p.id)->state, HandoverState::kApplied);
  EXPECT_TRUE(p.org.AccountsOwnedBy(*p.org.FindRep(leaver)).empty());
  EXPECT_FALSE(p.org.reps()[*p.org.FindRep(leaver)].active());
  EXPECT_TRUE(CheckNothingOwnedByDeparted(p.org, p.book).ok());
  for (const StoredAccountHandover& a : p.book.Find(p.id)->accounts) {
    const RepIndex owner = p.org.accounts()[*p.org.FindAccount(a.account)].owner;
    EXPECT_EQ(owner == kNoIndex ? "" : p.org.reps()[owner].id, a.successor);
  }
  const HandoverEvent applied = p.book.log().back();  // a copy: Undo appends to the log
  EXPECT_EQ(applied.kind, HandoverEvent::Kind::kApplied);
  EXPECT_EQ(applied.at, 2000);
  EXPECT_GT(applied.changes.size(), p.book.Find(p.id)->accounts.size());

  ASSERT_TRUE(p.book.Undo(p.id, p.org, 3000).ok());
  EXPECT_EQ(p.org.StateHash(), before);
  EXPECT_EQ(p.book.Find(p.id)->state, HandoverState::kUndone);
  ASSERT_EQ(p.book.log().size(), 3u);
  EXPECT_EQ(p.book.log()[2].kind, HandoverEvent::Kind::kUndone);
  EXPECT_EQ(p.book.log()[2].changes.size(), applied.changes.size());
  for (const StoredAccountHandover& a : p.book.Find(p.id)->accounts)
    for (const StoredTask& t : a.tasks)
      if (t.role == HandoverRole::kLeaver) {
        EXPECT_EQ(t.rep, a.leaver) << t.id;
      }
}

TEST(HandoverBookTest, OpenTasksOfALeaverGoToTheSuccessorAndDoneOnesStay) {
  Planned p = PlanTwoLeavers();
  const StoredAccountHandover first = p.book.plans()[0].accounts[0];
  ASSERT_FALSE(first.successor.empty());
  const std::string done = first.account + "/open_deals";
  const std::string open = first.account + "/key_players";
  ASSERT_TRUE(p.book.SetTaskStatus(p.id, done, HandoverTaskStatus::kDone, 1500).ok());
  ASSERT_TRUE(p.book.Apply(p.id, p.org, 2000).ok());
  int seen = 0;
  for (const StoredTask& t : p.book.Find(p.id)->accounts[0].tasks) {
    if (t.id == done) {
      EXPECT_EQ(t.rep, first.leaver);
      ++seen;
    } else if (t.id == open) {
      EXPECT_EQ(t.rep, first.successor);
      ++seen;
    }
  }
  EXPECT_EQ(seen, 2);
  // The leaver's own tasks are their manager's already.
  for (const StoredTask& t : p.book.Find(p.id)->leavers[0].tasks)
    EXPECT_NE(t.rep, p.book.Find(p.id)->leavers[0].leaver.rep);
}

TEST(HandoverBookTest, ARefusedApplyOrUndoChangesNothing) {
  Planned p = PlanTwoLeavers();
  const StoredAccountHandover& a = p.book.plans()[0].accounts[0];
  const std::string account = a.account, successor = a.successor;
  Batch moved;
  moved.ChangeOwner(account, "");
  ASSERT_TRUE(p.org.Apply(moved).ok());
  const std::uint64_t hash = p.org.StateHash();
  const std::string json = p.book.ToJson();
  const absl::Status refused = p.book.Apply(p.id, p.org, 2000);
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused.message(), HasSubstr("account " + account + " is owned by nobody"));
  EXPECT_EQ(p.org.StateHash(), hash);
  EXPECT_EQ(p.book.ToJson(), json);

  Planned q = PlanTwoLeavers();
  ASSERT_TRUE(q.book.Apply(q.id, q.org, 2000).ok());
  EXPECT_EQ(q.book.Apply(q.id, q.org, 2001).code(),
            absl::StatusCode::kFailedPrecondition);
  Batch again;
  again.ChangeOwner(account, "");
  ASSERT_TRUE(q.org.Apply(again).ok());
  const std::uint64_t applied = q.org.StateHash();
  const absl::Status undo = q.book.Undo(q.id, q.org, 3000);
  EXPECT_EQ(undo.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(undo.message(),
              HasSubstr("account " + account + ": owner is empty now, not " + successor));
  EXPECT_EQ(q.org.StateHash(), applied);
  EXPECT_EQ(q.book.Find(q.id)->state, HandoverState::kApplied);
  EXPECT_EQ(q.book.Undo("H9", q.org, 3000).code(), absl::StatusCode::kNotFound);
}

TEST(HandoverBookTest, TaskStatusesAreLoggedAndClosedOnceUndone) {
  Planned p = PlanTwoLeavers();
  const std::string task = p.book.plans()[0].accounts[0].tasks[0].id;
  ASSERT_TRUE(p.book.SetTaskStatus(p.id, task, HandoverTaskStatus::kSkipped, 5).ok());
  const HandoverEvent& e = p.book.log().back();
  EXPECT_EQ(e.kind, HandoverEvent::Kind::kTaskStatus);
  ASSERT_EQ(e.changes.size(), 1u);
  EXPECT_EQ(e.changes[0].before, "open");
  EXPECT_EQ(e.changes[0].after, "skipped");
  EXPECT_THAT(p.book.SetTaskStatus(p.id, "nope", HandoverTaskStatus::kDone, 6).message(),
              HasSubstr("has no task nope"));
  ASSERT_TRUE(p.book.Apply(p.id, p.org, 7).ok());
  ASSERT_TRUE(p.book.Undo(p.id, p.org, 8).ok());
  EXPECT_EQ(p.book.SetTaskStatus(p.id, task, HandoverTaskStatus::kDone, 9).code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(HandoverBookTest, TheRuleCatchesAnOpenTaskWithADepartedRep) {
  Planned p = PlanTwoLeavers();
  ASSERT_TRUE(p.book.Apply(p.id, p.org, 2000).ok());
  std::string json = p.book.ToJson();
  const StoredAccountHandover& a = p.book.plans()[0].accounts[0];
  const std::string from = "\"rep\": \"" + a.successor + "\"";
  const std::size_t at = json.find(from, json.find("\"" + a.account + "/key_players\""));
  ASSERT_NE(at, std::string::npos);
  json.replace(at, from.size(), "\"rep\": \"" + a.leaver + "\"");
  const auto tampered = HandoverBook::FromJson(json);
  ASSERT_TRUE(tampered.ok()) << tampered.status();
  EXPECT_THAT(CheckNothingOwnedByDeparted(p.org, *tampered).message(),
              HasSubstr("open task " + a.account + "/key_players is assigned to " +
                        a.leaver + ", who has left"));
}

TEST(HandoverBookTest, TheBookTravelsInTheSnapshotAndRoundTripsExactly) {
  Planned p = PlanTwoLeavers();
  ASSERT_TRUE(p.book.Apply(p.id, p.org, 2000).ok());
  const auto bytes = SnapshotToBytes(p.org, {ToSection(p.book)});
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  std::vector<SnapshotSection> sections;
  const auto loaded = SnapshotFromBytes(*bytes, &sections);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  const auto book = HandoverBookOf(sections);
  ASSERT_TRUE(book.ok()) << book.status();
  EXPECT_EQ(book->ToJson(), p.book.ToJson());
  HandoverBook again = *book;
  Org org = *loaded;
  ASSERT_TRUE(again.Undo(p.id, org, 3000).ok());
  EXPECT_TRUE(HandoverBookOf({})->empty());
}

TEST(HandoverBookTest, ABadBookIsRefusedNamingThePlace) {
  Planned p = PlanTwoLeavers();
  const std::string good = p.book.ToJson();
  const std::string task = p.book.plans()[0].accounts[0].tasks[0].id;
  auto error = [&](std::string from, std::string to) {
    std::string json = good;
    const std::size_t at = json.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) json.replace(at, from.size(), to);
    const auto book = HandoverBook::FromJson(json);
    return book.ok() ? std::string("accepted") : std::string(book.status().message());
  };
  EXPECT_THAT(error("\"state\": \"draft\"", "\"state\": \"done\""),
              HasSubstr("plan H1: state: unknown value \"done\""));
  EXPECT_THAT(
      error("\"kind\": \"" + task.substr(task.find('/') + 1) + "\"", "\"kind\": 3"),
      HasSubstr("plan H1 account " + p.book.plans()[0].accounts[0].account + " task " +
                task + ": kind has the wrong type"));
  EXPECT_THAT(error("\"today\": \"2026-11-01\"", "\"today\": \"2026-13-01\""),
              HasSubstr("plan H1: today:"));
  EXPECT_THAT(error("\"version\": 1", "\"version\": 2"), HasSubstr("version 2 is not 1"));
  EXPECT_THAT(error("\"plan\": \"H1\"", "\"plan\": \"H7\""),
              HasSubstr("log[0]: plan H7 is not in the book"));
  EXPECT_THAT(error("\"state\": \"draft\"", "\"state\": \"applied\""),
              HasSubstr("the log never applied it"));
  EXPECT_THAT(HandoverBook::FromJson("[1]").status().message(),
              HasSubstr("book: expected an object"));
  EXPECT_THAT(error("\"plans\": [", "\"plans\": [}"), HasSubstr("not JSON at byte"));
}

// Found by fuzzing (tests/fuzz/corpus/handover_book/crash-number-overflow):
// the JSON parser reports a number too large for a double apart from syntax
// errors, and that exception escaped FromJson.
TEST(HandoverBookTest, ANumberTooLargeForADoubleIsRefusedNotThrown) {
  for (const char* number : {"1e999", "-88e88880"}) {
    const std::string json =
        std::string("{\"format\": \"baton.handovers\", \"version\": ") + number +
        ", \"plans\": [], \"log\": []}";
    const auto book = HandoverBook::FromJson(json);
    ASSERT_FALSE(book.ok()) << number;
    EXPECT_EQ(book.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(book.status().message(), HasSubstr("handover book: not JSON: "));
    EXPECT_THAT(book.status().message(), HasSubstr(number));
  }
}

// Found by fuzzing (tests/fuzz/corpus/handover_book/crash-nesting-no-place):
// the refusal of a book nested too deep named no place in the text.
TEST(HandoverBookTest, ABookNestedTooDeepIsRefusedAtTheByteThatGoesTooDeep) {
  const std::string deep =
      "{\"plans\": " + std::string(70, '[') + std::string(70, ']') + "}";
  const auto book = HandoverBook::FromJson(deep);
  ASSERT_FALSE(book.ok());
  EXPECT_EQ(book.status().code(), absl::StatusCode::kInvalidArgument);
  // The object is level 1, so the 64th '[' (byte 10 + 63) is level 65.
  EXPECT_EQ(book.status().message(),
            "handover book: byte 73: nested deeper than 64 levels");
  // Brackets inside strings do not count.
  const std::string quoted = "{\"plans\": \"" + std::string(70, '[') + "\"}";
  EXPECT_THAT(HandoverBook::FromJson(quoted).status().message(),
              Not(HasSubstr("nested deeper")));
}

}  // namespace
}  // namespace baton
