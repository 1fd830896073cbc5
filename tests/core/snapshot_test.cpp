#include "baton/snapshot.hpp"

#include <dirent.h>
#include <ftw.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <new>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "baton/batch.hpp"
#include "baton/csv.hpp"
#include "baton/sample.hpp"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/io/checksum.hpp"
#include "lib/io/snapshot_format.hpp"
#include "lib/model/org_access.hpp"

// Tracks the largest single allocation while a test asks for it, to prove
// that a lying size in a file allocates nothing large. Replacing operator
// new is the only portable way to see every allocation from inside the
// process (and works under ASan). GCC cannot see that these replacements
// pair malloc with free, hence the pragma.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
namespace {
std::atomic<bool> g_track_allocations{false};
std::atomic<std::size_t> g_largest_allocation{0};

void NoteAllocation(std::size_t size) {
  if (!g_track_allocations.load(std::memory_order_relaxed)) return;
  std::size_t seen = g_largest_allocation.load(std::memory_order_relaxed);
  while (size > seen && !g_largest_allocation.compare_exchange_weak(seen, size)) {
  }
}
}  // namespace

void* operator new(std::size_t size) {
  NoteAllocation(size);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return ::operator new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  NoteAllocation(size);
  return std::malloc(size == 0 ? 1 : size);
}
void* operator new[](std::size_t size, const std::nothrow_t& tag) noexcept {
  return ::operator new(size, tag);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }

