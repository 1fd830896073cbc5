// Exact codes and messages of the C API for bad input, rejected batches and
// injected exceptions. Linked with the C API's objects (not libbaton.so) so
// that it can reach the internal fault hook of capi/guard.hpp.
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <new>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/cord.h"
#include "baton.h"
#include "capi/guard.hpp"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

std::string LastError() { return baton_last_error(); }

// A scratch directory of this test's own, removed afterwards.
class ScratchDir {
 public:
  ScratchDir() {
    path_ = std::filesystem::temp_directory_path() /
            ("baton-capi-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() { std::filesystem::remove_all(path_); }
  std::string Write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name, std::ios::binary) << text;
    return (path_ / name).string();
  }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

// An organisation with a tier A, two reps (r1 owns a1) and contact c1.
class CapiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(baton_org_create(&org_), BATON_OK);
    ASSERT_EQ(baton_batch_create(&batch_), BATON_OK);
    baton_tier_spec tier = BATON_TIER_SPEC_INIT;
    tier.id = "A";
    tier.load_weight = 3;
    tier.min_seniority = 2;
    baton_rep_spec rep = BATON_REP_SPEC_INIT;
    rep.id = "r1";
    rep.name = "Ada";
    rep.seniority = 3;
    rep.capacity = 30;
    baton_rep_spec rep2 = rep;
    rep2.id = "r2";
    rep2.name = "Bob";
    baton_account_spec account = BATON_ACCOUNT_SPEC_INIT;
    account.id = "a1";
    account.name = "Acme";
    account.tier = "A";
    account.annual_value = 1000;
    account.owner = "r1";
    baton_contact_spec contact = BATON_CONTACT_SPEC_INIT;
    contact.id = "c1";
    contact.account = "a1";
    contact.name = "Zofia";
    ASSERT_EQ(baton_batch_add_tier(batch_, &tier), BATON_OK);
    ASSERT_EQ(baton_batch_add_rep(batch_, &rep), BATON_OK);
    ASSERT_EQ(baton_batch_add_rep(batch_, &rep2), BATON_OK);
    ASSERT_EQ(baton_batch_add_account(batch_, &account), BATON_OK);
    ASSERT_EQ(baton_batch_add_contact(batch_, &contact), BATON_OK);
    ASSERT_EQ(baton_org_apply(org_, batch_), BATON_OK) << LastError();
    ASSERT_EQ(baton_batch_clear(batch_), BATON_OK);
  }
  void TearDown() override {
    baton::capi::g_fault_hook = nullptr;
    baton_batch_destroy(batch_);
    baton_org_destroy(org_);
  }

  std::uint64_t Hash() const {
    std::uint64_t hash = 0;
    EXPECT_EQ(baton_org_state_hash(&hash, org_), BATON_OK);
    return hash;
  }

  // Applies batch_, expecting `code`, and checks the organisation is as it
  // was when the code is an error.
  void ExpectApply(int code, const std::string& message) {
    const std::uint64_t before = Hash();
    EXPECT_EQ(baton_org_apply(org_, batch_), code) << LastError();
    EXPECT_EQ(LastError(), message);
    EXPECT_EQ(Hash(), before);
  }

  baton_org* org_ = nullptr;
  baton_batch* batch_ = nullptr;
};

TEST(StatusMapping, EachAbslCodeHasOneBatonCode) {
  using baton::capi::CodeOf;
  EXPECT_EQ(CodeOf(absl::OkStatus()), BATON_OK);
  EXPECT_EQ(CodeOf(absl::InvalidArgumentError("account a1: owner: rep r9 has departed")),
            BATON_EINVALID);
  EXPECT_EQ(CodeOf(absl::InvalidArgumentError("reps.csv:3:7: seniority: expected")),
            BATON_EPARSE);
  EXPECT_EQ(
      CodeOf(absl::InvalidArgumentError("reps.csv:1: missing required column 'id'")),
      BATON_EPARSE);
  EXPECT_EQ(CodeOf(absl::InvalidArgumentError("account a:17: owner: unknown")),
            BATON_EINVALID);
  EXPECT_EQ(CodeOf(absl::InvalidArgumentError("x:: y")), BATON_EINVALID);
  EXPECT_EQ(CodeOf(absl::NotFoundError("")), BATON_ENOTFOUND);
  EXPECT_EQ(CodeOf(absl::AlreadyExistsError("")), BATON_EEXISTS);
  EXPECT_EQ(CodeOf(absl::DataLossError("")), BATON_ECORRUPT);
  EXPECT_EQ(CodeOf(absl::UnavailableError("")), BATON_EIO);
  EXPECT_EQ(CodeOf(absl::PermissionDeniedError("")), BATON_EIO);
  EXPECT_EQ(CodeOf(absl::ResourceExhaustedError("")), BATON_ENOMEM);
  EXPECT_EQ(CodeOf(absl::FailedPreconditionError("")), BATON_ESTATE);
  EXPECT_EQ(CodeOf(absl::CancelledError("")), BATON_ECANCELLED);
  EXPECT_EQ(CodeOf(absl::InternalError("")), BATON_EINTERNAL);
  EXPECT_EQ(CodeOf(absl::UnknownError("")), BATON_EIO);  // absl's code for EIO
  EXPECT_EQ(CodeOf(absl::ErrnoToStatus(EIO, "reps.csv: read failed")), BATON_EIO);
  EXPECT_EQ(CodeOf(absl::ErrnoToStatus(ENOENT, "x: cannot open")), BATON_ENOTFOUND);
  EXPECT_EQ(CodeOf(absl::ErrnoToStatus(EACCES, "x: cannot open")), BATON_EIO);
  EXPECT_EQ(CodeOf(absl::UnimplementedError("")), BATON_EINTERNAL);
}

