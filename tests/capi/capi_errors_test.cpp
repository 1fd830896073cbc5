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
#include "baton/reassign.hpp"
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
  EXPECT_EQ(LastError(), "baton_batch_add_rep: spec is NULL");
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

// Offboarding r1 of CapiTest's organisation: a1 goes to r2.
class ReassignCapiTest : public CapiTest {
 protected:
  void SetUp() override {
    CapiTest::SetUp();
    baton_reassign_options_init(&options_);
    options_.departing = departing_;
    options_.departing_count = 1;
    options_.today = 20758;  // 2026-11-01
  }
  void TearDown() override {
    baton_reassignment_destroy(plan_);
    CapiTest::TearDown();
  }

  // Expects baton_reassign to refuse options_ with `code` and `message`,
  // leaving the output alone.
  void ExpectRefused(int code, const std::string& message) {
    baton_reassignment* plan = nullptr;
    EXPECT_EQ(baton_reassign(&plan, org_, &options_, nullptr, nullptr), code);
    EXPECT_EQ(LastError(), message);
    EXPECT_EQ(plan, nullptr);
    baton_reassignment_destroy(plan);
  }

  const char* departing_[2] = {"r1", nullptr};
  baton_reassign_options options_;
  baton_reassignment* plan_ = nullptr;
};

// Every default of the C options is the core's.
void ExpectCoreDefaults(const baton_reassign_options& c) {
  const baton::ReassignOptions core;
  EXPECT_EQ(c.version, core.version);
  EXPECT_EQ(c.mode, static_cast<int>(core.mode));
  EXPECT_EQ(c.departing, nullptr);
  EXPECT_EQ(c.departing_count, 0u);
  EXPECT_EQ(c.team, nullptr);
  EXPECT_EQ(c.today, core.today);
  EXPECT_EQ(c.eligibility, core.eligibility);
  EXPECT_EQ(c.excluded, nullptr);
  EXPECT_EQ(c.excluded_count, 0u);
  EXPECT_EQ(c.pin_accounts, nullptr);
  EXPECT_EQ(c.pin_reps, nullptr);
  EXPECT_EQ(c.pin_count, 0u);
  EXPECT_EQ(c.move_cost, core.move_cost);
  EXPECT_EQ(c.max_moves, core.max_moves);
  EXPECT_EQ(c.max_candidates, core.max_candidates);
  EXPECT_EQ(c.stranger_cost, core.stranger_cost);
  EXPECT_EQ(c.relationship_points, core.relationship_points);
  EXPECT_EQ(c.key_player_factor, core.key_player_factor);
  EXPECT_EQ(c.recency_half_life_days, core.recency_half_life_days);
  EXPECT_EQ(c.account_team_points, core.account_team_points);
  EXPECT_EQ(c.group_points, core.group_points);
  EXPECT_EQ(c.territory_points, core.territory_points);
  EXPECT_EQ(c.segment_points, core.segment_points);
  EXPECT_EQ(c.team_points, core.team_points);
  EXPECT_EQ(c.seniority_excess_points, core.seniority_excess_points);
  EXPECT_EQ(c.lambda, core.lambda);
  EXPECT_EQ(c.unassigned_points, core.unassigned_points);
  EXPECT_EQ(c.value_per_point, core.value_per_point);
}

TEST_F(ReassignCapiTest, OptionsInitMatchesTheMacroAndTheCoreDefaults) {
  const baton_reassign_options macro = BATON_REASSIGN_OPTIONS_INIT;
  ExpectCoreDefaults(macro);
  baton_reassign_options set;
  std::memset(&set, 0xab, sizeof set);
  baton_reassign_options_init(&set);
  ExpectCoreDefaults(set);
  baton_reassign_options_init(nullptr);
}