namespace baton {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

// The largest allocation made while running `f`.
template <typename F>
std::size_t LargestAllocationDuring(F f) {
  g_largest_allocation = 0;
  g_track_allocations = true;
  f();
  g_track_allocations = false;
  return g_largest_allocation;
}

// A small organisation with at least two records of every kind, a departed
// rep, a parent group, non-ASCII names and text that needs quoting.
Org SmallOrg() {
  const Day d2024 = DayFromCivil(2024, 3, 1);
  Batch b;
  b.Add(TierSpec{"A", 3, 3, 10}).Add(TierSpec{"B", 2, 2, 0}).Add(TierSpec{"C", 1, 1, 0});
  b.Add(TeamSpec{"t1", "North", ""}).Add(TeamSpec{"t2", "Südwest", ""});
  b.Add(RepSpec{"r1", "Ada Lovelace", "t1", "", 3, 100, "north", "enterprise", kNoDay, "",
                false});
  b.Add(RepSpec{"r2", "Bo Zhang", "t1", "r1", 2, 50, "north", "smb", kNoDay, "", false});
  b.Add(RepSpec{"r3", "Cy Nowak", "t2", "r1", 1, 30, "south", "smb", kNoDay, "", false});
  b.Update(TeamSpec{"t1", "North", "r1"});
  b.Add(AccountSpec{"a1", "纷享销客", "A", 250000.5, d2024 - 900, d2024 + 120, "north",
                    "enterprise", "g1", "r1"});
  b.Add(AccountSpec{"a2", "Łódź \"Fabryka\", S.A.", "B", 42000, d2024 - 30, kNoDay,
                    "north", "smb", "g1", "r2"});
  b.Add(AccountSpec{"a3", "Gamma", "C", 900, kNoDay, kNoDay, "", "", "", ""});
  b.Add(AccountTeamSpec{"a1", "r2", AccountRole::kCustomerSuccess});
  b.Add(AccountTeamSpec{"a2", "r1", AccountRole::kExecutiveSponsor});
  b.Add(ContactSpec{"c1", "a1", "Li Wei", ContactRole::kDecisionMaker, true,
                    Attitude::kSupporter});
  b.Add(ContactSpec{"c2", "a1", "Zofia", ContactRole::kChampion, false,
                    Attitude::kNeutral});
  b.Add(ContactSpec{"c3", "a2", "Ola", ContactRole::kProcurement, true,
                    Attitude::kSkeptic});
  b.Add(RelationshipSpec{"r1", "c1", 0.9, Depth::kSharedValues, d2024 - 800, d2024 - 3});
  b.Add(RelationshipSpec{"r2", "c1", 0.25, Depth::kSocial, d2024 - 100, d2024 - 60});
  b.Add(RelationshipSpec{"r2", "c3", 0.7, Depth::kMutualBenefit, d2024 - 20, d2024 - 1});
  b.Add(InteractionSpec{d2024 - 3, Channel::kMeeting, "r1", "a1", "c1",
                        "Quarterly review"});
  b.Add(InteractionSpec{d2024 - 1, Channel::kEmail, "r2", "a2", "",
                        "Sent \"pricing\", v2"});
  b.Add(
      DealSpec{"d1", "a1", "", DealStage::kProposal, 120000, d2024 + 30, "Send pricing"});
  b.Add(DealSpec{"d2", "a2", "r2", DealStage::kWon, 8000, d2024 - 10, ""});
  b.Add(ComplaintSpec{"k1", "a1", d2024 - 5, kNoDay, Severity::kHigh, "Late delivery"});
  b.Add(
      ComplaintSpec{"k2", "a2", d2024 - 50, d2024 - 40, Severity::kLow, "Invoice typo"});
  b.Add(ProductSpec{"a1", "CRM Pro", 25}).Add(ProductSpec{"a2", "Support", 1});
  b.Depart("r3", d2024 - 2, "Rival Inc", true);
  Org org;
  absl::Status status = org.Apply(b);
  EXPECT_TRUE(status.ok()) << status;
  return org;
}

std::string Bytes(const Org& org) {
  absl::StatusOr<std::string> bytes = SnapshotToBytes(org);
  EXPECT_TRUE(bytes.ok()) << bytes.status();
  return bytes.ok() ? *bytes : std::string();
}

// Rewrites the header's length and checksum to fit a changed payload, so a
// test reaches the payload reader instead of stopping at the checksum.
// A new header for `bytes` with a matching checksum, in format version 1
// (tables only), which is what a snapshot without sections is written in.
std::string Reseal(std::string bytes) {
  internal::SnapshotHeader header;
  header.version = 1;
  header.payload_length = bytes.size() - internal::kSnapshotHeaderSize;
  header.checksum =
      internal::Checksum64(std::string_view(bytes).substr(internal::kSnapshotHeaderSize));
  internal::WriteSnapshotHeader(header, bytes.data());
  return bytes;
}

std::string WithPayload(const std::string& payload) {
  return Reseal(std::string(internal::kSnapshotHeaderSize, '\0') + payload);
}

std::string Le64(std::uint64_t v) {
  std::string out(8, '\0');
  for (int i = 0; i < 8; ++i) out[i] = static_cast<char>(v >> (8 * i));
  return out;
}
std::string Le32(std::uint32_t v) { return Le64(v).substr(0, 4); }

class TempDir {
 public:
  TempDir() {
    std::string pattern = ::testing::TempDir() + "baton_snapshot_XXXXXX";
    path_ = ::mkdtemp(pattern.data()) ? pattern : std::string();
    EXPECT_FALSE(path_.empty()) << std::strerror(errno);
  }
  ~TempDir() {
    ::nftw(
        path_.c_str(),
        [](const char* path, const struct stat*, int, FTW*) { return std::remove(path); },
        16, FTW_DEPTH | FTW_PHYS);
  }
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

  std::vector<std::string> Entries() const {
    std::vector<std::string> names;
    if (DIR* dir = ::opendir(path_.c_str())) {
      while (dirent* entry = ::readdir(dir)) {
        std::string name = entry->d_name;
        if (name != "." && name != "..") names.push_back(name);
      }
      ::closedir(dir);
    }
    std::sort(names.begin(), names.end());
    return names;
  }