TEST(StatusMapping, AnErrnoPayloadMakesAnIoError) {
  using baton::capi::CodeOf;
  absl::Status disk_full = absl::ErrnoToStatus(ENOSPC, "org.snap: cannot write");
  EXPECT_EQ(CodeOf(disk_full), BATON_ENOMEM);  // absl's mapping alone: ResourceExhausted
  disk_full.SetPayload("baton.errno", absl::Cord(std::to_string(ENOSPC)));
  EXPECT_EQ(CodeOf(disk_full), BATON_EIO);
  absl::Status is_a_directory = absl::ErrnoToStatus(EISDIR, "org.snap: cannot open");
  is_a_directory.SetPayload("baton.errno", absl::Cord(std::to_string(EISDIR)));
  EXPECT_EQ(CodeOf(is_a_directory), BATON_EIO);
  absl::Status missing = absl::NotFoundError("x");
  missing.SetPayload("baton.errno", absl::Cord(std::to_string(ENOENT)));
  EXPECT_EQ(CodeOf(missing), BATON_ENOTFOUND);
}

TEST(StatusNames, EveryCodeHasAName) {
  for (int code = BATON_OK; code >= BATON_ESTATE; --code) {
    EXPECT_THAT(baton_status_name(code), StartsWith("BATON_"));
    EXPECT_STRNE(baton_status_name(code), "BATON_E?") << code;
  }
  EXPECT_STREQ(baton_status_name(BATON_ESTATE), "BATON_ESTATE");
  EXPECT_STREQ(baton_status_name(1), "BATON_E?");
}

TEST(LastError, IsPerThreadAndSurvivesSuccess) {
  size_t n = 0;
  EXPECT_EQ(baton_org_count(&n, nullptr, 0), BATON_EINVALID);
  EXPECT_EQ(LastError(), "baton_org_count: org is NULL");
  std::string other;
  std::thread([&] {
    other = baton_last_error();
    baton_batch_size(nullptr, nullptr);
  }).join();
  EXPECT_EQ(other, "");
  EXPECT_EQ(LastError(), "baton_org_count: org is NULL");
  EXPECT_EQ(baton_version(), unsigned{BATON_VERSION_NUMBER});
  baton_org* org = nullptr;
  ASSERT_EQ(baton_org_create(&org), BATON_OK);
  EXPECT_EQ(LastError(), "baton_org_count: org is NULL");
  baton_org_destroy(org);
}

TEST(LastError, LongMessagesAreCutOnACharacterBoundary) {
  std::string message;
  for (int i = 0; i < 3000; ++i) message += "é";  // 2 bytes each
  EXPECT_EQ(baton::capi::SetError(BATON_EINVALID, message), BATON_EINVALID);
  const std::string kept = LastError();
  EXPECT_LT(kept.size(), 4096u);
  EXPECT_EQ(kept.size() % 2, 0u);
  EXPECT_EQ(message.compare(0, kept.size(), kept), 0);
}

TEST_F(CapiTest, InjectedBadAllocIsOutOfMemory) {
  baton::capi::g_fault_hook = [](const char*) { throw std::bad_alloc(); };
  baton_org* org = nullptr;
  EXPECT_EQ(baton_org_create(&org), BATON_ENOMEM);
  EXPECT_EQ(org, nullptr);
  EXPECT_EQ(LastError(), "baton_org_create: out of memory");
}

TEST_F(CapiTest, InjectedExceptionsAreInternalErrors) {
  baton::capi::g_fault_hook = [](const char* function) {
    if (std::strcmp(function, "baton_org_count") == 0) throw std::runtime_error("boom");
    if (std::strcmp(function, "baton_org_apply") == 0) throw 42;
  };
  size_t n = 0;
  EXPECT_EQ(baton_org_count(&n, org_, BATON_KIND_REP), BATON_EINTERNAL);
  EXPECT_EQ(LastError(), "baton_org_count: internal error: boom");
  const std::uint64_t before = Hash();
  EXPECT_EQ(baton_org_apply(org_, batch_), BATON_EINTERNAL);
  EXPECT_EQ(LastError(), "baton_org_apply: internal error: unknown exception");
  baton::capi::g_fault_hook = nullptr;
  EXPECT_EQ(Hash(), before);
  EXPECT_EQ(baton_org_count(&n, org_, BATON_KIND_REP), BATON_OK);
  EXPECT_EQ(n, 2u);
}

TEST_F(CapiTest, InjectedFaultInDestroyDoesNotLeakOrCrash) {
  baton::capi::g_fault_hook = [](const char*) { throw std::bad_alloc(); };
  baton_batch_destroy(batch_);  // the guard swallows it; the batch stays alive
  baton::capi::g_fault_hook = nullptr;
  size_t n = 1;
  EXPECT_EQ(baton_batch_size(&n, batch_), BATON_OK);
  EXPECT_EQ(n, 0u);
}

TEST_F(CapiTest, HandlesOfTheWrongTypeAreRefused) {
  size_t n = 0;
  const auto* not_an_org = reinterpret_cast<const baton_org*>(batch_);
  EXPECT_EQ(baton_org_count(&n, not_an_org, BATON_KIND_REP), BATON_EINVALID);
  EXPECT_EQ(
      LastError(),
      "baton_org_count: org is not a live baton_org (destroyed, or a handle of another "
      "type)");
  EXPECT_EQ(baton_batch_size(&n, reinterpret_cast<const baton_batch*>(org_)),
            BATON_EINVALID);
  EXPECT_EQ(
      LastError(),
      "baton_batch_size: batch is not a live baton_batch (destroyed, or a handle of "
      "another type)");
  // Destroying a handle of the wrong type leaves it alone.
  baton_org_destroy(reinterpret_cast<baton_org*>(batch_));
  EXPECT_EQ(baton_batch_size(&n, batch_), BATON_OK);
}