TEST_F(ReassignCapiTest, OffboardingGivesTheAccountToTheOtherRep) {
  ASSERT_EQ(baton_reassign(&plan_, org_, &options_, nullptr, nullptr), BATON_OK)
      << LastError();
  baton_reassign_summary summary = BATON_REASSIGN_SUMMARY_INIT;
  ASSERT_EQ(baton_reassignment_summary(&summary, plan_), BATON_OK);
  EXPECT_EQ(summary.outcome, BATON_REASSIGN_OPTIMAL);
  EXPECT_EQ(summary.accounts, 1u);
  EXPECT_EQ(summary.moves, 1);
  EXPECT_EQ(summary.unassigned, 0);
  EXPECT_EQ(summary.state_hash, Hash());
  EXPECT_EQ(summary.before.max_utilisation, 0.0);  // r2 carried nothing
  EXPECT_DOUBLE_EQ(summary.after.max_utilisation, 3.0 / 30);
  baton_account_reassignment a = BATON_ACCOUNT_REASSIGNMENT_INIT;
  ASSERT_EQ(baton_reassignment_account(&a, plan_, 0), BATON_OK);
  EXPECT_EQ(a.account, 0u);
  EXPECT_EQ(a.from, 0u);
  EXPECT_EQ(a.to, 1u);
  EXPECT_EQ(a.unassigned, BATON_UNASSIGNED_NONE);
  EXPECT_EQ(a.stranger, 1000);  // nobody at Acme knows r2
  EXPECT_EQ(a.total, a.stranger + a.seniority + a.team + a.territory + a.segment);
  char text[256];
  size_t needed = 0;
  ASSERT_EQ(baton_reassignment_to_rep_id(text, sizeof text, &needed, plan_, 0), BATON_OK);
  EXPECT_STREQ(text, "r2");
  ASSERT_EQ(baton_reassignment_from_rep_id(text, sizeof text, &needed, plan_, 0),
            BATON_OK);
  EXPECT_STREQ(text, "r1");
  ASSERT_EQ(a.reasons, 2u);
  for (std::size_t k = 0; k < a.reasons; ++k) {
    ASSERT_EQ(baton_reassignment_reason(text, sizeof text, &needed, plan_, 0, k),
              BATON_OK);
    EXPECT_EQ(needed, std::strlen(text) + 1);
    EXPECT_GT(needed, 1u);
  }
  std::uint32_t rep[2] = {9, 9};
  std::int64_t after[2] = {-1, -1};
  ASSERT_EQ(baton_reassignment_rep_loads(rep, nullptr, after, nullptr, 2, &needed, plan_),
            BATON_OK);
  EXPECT_EQ(needed, 2u);
  EXPECT_EQ(rep[0], 0u);
  EXPECT_EQ(after[0], 0);
  EXPECT_EQ(rep[1], 1u);
  EXPECT_EQ(after[1], 3);
  ASSERT_EQ(baton_org_apply_reassignment(org_, plan_), BATON_OK) << LastError();
  ASSERT_EQ(baton_org_account_owner(text, sizeof text, &needed, org_, "a1"), BATON_OK);
  EXPECT_STREQ(text, "r2");
}