 private:
  std::string path_;
};

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}
std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(Checksum64, MatchesPublishedXxh64Vectors) {
  EXPECT_EQ(internal::Checksum64(""), 0xEF46DB3751D8E999ULL);
  EXPECT_EQ(internal::Checksum64("a"), 0xD24EC4F1A98C6E5BULL);
  EXPECT_EQ(internal::Checksum64("abc"), 0x44BC2CF5AD770999ULL);
  EXPECT_EQ(internal::Checksum64("Hello, World!"), 0xC49AACF8080FE47FULL);
  EXPECT_EQ(internal::Checksum64("Hello, World!", 42), 0xC2E0FE28B2512846ULL);
  EXPECT_EQ(internal::Checksum64(std::string(32, 'a')), 0x856E843298F99AD7ULL);
  EXPECT_EQ(internal::Checksum64(std::string(33, 'a')), 0x18F3FF0C21E3B24BULL);
}

// Saving hashes the payload as it streams out in pieces of any size.
TEST(Checksum64, PiecesGiveTheValueOfTheWhole) {
  std::mt19937 random(3);
  std::string bytes(10000, '\0');
  for (char& c : bytes) c = static_cast<char>(random());
  const std::uint64_t whole = internal::Checksum64(bytes);
  for (std::size_t piece : {1, 7, 31, 32, 33, 64, 1000}) {
    internal::Checksum64Stream stream;
    for (std::size_t at = 0; at < bytes.size(); at += piece) {
      stream.Update(std::string_view(bytes).substr(at, piece));
    }
    EXPECT_EQ(stream.Digest(), whole) << piece;
  }
}

TEST(Snapshot, HeaderIsLittleEndianAndPayloadHasNoArchiveOverhead) {
  const std::string bytes = Bytes(Org());
  // An empty org: the tag count (1), one empty tag (length 0), 11 row counts.
  const std::size_t payload = 8 + 4 + 11 * 8;
  ASSERT_EQ(bytes.size(), 32 + payload);
  EXPECT_EQ(bytes.substr(0, 8), "BATONSNP");
  EXPECT_EQ(bytes.substr(8, 4), Le32(1));  // no sections: version 1
  EXPECT_EQ(bytes.substr(12, 4), Le32(0));
  EXPECT_EQ(bytes.substr(16, 8), Le64(payload));
  EXPECT_EQ(bytes.substr(24, 8), Le64(internal::Checksum64(bytes.substr(32))));
  EXPECT_EQ(bytes.substr(32), Le64(1) + Le32(0) + std::string(11 * 8, '\0'));
}

TEST(Snapshot, RoundTripKeepsEveryRecord) {
  const Org org = SmallOrg();
  ASSERT_EQ(org.count(EntityKind::kProduct), 2u);
  const std::string bytes = Bytes(org);
  absl::StatusOr<Org> loaded = SnapshotFromBytes(bytes);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->StateHash(), org.StateHash());
  for (int k = 0; k < kEntityKindCount; ++k) {
    EXPECT_EQ(loaded->count(EntityKind(k)), org.count(EntityKind(k))) << k;
  }
  // Id maps and indexes are rebuilt, not just the tables.
  ASSERT_TRUE(loaded->FindAccount("a1").has_value());
  EXPECT_EQ(loaded->accounts()[*loaded->FindAccount("a1")].name, "纷享销客");
  EXPECT_EQ(loaded->AccountsOwnedBy(*loaded->FindRep("r2")).size(), 1u);
  EXPECT_EQ(loaded->tag(loaded->accounts()[0].group), "g1");
  EXPECT_FALSE(loaded->reps()[*loaded->FindRep("r3")].active());
  // Writing the loaded org again gives the same bytes.
  EXPECT_EQ(Bytes(*loaded), bytes);
}