TEST_F(CapiTest, NullArgumentsAreNamed) {
  EXPECT_EQ(baton_org_import_csv(org_, nullptr), BATON_EINVALID);
  EXPECT_EQ(LastError(), "baton_org_import_csv: directory is NULL");
  EXPECT_EQ(baton_org_find(nullptr, org_, BATON_KIND_REP, "r1", nullptr), BATON_EINVALID);
  EXPECT_EQ(LastError(), "baton_org_find: out is NULL");
  std::uint32_t index = 0;
  EXPECT_EQ(baton_org_find(&index, org_, BATON_KIND_RELATIONSHIP, "r1", nullptr),
            BATON_EINVALID);
  EXPECT_EQ(LastError(), "baton_org_find: second is NULL");
  EXPECT_EQ(baton_org_find(&index, org_, BATON_KIND_INTERACTION, "r1", nullptr),
            BATON_EINVALID);
  EXPECT_EQ(LastError(), "baton_org_find: interactions have no key to find them by");
  EXPECT_EQ(baton_batch_add_rep(batch_, nullptr), BATON_EINVALID);
  EXPECT_EQ(LastError(), "baton_batch_add_rep: c is NULL");
  EXPECT_EQ(baton_org_from_bytes(nullptr, "x", 1), BATON_EINVALID);
  EXPECT_EQ(LastError(), "baton_org_from_bytes: out is NULL");
}

TEST_F(CapiTest, BadEnumerationValuesAreCaughtWhenAdded) {
  baton_contact_spec contact = BATON_CONTACT_SPEC_INIT;
  contact.id = "c2";
  contact.account = "a1";
  contact.role = 42;
  EXPECT_EQ(baton_batch_add_contact(batch_, &contact), BATON_EINVALID);
  EXPECT_EQ(LastError(),
            "baton_batch_add_contact: role: 42 is not a valid value (expected 0..7)");
  baton_complaint_spec complaint = BATON_COMPLAINT_SPEC_INIT;
  complaint.severity = 0;
  EXPECT_EQ(baton_batch_update_complaint(batch_, &complaint), BATON_EINVALID);
  EXPECT_EQ(
      LastError(),
      "baton_batch_update_complaint: severity: 0 is not a valid value (expected 1..4)");
  baton_relationship_spec relationship = BATON_RELATIONSHIP_SPEC_INIT;
  relationship.version = 2;
  EXPECT_EQ(baton_batch_add_relationship(batch_, &relationship), BATON_EINVALID);
  EXPECT_THAT(LastError(), HasSubstr("spec->version is 2"));
  size_t n = 1;
  EXPECT_EQ(baton_batch_size(&n, batch_), BATON_OK);
  EXPECT_EQ(n, 0u);
  EXPECT_EQ(baton_batch_remove(batch_, BATON_KIND_COUNT, "x", nullptr), BATON_EINVALID);
  EXPECT_EQ(LastError(),
            "baton_batch_remove: kind: 11 is not a valid value (expected 0..10)");
}

TEST_F(CapiTest, SpecInitFunctionsMatchTheInitMacros) {
  baton_rep_spec from_function;
  std::memset(&from_function, 0xAB, sizeof from_function);
  baton_rep_spec_init(&from_function);
  const baton_rep_spec from_macro = BATON_REP_SPEC_INIT;
  EXPECT_EQ(from_function.version, from_macro.version);
  EXPECT_EQ(from_function.seniority, 1);
  EXPECT_EQ(from_function.departed_on, BATON_NO_DAY);
  EXPECT_EQ(from_function.id, nullptr);
  baton_complaint_spec complaint;
  baton_complaint_spec_init(&complaint);
  EXPECT_EQ(complaint.severity, BATON_SEVERITY_MEDIUM);
  EXPECT_EQ(complaint.closed_on, BATON_NO_DAY);
  baton_relationship_spec relationship;
  baton_relationship_spec_init(&relationship);
  EXPECT_EQ(relationship.depth, BATON_DEPTH_SOCIAL);
  baton_team_spec_init(nullptr);  // harmless
}

TEST_F(CapiTest, DuplicateIdIsExistsAndChangesNothing) {
  baton_account_spec account = BATON_ACCOUNT_SPEC_INIT;
  account.id = "a2";
  account.name = "Other";
  account.tier = "A";
  ASSERT_EQ(baton_batch_add_account(batch_, &account), BATON_OK);
  account.id = "a1";
  ASSERT_EQ(baton_batch_add_account(batch_, &account), BATON_OK);
  ExpectApply(BATON_EEXISTS, "change 2 (add): account a1: id: already exists");
}

TEST_F(CapiTest, DanglingReferenceAndNaNAreInvalid) {
  baton_account_spec account = BATON_ACCOUNT_SPEC_INIT;
  account.id = "a2";
  account.name = "Other";
  account.tier = "Z";
  ASSERT_EQ(baton_batch_add_account(batch_, &account), BATON_OK);
  ExpectApply(BATON_EINVALID, "change 1 (add): account a2: tier: unknown tier Z");
  ASSERT_EQ(baton_batch_clear(batch_), BATON_OK);
  account.tier = "A";
  account.annual_value = std::nan("");
  ASSERT_EQ(baton_batch_add_account(batch_, &account), BATON_OK);
  const std::uint64_t before = Hash();
  EXPECT_EQ(baton_org_apply(org_, batch_), BATON_EINVALID);
  EXPECT_THAT(LastError(), StartsWith("change 1 (add): account a2: annual_value: "));
  EXPECT_EQ(Hash(), before);
}

