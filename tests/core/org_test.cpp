#include "baton/org.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

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