TEST(Snapshot, RoundTripOfGeneratedOrg) {
  SampleOptions options;
  options.accounts = 300;
  options.relationships_per_account = 10;
  absl::StatusOr<Org> org = GenerateSampleOrg(options);
  ASSERT_TRUE(org.ok()) << org.status();
  const std::string bytes = Bytes(*org);
  absl::StatusOr<Org> loaded = SnapshotFromBytes(bytes);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->StateHash(), org->StateHash());
  EXPECT_EQ(loaded->count(EntityKind::kRelationship),
            org->count(EntityKind::kRelationship));
  EXPECT_EQ(Bytes(*loaded), bytes);
}

// CSV -> Org -> snapshot -> Org -> CSV gives the same files.
TEST(Snapshot, CsvSnapshotCsvRoundTripIsExact) {
  SampleOptions options;
  options.accounts = 200;
  absl::StatusOr<Org> generated = GenerateSampleOrg(options);
  ASSERT_TRUE(generated.ok()) << generated.status();
  TempDir dir;
  ASSERT_TRUE(ExportCsv(*generated, dir / "first").ok());
  Org imported;
  absl::Status status = ImportCsv(dir / "first", imported);
  ASSERT_TRUE(status.ok()) << status;
  ASSERT_TRUE(SaveSnapshot(imported, dir / "org.snap").ok());
  absl::StatusOr<Org> loaded = LoadSnapshot(dir / "org.snap");
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  ASSERT_TRUE(ExportCsv(*loaded, dir / "second").ok());
  for (const char* file :
       {"teams.csv", "reps.csv", "tiers.csv", "accounts.csv", "account_team.csv",
        "contacts.csv", "relationships.csv", "interactions.csv", "deals.csv",
        "complaints.csv", "products.csv"}) {
    const std::string first = ReadFile(dir / "first/" + file);
    EXPECT_FALSE(first.empty()) << file;
    EXPECT_EQ(ReadFile(dir / "second/" + file), first) << file;
  }
}

TEST(Snapshot, SaveAndLoadFile) {
  TempDir dir;
  const Org org = SmallOrg();
  absl::Status saved = SaveSnapshot(org, dir / "org.snap");
  ASSERT_TRUE(saved.ok()) << saved;
  EXPECT_EQ(ReadFile(dir / "org.snap"), Bytes(org));
  EXPECT_THAT(dir.Entries(), ::testing::ElementsAre("org.snap"));  // no temporary left
  absl::StatusOr<Org> loaded = LoadSnapshot(dir / "org.snap");
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->StateHash(), org.StateHash());
}

TEST(Snapshot, TruncatedAtEveryLengthIsRejected) {
  const std::string bytes = Bytes(SmallOrg());
  for (std::size_t size = 0; size < bytes.size(); ++size) {
    absl::StatusOr<Org> loaded =
        SnapshotFromBytes(std::string_view(bytes).substr(0, size));
    ASSERT_FALSE(loaded.ok()) << size;
    if (size == 0) {
      EXPECT_EQ(loaded.status().code(), absl::StatusCode::kInvalidArgument);
    } else {
      EXPECT_EQ(loaded.status().code(), absl::StatusCode::kDataLoss) << size;
      EXPECT_THAT(loaded.status().message(), HasSubstr("truncated")) << size;
    }
  }
  // Also past the header's length check: a payload cut short at every length
  // but with a matching length and checksum reaches the payload reader, which
  // must notice on its own.
  for (std::size_t size = 32; size < bytes.size(); ++size) {
    absl::StatusOr<Org> loaded = SnapshotFromBytes(Reseal(bytes.substr(0, size)));
    ASSERT_FALSE(loaded.ok()) << size;
    EXPECT_EQ(loaded.status().code(), absl::StatusCode::kDataLoss) << size;
  }
}