TEST_F(CapiTest, MissingRecordIsNotFoundAndRepInUseIsState) {
  baton_team_spec team = BATON_TEAM_SPEC_INIT;
  team.id = "t9";
  ASSERT_EQ(baton_batch_update_team(batch_, &team), BATON_OK);
  ExpectApply(BATON_ENOTFOUND,
              "change 1 (update): team t9: id: no such record to update");
  ASSERT_EQ(baton_batch_clear(batch_), BATON_OK);
  ASSERT_EQ(baton_batch_remove(batch_, BATON_KIND_REP, "r1", nullptr), BATON_OK);
  const std::uint64_t before = Hash();
  EXPECT_EQ(baton_org_apply(org_, batch_), BATON_ESTATE);
  EXPECT_THAT(LastError(), HasSubstr("rep r1"));
  EXPECT_EQ(Hash(), before);
}

TEST_F(CapiTest, OwnerChangeAndDeparture) {
  ASSERT_EQ(baton_batch_change_owner(batch_, "a1", "r2"), BATON_OK);
  ASSERT_EQ(baton_batch_depart(batch_, "r1", 20400, "Rival", 1), BATON_OK);
  ASSERT_EQ(baton_org_apply(org_, batch_), BATON_OK) << LastError();
  char owner[8];
  size_t needed = 0;
  ASSERT_EQ(baton_org_account_owner(owner, sizeof owner, &needed, org_, "a1"), BATON_OK);
  EXPECT_STREQ(owner, "r2");
  baton_rep_info info = BATON_REP_INFO_INIT;
  std::uint32_t r1 = 0;
  ASSERT_EQ(baton_org_find(&r1, org_, BATON_KIND_REP, "r1", nullptr), BATON_OK);
  ASSERT_EQ(baton_org_rep_info(&info, org_, r1), BATON_OK);
  EXPECT_EQ(info.departed_on, 20400);
  EXPECT_EQ(info.to_competitor, 1);
  EXPECT_EQ(info.accounts_owned, 0u);
  char destination[16];
  ASSERT_EQ(baton_org_text(destination, sizeof destination, &needed, org_, BATON_KIND_REP,
                           r1, BATON_TEXT_DESTINATION),
            BATON_OK);
  EXPECT_STREQ(destination, "Rival");
  info.version = 0;
  EXPECT_EQ(baton_org_rep_info(&info, org_, r1), BATON_EINVALID);
  EXPECT_THAT(LastError(), HasSubstr("out->version is 0"));
}

TEST_F(CapiTest, CsvSyntaxErrorIsParseWithPosition) {
  ScratchDir dir;
  dir.Write("reps.csv", "id,name\n\"r1,Ada\n");
  baton_org* org = nullptr;
  ASSERT_EQ(baton_org_create(&org), BATON_OK);
  EXPECT_EQ(baton_org_import_csv(org, dir.path().c_str()), BATON_EPARSE);
  EXPECT_THAT(LastError(), StartsWith("reps.csv:2:"));
  // A reference to a record that is not there: the file names the place.
  dir.Write("reps.csv", "id,name,team\nr1,Ada,t9\n");
  EXPECT_EQ(baton_org_import_csv(org, dir.path().c_str()), BATON_EPARSE);
  EXPECT_THAT(LastError(), StartsWith("reps.csv:2:3: rep r1: team: unknown team t9"));
  std::uint64_t hash = 1;
  baton_org* empty = nullptr;
  ASSERT_EQ(baton_org_create(&empty), BATON_OK);
  std::uint64_t empty_hash = 0;
  baton_org_state_hash(&empty_hash, empty);
  baton_org_state_hash(&hash, org);
  EXPECT_EQ(hash, empty_hash);
  baton_org_destroy(empty);
  baton_org_destroy(org);
}

TEST_F(CapiTest, SnapshotFilesRoundTripAndBadOnesAreRefused) {
  ScratchDir dir;
  const std::string path = dir.path() + "/org.snap";
  ASSERT_EQ(baton_org_save(org_, path.c_str()), BATON_OK) << LastError();
  baton_org* loaded = nullptr;
  ASSERT_EQ(baton_org_load(&loaded, path.c_str()), BATON_OK) << LastError();
  std::uint64_t hash = 0;
  baton_org_state_hash(&hash, loaded);
  EXPECT_EQ(hash, Hash());
  baton_org_destroy(loaded);
  loaded = nullptr;

  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  dir.Write("truncated.snap", bytes.substr(0, bytes.size() - 5));
  EXPECT_EQ(baton_org_load(&loaded, (dir.path() + "/truncated.snap").c_str()),
            BATON_ECORRUPT);
  EXPECT_THAT(LastError(), HasSubstr("truncated"));
  EXPECT_EQ(loaded, nullptr);
  std::string flipped = bytes;
  flipped[flipped.size() / 2 + 16] ^= 0x10;
  dir.Write("flipped.snap", flipped);
  EXPECT_EQ(baton_org_load(&loaded, (dir.path() + "/flipped.snap").c_str()),
            BATON_ECORRUPT);
  EXPECT_EQ(loaded, nullptr);
}

