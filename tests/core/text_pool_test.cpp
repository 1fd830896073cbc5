// The pools of interned texts (tags, notes) and how batches keep them.
#include "lib/model/text_pool.hpp"

#include <gtest/gtest.h>

#include <string>

#include "baton/org.hpp"
#include "lib/model/org_access.hpp"
#include "tests/core/small_org.hpp"

namespace baton::internal {
namespace {

using ::baton::testing::D;
using ::baton::testing::SmallOrg;

TEST(TextPoolTest, InternsEachTextOnceAndTheEmptyTextIsZero) {
  TextPool pool;
  EXPECT_EQ(pool.size(), 1u);
  EXPECT_EQ(pool.Intern(""), 0u);
  const Index call = pool.Intern("call");
  const Index visit = pool.Intern("visit ✓");
  EXPECT_NE(call, visit);
  EXPECT_EQ(pool.Intern("call"), call);
  EXPECT_EQ(pool.size(), 3u);
  EXPECT_EQ(pool.text(0), "");
  EXPECT_EQ(pool.text(call), "call");
  EXPECT_EQ(pool.text(visit), "visit ✓");
  EXPECT_EQ(pool.Find("visit ✓"), visit);
  EXPECT_EQ(pool.Find(""), Index{0});
  EXPECT_FALSE(pool.Find("cal").has_value());
}

TEST(TextPoolTest, ManyTextsStayFindableAsTheIndexGrows) {
  TextPool pool;
  for (int i = 0; i < 5000; ++i) pool.Intern("note " + std::to_string(i));
  for (int i = 0; i < 5000; ++i) {
    const std::string text = "note " + std::to_string(i);
    ASSERT_EQ(pool.Find(text), Index(i + 1)) << text;
    ASSERT_EQ(pool.text(Index(i + 1)), text);
  }
}

TEST(TextPoolTest, TruncateForgetsTheLaterTexts) {
  TextPool pool;
  const Index kept = pool.Intern("kept");
  pool.Intern("dropped");
  pool.Intern("dropped too");
  pool.Truncate(2);
  EXPECT_EQ(pool.size(), 2u);
  EXPECT_EQ(pool.Find("kept"), kept);
  EXPECT_FALSE(pool.Find("dropped").has_value());
  EXPECT_FALSE(pool.Find("dropped too").has_value());
  // The freed number is given to the next new text.
  EXPECT_EQ(pool.Intern("new"), 2u);
  EXPECT_EQ(pool.text(2), "new");
  pool.Truncate(0);  // text 0 always stays
  EXPECT_EQ(pool.size(), 1u);
  EXPECT_EQ(pool.Intern("kept"), 1u);
}

TEST(TextPoolTest, ReindexAcceptsDistinctTextsAndRefusesRepeatsAndEmptyOnes) {
  TextPool pool;
  pool.Reset(3);
  pool.Append("a");
  pool.Append("b");
  ASSERT_TRUE(pool.Reindex());
  EXPECT_EQ(pool.Find("b"), Index{2});
  EXPECT_EQ(pool.Intern("c"), 3u);

  for (const char* bad : {"a", ""}) {
    pool.Reset(3);
    pool.Append("a");
    pool.Append(bad);
    EXPECT_FALSE(pool.Reindex()) << bad;
    EXPECT_EQ(pool.size(), 1u);  // emptied
    EXPECT_FALSE(pool.Find("a").has_value());
  }
}

// The state hash sees texts through the records that name them, not the
// pools themselves: a rejected batch must also leave the pools as they were.
TEST(TextPoolTest, ARejectedBatchLeavesThePoolsAsTheyWere) {
  Org org = SmallOrg();
  const std::size_t notes = internal_state(org).notes.size();
  const std::size_t tags = internal_state(org).tags.size();
  Batch batch;
  batch.RecordInteraction(InteractionSpec{D(2026, 11, 2), Channel::kCall, "r-anna",
                                          "a-lodz", "", "brand new"});
  batch.Add(ProductSpec{"a-lodz", "new-product", 3});
  batch.Add(ProductSpec{"a-nowhere", "other-product", 3});
  EXPECT_FALSE(org.Apply(batch).ok());
  const OrgState& s = internal_state(org);
  EXPECT_EQ(s.notes.size(), notes);
  EXPECT_EQ(s.tags.size(), tags);
  EXPECT_FALSE(s.notes.Find("brand new").has_value());
  EXPECT_FALSE(s.tags.Find("new-product").has_value());
}

TEST(TextPoolTest, AnAcceptedBatchNamesNotesAndProductsByTheirTexts) {
  Org org = SmallOrg();
  Batch batch;
  batch.RecordInteraction(InteractionSpec{D(2026, 11, 2), Channel::kCall, "r-anna",
                                          "a-lodz", "", "brand new"});
  batch.Add(ProductSpec{"a-lodz", "crm-suite", 3});  // a product of another account
  ASSERT_TRUE(org.Apply(batch).ok());
  EXPECT_EQ(org.note(org.interactions().back().note), "brand new");
  EXPECT_EQ(org.tag(org.products().back().product), "crm-suite");
  EXPECT_EQ(org.products().back().product, org.products()[0].product);  // one tag

  // A product is found by its text, for account a-lodz only.
  ASSERT_TRUE(
      org.Apply(Batch().Remove(EntityKind::kProduct, "a-lodz", "crm-suite")).ok());
  EXPECT_EQ(org.ProductsOf(*org.FindAccount("a-lodz")).size(), 1u);
  EXPECT_EQ(org.ProductsOf(*org.FindAccount("a-fx")).size(), 1u);
  EXPECT_FALSE(org.Apply(Batch().Remove(EntityKind::kProduct, "a-lodz", "no-such")).ok());
}

}  // namespace
}  // namespace baton::internal
