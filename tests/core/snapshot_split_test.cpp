// Format versions 3 to 5: the payload in two parts, read on two threads.
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "baton/sample.hpp"
#include "baton/snapshot.hpp"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/io/checksum.hpp"
#include "lib/io/payload_checksum.hpp"
#include "lib/io/serialize_records.hpp"
#include "lib/io/snapshot_format.hpp"
#include "lib/model/org_access.hpp"
#include "tests/core/small_org.hpp"

namespace baton {
namespace {

using ::testing::HasSubstr;

constexpr std::size_t kHeader = internal::kSnapshotHeaderSize;

std::string Split(const Org& org, const std::vector<SnapshotSection>& sections = {},
                  internal::SnapshotLayout layout = internal::SnapshotLayout::kSplit) {
  absl::StatusOr<std::string> bytes =
      internal::EncodeSnapshot(internal_state(org), sections, layout);
  EXPECT_TRUE(bytes.ok()) << bytes.status();
  return bytes.ok() ? *bytes : std::string();
}

std::uint64_t Le(const std::string& bytes, std::size_t at, int size) {
  std::uint64_t value = 0;
  for (int i = size - 1; i >= 0; --i)
    value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
  return value;
}

void PutLe64(std::string& bytes, std::size_t at, std::uint64_t value) {
  for (int i = 0; i < 8; ++i) bytes[at + i] = static_cast<char>(value >> (8 * i));
}

// The header again, with a matching length and checksum, so a changed
// payload reaches the reader.
std::string Reseal(std::string bytes) {
  internal::SnapshotHeader header;
  header.version = static_cast<std::uint32_t>(Le(bytes, 8, 4));
  header.payload_length = bytes.size() - kHeader;
  header.checksum =
      internal::PayloadChecksum(header.version, std::string_view(bytes).substr(kHeader));
  internal::WriteSnapshotHeader(header, bytes.data());
  return bytes;
}

TEST(SplitSnapshot, RoundTripKeepsEveryRecordAndTheBytes) {
  const Org org = testing::SmallOrg();
  const std::string bytes = Split(org);
  EXPECT_EQ(Le(bytes, 8, 4), 5u);
  // The payload begins with where its second part begins: at the
  // relationships' row count.
  const std::uint64_t second = Le(bytes, kHeader, 8);
  EXPECT_EQ(second, internal::PayloadSize(internal_state(org), internal::LayoutOf(5),
                                          internal::PayloadPart::kFirst));
  EXPECT_EQ(Le(bytes, kHeader + second, 8), org.relationships().size());

  absl::StatusOr<Org> loaded = SnapshotFromBytes(bytes);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->StateHash(), org.StateHash());
  EXPECT_EQ(loaded->InteractionsOf(*loaded->FindAccount("a-fx")).size(),
            org.InteractionsOf(*org.FindAccount("a-fx")).size());
  EXPECT_EQ(Split(*loaded), bytes);
}

TEST(SplitSnapshot, CarriesSectionsAfterTheSecondPart) {
  const Org org = testing::SmallOrg();
  const std::vector<SnapshotSection> sections = {{"notes", "hello"}, {"empty", ""}};
  std::vector<SnapshotSection> read;
  absl::StatusOr<Org> loaded = SnapshotFromBytes(Split(org, sections), &read);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  ASSERT_EQ(read.size(), 2u);
  EXPECT_EQ(read[0].name, "notes");
  EXPECT_EQ(read[0].bytes, "hello");
  EXPECT_EQ(read[1].name, "empty");
}

// From version 5 the header holds the XXH64 of the two parts' XXH64s,
// which any XXH64 tool can check; before, the XXH64 of the payload.
TEST(SplitSnapshot, TheChecksumIsTheHashOfThePartsHashes) {
  const Org org = testing::SmallOrg();
  const std::string bytes = Split(org);
  const std::string_view payload = std::string_view(bytes).substr(kHeader);
  const std::size_t second = Le(bytes, kHeader, 8);
  std::string digests(16, '\0');
  PutLe64(digests, 0, internal::Checksum64(payload.substr(0, second)));
  PutLe64(digests, 8, internal::Checksum64(payload.substr(second)));
  EXPECT_EQ(Le(bytes, 24, 8), internal::Checksum64(digests));

  const std::string v4 = Split(org, {}, internal::SnapshotLayout::kSplitVersion4);
  EXPECT_EQ(Le(v4, 24, 8), internal::Checksum64(std::string_view(v4).substr(kHeader)));
}

// Fed in pieces of any size, the stream gives the one-shot value, for
// payloads cut anywhere, and for ones whose offset lies outside them
// (hashed as one).
TEST(SplitSnapshot, TheChecksumStreamAgreesWithTheOneShot) {
  std::string payload(40, '\0');
  for (std::size_t i = 8; i < payload.size(); ++i) payload[i] = static_cast<char>(i * 7);
  for (const std::uint64_t cut :
       {std::uint64_t{0}, std::uint64_t{7}, std::uint64_t{8}, std::uint64_t{9},
        std::uint64_t{20}, std::uint64_t{40}, std::uint64_t{41}, ~std::uint64_t{0}}) {
    PutLe64(payload, 0, cut);
    const std::string_view whole(payload);
    const std::uint64_t expected =
        cut >= 8 && cut <= payload.size()
            ? internal::CombinePartChecksums(internal::Checksum64(whole.substr(0, cut)),
                                             internal::Checksum64(whole.substr(cut)))
            : internal::Checksum64(whole);
    EXPECT_EQ(internal::PayloadChecksum(5, whole), expected) << cut;
    EXPECT_EQ(internal::PayloadChecksum(4, whole), internal::Checksum64(whole)) << cut;
    for (std::size_t piece = 1; piece <= 11; ++piece) {
      internal::PayloadChecksumStream stream(5);
      for (std::size_t at = 0; at < payload.size(); at += piece)
        stream.Update(whole.substr(at, piece));
      EXPECT_EQ(stream.Digest(), expected) << cut << " in pieces of " << piece;
    }
  }
  EXPECT_EQ(internal::PayloadChecksum(5, "abc"), internal::Checksum64("abc"));
}

// The checksum covers both parts, whichever thread hashes them.
TEST(SplitSnapshot, AFlippedBitInEitherPartIsCaughtByTheChecksum) {
  for (const auto layout :
       {internal::SnapshotLayout::kSplit, internal::SnapshotLayout::kSplitVersion4}) {
    const std::string bytes = Split(testing::SmallOrg(), {}, layout);
    const std::size_t second = kHeader + Le(bytes, kHeader, 8);
    for (const std::size_t at :
         {kHeader, kHeader + 9, second - 1, second, bytes.size() - 1}) {
      std::string flipped = bytes;
      flipped[at] = static_cast<char>(flipped[at] ^ 0x10);
      absl::StatusOr<Org> loaded = SnapshotFromBytes(flipped);
      ASSERT_FALSE(loaded.ok()) << at;
      EXPECT_THAT(loaded.status().message(), HasSubstr("checksum mismatch")) << at;
    }
  }
}

TEST(SplitSnapshot, AnOffsetOutsideThePayloadIsRejected) {
  const std::string bytes = Split(testing::SmallOrg());
  const std::size_t payload = bytes.size() - kHeader;
  for (const std::uint64_t offset : {std::uint64_t{0}, std::uint64_t{7},
                                     std::uint64_t{payload + 1}, ~std::uint64_t{0}}) {
    std::string changed = bytes;
    PutLe64(changed, kHeader, offset);
    absl::StatusOr<Org> loaded = SnapshotFromBytes(Reseal(changed));
    ASSERT_FALSE(loaded.ok()) << offset;
    EXPECT_EQ(loaded.status().code(), absl::StatusCode::kDataLoss);
    EXPECT_THAT(loaded.status().message(), HasSubstr("second part offset: ")) << offset;
    EXPECT_THAT(loaded.status().message(), HasSubstr("outside")) << offset;
  }
  absl::StatusOr<Org> loaded = SnapshotFromBytes(Reseal(bytes.substr(0, kHeader + 5)));
  ASSERT_FALSE(loaded.ok());
  EXPECT_THAT(loaded.status().message(), HasSubstr("fewer than 8"));
}

// An offset inside the payload but at the wrong place cuts a table in two:
// whichever part notices, the load fails cleanly, never half done.
TEST(SplitSnapshot, AnOffsetAtTheWrongPlaceIsRejected) {
  const std::string bytes = Split(testing::SmallOrg());
  const std::uint64_t second = Le(bytes, kHeader, 8);
  for (std::uint64_t offset = 8; offset < bytes.size() - kHeader; ++offset) {
    if (offset == second) continue;
    std::string changed = bytes;
    PutLe64(changed, kHeader, offset);
    absl::StatusOr<Org> loaded = SnapshotFromBytes(Reseal(changed));
    ASSERT_FALSE(loaded.ok()) << offset;
    EXPECT_EQ(loaded.status().code(), absl::StatusCode::kDataLoss) << offset;
  }
}

// Each one-byte change of `bytes`, resealed, is refused or loads as
// another organisation than `org`.
void ExpectCorruptionRefusedOrChanged(const Org& org, const std::string& bytes) {
  for (std::size_t i = kHeader; i < bytes.size(); ++i) {
    for (const char value : {'\x00', '\xFF'}) {
      std::string changed = bytes;
      if (changed[i] == value) continue;
      changed[i] = value;
      absl::StatusOr<Org> loaded = SnapshotFromBytes(Reseal(changed));
      if (loaded.ok()) {
        EXPECT_NE(loaded->StateHash(), org.StateHash()) << i;
      } else {
        EXPECT_EQ(loaded.status().code(), absl::StatusCode::kDataLoss) << i;
      }
    }
  }
}

// Every byte of the payload set to 0x00 and 0xFF in turn, resealed: each
// load is refused with DataLoss or gives another valid organisation.
TEST(SplitSnapshot, ResealedCorruptionNeverCrashes) {
  const Org org = testing::SmallOrg();
  for (const auto layout :
       {internal::SnapshotLayout::kSplit, internal::SnapshotLayout::kSplitVersion4,
        internal::SnapshotLayout::kSplitVersion3}) {
    ExpectCorruptionRefusedOrChanged(org, Split(org, {}, layout));
  }
}

// Files of versions 3 and 4, which libraries before version 5 wrote for
// large organisations, have their second part start at interactions, and
// version 3 holds notes and products as texts; they still load, into the
// same organisation, and are saved again as version 5.
TEST(SplitSnapshot, Version3And4FilesLoadTheSame) {
  const Org org = testing::SmallOrg();
  for (const auto& [layout, version] :
       {std::pair{internal::SnapshotLayout::kSplitVersion3, 3u},
        std::pair{internal::SnapshotLayout::kSplitVersion4, 4u}}) {
    const std::string old = Split(org, {{"notes", "hello"}}, layout);
    EXPECT_EQ(Le(old, 8, 4), version);
    EXPECT_EQ(Le(old, kHeader + Le(old, kHeader, 8), 8), org.interactions().size());
    std::vector<SnapshotSection> read;
    absl::StatusOr<Org> loaded = SnapshotFromBytes(old, &read);
    ASSERT_TRUE(loaded.ok()) << version << ": " << loaded.status();
    EXPECT_EQ(loaded->StateHash(), org.StateHash()) << version;
    ASSERT_EQ(read.size(), 1u) << version;
    EXPECT_EQ(read[0].bytes, "hello") << version;
    EXPECT_EQ(Le(Split(*loaded), 8, 4), 5u) << version;
  }
}

// A pool number past its pool, or a pool with a repeated text, is refused
// with the record or the pool named.
TEST(SplitSnapshot, BadPoolsAndPoolNumbersAreRefused) {
  const Org org = testing::SmallOrg();
  const auto refused = [](const internal::OrgState& state) {
    absl::StatusOr<std::string> bytes =
        internal::EncodeSnapshot(state, {}, internal::SnapshotLayout::kSplit);
    EXPECT_TRUE(bytes.ok()) << bytes.status();
    absl::StatusOr<Org> loaded = SnapshotFromBytes(bytes.ok() ? *bytes : "");
    EXPECT_FALSE(loaded.ok());
    EXPECT_EQ(loaded.status().code(), absl::StatusCode::kDataLoss);
    return std::string(loaded.status().message());
  };
  internal::OrgState state = internal_state(org);
  ASSERT_FALSE(state.interactions.empty());
  state.interactions[0].note = static_cast<Note>(state.notes.size());
  EXPECT_THAT(refused(state),
              HasSubstr(absl::StrCat("note: unknown note ", state.notes.size())));

  state = internal_state(org);
  ASSERT_FALSE(state.products.empty());
  state.products[0].product = kNoTag;
  EXPECT_THAT(refused(state), HasSubstr("product: must not be empty"));
  state.products[0].product = static_cast<Tag>(state.tags.size() + 9);
  EXPECT_THAT(refused(state),
              HasSubstr(absl::StrCat("unknown tag ", state.tags.size() + 9)));

  state = internal_state(org);
  state.notes.Append("twice");
  state.notes.Append("twice");
  EXPECT_THAT(refused(state), HasSubstr("notes: a text repeats, or is empty"));
  state = internal_state(org);
  state.notes.Append("");
  EXPECT_THAT(refused(state), HasSubstr("notes: a text repeats, or is empty"));
}

// From 65,536 records a saved snapshot is split, and its parts load on two
// threads into the same organisation; a smaller one stays in version 1.
TEST(SplitSnapshotParallel, ALargeOrganisationIsSavedSplitAndLoadsTheSame) {
  SampleOptions options;
  options.accounts = 6000;
  absl::StatusOr<Org> org = GenerateSampleOrg(options);
  ASSERT_TRUE(org.ok()) << org.status();
  const std::string path = ::testing::TempDir() + "baton_split_test.snap";
  ASSERT_TRUE(SaveSnapshot(*org, path).ok());
  absl::StatusOr<Org> loaded = LoadSnapshot(path);
  std::remove(path.c_str());
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->StateHash(), org->StateHash());

  absl::StatusOr<std::string> large = SnapshotToBytes(*org);
  ASSERT_TRUE(large.ok());
  EXPECT_EQ(Le(*large, 8, 4), 5u);
  absl::StatusOr<std::string> small = SnapshotToBytes(testing::SmallOrg());
  ASSERT_TRUE(small.ok());
  EXPECT_EQ(Le(*small, 8, 4), 1u);
}

}  // namespace
}  // namespace baton