TEST_F(CapiTest, ToBytesKeepsTheSizedSnapshotUntilAChange) {
  size_t size = 0;
  ASSERT_EQ(baton_org_to_bytes(nullptr, 0, &size, org_), BATON_EBUFS);
  EXPECT_EQ(LastError(), "baton_org_to_bytes: buffer of 0 bytes is too small; " +
                             std::to_string(size) + " needed");
  // A change between sizing and copying: the copy is of the changed org.
  baton_product_spec product = BATON_PRODUCT_SPEC_INIT;
  product.account = "a1";
  product.product = "Widget";
  product.quantity = 2;
  ASSERT_EQ(baton_batch_add_product(batch_, &product), BATON_OK);
  ASSERT_EQ(baton_org_apply(org_, batch_), BATON_OK);
  size_t changed_size = 0;
  ASSERT_EQ(baton_org_to_bytes(nullptr, 0, &changed_size, org_), BATON_EBUFS);
  EXPECT_GT(changed_size, size);
  std::vector<unsigned char> bytes(changed_size);
  size_t needed = 0;
  ASSERT_EQ(baton_org_to_bytes(bytes.data(), bytes.size(), &needed, org_), BATON_OK);
  EXPECT_EQ(needed, changed_size);
  baton_org* copy = nullptr;
  ASSERT_EQ(baton_org_from_bytes(&copy, bytes.data(), bytes.size()), BATON_OK)
      << LastError();
  std::uint64_t hash = 0;
  baton_org_state_hash(&hash, copy);
  EXPECT_EQ(hash, Hash());
  std::uint32_t index = 0;
  EXPECT_EQ(baton_org_find(&index, copy, BATON_KIND_PRODUCT, "a1", "Widget"), BATON_OK);
  baton_org_destroy(copy);
  EXPECT_EQ(baton_org_from_bytes(&copy, nullptr, 0), BATON_EINVALID);
  EXPECT_THAT(LastError(), HasSubstr("not a Baton snapshot"));
}

TEST_F(CapiTest, CopiesAreIndependent) {
  baton_org* copy = nullptr;
  ASSERT_EQ(baton_org_copy(&copy, org_), BATON_OK);
  ASSERT_EQ(baton_batch_change_owner(batch_, "a1", nullptr), BATON_OK);
  ASSERT_EQ(baton_org_apply(copy, batch_), BATON_OK) << LastError();
  char owner[8] = "?";
  size_t needed = 0;
  ASSERT_EQ(baton_org_account_owner(owner, sizeof owner, &needed, copy, "a1"), BATON_OK);
  EXPECT_STREQ(owner, "");
  EXPECT_EQ(needed, 1u);
  ASSERT_EQ(baton_org_account_owner(owner, sizeof owner, &needed, org_, "a1"), BATON_OK);
  EXPECT_STREQ(owner, "r1");
  baton_org_destroy(copy);
}

// The example of docs/assignment-format.md, built from arrays.
class AssignmentCapiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(baton_assignment_problem_create(&problem_), BATON_OK);
    SetReps({2, 3, 4});
    const char* const accounts[] = {"acme", "globex", "initech", "Umbrella, Inc."};
    const std::int64_t penalty[] = {1000, 1000, 1000, 50};
    ASSERT_EQ(
        baton_assignment_problem_set_accounts(problem_, accounts, nullptr, penalty, 4),
        BATON_OK);
    SetArcs({0, 0, 1, 1, 2, 3, 3}, {0, 1, 0, 1, 1, 0, 2});
  }
  void TearDown() override {
    baton::capi::g_fault_hook = nullptr;
    baton_assignment_problem_destroy(problem_);
  }

  void SetReps(const std::vector<std::int64_t>& capacity) {
    const char* const ids[] = {"r0", "r1", "r2"};
    const std::int64_t load[] = {0, 1, 4};
    const std::int64_t lambda[] = {5, 5, 0};
    ASSERT_EQ(baton_assignment_problem_set_reps(problem_, ids, load, capacity.data(),
                                                lambda, 3),
              BATON_OK);
  }
  void SetArcs(const std::vector<std::uint32_t>& account,
               const std::vector<std::uint32_t>& rep) {
    const std::vector<std::int64_t> cost = {10, 30, 20, 20, 5, 40, 0};
    ASSERT_EQ(baton_assignment_problem_set_arcs(problem_, account.data(), rep.data(),
                                                cost.data(), account.size()),
              BATON_OK);
  }

  // Expects validation, solving and writing to fail alike with `message`.
  void ExpectInvalid(const std::string& message) {
    EXPECT_EQ(baton_assignment_problem_validate(problem_), BATON_EINVALID);
    EXPECT_EQ(LastError(), message);
    baton_assignment_solution* solution = nullptr;
    EXPECT_EQ(baton_assignment_solve(&solution, problem_, nullptr, nullptr),
              BATON_EINVALID);
    EXPECT_EQ(LastError(), message);
    EXPECT_EQ(solution, nullptr);
    ScratchDir dir;
    EXPECT_EQ(baton_assignment_problem_write_csv(problem_, (dir.path() + "/p").c_str()),
              BATON_EINVALID);
    EXPECT_EQ(LastError(), message);
    EXPECT_FALSE(std::filesystem::exists(dir.path() + "/p/reps.csv"));
  }

  baton_assignment_problem* problem_ = nullptr;
};

