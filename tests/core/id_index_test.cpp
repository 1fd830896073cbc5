// IdIndex against a std::map under random inserts, erases and lookups, and
// its edge cases: an empty index, growth, erased slots reused.
#include "lib/model/id_index.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <vector>

namespace baton::internal {
namespace {

// The rows an index points into: row r has id ids[r].
struct Rows {
  std::vector<std::string> ids;
  auto id_of() const {
    return [this](Index row) -> const std::string& { return ids[row]; };
  }
  Index Add(std::string id) {
    ids.push_back(std::move(id));
    return static_cast<Index>(ids.size() - 1);
  }
};

TEST(IdIndexTest, EmptyIndexFindsNothing) {
  Rows rows;
  IdIndex index;
  EXPECT_FALSE(index.Find("a", rows.id_of()));
  index.Erase("a", rows.id_of());  // nothing to erase, no crash
  EXPECT_EQ(index.size(), 0u);
  EXPECT_EQ(index.MemoryBytes(), 0u);
}

TEST(IdIndexTest, InsertKeepsTheFirstRowOfAnId) {
  Rows rows;
  IdIndex index;
  const Index first = rows.Add("acct-1");
  EXPECT_TRUE(index.Insert("acct-1", first, rows.id_of()).second);
  const Index again = rows.Add("acct-1");
  auto [row, inserted] = index.Insert("acct-1", again, rows.id_of());
  EXPECT_FALSE(inserted);
  EXPECT_EQ(*row, first);
  *row = again;  // as a batch re-adding a removed id does
  EXPECT_EQ(index.Find("acct-1", rows.id_of()), again);
  EXPECT_EQ(index.size(), 1u);
}

TEST(IdIndexTest, InsertRowsMapsEveryRowAndNamesTheFirstRepeat) {
  Rows rows;
  for (int i = 0; i < 5000; ++i) rows.Add("c" + std::to_string(i));
  IdIndex index;
  EXPECT_EQ(index.InsertRows(rows.ids.size(), rows.id_of()), std::nullopt);
  EXPECT_EQ(index.size(), 5000u);
  for (Index row = 0; row < rows.ids.size(); ++row) {
    ASSERT_EQ(index.Find(rows.ids[row], rows.id_of()), row);
  }
  EXPECT_FALSE(index.Find("c5000", rows.id_of()));

  // Row 3000 repeats row 17 and row 4000 repeats row 2: the first repeat
  // in row order is reported, wherever the prefetch window is.
  rows.ids[3000] = rows.ids[17];
  rows.ids[4000] = rows.ids[2];
  IdIndex again;
  EXPECT_EQ(again.InsertRows(rows.ids.size(), rows.id_of()), Index{3000});
  EXPECT_EQ(again.Find(rows.ids[17], rows.id_of()), Index{17});

  IdIndex none;
  EXPECT_EQ(none.InsertRows(0, rows.id_of()), std::nullopt);
  EXPECT_EQ(none.size(), 0u);
}

TEST(IdIndexTest, GrowsAndKeepsEveryId) {
  Rows rows;
  IdIndex index;
  for (int i = 0; i < 100000; ++i) {
    const std::string id = "c" + std::to_string(i);
    ASSERT_TRUE(index.Insert(id, rows.Add(id), rows.id_of()).second);
  }
  EXPECT_EQ(index.size(), 100000u);
  // At most three quarters full, in a power of two of 8-byte slots, grown
  // by doubling: 131072 slots would be 76 % full.
  EXPECT_EQ(index.MemoryBytes(), std::size_t{262144} * 8);
  index.Reserve(196608);  // fits in 262144 slots
  EXPECT_EQ(index.MemoryBytes(), std::size_t{262144} * 8);
  index.Reserve(196609);
  EXPECT_EQ(index.MemoryBytes(), std::size_t{524288} * 8);
  for (int i = 0; i < 100000; ++i) {
    ASSERT_EQ(index.Find("c" + std::to_string(i), rows.id_of()), Index(i));
  }
  EXPECT_FALSE(index.Find("c100000", rows.id_of()));
  EXPECT_FALSE(index.Find("", rows.id_of()));
}

TEST(IdIndexTest, ReserveMakesRoomWithoutLosingIds) {
  Rows rows;
  IdIndex index;
  index.Insert("x", rows.Add("x"), rows.id_of());
  index.Reserve(5000);
  const std::size_t reserved = index.MemoryBytes();
  for (int i = 0; i < 4999; ++i) {
    const std::string id = "y" + std::to_string(i);
    index.Insert(id, rows.Add(id), rows.id_of());
  }
  EXPECT_EQ(index.MemoryBytes(), reserved);
  EXPECT_EQ(index.Find("x", rows.id_of()), Index(0));
  index.Clear();
  EXPECT_EQ(index.size(), 0u);
  EXPECT_FALSE(index.Find("x", rows.id_of()));
}

TEST(IdIndexTest, ErasedSlotsAreReusedAndDoNotHideLaterIds) {
  Rows rows;
  IdIndex index;
  for (int i = 0; i < 10; ++i) {
    const std::string id = std::to_string(i);
    index.Insert(id, rows.Add(id), rows.id_of());
  }
  const std::size_t bytes = index.MemoryBytes();
  // Erase and insert again many times: the erased slots must be taken back
  // (or dropped by a rehash), not pile up.
  for (int round = 0; round < 1000; ++round) {
    const std::string id = std::to_string(round % 10);
    index.Erase(id, rows.id_of());
    ASSERT_FALSE(index.Find(id, rows.id_of()));
    for (int i = 0; i < 10; ++i) {
      if (i != round % 10) {
        ASSERT_TRUE(index.Find(std::to_string(i), rows.id_of()));
      }
    }
    ASSERT_TRUE(index.Insert(id, static_cast<Index>(round % 10), rows.id_of()).second);
  }
  EXPECT_EQ(index.size(), 10u);
  EXPECT_EQ(index.MemoryBytes(), bytes);
}

TEST(IdIndexTest, AgreesWithAMapUnderRandomOperations) {
  std::mt19937_64 random(7);
  Rows rows;
  IdIndex index;
  std::map<std::string, Index> expected;
  for (int step = 0; step < 200000; ++step) {
    // Few distinct ids, so inserts, erases and lookups meet often.
    const std::string id = "id" + std::to_string(random() % 3000);
    switch (random() % 3) {
      case 0: {
        const Index row = rows.Add(id);
        const bool inserted = index.Insert(id, row, rows.id_of()).second;
        ASSERT_EQ(inserted, expected.emplace(id, row).second) << id;
        break;
      }
      case 1:
        index.Erase(id, rows.id_of());
        expected.erase(id);
        break;
      default: {
        const auto it = expected.find(id);
        const std::optional<Index> found = index.Find(id, rows.id_of());
        ASSERT_EQ(found.has_value(), it != expected.end()) << id;
        if (found) {
          ASSERT_EQ(*found, it->second) << id;
        }
      }
    }
    ASSERT_EQ(index.size(), expected.size());
  }
}

}  // namespace
}  // namespace baton::internal