TEST_F(ReassignCapiTest, NullArgumentsAndWrongHandlesAreNamed) {
  EXPECT_EQ(baton_reassign(nullptr, org_, &options_, nullptr, nullptr), BATON_EINVALID);
  EXPECT_EQ(LastError(), "baton_reassign: out is NULL");
  EXPECT_EQ(baton_reassign(&plan_, nullptr, &options_, nullptr, nullptr), BATON_EINVALID);
  EXPECT_EQ(LastError(), "baton_reassign: org is NULL");
  EXPECT_EQ(baton_reassign(&plan_, org_, nullptr, nullptr, nullptr), BATON_EINVALID);
  EXPECT_EQ(LastError(), "baton_reassign: options is NULL");
  EXPECT_EQ(plan_, nullptr);
  EXPECT_EQ(baton_reassign(&plan_, reinterpret_cast<const baton_org*>(batch_), &options_,
                           nullptr, nullptr),
            BATON_EINVALID);
  EXPECT_EQ(LastError(),
            "baton_reassign: org is not a live baton_org (destroyed, or a handle of "
            "another type)");

  ASSERT_EQ(baton_reassign(&plan_, org_, &options_, nullptr, nullptr), BATON_OK);
  const auto* not_a_plan = reinterpret_cast<const baton_reassignment*>(org_);
  baton_reassign_summary summary = BATON_REASSIGN_SUMMARY_INIT;
  EXPECT_EQ(baton_reassignment_summary(&summary, not_a_plan), BATON_EINVALID);
  EXPECT_EQ(LastError(),
            "baton_reassignment_summary: reassignment is not a live baton_reassignment "
            "(destroyed, or a handle of another type)");
  EXPECT_EQ(baton_reassignment_summary(nullptr, plan_), BATON_EINVALID);
  EXPECT_EQ(LastError(), "baton_reassignment_summary: out is NULL");
  summary.version = 2;
  EXPECT_EQ(baton_reassignment_summary(&summary, plan_), BATON_EINVALID);
  EXPECT_EQ(LastError(),
            "baton_reassignment_summary: out->version is 2; initialise the struct with "
            "its _INIT macro (version 1..1)");
  baton_account_reassignment a = BATON_ACCOUNT_REASSIGNMENT_INIT;
  EXPECT_EQ(baton_reassignment_account(nullptr, plan_, 0), BATON_EINVALID);
  EXPECT_EQ(LastError(), "baton_reassignment_account: out is NULL");
  EXPECT_EQ(baton_reassignment_account(&a, nullptr, 0), BATON_EINVALID);
  EXPECT_EQ(LastError(), "baton_reassignment_account: reassignment is NULL");
  EXPECT_EQ(baton_reassignment_account(&a, plan_, 1), BATON_ENOTFOUND);
  EXPECT_EQ(LastError(),
            "baton_reassignment_account: account index 1 is out of range (1 accounts)");
  char text[2] = {'x', 'x'};
  size_t needed = 0;
  EXPECT_EQ(baton_reassignment_reason(text, sizeof text, &needed, plan_, 0, 5),
            BATON_ENOTFOUND);
  EXPECT_EQ(LastError(),
            "baton_reassignment_reason: reason index 5 is out of range (2 reasons)");
  EXPECT_EQ(baton_reassignment_account_id(text, sizeof text, &needed, plan_, 0),
            BATON_EBUFS);
  EXPECT_EQ(LastError(),
            "baton_reassignment_account_id: buffer of 2 bytes is too small; 3 needed");
  EXPECT_EQ(text[0], 'x');
  EXPECT_EQ(baton_reassignment_rep_id(text, sizeof text, &needed, plan_, 2),
            BATON_ENOTFOUND);
  EXPECT_EQ(LastError(),
            "baton_reassignment_rep_id: rep index 2 is out of range (2 reps)");
  std::int64_t before[1] = {-1};
  EXPECT_EQ(
      baton_reassignment_rep_loads(nullptr, before, nullptr, nullptr, 1, &needed, plan_),
      BATON_EBUFS);
  EXPECT_EQ(LastError(),
            "baton_reassignment_rep_loads: buffer of 1 elements is too small; 2 needed");
  EXPECT_EQ(needed, 2u);
  EXPECT_EQ(before[0], -1);
  EXPECT_EQ(baton_org_apply_reassignment(nullptr, plan_), BATON_EINVALID);
  EXPECT_EQ(LastError(), "baton_org_apply_reassignment: org is NULL");
  EXPECT_EQ(baton_org_apply_reassignment(org_, nullptr), BATON_EINVALID);
  EXPECT_EQ(LastError(), "baton_org_apply_reassignment: reassignment is NULL");
  EXPECT_EQ(baton_org_apply_reassignment(org_, not_a_plan), BATON_EINVALID);
  // Destroying a handle of the wrong type leaves it alone.
  baton_reassignment_destroy(reinterpret_cast<baton_reassignment*>(batch_));
  size_t n = 1;
  EXPECT_EQ(baton_batch_size(&n, batch_), BATON_OK);
  baton_reassignment_destroy(nullptr);
}