TEST_F(AssignmentCapiTest, NullArgumentsAreNamed) {
  EXPECT_EQ(baton_assignment_problem_create(nullptr), BATON_EINVALID);
  EXPECT_EQ(LastError(), "baton_assignment_problem_create: out is NULL");
  baton_assignment_problem* read = nullptr;
  EXPECT_EQ(baton_assignment_problem_read_csv(nullptr, "x"), BATON_EINVALID);
  EXPECT_EQ(LastError(), "baton_assignment_problem_read_csv: out is NULL");
  EXPECT_EQ(baton_assignment_problem_read_csv(&read, nullptr), BATON_EINVALID);
  EXPECT_EQ(LastError(), "baton_assignment_problem_read_csv: directory is NULL");
  EXPECT_EQ(baton_assignment_problem_write_csv(problem_, nullptr), BATON_EINVALID);
  EXPECT_EQ(LastError(), "baton_assignment_problem_write_csv: directory is NULL");

  const char* const ids[] = {"r0", nullptr};
  const std::int64_t values[] = {1, 1};
  EXPECT_EQ(
      baton_assignment_problem_set_reps(problem_, nullptr, nullptr, values, nullptr, 2),
      BATON_EINVALID);
  EXPECT_EQ(LastError(), "baton_assignment_problem_set_reps: ids is NULL");
  EXPECT_EQ(
      baton_assignment_problem_set_reps(problem_, ids, nullptr, nullptr, nullptr, 2),
      BATON_EINVALID);
  EXPECT_EQ(LastError(), "baton_assignment_problem_set_reps: capacity is NULL");
  EXPECT_EQ(baton_assignment_problem_set_reps(problem_, ids, nullptr, values, nullptr, 2),
            BATON_EINVALID);
  EXPECT_EQ(LastError(), "baton_assignment_problem_set_reps: ids[1] is NULL");
  EXPECT_EQ(baton_assignment_problem_set_accounts(problem_, ids, nullptr, nullptr, 2),
            BATON_EINVALID);
  EXPECT_EQ(LastError(), "baton_assignment_problem_set_accounts: ids[1] is NULL");
  const std::uint32_t indices[] = {0, 0};
  EXPECT_EQ(baton_assignment_problem_set_arcs(problem_, indices, nullptr, values, 2),
            BATON_EINVALID);
  EXPECT_EQ(LastError(), "baton_assignment_problem_set_arcs: rep is NULL");

  // Refused calls changed nothing.
  size_t reps = 0, accounts = 0, arcs = 0;
  ASSERT_EQ(baton_assignment_problem_counts(&reps, &accounts, &arcs, problem_), BATON_OK);
  EXPECT_EQ(reps, 3u);
  EXPECT_EQ(accounts, 4u);
  EXPECT_EQ(arcs, 7u);
  EXPECT_EQ(baton_assignment_problem_counts(&reps, nullptr, &arcs, problem_),
            BATON_EINVALID);
  EXPECT_EQ(LastError(), "baton_assignment_problem_counts: accounts is NULL");
  // Empty arrays may be NULL.
  EXPECT_EQ(baton_assignment_problem_set_arcs(problem_, nullptr, nullptr, nullptr, 0),
            BATON_OK);

  baton_assignment_solution* solution = nullptr;
  EXPECT_EQ(baton_assignment_solve(nullptr, problem_, nullptr, nullptr), BATON_EINVALID);
  EXPECT_EQ(LastError(), "baton_assignment_solve: out is NULL");
  EXPECT_EQ(baton_assignment_solve(&solution, nullptr, nullptr, nullptr), BATON_EINVALID);
  EXPECT_EQ(LastError(), "baton_assignment_solve: problem is NULL");
  EXPECT_EQ(baton_assignment_evaluate(&solution, problem_, nullptr, 4), BATON_EINVALID);
  EXPECT_EQ(LastError(), "baton_assignment_evaluate: rep_of is NULL");
  baton_assignment_summary summary = BATON_ASSIGNMENT_SUMMARY_INIT;
  EXPECT_EQ(baton_assignment_solution_summary(&summary, nullptr), BATON_EINVALID);
  EXPECT_EQ(LastError(), "baton_assignment_solution_summary: solution is NULL");
  EXPECT_EQ(baton_assignment_solution_summary(nullptr, nullptr), BATON_EINVALID);
  EXPECT_EQ(LastError(), "baton_assignment_solution_summary: out is NULL");
  size_t needed = 0;
  EXPECT_EQ(baton_assignment_solution_rep_of(nullptr, 0, &needed, nullptr),
            BATON_EINVALID);
  EXPECT_EQ(LastError(), "baton_assignment_solution_rep_of: solution is NULL");
}

TEST_F(AssignmentCapiTest, HandlesOfTheWrongTypeAreRefused) {
  baton_assignment_solution* solution = nullptr;
  ASSERT_EQ(baton_assignment_solve(&solution, problem_, nullptr, nullptr), BATON_OK);
  const auto* not_a_problem = reinterpret_cast<const baton_assignment_problem*>(solution);
  baton_assignment_solution* other = nullptr;
  EXPECT_EQ(baton_assignment_solve(&other, not_a_problem, nullptr, nullptr),
            BATON_EINVALID);
  EXPECT_EQ(LastError(),
            "baton_assignment_solve: problem is not a live baton_assignment_problem "
            "(destroyed, or a handle of another type)");
  EXPECT_EQ(other, nullptr);
  baton_assignment_summary summary = BATON_ASSIGNMENT_SUMMARY_INIT;
  EXPECT_EQ(baton_assignment_solution_summary(
                &summary, reinterpret_cast<const baton_assignment_solution*>(problem_)),
            BATON_EINVALID);
  EXPECT_EQ(LastError(),
            "baton_assignment_solution_summary: solution is not a live "
            "baton_assignment_solution (destroyed, or a handle of another type)");
  baton_org* org = nullptr;
  ASSERT_EQ(baton_org_create(&org), BATON_OK);
  EXPECT_EQ(baton_assignment_problem_validate(
                reinterpret_cast<const baton_assignment_problem*>(org)),
            BATON_EINVALID);
  EXPECT_THAT(LastError(), HasSubstr("problem is not a live baton_assignment_problem"));
  // Destroying a handle of the wrong type leaves it alone.
  baton_assignment_problem_destroy(reinterpret_cast<baton_assignment_problem*>(solution));
  baton_assignment_solution_destroy(reinterpret_cast<baton_assignment_solution*>(org));
  EXPECT_EQ(baton_assignment_solution_summary(&summary, solution), BATON_OK);
  EXPECT_EQ(summary.objective, 120);
  size_t n = 0;
  EXPECT_EQ(baton_org_count(&n, org, BATON_KIND_REP), BATON_OK);
  baton_org_destroy(org);
  baton_assignment_solution_destroy(solution);
}

