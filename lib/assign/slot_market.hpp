// Reps as sellers of load in an auction. A rep with headroom H offers H unit
// slots; the k-th added unit costs the rep its marginal load cost m_k
// (increasing, as the load cost is convex). Holders pay what they bid. A
// newcomer enters a rep at its entering price: the next free slot's m_{n+1}
// or, if cheaper, the lowest price a holder pays (who is then evicted).
//
// A rep may also have a reserve price r: its free slots are then offered at
// max(m_{n+1}, r), so that a fresh auction starts from prices near where an
// earlier one ended instead of from the load costs (see unit_auction.cpp).
//
// Invariant: every holder pays at least m_n, the marginal cost of the last
// used slot, so a rep's entering price q is at least m_n; unless the rep is
// over-reserved (r > m_{n+1}), q is also at most m_{n+1}, and the rep would
// choose to sell exactly n units at price q. That is what makes the
// Lagrangian bound from the entering prices tight (see unit_auction.cpp).
#ifndef BATON_LIB_ASSIGN_SLOT_MARKET_HPP_
#define BATON_LIB_ASSIGN_SLOT_MARKET_HPP_

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

#include "baton/assignment.hpp"
#include "lib/assign/load_cost.hpp"

namespace baton::internal {

// Larger than any price, small enough that price + cost cannot overflow.
inline constexpr Int kNoSlot = Int{1} << 62;
// A reserve below every price.
inline constexpr Int kNoReserve = -kNoSlot;

class SlotMarket {
 public:
  struct Holder {
    Int price;
    std::uint32_t account;
    // Min-heap order; ties go to the lower account index.
    bool operator>(const Holder& o) const {
      return price != o.price ? price > o.price : account > o.account;
    }
  };

  // Costs are multiplied by `scale`.
  SlotMarket(const std::vector<AssignmentProblem::Rep>& reps, Int scale);

  Int entering_price(std::uint32_t rep) const { return entering_[rep]; }
  const std::vector<Int>& entering_prices() const { return entering_; }
  // The marginal cost of the k-th unit (k >= 1), or kNoSlot beyond headroom.
  Int Marginal(std::uint32_t rep, Int k) const {
    return k <= headroom_[rep] ? scale_ * MarginalLoadCost((*reps_)[rep], k) : kNoSlot;
  }
  std::size_t holders(std::uint32_t rep) const { return heaps_[rep].size(); }

  // Empties every rep and offers its slots from `reserves[rep]` (no lower
  // than their load costs; kNoReserve for none).
  void RestartFrom(const std::vector<Int>& reserves);
  void ClearReserves();
  // Whether rep has room it offers at its reserve, above its load cost.
  bool OverReserved(std::uint32_t rep) const {
    const Int free = FreeSlotCost(rep);
    return free < kNoSlot && reserve_[rep] > free;
  }

  // Sells rep's entering slot to `account` at `price` (>= entering price).
  // Returns the evicted holder, or kUnassigned if a free slot was used.
  std::uint32_t Sell(std::uint32_t rep, Int price, std::uint32_t account);

  // Rewrites the holders of `rep`: `update` is called with each holder and
  // returns false to drop it or may lower its price (never below
  // Marginal(rep, holders(rep))).
  void Rewrite(std::uint32_t rep, const std::function<bool(Holder&)>& update);

 private:
  // The load cost of rep's first free slot (kNoSlot when it is full).
  Int FreeSlotCost(std::uint32_t rep) const {
    return Marginal(rep, static_cast<Int>(heaps_[rep].size()) + 1);
  }
  // What rep's first free slot is offered at: its load cost or the reserve.
  Int NextFree(std::uint32_t rep) const {
    const Int free = FreeSlotCost(rep);
    return free < kNoSlot ? std::max(free, reserve_[rep]) : free;
  }
  void Refresh(std::uint32_t rep) {
    const auto& heap = heaps_[rep];
    entering_[rep] =
        heap.empty() ? NextFree(rep) : std::min(heap.front().price, NextFree(rep));
  }

  const std::vector<AssignmentProblem::Rep>* reps_;
  Int scale_;
  std::vector<Int> headroom_;
  std::vector<std::vector<Holder>> heaps_;
  std::vector<Int> entering_;
  std::vector<Int> reserve_;
};

}  // namespace baton::internal

#endif  // BATON_LIB_ASSIGN_SLOT_MARKET_HPP_
