#include "baton/org.hpp"

#include <algorithm>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "baton/batch.hpp"
#include "baton/sample.hpp"
#include "tests/core/small_org.hpp"

namespace baton {
namespace {

using ::baton::testing::D;
using ::baton::testing::SmallOrg;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<std::string> AccountIds(const Org& org, absl::Span<const AccountIndex> rows) {
  std::vector<std::string> ids;
  for (AccountIndex a : rows) ids.push_back(org.accounts()[a].id);
  return ids;
}

TEST(OrgTest, EmptyOrgHasNothing) {
  Org org;
  for (int k = 0; k < kEntityKindCount; ++k) EXPECT_EQ(org.count(EntityKind(k)), 0u);
  EXPECT_FALSE(org.FindRep("r1").has_value());
  EXPECT_EQ(org.StateHash(), Org().StateHash());
}

TEST(OrgTest, CountsAndLookUps) {
  const Org org = SmallOrg();
  EXPECT_EQ(org.count(EntityKind::kRep), 4u);
  EXPECT_EQ(org.count(EntityKind::kAccount), 3u);
  EXPECT_EQ(org.count(EntityKind::kRelationship), 3u);
  const RepIndex chen = *org.FindRep("r-chen");
  EXPECT_EQ(org.reps()[chen].name, "陈静");
  EXPECT_EQ(org.tag(org.reps()[chen].territory), "深圳");
  const AccountIndex fx = *org.FindAccount("a-fx");
  EXPECT_EQ(org.accounts()[fx].owner, chen);
  EXPECT_EQ(org.tiers()[org.accounts()[fx].tier].id, "A");
  EXPECT_EQ(org.tag(org.accounts()[fx].group), "g-fx");
  EXPECT_FALSE(org.FindAccount("nope").has_value());
  const TeamIndex north = *org.FindTeam("t-north");
  EXPECT_EQ(org.teams()[north].manager, *org.FindRep("r-anna"));
}

TEST(OrgTest, DepartureIsRecorded) {
  const Org org = SmallOrg();
  const Rep& ben = org.reps()[*org.FindRep("r-ben")];
  EXPECT_FALSE(ben.active());
  EXPECT_EQ(ben.departed_on, D(2026, 11, 15));
  EXPECT_EQ(ben.destination, "Rival Corp");
  EXPECT_TRUE(ben.to_competitor);
  EXPECT_TRUE(org.reps()[*org.FindRep("r-anna")].active());
}

TEST(OrgTest, AccountsOfRepAndWithoutOwner) {
  const Org org = SmallOrg();
  EXPECT_THAT(AccountIds(org, org.AccountsOwnedBy(*org.FindRep("r-anna"))),
              ElementsAre("a-lodz"));
  EXPECT_THAT(org.AccountsOwnedBy(*org.FindRep("r-ben")), IsEmpty());
  EXPECT_THAT(AccountIds(org, org.AccountsWithoutOwner()), ElementsAre("a-orphan"));
  EXPECT_THAT(org.RepsOfTeam(*org.FindTeam("t-south")),
              ElementsAre(*org.FindRep("r-chen"), *org.FindRep("r-dora")));
}

TEST(OrgTest, RelationshipGraphBothWays) {
  const Org org = SmallOrg();
  const AccountIndex fx = *org.FindAccount("a-fx");
  EXPECT_THAT(org.ContactsOf(fx),
              ElementsAre(*org.FindContact("c-wang"), *org.FindContact("c-li")));
  std::vector<RelationshipIndex> rels;
  org.RelationshipsOfAccount(fx, &rels);
  ASSERT_EQ(rels.size(), 2u);
  EXPECT_EQ(org.relationships()[rels[0]].rep, *org.FindRep("r-chen"));
  EXPECT_EQ(org.relationships()[rels[1]].rep, *org.FindRep("r-dora"));
  const auto of_chen = org.RelationshipsOfRep(*org.FindRep("r-chen"));
  ASSERT_EQ(of_chen.size(), 1u);
  EXPECT_EQ(org.relationships()[of_chen[0]].contact, *org.FindContact("c-wang"));
  EXPECT_TRUE(org.FindRelationship(*org.FindRep("r-chen"), *org.FindContact("c-wang")));
  EXPECT_FALSE(org.FindRelationship(*org.FindRep("r-anna"), *org.FindContact("c-wang")));
}

// Each of `rows` lists exactly the records whose `key` is that row,
// ascending, and all records are listed once.
template <typename Lists, typename Key>
void ExpectListsEveryRecordOnce(std::size_t rows, std::size_t records, Lists lists,
                                Key key) {
  std::size_t listed = 0;
  for (std::size_t row = 0; row < rows; ++row) {
    const auto list = lists(static_cast<Index>(row));
    EXPECT_TRUE(std::is_sorted(list.begin(), list.end())) << "row " << row;
    for (const Index i : list) ASSERT_EQ(key(i), row) << "record " << i;
    listed += list.size();
  }
  EXPECT_EQ(listed, records);
}

// From 2^16 relationships the graph is built on a second thread beside the
// other indexes, and its reps' side on a third beside its contacts', at
// the first build and after a batch that changes them.
TEST(OrgParallelIndexTest, ALargeGraphBuiltBesideTheOtherIndexesIsComplete) {
  SampleOptions options;
  options.accounts = 8000;
  options.relationships_per_account = 10;
  absl::StatusOr<Org> org = GenerateSampleOrg(options);
  ASSERT_TRUE(org.ok()) << org.status();
  const std::string new_contact(org->contacts()[0].id);
  const std::string new_rep = [&] {
    for (const Rep& rep : org->reps()) {
      if (!org->FindRelationship(*org->FindRep(rep.id), 0) && rep.active()) return rep.id;
    }
    return std::string();
  }();
  ASSERT_FALSE(new_rep.empty());
  ASSERT_TRUE(
      org->Apply(Batch().Add(RelationshipSpec{new_rep, new_contact, 0.5, Depth::kSocial,
                                              D(2026, 1, 5), D(2026, 10, 1)}))
          .ok());

  const auto& rels = org->relationships();
  ASSERT_GE(rels.size(), std::size_t{1} << 16);
  ExpectListsEveryRecordOnce(
      org->reps().size(), rels.size(),
      [&](Index r) { return org->RelationshipsOfRep(r); },
      [&](Index i) { return rels[i].rep; });
  ExpectListsEveryRecordOnce(
      org->contacts().size(), rels.size(),
      [&](Index c) { return org->RelationshipsOfContact(c); },
      [&](Index i) { return rels[i].contact; });
  EXPECT_TRUE(org->FindRelationship(*org->FindRep(new_rep), 0));
  // The other side's indexes, built meanwhile.
  std::size_t interactions = 0;
  for (AccountIndex a = 0; a < org->accounts().size(); ++a) {
    interactions += org->InteractionsOf(a).size();
  }
  EXPECT_EQ(interactions, org->interactions().size());
}

TEST(OrgTest, RepsInRecentContact) {
  const Org org = SmallOrg();
  const AccountIndex fx = *org.FindAccount("a-fx");
  std::vector<RepIndex> reps;
  org.RepsInContactSince(fx, D(2026, 8, 1), &reps);  // chen by visit, dora by email
  EXPECT_THAT(reps, ElementsAre(*org.FindRep("r-chen"), *org.FindRep("r-dora")));
  reps.clear();
  org.RepsInContactSince(fx, D(2026, 10, 1), &reps);
  EXPECT_THAT(reps, ElementsAre(*org.FindRep("r-chen")));
  reps.clear();
  org.RepsInContactSince(fx, D(2026, 11, 1), &reps);
  EXPECT_THAT(reps, IsEmpty());
}

TEST(OrgTest, InteractionsOldestFirst) {
  const Org org = SmallOrg();
  const auto xs = org.InteractionsOf(*org.FindAccount("a-fx"));
  ASSERT_EQ(xs.size(), 2u);
  EXPECT_LT(org.interactions()[xs[0]].on, org.interactions()[xs[1]].on);
  EXPECT_EQ(org.DealsOf(*org.FindAccount("a-fx")).size(), 1u);
  EXPECT_EQ(org.ComplaintsOf(*org.FindAccount("a-lodz")).size(), 1u);
  EXPECT_EQ(org.ProductsOf(*org.FindAccount("a-orphan")).size(), 0u);
  EXPECT_EQ(org.AccountTeamOf(*org.FindAccount("a-fx")).size(), 1u);
  EXPECT_EQ(org.AccountTeamSeatsOf(*org.FindRep("r-dora")).size(), 1u);
}

// Each account's timeline lists exactly its interactions, by day then
// index, with their days and reps alongside: for a log in (account, day)
// order, as the generator writes it, and once an interaction recorded late
// (for the first account, on its earliest day) puts it out of order.
void ExpectTimelines(const Org& org) {
  const auto& log = org.interactions();
  std::vector<std::vector<InteractionIndex>> expected(org.accounts().size());
  for (InteractionIndex i = 0; i < log.size(); ++i) expected[log[i].account].push_back(i);
  for (AccountIndex a = 0; a < org.accounts().size(); ++a) {
    std::stable_sort(
        expected[a].begin(), expected[a].end(),
        [&](InteractionIndex x, InteractionIndex y) { return log[x].on < log[y].on; });
    const auto listed = org.InteractionsOf(a);
    ASSERT_THAT(std::vector<InteractionIndex>(listed.begin(), listed.end()),
                ::testing::ElementsAreArray(expected[a]))
        << "account " << a;
    const auto days = org.InteractionDaysOf(a);
    const auto reps = org.InteractionRepsOf(a);
    ASSERT_EQ(days.size(), listed.size());
    ASSERT_EQ(reps.size(), listed.size());
    for (std::size_t k = 0; k < listed.size(); ++k) {
      ASSERT_EQ(days[k], log[listed[k]].on);
      ASSERT_EQ(reps[k], log[listed[k]].rep);
    }
  }
}

TEST(OrgTest, TimelinesOfOrderedAndUnorderedLogs) {
  SampleOptions options;
  options.accounts = 300;
  absl::StatusOr<Org> org = GenerateSampleOrg(options);
  ASSERT_TRUE(org.ok()) << org.status();
  ExpectTimelines(*org);

  const AccountIndex first = 0;
  ASSERT_FALSE(org->InteractionsOf(first).empty());
  const Interaction& earliest = org->interactions()[org->InteractionsOf(first)[0]];
  InteractionSpec late;
  late.on = earliest.on;
  late.rep = org->reps()[earliest.rep].id;
  late.account = org->accounts()[first].id;
  ASSERT_TRUE(org->Apply(Batch().RecordInteraction(late)).ok());
  ExpectTimelines(*org);
  EXPECT_EQ(org->InteractionsOf(first)[1], org->interactions().size() - 1);
}

TEST(OrgTest, StateHashSeesEveryChange) {
  const Org org = SmallOrg();
  Org copy = org;
  EXPECT_EQ(copy.StateHash(), org.StateHash());
  ASSERT_TRUE(copy.Apply(Batch().ChangeOwner("a-orphan", "r-dora")).ok());
  EXPECT_NE(copy.StateHash(), org.StateHash());
  EXPECT_EQ(org.AccountsWithoutOwner().size(), 1u);  // the original is untouched
  EXPECT_THAT(copy.AccountsWithoutOwner(), IsEmpty());
  EXPECT_THAT(AccountIds(copy, copy.AccountsOwnedBy(*copy.FindRep("r-dora"))),
              ElementsAre("a-orphan"));
}

TEST(OrgTest, MemoryIsCounted) {
  const Org org = SmallOrg();
  EXPECT_GT(org.MemoryBytes(), Org().MemoryBytes());
}

TEST(OrgTest, MoveKeepsContents) {
  Org org = SmallOrg();
  const std::uint64_t hash = org.StateHash();
  Org moved = std::move(org);
  EXPECT_EQ(moved.StateHash(), hash);
  org = SmallOrg();
  EXPECT_EQ(org.StateHash(), hash);
}

}  // namespace
}  // namespace baton