TEST_F(AssignmentCapiTest, NegativeCapacityIsInvalidAndNamed) {
  SetReps({2, -5, 4});
  ExpectInvalid("rep r1: capacity: -5 is negative");
}

TEST_F(AssignmentCapiTest, ArcToAnUnknownRepIsInvalidAndNamed) {
  SetArcs({0, 0, 1, 1, 2, 3, 3}, {0, 1, 0, 7, 1, 0, 2});
  ExpectInvalid(
      "arc 3 (account globex -> rep index 7): rep: index 7 is out of range (3 reps)");
}

TEST_F(AssignmentCapiTest, RepeatedArcAndBadIdsAreInvalid) {
  SetArcs({0, 0, 1, 1, 2, 3, 0}, {0, 1, 0, 1, 1, 0, 1});
  ExpectInvalid("arc 6 (account acme -> rep r1): repeats an earlier arc (arc 1)");
  SetArcs({0, 0, 1, 1, 2, 3, 3}, {0, 1, 0, 1, 1, 0, 2});
  const char* const ids[] = {"a", "b", "a", "d"};
  ASSERT_EQ(baton_assignment_problem_set_accounts(problem_, ids, nullptr, nullptr, 4),
            BATON_OK);
  ExpectInvalid("account a: id: 'a' is used twice (accounts 0 and 2)");
}

TEST_F(AssignmentCapiTest, MissingDirectoryIsNotFound) {
  ScratchDir dir;
  baton_assignment_problem* read = nullptr;
  const std::string missing = dir.path() + "/no-such-dir";
  EXPECT_EQ(baton_assignment_problem_read_csv(&read, missing.c_str()), BATON_ENOTFOUND);
  EXPECT_EQ(LastError(), "reps.csv: cannot open " + missing +
                             "/reps.csv: No such file "
                             "or directory");
  EXPECT_EQ(read, nullptr);
}

TEST_F(AssignmentCapiTest, BadRowsAreParseErrorsWithPosition) {
  ScratchDir dir;
  ASSERT_EQ(baton_assignment_problem_write_csv(problem_, dir.path().c_str()), BATON_OK)
      << LastError();
  dir.Write("reps.csv", "id,load,capacity,lambda\nr0,0,2,5\nr1,1,-5,5\nr2,4,4,0\n");
  baton_assignment_problem* read = nullptr;
  EXPECT_EQ(baton_assignment_problem_read_csv(&read, dir.path().c_str()), BATON_EPARSE);
  EXPECT_EQ(LastError(), "reps.csv:3:3: capacity: -5 is negative");
  EXPECT_EQ(read, nullptr);
  dir.Write("reps.csv", "id,load,capacity,lambda\nr0,0,2,5\nr1,1,3,5\n");
  EXPECT_EQ(baton_assignment_problem_read_csv(&read, dir.path().c_str()), BATON_EPARSE);
  EXPECT_EQ(LastError(), "arcs.csv:8:2: rep: unknown rep 'r2'");
  EXPECT_EQ(read, nullptr);
}

TEST_F(AssignmentCapiTest, CancellationReturnsCancelledAndNoSolution) {
  int calls = 0;
  auto cancel = [](double, void* payload) -> int {
    ++*static_cast<int*>(payload);
    return 0;
  };
  baton_assignment_solution* solution = nullptr;
  EXPECT_EQ(baton_assignment_solve(&solution, problem_, cancel, &calls),
            BATON_ECANCELLED);
  EXPECT_EQ(LastError(), "baton_assignment_solve: cancelled by the progress callback");
  EXPECT_EQ(solution, nullptr);
  EXPECT_EQ(calls, 1);
  // The problem is unharmed: a run that goes on solves it.
  auto go_on = [](double, void*) -> int { return 1; };
  ASSERT_EQ(baton_assignment_solve(&solution, problem_, go_on, nullptr), BATON_OK);
  baton_assignment_summary summary = BATON_ASSIGNMENT_SUMMARY_INIT;
  ASSERT_EQ(baton_assignment_solution_summary(&summary, solution), BATON_OK);
  EXPECT_EQ(summary.objective, 120);
  baton_assignment_solution_destroy(solution);
}

TEST_F(AssignmentCapiTest, ExceptionsFromTheCallbackAndInjectedFaultsStayInside) {
  auto boom = [](double, void*) -> int { throw std::runtime_error("boom"); };
  baton_assignment_solution* solution = nullptr;
  EXPECT_EQ(baton_assignment_solve(&solution, problem_, boom, nullptr), BATON_EINTERNAL);
  EXPECT_EQ(LastError(), "baton_assignment_solve: internal error: boom");
  EXPECT_EQ(solution, nullptr);
  baton::capi::g_fault_hook = [](const char*) { throw std::bad_alloc(); };
  EXPECT_EQ(baton_assignment_solve(&solution, problem_, nullptr, nullptr), BATON_ENOMEM);
  EXPECT_EQ(LastError(), "baton_assignment_solve: out of memory");
  EXPECT_EQ(solution, nullptr);
  baton_assignment_problem* problem = nullptr;
  EXPECT_EQ(baton_assignment_problem_create(&problem), BATON_ENOMEM);
  EXPECT_EQ(problem, nullptr);
}