TEST_F(ReassignCapiTest, BadOptionsAreNamedByField) {
  options_.version = 0;
  ExpectRefused(BATON_EINVALID,
                "baton_reassign: options->version is 0; initialise the options with "
                "BATON_REASSIGN_OPTIONS_INIT or baton_reassign_options_init() (version "
                "1..1)");
  options_.version = BATON_REASSIGN_OPTIONS_VERSION;
  options_.mode = 3;
  ExpectRefused(BATON_EINVALID,
                "baton_reassign: options->mode: 3 is not a valid value (expected 0..2: "
                "BATON_REASSIGN_OFFBOARD, _ASSIGN_UNOWNED or _REBALANCE)");
  options_.mode = -1;
  ExpectRefused(BATON_EINVALID,
                "baton_reassign: options->mode: -1 is not a valid value (expected 0..2: "
                "BATON_REASSIGN_OFFBOARD, _ASSIGN_UNOWNED or _REBALANCE)");
  options_.mode = BATON_REASSIGN_OFFBOARD;
  options_.eligibility = BATON_ELIGIBLE_SAME_TEAM | 8;
  ExpectRefused(
      BATON_EINVALID,
      "baton_reassign: options->eligibility: 9 has flags other than "
      "BATON_ELIGIBLE_SAME_TEAM (1), _SAME_TERRITORY (2) and _SAME_SEGMENT (4)");
  options_.eligibility = BATON_ELIGIBLE_ANY;
  options_.key_player_factor = std::nan("");
  ExpectRefused(BATON_EINVALID,
                "baton_reassign: options->key_player_factor: nan is not a finite number");
  options_.key_player_factor = 2;
  options_.value_per_point = std::numeric_limits<double>::infinity();
  ExpectRefused(BATON_EINVALID,
                "baton_reassign: options->value_per_point: inf is not a finite number");
  options_.value_per_point = 10;

  options_.departing_count = 2;
  ExpectRefused(BATON_EINVALID, "baton_reassign: options->departing[1] is NULL");
  options_.departing = nullptr;
  ExpectRefused(BATON_EINVALID,
                "baton_reassign: options->departing is NULL but options->departing_count "
                "is 2");
  const char* bad_utf8[] = {"r1", "r\xc3("};
  options_.departing = bad_utf8;
  ExpectRefused(BATON_EINVALID,
                "baton_reassign: options->departing[1] is not valid UTF-8 (byte 1)");
  options_.departing = departing_;
  options_.departing_count = 1;
  options_.team = "t\xff";
  ExpectRefused(BATON_EINVALID,
                "baton_reassign: options->team is not valid UTF-8 (byte 1)");
  options_.team = nullptr;
  options_.excluded_count = 1;
  ExpectRefused(
      BATON_EINVALID,
      "baton_reassign: options->excluded is NULL but options->excluded_count is "
      "1");
  options_.excluded_count = 0;
  options_.pin_count = 1;
  ExpectRefused(
      BATON_EINVALID,
      "baton_reassign: options->pin_accounts is NULL but options->pin_count is 1");
  const char* pin_accounts[] = {"a1"};
  const char* pin_reps[] = {"r\x80"};
  options_.pin_accounts = pin_accounts;
  options_.pin_reps = pin_reps;
  ExpectRefused(BATON_EINVALID,
                "baton_reassign: options->pin_reps[0] is not valid UTF-8 (byte 1)");
  options_.pin_count = 0;
}

TEST_F(ReassignCapiTest, OptionsTheOrganisationDoesNotFitAreTheCoresMessages) {
  const char* ghost[] = {"r9"};
  options_.departing = ghost;
  ExpectRefused(BATON_EINVALID, "reassign options: departing: unknown rep r9");
  options_.departing = departing_;
  options_.today = BATON_NO_DAY;
  ExpectRefused(BATON_EINVALID, "reassign options: today: a valid day is required");
  options_.today = 20758;
  options_.max_candidates = 0;
  ExpectRefused(BATON_EINVALID, "reassign options: max_candidates: must be at least 1");
  options_.max_candidates = 24;
  options_.mode = BATON_REASSIGN_REBALANCE;
  options_.team = "t9";
  ExpectRefused(BATON_EINVALID, "reassign options: team: unknown team t9");
  options_.mode = BATON_REASSIGN_OFFBOARD;
  options_.team = "";
  // A pin with no rep keeps the account with its owner, who is leaving.
  const char* pin_accounts[] = {"a1"};
  options_.pin_accounts = pin_accounts;
  options_.pin_count = 1;
  ExpectRefused(BATON_EINVALID, "reassign options: pins: account a1: rep r1 is leaving");
}

TEST_F(ReassignCapiTest, PinsAndExclusionsReachTheCore) {
  const char* pin_accounts[] = {"a1"};
  const char* pin_reps[] = {"r2"};
  options_.pin_accounts = pin_accounts;
  options_.pin_reps = pin_reps;
  options_.pin_count = 1;
  ASSERT_EQ(baton_reassign(&plan_, org_, &options_, nullptr, nullptr), BATON_OK)
      << LastError();
  baton_account_reassignment a = BATON_ACCOUNT_REASSIGNMENT_INIT;
  ASSERT_EQ(baton_reassignment_account(&a, plan_, 0), BATON_OK);
  EXPECT_EQ(a.to, 1u);
  EXPECT_NE(a.pinned, 0);
  EXPECT_EQ(a.total, 0);
  baton_reassignment_destroy(plan_);
  plan_ = nullptr;

  const char* excluded[] = {"r2"};
  options_.pin_count = 0;
  options_.excluded = excluded;
  options_.excluded_count = 1;
  ASSERT_EQ(baton_reassign(&plan_, org_, &options_, nullptr, nullptr), BATON_OK);
  ASSERT_EQ(baton_reassignment_account(&a, plan_, 0), BATON_OK);
  EXPECT_EQ(a.to, BATON_NO_INDEX);
  EXPECT_EQ(a.unassigned, BATON_UNASSIGNED_NO_ELIGIBLE_REP);
  EXPECT_GE(a.reasons, 1u);
  char text[8] = "?";
  size_t needed = 0;
  ASSERT_EQ(baton_reassignment_to_rep_id(text, sizeof text, &needed, plan_, 0), BATON_OK);
  EXPECT_STREQ(text, "");
  // Applied, an unassigned account keeps its owner.
  ASSERT_EQ(baton_org_apply_reassignment(org_, plan_), BATON_OK) << LastError();
  ASSERT_EQ(baton_org_account_owner(text, sizeof text, &needed, org_, "a1"), BATON_OK);
  EXPECT_STREQ(text, "r1");
}

