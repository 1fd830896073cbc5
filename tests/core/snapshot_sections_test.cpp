// Snapshot sections: what a snapshot carries besides the organisation.
#include <string>
#include <vector>

#include "baton/risk.hpp"
#include "baton/snapshot.hpp"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/io/checksum.hpp"
#include "tests/core/small_org.hpp"

namespace baton {
namespace {

using ::testing::HasSubstr;

std::string Message(const absl::Status& status) { return std::string(status.message()); }

TEST(SnapshotSectionsTest, RoundTripInMemoryAndOnDisk) {
  const Org org = testing::SmallOrg();
  const std::vector<SnapshotSection> sections = {{"alpha", "one"},
                                                 {"beta", std::string(3, '\0')}};
  const auto bytes = SnapshotToBytes(org, sections);
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  EXPECT_EQ((*bytes)[8], 2);  // format version 2: sections follow the tables
  std::vector<SnapshotSection> back;
  const auto loaded = SnapshotFromBytes(*bytes, &back);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->StateHash(), org.StateHash());
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].name, "alpha");
  EXPECT_EQ(back[1].bytes, std::string(3, '\0'));

  const std::string path = ::testing::TempDir() + "/sections.snapshot";
  ASSERT_TRUE(SaveSnapshot(org, path, sections).ok());
  back.clear();
  ASSERT_TRUE(LoadSnapshot(path, &back).ok());
  EXPECT_EQ(back.size(), 2u);
  EXPECT_TRUE(LoadSnapshot(path).ok());  // sections may be ignored
}

TEST(SnapshotSectionsTest, WithoutSectionsTheFileStaysVersionOne) {
  const auto bytes = SnapshotToBytes(testing::SmallOrg());
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ((*bytes)[8], 1);
  std::vector<SnapshotSection> back = {{"stale", "x"}};
  ASSERT_TRUE(SnapshotFromBytes(*bytes, &back).ok());
  EXPECT_TRUE(back.empty());
}

TEST(SnapshotSectionsTest, BadSectionsAreRefusedBeforeWriting) {
  const Org org = testing::SmallOrg();
  EXPECT_THAT(Message(SnapshotToBytes(org, {{"a", "1"}, {"a", "2"}}).status()),
              HasSubstr("\"a\" is given twice"));
  EXPECT_THAT(Message(SnapshotToBytes(org, {{"", "1"}}).status()),
              HasSubstr("1 to 64 bytes"));
  std::vector<SnapshotSection> many(65, SnapshotSection{"", ""});
  for (std::size_t i = 0; i < many.size(); ++i) many[i].name = "s" + std::to_string(i);
  EXPECT_THAT(Message(SnapshotToBytes(org, many).status()), HasSubstr("65 sections"));
  const std::string path = ::testing::TempDir() + "/refused.snapshot";
  EXPECT_FALSE(SaveSnapshot(org, path, many).ok());
}

TEST(SnapshotSectionsTest, ACorruptedSectionIsCaughtByTheChecksum) {
  auto bytes = SnapshotToBytes(testing::SmallOrg(), {{"note", "hello"}});
  ASSERT_TRUE(bytes.ok());
  const std::size_t at = bytes->rfind("hello");
  ASSERT_NE(at, std::string::npos);
  (*bytes)[at] = 'j';
  EXPECT_THAT(Message(SnapshotFromBytes(*bytes).status()),
              HasSubstr("checksum mismatch"));
}

TEST(SnapshotSectionsTest, AForgedSectionCountIsBoundedByTheBytesLeft) {
  auto bytes = SnapshotToBytes(Org(), {{"n", "b"}});
  ASSERT_TRUE(bytes.ok());
  // The section count sits after the empty tables: tag count, one empty
  // tag, 11 row counts. Forge it and reseal the checksum.
  const std::size_t count_at = 32 + 8 + 4 + 11 * 8;
  for (int i = 0; i < 8; ++i)
    (*bytes)[count_at + i] = static_cast<char>(i == 6 ? 0x10 : 0);
  const std::uint64_t checksum =
      internal::Checksum64(std::string_view(*bytes).substr(32));
  for (int i = 0; i < 8; ++i) (*bytes)[24 + i] = static_cast<char>(checksum >> (8 * i));
  const auto loaded = SnapshotFromBytes(*bytes);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(Message(loaded.status()), HasSubstr("sections: 4503599627370496 rows"));
}

TEST(SnapshotSectionsTest, ARiskModelTravelsWithTheOrganisation) {
  const Org org = testing::SmallOrg();
  RiskModel model = RiskModel::Default();
  model.weight[3] = 0.123;
  const std::string path = ::testing::TempDir() + "/with_model.snapshot";
  ASSERT_TRUE(SaveSnapshot(org, path, {RiskModelSection(model)}).ok());
  std::vector<SnapshotSection> sections;
  ASSERT_TRUE(LoadSnapshot(path, &sections).ok());
  const auto back = RiskModelFromSections(sections, model.features);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->weight, model.weight);
  std::vector<std::string> other = model.features;
  other.pop_back();
  EXPECT_THAT(Message(RiskModelFromSections(sections, other).status()),
              HasSubstr("snapshot section risk-model: risk model: feature 16"));
  EXPECT_TRUE(absl::IsNotFound(RiskModelFromSections({}).status()));
}

}  // namespace
}  // namespace baton