TEST_F(AssignmentCapiTest, BadPlansAreRefusedByEvaluate) {
  baton_assignment_solution* solution = nullptr;
  const std::uint32_t over_capacity[] = {0, 0, 1,
                                         0};  // three accounts on r0 (capacity 2)
  EXPECT_EQ(baton_assignment_evaluate(&solution, problem_, over_capacity, 4),
            BATON_ESTATE);
  EXPECT_EQ(LastError(), "rep r0: load 0 + 3 added exceeds capacity 2");
  const std::uint32_t no_arc[] = {2, 0, 1, BATON_ASSIGNMENT_UNASSIGNED};
  EXPECT_EQ(baton_assignment_evaluate(&solution, problem_, no_arc, 4), BATON_ESTATE);
  EXPECT_EQ(LastError(), "account acme: rep r2 is not one of its arcs");
  EXPECT_EQ(baton_assignment_evaluate(&solution, problem_, no_arc, 3), BATON_EINVALID);
  EXPECT_EQ(LastError(), "plan: rep_of has 3 entries for 4 accounts");
  EXPECT_EQ(solution, nullptr);
}

TEST_F(AssignmentCapiTest, SummaryVersionAndBuffersAreChecked) {
  baton_assignment_solution* solution = nullptr;
  ASSERT_EQ(baton_assignment_solve(&solution, problem_, nullptr, nullptr), BATON_OK);
  baton_assignment_summary summary = BATON_ASSIGNMENT_SUMMARY_INIT;
  summary.version = 0;
  EXPECT_EQ(baton_assignment_solution_summary(&summary, solution), BATON_EINVALID);
  EXPECT_EQ(LastError(),
            "baton_assignment_solution_summary: out->version is 0; initialise the struct "
            "with its _INIT macro (version 1..1)");
  std::int64_t added[2] = {-1, -1};
  size_t needed = 0;
  EXPECT_EQ(baton_assignment_solution_added_load(added, 2, &needed, solution),
            BATON_EBUFS);
  EXPECT_EQ(LastError(),
            "baton_assignment_solution_added_load: buffer of 2 elements is too small; 3 "
            "needed");
  EXPECT_EQ(needed, 3u);
  EXPECT_EQ(added[0], -1);
  char id[4] = "xyz";
  EXPECT_EQ(baton_assignment_problem_account_id(id, sizeof id, &needed, problem_, 0),
            BATON_EBUFS);
  EXPECT_EQ(needed, 5u);
  EXPECT_STREQ(id, "xyz");
  EXPECT_EQ(baton_assignment_problem_account_id(id, sizeof id, &needed, problem_, 4),
            BATON_ENOTFOUND);
  EXPECT_EQ(LastError(),
            "baton_assignment_problem_account_id: account index 4 is out of range (4 "
            "accounts)");
  baton_assignment_solution_destroy(solution);
}

TEST(Days, ParseAndFormatAtTheEdges) {
  std::int32_t day = 0;
  ASSERT_EQ(baton_day_parse(&day, "1900-01-01"), BATON_OK);
  EXPECT_EQ(day, -25567);
  EXPECT_EQ(baton_day_parse(&day, "1899-12-31"), BATON_EINVALID);
  EXPECT_EQ(baton_day_parse(&day, "2026-02-30"), BATON_EINVALID);
  char text[11];
  size_t needed = 0;
  EXPECT_EQ(baton_day_format(text, sizeof text, &needed, 84005), BATON_OK);
  EXPECT_STREQ(text, "2199-12-31");
  EXPECT_EQ(baton_day_format(text, sizeof text, &needed, BATON_NO_DAY), BATON_OK);
  EXPECT_STREQ(text, "");
  EXPECT_EQ(needed, 1u);
  EXPECT_EQ(baton_day_format(text, sizeof text, &needed, 84006), BATON_EINVALID);
  EXPECT_EQ(LastError(),
            "baton_day_format: day 84006 is outside 1900-01-01 .. 2199-12-31");
}

TEST(Enums, NamesRoundTrip) {
  const int last[] = {BATON_KIND_PRODUCT,  BATON_DEPTH_SHARED_VALUES,
                      BATON_CONTACT_OTHER, BATON_ATTITUDE_OPPONENT,
                      BATON_CHANNEL_OTHER, BATON_ACCOUNT_ROLE_EXECUTIVE_SPONSOR,
                      BATON_STAGE_LOST,    BATON_SEVERITY_CRITICAL};
  for (int type = 0; type < 8; ++type) {
    int count = 0;
    for (int value = -1; value <= last[type] + 1; ++value) {
      const char* name = baton_enum_name(type, value);
      if (name == nullptr) continue;
      ++count;
      int parsed = -100;
      ASSERT_EQ(baton_enum_parse(&parsed, type, name), BATON_OK) << name;
      EXPECT_EQ(parsed, value);
    }
    EXPECT_GE(count, 4) << type;
  }
  EXPECT_EQ(baton_enum_name(BATON_ENUM_DEPTH, 0), nullptr);
  EXPECT_STREQ(baton_enum_name(BATON_ENUM_SEVERITY, BATON_SEVERITY_LOW), "low");
  int value = 0;
  EXPECT_EQ(baton_enum_parse(&value, 8, "x"), BATON_EINVALID);
  EXPECT_EQ(LastError(), "baton_enum_parse: unknown enumeration type 8");
}

}  // namespace