TEST(Snapshot, EveryBitFlipIsRejected) {
  const std::string bytes = Bytes(SmallOrg());
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string flipped = bytes;
      flipped[i] = static_cast<char>(flipped[i] ^ (1 << bit));
      absl::StatusOr<Org> loaded = SnapshotFromBytes(flipped);
      ASSERT_FALSE(loaded.ok()) << "byte " << i << " bit " << bit;
      if (i >= 32) {
        EXPECT_THAT(loaded.status().message(),
                    HasSubstr("checksum mismatch: file is corrupted"));
      }
    }
  }
}

// Corruption that keeps a valid checksum (a buggy writer, a forged file)
// must still never crash or load garbage silently: every byte of the payload
// set to 0x00, 0xFF and 0x80 in turn, resealed.
TEST(Snapshot, ResealedCorruptionNeverCrashes) {
  const Org org = SmallOrg();
  const std::string bytes = Bytes(org);
  int accepted = 0;
  for (std::size_t i = 32; i < bytes.size(); ++i) {
    for (char value : {'\x00', '\xFF', '\x80'}) {
      std::string changed = bytes;
      if (changed[i] == value) continue;
      changed[i] = value;
      absl::StatusOr<Org> loaded = SnapshotFromBytes(Reseal(changed));
      if (loaded.ok()) {
        // Some changes make another valid org (a different amount, a name);
        // it must then differ from the original.
        EXPECT_NE(loaded->StateHash(), org.StateHash()) << i;
        ++accepted;
      } else {
        EXPECT_EQ(loaded.status().code(), absl::StatusCode::kDataLoss) << i;
      }
    }
  }
  EXPECT_GT(accepted, 0);
}

TEST(Snapshot, ForeignFilesAreRejected) {
  static const char kPngStart[] =
      "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";
  const std::string png(kPngStart, sizeof kPngStart - 1);
  std::mt19937 random(7);
  std::string noise(4096, '\0');
  for (char& c : noise) c = static_cast<char>(random());
  for (const std::string& bytes : {png, noise, std::string("id,name\nt1,North\n")}) {
    absl::StatusOr<Org> loaded = SnapshotFromBytes(bytes);
    ASSERT_FALSE(loaded.ok());
    EXPECT_EQ(loaded.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(loaded.status().message(), HasSubstr("not a Baton snapshot"));
  }
  TempDir dir;
  WriteFile(dir / "empty.snap", "");
  WriteFile(dir / "image.snap", png);
  absl::StatusOr<Org> empty = LoadSnapshot(dir / "empty.snap");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().message(),
            dir / "empty.snap" + ": not a Baton snapshot: the file is empty");
  absl::StatusOr<Org> image = LoadSnapshot(dir / "image.snap");
  ASSERT_FALSE(image.ok());
  EXPECT_THAT(image.status().message(), HasSubstr("image.snap: not a Baton snapshot"));
  absl::StatusOr<Org> missing = LoadSnapshot(dir / "missing.snap");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(missing.status().message(), HasSubstr("missing.snap: cannot open"));
  absl::StatusOr<Org> directory = LoadSnapshot(dir.path());
  ASSERT_FALSE(directory.ok());
  EXPECT_THAT(directory.status().message(), HasSubstr("not a regular file"));
}

TEST(Snapshot, NewerFormatVersionIsRejected) {
  std::string bytes = Bytes(SmallOrg());
  bytes.replace(8, 4, Le32(7));
  absl::StatusOr<Org> loaded = SnapshotFromBytes(bytes);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(loaded.status().message(),
            "snapshot format version 7 is newer than this library's 5");
}

TEST(Snapshot, TrailingBytesAreRejected) {
  absl::StatusOr<Org> loaded = SnapshotFromBytes(Bytes(SmallOrg()) + "x");
  ASSERT_FALSE(loaded.ok());
  EXPECT_THAT(loaded.status().message(), HasSubstr("(trailing bytes)"));
}

