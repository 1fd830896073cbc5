// SlotMarket's prices: free slots at the load cost or the reserve, whichever
// is higher, holders evicted from the cheapest, and a rep over-reserved
// exactly while it offers room at a reserve above that room's load cost.
#include "lib/assign/slot_market.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace baton::internal {
namespace {

// One rep of headroom 3 and lambda 1: its units cost 1, 3 and 5.
std::vector<AssignmentProblem::Rep> OneRep(Int capacity = 3) {
  AssignmentProblem::Rep rep;
  rep.id = "r";
  rep.capacity = capacity;
  rep.lambda = 1;
  return {rep};
}

TEST(SlotMarketTest, FreeSlotsCostTheirLoadCostAndTheCheapestHolderIsEvicted) {
  const auto reps = OneRep();
  SlotMarket market(reps, /*scale=*/1);
  EXPECT_EQ(market.entering_price(0), 1);
  EXPECT_EQ(market.Sell(0, 2, 7), AssignmentSolution::kUnassigned);
  EXPECT_EQ(market.entering_price(0), 2);  // the holder at 2, below the next unit's 3
  EXPECT_EQ(market.Sell(0, 4, 8), 7u);     // so the holder is evicted
  EXPECT_EQ(market.entering_price(0), 3);
  EXPECT_FALSE(market.OverReserved(0));
}

TEST(SlotMarketTest, AReserveRaisesTheFreeSlotsUntilTheLoadCostPassesIt) {
  const auto reps = OneRep();
  SlotMarket market(reps, 1);
  EXPECT_EQ(market.Sell(0, 1, 0), AssignmentSolution::kUnassigned);
  market.RestartFrom({4});
  EXPECT_EQ(market.holders(0), 0u);  // a restart empties the rep
  EXPECT_EQ(market.entering_price(0), 4);
  EXPECT_TRUE(market.OverReserved(0));  // room at 4 that costs 1
  market.Sell(0, 4, 1);
  EXPECT_TRUE(market.OverReserved(0));  // room at 4 that costs 3
  market.Sell(0, 4, 2);
  EXPECT_EQ(market.entering_price(0), 4);  // the holders' price; the third unit costs 5
  EXPECT_FALSE(market.OverReserved(0));
  market.ClearReserves();
  EXPECT_EQ(market.entering_price(0), 4);
  EXPECT_FALSE(market.OverReserved(0));
}

TEST(SlotMarketTest, ClearingTheReservesLowersTheFreeSlotsAgain) {
  const auto reps = OneRep();
  SlotMarket market(reps, 1);
  market.RestartFrom({10});
  EXPECT_EQ(market.entering_price(0), 10);
  market.ClearReserves();
  EXPECT_EQ(market.entering_price(0), 1);
  market.RestartFrom({kNoReserve});
  EXPECT_EQ(market.entering_price(0), 1);
  EXPECT_FALSE(market.OverReserved(0));
}

TEST(SlotMarketTest, AFullRepIsNeverOverReserved) {
  const auto reps = OneRep(/*capacity=*/1);
  SlotMarket market(reps, 1);
  market.RestartFrom({50});
  EXPECT_TRUE(market.OverReserved(0));
  market.Sell(0, 50, 3);
  EXPECT_EQ(market.entering_price(0), 50);  // the holder's; no room is left
  EXPECT_FALSE(market.OverReserved(0));
}

}  // namespace
}  // namespace baton::internal