TEST_F(ReassignCapiTest, CancellationReturnsCancelledAndNoPlan) {
  int calls = 0;
  auto cancel = [](double, void* payload) -> int {
    ++*static_cast<int*>(payload);
    return 0;
  };
  baton_reassignment* plan = nullptr;
  EXPECT_EQ(baton_reassign(&plan, org_, &options_, cancel, &calls), BATON_ECANCELLED);
  EXPECT_EQ(LastError(), "baton_reassign: cancelled by the progress callback");
  EXPECT_EQ(plan, nullptr);
  EXPECT_EQ(calls, 1);
}

TEST_F(ReassignCapiTest, ExceptionsFromTheCallbackAndInjectedFaultsStayInside) {
  auto boom = [](double, void*) -> int { throw std::runtime_error("boom"); };
  baton_reassignment* plan = nullptr;
  EXPECT_EQ(baton_reassign(&plan, org_, &options_, boom, nullptr), BATON_EINTERNAL);
  EXPECT_EQ(LastError(), "baton_reassign: internal error: boom");
  EXPECT_EQ(plan, nullptr);
  ASSERT_EQ(baton_reassign(&plan_, org_, &options_, nullptr, nullptr), BATON_OK);
  const std::uint64_t before = Hash();
  baton::capi::g_fault_hook = [](const char*) { throw std::bad_alloc(); };
  EXPECT_EQ(baton_reassign(&plan, org_, &options_, nullptr, nullptr), BATON_ENOMEM);
  EXPECT_EQ(LastError(), "baton_reassign: out of memory");
  EXPECT_EQ(plan, nullptr);
  EXPECT_EQ(baton_org_apply_reassignment(org_, plan_), BATON_ENOMEM);
  baton_reassignment_destroy(plan_);  // the guard swallows it; the plan stays alive
  baton::capi::g_fault_hook = nullptr;
  EXPECT_EQ(Hash(), before);
  EXPECT_EQ(baton_org_apply_reassignment(org_, plan_), BATON_OK) << LastError();
}

TEST_F(ReassignCapiTest, AStalePlanIsRefusedWhole) {
  ASSERT_EQ(baton_reassign(&plan_, org_, &options_, nullptr, nullptr), BATON_OK);
  baton_org* copy = nullptr;
  ASSERT_EQ(baton_org_copy(&copy, org_), BATON_OK);
  // Any change since the plan was made: here a new account of r2's.
  baton_account_spec account = BATON_ACCOUNT_SPEC_INIT;
  account.id = "a2";
  account.tier = "A";
  account.owner = "r2";
  ASSERT_EQ(baton_batch_add_account(batch_, &account), BATON_OK);
  ASSERT_EQ(baton_org_apply(org_, batch_), BATON_OK) << LastError();
  const std::uint64_t changed = Hash();
  EXPECT_EQ(baton_org_apply_reassignment(org_, plan_), BATON_ESTATE);
  EXPECT_EQ(LastError(),
            "baton_org_apply_reassignment: the organisation changed since this "
            "reassignment was made");
  EXPECT_EQ(Hash(), changed);
  char owner[8];
  size_t needed = 0;
  ASSERT_EQ(baton_org_account_owner(owner, sizeof owner, &needed, org_, "a1"), BATON_OK);
  EXPECT_STREQ(owner, "r1");
  // An identical copy of the organisation it was made from takes it, once.
  EXPECT_EQ(baton_org_apply_reassignment(copy, plan_), BATON_OK) << LastError();
  ASSERT_EQ(baton_org_account_owner(owner, sizeof owner, &needed, copy, "a1"), BATON_OK);
  EXPECT_STREQ(owner, "r2");
  EXPECT_EQ(baton_org_apply_reassignment(copy, plan_), BATON_ESTATE);
  baton_org_destroy(copy);
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