TEST(Snapshot, HugeClaimedLengthAllocatesNothingLarge) {
  std::string bytes = Bytes(Org()).substr(0, 32) + std::string(68, 'x');
  bytes.replace(16, 8, Le64(1000000000000ULL));
  ASSERT_EQ(bytes.size(), 100u);
  TempDir dir;
  WriteFile(dir / "liar.snap", bytes);
  absl::StatusOr<Org> loaded = Org();
  const std::size_t largest =
      LargestAllocationDuring([&] { loaded = LoadSnapshot(dir / "liar.snap"); });
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(
      loaded.status().message(),
      HasSubstr("truncated: header says 1000000000000 payload bytes, file has 68"));
  EXPECT_LT(largest, 64u * 1024);
}

// Counts inside a payload with a good checksum are bounded by the bytes left.
TEST(Snapshot, HugeCountsInsidePayloadAllocateNothingLarge) {
  const std::string no_tags = Le64(1) + Le32(0);
  struct Case {
    std::string payload;
    std::string message;
  };
  const std::vector<Case> cases = {
      {Le64(1ULL << 60), "tags: 1152921504606846976 rows"},
      {no_tags + Le64(1000000000000000ULL),
       "teams: 1000000000000000 rows of at least 12 bytes"},
      {no_tags + Le64(1) + Le32(0xFFFFFFFFu) + std::string(100, 'x'),
       "teams.id: strings of rows 0..0 claim 4294967295 bytes"},
      {no_tags + std::string(11 * 8, '\0') + "junk",
       "4 unexpected bytes after the last table"},
  };
  for (const Case& c : cases) {
    absl::StatusOr<Org> loaded = Org();
    const std::size_t largest = LargestAllocationDuring(
        [&] { loaded = SnapshotFromBytes(WithPayload(c.payload)); });
    ASSERT_FALSE(loaded.ok()) << c.message;
    EXPECT_EQ(loaded.status().code(), absl::StatusCode::kDataLoss);
    EXPECT_THAT(loaded.status().message(), HasSubstr(c.message));
    EXPECT_LT(largest, 64u * 1024) << c.message;
  }
}

TEST(Snapshot, BrokenInvariantWithGoodChecksumFailsValidation) {
  const Org org = SmallOrg();
  internal::OrgState state = internal_state(org);
  state.relationships[0].contact = 999;
  absl::StatusOr<std::string> bytes = internal::EncodeSnapshot(state);
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  absl::StatusOr<Org> loaded = SnapshotFromBytes(*bytes);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(loaded.status().message(), HasSubstr("snapshot fails validation"));
  EXPECT_THAT(loaded.status().message(), HasSubstr("relationship"));
  EXPECT_THAT(loaded.status().message(), HasSubstr("contact"));

  state = internal_state(org);
  state.accounts[1].id = state.accounts[0].id;
  bytes = internal::EncodeSnapshot(state);
  ASSERT_TRUE(bytes.ok());
  loaded = SnapshotFromBytes(*bytes);
  ASSERT_FALSE(loaded.ok());
  EXPECT_THAT(loaded.status().message(), HasSubstr("a1"));
}

