// Every bad-input rule of Org::Apply: a clear error naming the record and the
// field, and the organisation exactly as it was (same state hash).
#include <cmath>
#include <limits>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "baton/org.hpp"
#include "tests/core/small_org.hpp"

namespace baton {
namespace {

using ::baton::testing::D;
using ::baton::testing::SmallOrg;
using ::testing::HasSubstr;

AccountSpec Account(std::string id, std::string owner = "r-anna") {
  return AccountSpec{std::move(id), "New Co", "B",   1000, kNoDay,
                     kNoDay,        "north",  "smb", "",   std::move(owner)};
}

// Applies `batch` to the small org, expects it rejected with `code` and a
// message containing every one of `parts`, and the org unchanged.
void ExpectRejected(const Batch& batch, absl::StatusCode code,
                    std::initializer_list<std::string> parts) {
  Org org = SmallOrg();
  const std::uint64_t before = org.StateHash();
  const std::size_t accounts_before = org.AccountsOwnedBy(*org.FindRep("r-anna")).size();
  const absl::Status status = org.Apply(batch);
  EXPECT_EQ(status.code(), code) << status;
  for (const std::string& part : parts) {
    EXPECT_THAT(std::string(status.message()), HasSubstr(part));
  }
  EXPECT_EQ(org.StateHash(), before);
  EXPECT_EQ(org.AccountsOwnedBy(*org.FindRep("r-anna")).size(), accounts_before);
}

TEST(BatchTest, AcceptedBatchApplies) {
  Org org = SmallOrg();
  ASSERT_TRUE(org.Apply(Batch().Add(Account("a-new"))).ok());
  EXPECT_TRUE(org.FindAccount("a-new").has_value());
  EXPECT_EQ(org.AccountsOwnedBy(*org.FindRep("r-anna")).size(), 2u);
}

TEST(BatchTest, DuplicateId) {
  ExpectRejected(Batch().Add(Account("a-fx")), absl::StatusCode::kAlreadyExists,
                 {"change 1 (add)", "account a-fx", "id", "already exists"});
  ExpectRejected(Batch().Add(Account("a-x")).Add(Account("a-x")),
                 absl::StatusCode::kAlreadyExists, {"change 2", "account a-x"});
  ExpectRejected(Batch().Add(RelationshipSpec{"r-chen", "c-wang", 0.5}),
                 absl::StatusCode::kAlreadyExists,
                 {"relationship (rep r-chen, contact c-wang)"});
  ExpectRejected(Batch().Add(ProductSpec{"a-fx", "crm-suite", 1}),
                 absl::StatusCode::kAlreadyExists, {"product crm-suite of account a-fx"});
}

TEST(BatchTest, DanglingReferences) {
  ExpectRejected(Batch().Add(Account("a-x", "r-ghost")),
                 absl::StatusCode::kInvalidArgument,
                 {"account a-x", "owner", "unknown rep r-ghost"});
  ExpectRejected(Batch().Add(ContactSpec{"c-x", "a-ghost", "X"}),
                 absl::StatusCode::kInvalidArgument,
                 {"contact c-x", "account", "a-ghost"});
  ExpectRejected(Batch().Add(RelationshipSpec{"r-anna", "c-ghost", 0.5}),
                 absl::StatusCode::kInvalidArgument,
                 {"contact", "unknown contact c-ghost"});
  ExpectRejected(Batch().Add(ContactSpec{"c-x", "", "X"}),
                 absl::StatusCode::kInvalidArgument,
                 {"contact c-x", "account: is required"});
  ExpectRejected(Batch().RecordInteraction(
                     {D(2026, 1, 1), Channel::kCall, "r-anna", "a-lodz", "c-wang", ""}),
                 absl::StatusCode::kInvalidArgument,
                 {"contact", "belongs to another account"});
}

TEST(BatchTest, UnknownTier) {
  AccountSpec spec = Account("a-x");
  spec.tier = "Z";
  ExpectRejected(Batch().Add(spec), absl::StatusCode::kInvalidArgument,
                 {"account a-x", "tier", "unknown tier Z"});
}

TEST(BatchTest, NegativeValues) {
  AccountSpec spec = Account("a-x");
  spec.annual_value = -1;
  ExpectRejected(Batch().Add(spec), absl::StatusCode::kInvalidArgument,
                 {"account a-x", "annual_value", "-1"});
  ExpectRejected(Batch().Add(RepSpec{"r-x", "X", "", "", 1, -5}),
                 absl::StatusCode::kInvalidArgument, {"rep r-x", "capacity"});
  ExpectRejected(Batch().Add(ProductSpec{"a-fx", "p", -2}),
                 absl::StatusCode::kInvalidArgument, {"quantity"});
  ExpectRejected(Batch().Add(TierSpec{"Z", 0}), absl::StatusCode::kInvalidArgument,
                 {"tier Z", "load_weight"});
}

TEST(BatchTest, NotANumber) {
  AccountSpec spec = Account("a-x");
  spec.annual_value = std::nan("");
  ExpectRejected(Batch().Add(spec), absl::StatusCode::kInvalidArgument,
                 {"account a-x", "annual_value", "finite"});
  spec.annual_value = std::numeric_limits<double>::infinity();
  ExpectRejected(Batch().Add(spec), absl::StatusCode::kInvalidArgument, {"annual_value"});
  ExpectRejected(Batch().Add(RelationshipSpec{"r-anna", "c-wang", std::nan("")}),
                 absl::StatusCode::kInvalidArgument, {"strength"});
  ExpectRejected(Batch().Add(RelationshipSpec{"r-anna", "c-wang", 1.5}),
                 absl::StatusCode::kInvalidArgument, {"strength", "[0, 1]"});
}

TEST(BatchTest, DatesOutOfRange) {
  AccountSpec spec = Account("a-x");
  spec.renewal_on = kLastDay + 1;
  ExpectRejected(Batch().Add(spec), absl::StatusCode::kInvalidArgument,
                 {"account a-x", "renewal_on", "outside 1900-01-01..2199-12-31"});
  ExpectRejected(Batch().Depart("r-anna", kFirstDay - 1),
                 absl::StatusCode::kInvalidArgument, {"rep r-anna", "departed_on"});
  ExpectRejected(Batch().Add(ComplaintSpec{"k-x", "a-fx", D(2026, 5, 1), D(2026, 4, 1)}),
                 absl::StatusCode::kInvalidArgument, {"closed_on", "before opened_on"});
  ExpectRejected(Batch().RecordInteraction({kNoDay, Channel::kCall, "r-anna", "a-lodz"}),
                 absl::StatusCode::kInvalidArgument, {"on: is required"});
}

TEST(BatchTest, DepartedOwner) {
  ExpectRejected(Batch().Add(Account("a-x", "r-ben")), absl::StatusCode::kInvalidArgument,
                 {"account a-x", "owner", "rep r-ben departed on 2026-11-15"});
  ExpectRejected(Batch().ChangeOwner("a-fx", "r-ben"), absl::StatusCode::kInvalidArgument,
                 {"account a-fx", "owner", "r-ben departed"});
  ExpectRejected(Batch().Add(DealSpec{"d-x", "a-fx", "r-ben"}),
                 absl::StatusCode::kInvalidArgument, {"deal d-x", "owner"});
  // A rep departing in the same batch is departed for the changes after it.
  ExpectRejected(
      Batch().Depart("r-dora", D(2026, 12, 1)).ChangeOwner("a-orphan", "r-dora"),
      absl::StatusCode::kInvalidArgument, {"change 2", "r-dora departed"});
}

TEST(BatchTest, BadEnumsAndText) {
  ContactSpec contact{"c-x", "a-fx", "X"};
  contact.role = static_cast<ContactRole>(99);
  ExpectRejected(Batch().Add(contact), absl::StatusCode::kInvalidArgument,
                 {"contact c-x", "role", "unknown value 99"});
  RelationshipSpec rel{"r-anna", "c-wang", 0.5};
  rel.depth = static_cast<Depth>(0);
  ExpectRejected(Batch().Add(rel), absl::StatusCode::kInvalidArgument, {"depth"});
  ExpectRejected(Batch().Add(Account("a-\xff")), absl::StatusCode::kInvalidArgument,
                 {"id", "invalid UTF-8 at byte 2"});
  ContactSpec nul{"c-nul", "a-fx", std::string("Zo\0fia", 6)};
  ExpectRejected(Batch().Add(nul), absl::StatusCode::kInvalidArgument,
                 {"contact c-nul", "name", "NUL byte at byte 2"});
  ExpectRejected(Batch().Add(Account("")), absl::StatusCode::kInvalidArgument,
                 {"id: must not be empty"});
  ExpectRejected(Batch().Add(Account(std::string(300, 'x'))),
                 absl::StatusCode::kInvalidArgument, {"longer than 256 bytes"});
}

TEST(BatchTest, LateFailureUndoesEverything) {
  Batch batch;
  batch.Add(TeamSpec{"t-new", "New", "r-anna"});
  batch.Add(RepSpec{"r-new", "New Rep", "t-new", "r-anna", 2, 10, "west", "smb"});
  batch.Add(TierSpec{"D", 1, 0, 0});
  batch.Add(Account("a-new", "r-new"));
  batch.Add(ContactSpec{"c-new", "a-new", "N"});
  batch.Add(RelationshipSpec{"r-new", "c-new", 0.3});
  batch.Update(
      AccountSpec{"a-fx", "Renamed", "C", 1, kNoDay, kNoDay, "", "", "", "r-new"});
  batch.ChangeOwner("a-orphan", "r-anna");
  batch.Depart("r-dora", D(2026, 12, 1));
  batch.Remove(EntityKind::kAccount, "a-lodz");
  batch.Add(Account("a-bad", "r-ghost"));  // the last change fails
  ExpectRejected(batch, absl::StatusCode::kInvalidArgument, {"change 11", "r-ghost"});

  // Nothing of the rejected batch leaks: its ids are free afterwards.
  Org org = SmallOrg();
  ASSERT_FALSE(org.Apply(batch).ok());
  Batch retry;
  retry.Add(TeamSpec{"t-new", "New", ""}).Add(TierSpec{"D", 1, 0, 0});
  ASSERT_TRUE(org.Apply(retry).ok());
  EXPECT_TRUE(org.FindTeam("t-new").has_value());
  EXPECT_EQ(org.FindRep("r-new"), std::nullopt);
}

TEST(BatchTest, UpdateAndRemoveNeedTheRecord) {
  ExpectRejected(Batch().Update(Account("a-ghost")), absl::StatusCode::kNotFound,
                 {"account a-ghost", "no such record to update"});
  ExpectRejected(Batch().Remove(EntityKind::kContact, "c-ghost"),
                 absl::StatusCode::kNotFound, {"contact c-ghost"});
  ExpectRejected(Batch().ChangeOwner("a-ghost", "r-anna"), absl::StatusCode::kNotFound,
                 {"account a-ghost"});
  ExpectRejected(Batch().Remove(EntityKind::kInteraction, "x"),
                 absl::StatusCode::kInvalidArgument, {"cannot be removed one by one"});
}

TEST(BatchTest, RemovingARepInUseIsRefused) {
  ExpectRejected(Batch().Remove(EntityKind::kRep, "r-anna"),
                 absl::StatusCode::kFailedPrecondition,
                 {"rep r-anna", "cannot be removed (change 1)"});
  ExpectRejected(Batch().Remove(EntityKind::kTier, "A"),
                 absl::StatusCode::kFailedPrecondition,
                 {"tier A", "tier of account a-fx"});
  ExpectRejected(Batch().Remove(EntityKind::kTeam, "t-south"),
                 absl::StatusCode::kFailedPrecondition,
                 {"team t-south", "team of rep r-chen"});
}

TEST(BatchTest, RemovingAnAccountTakesWhatBelongsToIt) {
  Org org = SmallOrg();
  ASSERT_TRUE(org.Apply(Batch().Remove(EntityKind::kAccount, "a-fx")).ok());
  EXPECT_FALSE(org.FindAccount("a-fx").has_value());
  EXPECT_FALSE(org.FindContact("c-wang").has_value());
  EXPECT_FALSE(org.FindDeal("d-1").has_value());
  EXPECT_EQ(org.count(EntityKind::kRelationship), 1u);  // only anna - ewa is left
  EXPECT_EQ(org.count(EntityKind::kInteraction), 1u);
  EXPECT_EQ(org.count(EntityKind::kAccountTeam), 0u);
  EXPECT_EQ(org.count(EntityKind::kProduct), 1u);
  EXPECT_EQ(org.count(EntityKind::kComplaint), 1u);
  // References were renumbered consistently.
  const AccountIndex lodz = *org.FindAccount("a-lodz");
  EXPECT_EQ(org.contacts()[org.ContactsOf(lodz)[0]].id, "c-ewa");
  const Relationship& rel = org.relationships()[0];
  EXPECT_EQ(org.contacts()[rel.contact].id, "c-ewa");
  EXPECT_EQ(org.reps()[rel.rep].id, "r-anna");
}

TEST(BatchTest, RemoveThenAddTheSameIdInOneBatch) {
  Org org = SmallOrg();
  Batch batch;
  batch.Remove(EntityKind::kAccount, "a-orphan").Add(Account("a-orphan", "r-dora"));
  batch.Remove(EntityKind::kRelationship, "r-dora", "c-li");
  batch.Add(RelationshipSpec{"r-dora", "c-li", 0.8, Depth::kMutualBenefit});
  ASSERT_TRUE(org.Apply(batch).ok());
  const AccountIndex orphan = *org.FindAccount("a-orphan");
  EXPECT_EQ(org.reps()[org.accounts()[orphan].owner].id, "r-dora");
  const auto rel = org.FindRelationship(*org.FindRep("r-dora"), *org.FindContact("c-li"));
  ASSERT_TRUE(rel.has_value());
  EXPECT_EQ(org.relationships()[*rel].depth, Depth::kMutualBenefit);
  EXPECT_EQ(org.count(EntityKind::kRelationship), 3u);
}

// Records keyed by a pair are found again within the batch that adds them,
// whether their group (contact, account) is new or existed before, and a
// removed one neither blocks its key nor is found.
TEST(BatchTest, PairsAddedInOneBatchAreFoundAgain) {
  ExpectRejected(
      Batch()
          .Add(ContactSpec{"c-new", "a-fx", "N"})
          .Add(RelationshipSpec{"r-anna", "c-new", 0.3})
          .Add(RelationshipSpec{"r-ben", "c-new", 0.3})
          .Add(RelationshipSpec{"r-anna", "c-new", 0.4}),
      absl::StatusCode::kAlreadyExists,
      {"change 4", "relationship (rep r-anna, contact c-new)", "already exists"});
  ExpectRejected(Batch()
                     .Add(RelationshipSpec{"r-ben", "c-wang", 0.3})
                     .Add(RelationshipSpec{"r-ben", "c-wang", 0.5}),
                 absl::StatusCode::kAlreadyExists, {"change 2", "already exists"});
  ExpectRejected(Batch()
                     .Add(AccountTeamSpec{"a-lodz", "r-chen"})
                     .Add(AccountTeamSpec{"a-lodz", "r-anna"})
                     .Add(AccountTeamSpec{"a-lodz", "r-chen"}),
                 absl::StatusCode::kAlreadyExists, {"change 3", "already exists"});
  ExpectRejected(Batch()
                     .Add(ProductSpec{"a-lodz", "crm-suite", 1})
                     .Add(ProductSpec{"a-lodz", "crm-suite", 2}),
                 absl::StatusCode::kAlreadyExists, {"change 2", "already exists"});
  ExpectRejected(Batch()
                     .Remove(EntityKind::kRelationship, "r-dora", "c-li")
                     .Add(RelationshipSpec{"r-dora", "c-li", 0.8})
                     .Add(RelationshipSpec{"r-dora", "c-li", 0.9}),
                 absl::StatusCode::kAlreadyExists, {"change 3", "already exists"});

  Org org = SmallOrg();
  Batch batch;
  batch.Add(ContactSpec{"c-new", "a-fx", "N"});
  for (const char* rep : {"r-anna", "r-ben", "r-chen"}) {
    batch.Add(RelationshipSpec{rep, "c-new", 0.3});
  }
  batch.Remove(EntityKind::kRelationship, "r-ben", "c-new");
  batch.Update(RelationshipSpec{"r-chen", "c-new", 0.9});
  ASSERT_TRUE(org.Apply(batch).ok());
  const ContactIndex added = *org.FindContact("c-new");
  EXPECT_EQ(org.RelationshipsOfContact(added).size(), 2u);
  EXPECT_FALSE(org.FindRelationship(*org.FindRep("r-ben"), added).has_value());
  EXPECT_FLOAT_EQ(
      org.relationships()[*org.FindRelationship(*org.FindRep("r-chen"), added)].strength,
      0.9f);
}

// Look-ups try the record after the last one found; a removed record there
// is not found.
TEST(BatchTest, RemovedRecordIsNotFoundAfterItsNeighbour) {
  ExpectRejected(Batch()
                     .Remove(EntityKind::kAccount, "a-lodz")
                     .Add(ContactSpec{"c-1", "a-fx", "One"})
                     .Add(ContactSpec{"c-2", "a-lodz", "Two"}),
                 absl::StatusCode::kInvalidArgument,
                 {"change 3", "contact c-2", "unknown account a-lodz"});
  Org org = SmallOrg();
  ASSERT_TRUE(org.Apply(Batch()
                            .Add(ContactSpec{"c-1", "a-fx", "One"})
                            .Add(ContactSpec{"c-2", "a-lodz", "Two"})
                            .Add(ContactSpec{"c-3", "a-orphan", "Three"}))
                  .ok());
  EXPECT_EQ(org.accounts()[org.contacts()[*org.FindContact("c-3")].account].id,
            "a-orphan");
}

TEST(BatchTest, SameChangesSameHash) {
  Org a = SmallOrg();
  Org b = SmallOrg();
  EXPECT_EQ(a.StateHash(), b.StateHash());
  ASSERT_TRUE(a.Apply(Batch().Update(RelationshipSpec{"r-anna", "c-ewa", 0.2})).ok());
  EXPECT_NE(a.StateHash(), b.StateHash());
  ASSERT_TRUE(b.Apply(Batch().Update(RelationshipSpec{"r-anna", "c-ewa", 0.2})).ok());
  EXPECT_EQ(a.StateHash(), b.StateHash());
}

}  // namespace
}  // namespace baton