// A pair that may appear once (a rep's relationship with a contact, a rep's
// seat on an account, a product of an account) appears twice in a file
// whose checksum is right: the load names it, in short rows checked
// pairwise and in a long row sorted.
TEST(Snapshot, RepeatedPairsWithGoodChecksumFailValidation) {
  const Org org = SmallOrg();
  const auto expect_refused = [](const internal::OrgState& state,
                                 const std::string& subject) {
    absl::StatusOr<std::string> bytes = internal::EncodeSnapshot(state);
    ASSERT_TRUE(bytes.ok()) << bytes.status();
    absl::StatusOr<Org> loaded = SnapshotFromBytes(*bytes);
    ASSERT_FALSE(loaded.ok()) << subject;
    EXPECT_EQ(loaded.status().code(), absl::StatusCode::kDataLoss);
    EXPECT_THAT(loaded.status().message(), HasSubstr(subject));
    EXPECT_THAT(loaded.status().message(), HasSubstr("appears twice"));
  };
  const internal::OrgState& original = internal_state(org);
  ASSERT_FALSE(original.relationships.empty());
  ASSERT_FALSE(original.account_team.empty());
  ASSERT_FALSE(original.products.empty());

  internal::OrgState state = original;
  state.relationships.push_back(state.relationships[0]);
  const Relationship& tie = state.relationships[0];
  expect_refused(state, "relationship (rep " + state.reps[tie.rep].id + ", contact " +
                            state.contacts[tie.contact].id + ")");

  // The contacts' rows are checked in two runs at once (the last rows after
  // the seats and products): a repeat on the last contact is found, and
  // with repeats on the first and last contacts and a seat, the first
  // contact's is named, as in one run.
  const auto subject = [](const internal::OrgState& s, const Relationship& r) {
    return "relationship (rep " + s.reps[r.rep].id + ", contact " +
           s.contacts[r.contact].id + ")";
  };
  const auto tie_with = [&](const internal::OrgState& s, ContactIndex contact) {
    Relationship r = s.relationships[0];
    r.contact = contact;
    return r;
  };
  state = original;
  const auto last_contact = static_cast<ContactIndex>(state.contacts.size() - 1);
  state.relationships.push_back(tie_with(state, last_contact));
  state.relationships.push_back(tie_with(state, last_contact));
  expect_refused(state, subject(state, state.relationships.back()));
  state.relationships.push_back(tie_with(state, 0));
  state.relationships.push_back(tie_with(state, 0));
  state.account_team.push_back(state.account_team[0]);
  expect_refused(state, subject(state, state.relationships.back()));

  state = original;
  state.account_team.push_back(state.account_team[0]);
  expect_refused(state, "account-team seat (account " +
                            state.accounts[state.account_team[0].account].id + ", rep " +
                            state.reps[state.account_team[0].rep].id + ")");

  // Thirty products on one account, the last a repeat of the tenth: a row
  // too long to compare pairwise.
  state = original;
  const ProductHolding first = state.products[0];
  for (int i = 0; i < 30; ++i) {
    ProductHolding product = first;
    product.product = state.tags.Intern("extra-" + std::to_string(i == 29 ? 9 : i));
    state.products.push_back(product);
  }
  expect_refused(state, "product extra-9 of account " + state.accounts[first.account].id);

  // The same thirty without the repeat load.
  state.products.pop_back();
  absl::StatusOr<std::string> bytes = internal::EncodeSnapshot(state);
  ASSERT_TRUE(bytes.ok());
  EXPECT_TRUE(SnapshotFromBytes(*bytes).ok());
}

TEST(Snapshot, FlagByteOtherThanZeroOrOneIsRejected) {
  const Org org = SmallOrg();
  internal::OrgState state = internal_state(org);
  // Finds the byte of the first rep's to_competitor flag by writing the org
  // with the flag unset and set.
  state.reps[0].to_competitor = false;
  const std::string off = *internal::EncodeSnapshot(state);
  state.reps[0].to_competitor = true;
  std::string on = *internal::EncodeSnapshot(state);
  std::size_t at = 0;
  while (at < off.size() && (at < 32 || off[at] == on[at])) ++at;
  ASSERT_LT(at, off.size());
  ASSERT_EQ(on[at], 1);
  on[at] = 2;
  absl::StatusOr<Org> loaded = SnapshotFromBytes(Reseal(on));
  ASSERT_FALSE(loaded.ok());
  EXPECT_THAT(loaded.status().message(),
              HasSubstr("reps.to_competitor row 0: 2 is not a flag"));
}

TEST(Snapshot, SaveReplacesTheOldFileOnlyOnSuccess) {
  TempDir dir;
  const Org old_org = SmallOrg();
  ASSERT_TRUE(SaveSnapshot(old_org, dir / "org.snap").ok());
  Org new_org = SmallOrg();
  ASSERT_TRUE(new_org.Apply(Batch().Add(TierSpec{"D", 1, 0, 0})).ok());
  ASSERT_TRUE(SaveSnapshot(new_org, dir / "org.snap").ok());
  EXPECT_EQ(LoadSnapshot(dir / "org.snap")->StateHash(), new_org.StateHash());
  EXPECT_THAT(dir.Entries(), ::testing::ElementsAre("org.snap"));
}

TEST(Snapshot, FailedSaveToADirectoryLeavesItAlone) {
  TempDir dir;
  ASSERT_EQ(::mkdir((dir / "taken").c_str(), 0755), 0);
  absl::Status status = SaveSnapshot(SmallOrg(), dir / "taken");
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr(dir / "taken"));
  EXPECT_THAT(status.message(), HasSubstr("Is a directory"));
  EXPECT_THAT(dir.Entries(), ::testing::ElementsAre("taken"));  // temporary removed
}

TEST(Snapshot, SaveIntoAMissingDirectoryFails) {
  TempDir dir;
  absl::Status status = SaveSnapshot(SmallOrg(), dir / "no/such/org.snap");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(status.message(), HasSubstr("cannot create temporary file"));
  EXPECT_THAT(status.message(), HasSubstr("No such file or directory"));
}

// Runs in a child process: saves with files limited to `limit` bytes and
// exits 0 if the save failed cleanly while writing.
void SaveUnderFileSizeLimit(const Org& org, const std::string& path, rlim_t limit) {
  std::signal(SIGXFSZ, SIG_IGN);  // get EFBIG from write() instead of a signal
  const rlimit file_size{limit, limit};
  ::setrlimit(RLIMIT_FSIZE, &file_size);
  const absl::Status status = SaveSnapshot(org, path);
  std::fprintf(stderr, "%s\n", status.ToString().c_str());
  const bool failed_writing =
      !status.ok() && status.message().find("cannot write") != absl::string_view::npos;
  std::_Exit(failed_writing ? 0 : 1);
}

// A write that fails half-way (here: the file size limit, as a full disk
// would) leaves the old snapshot loadable and no temporary behind.
TEST(Snapshot, FailedWriteLeavesTheOldFileLoadable) {
  TempDir dir;
  const Org old_org = SmallOrg();
  ASSERT_TRUE(SaveSnapshot(old_org, dir / "org.snap").ok());
  Org big = SmallOrg();
  Batch more;
  for (int i = 0; i < 500; ++i) {
    more.Add(AccountSpec{"big" + std::to_string(i), std::string(40, 'n'), "C", 1.0 * i,
                         kNoDay, kNoDay, "", "", "", "r1"});
  }
  ASSERT_TRUE(big.Apply(more).ok());
  ASSERT_GT(Bytes(big).size(), 20000u);
  EXPECT_EXIT(SaveUnderFileSizeLimit(big, dir / "org.snap", 16384),
              ::testing::ExitedWithCode(0), "File too large");
  absl::StatusOr<Org> loaded = LoadSnapshot(dir / "org.snap");
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->StateHash(), old_org.StateHash());
  EXPECT_THAT(dir.Entries(), ::testing::ElementsAre("org.snap"));
}

TEST(Snapshot, SaveIntoAReadOnlyDirectoryFails) {
  if (::geteuid() == 0) GTEST_SKIP() << "root writes into read-only directories";
  TempDir dir;
  const Org org = SmallOrg();
  ASSERT_TRUE(SaveSnapshot(org, dir / "org.snap").ok());
  ASSERT_EQ(::chmod(dir.path().c_str(), 0555), 0);
  absl::Status status = SaveSnapshot(Org(), dir / "org.snap");
  ::chmod(dir.path().c_str(), 0755);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(LoadSnapshot(dir / "org.snap")->StateHash(), org.StateHash());
}

}  // namespace
}  // namespace baton
