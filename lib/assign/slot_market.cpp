#include "lib/assign/slot_market.hpp"

namespace baton::internal {

SlotMarket::SlotMarket(const std::vector<AssignmentProblem::Rep>& reps, Int scale)
    : reps_(&reps), scale_(scale), heaps_(reps.size()), entering_(reps.size()) {
  headroom_.reserve(reps.size());
  for (const auto& rep : reps) headroom_.push_back(Headroom(rep));
  for (std::uint32_t j = 0; j < reps.size(); ++j) Refresh(j);
}

Int SlotMarket::SecondEnteringPrice(std::uint32_t rep) const {
  const auto& heap = heaps_[rep];
  const Int next_free = NextFree(rep);
  if (heap.empty() || next_free <= heap.front().price) {
    // The first newcomer takes the free slot; the second pays the cheaper of
    // the slot after it and the lowest holder.
    const Int after = Marginal(rep, static_cast<Int>(heap.size()) + 2);
    return heap.empty() ? after : std::min(after, heap.front().price);
  }
  // The first newcomer evicts the lowest holder; the second faces the next
  // lowest (a child of the heap's root) or the free slot.
  Int next_holder = kNoSlot;
  for (std::size_t c = 1; c <= 2 && c < heap.size(); ++c) {
    next_holder = std::min(next_holder, heap[c].price);
  }
  return std::min(next_holder, next_free);
}

std::uint32_t SlotMarket::Sell(std::uint32_t rep, Int price, std::uint32_t account) {
  auto& heap = heaps_[rep];
  std::uint32_t evicted = AssignmentSolution::kUnassigned;
  // A free slot at the same price is preferred: nobody has to move.
  if (!heap.empty() && heap.front().price < NextFree(rep)) {
    evicted = heap.front().account;
    std::pop_heap(heap.begin(), heap.end(), std::greater<>());
    heap.back() = Holder{price, account};
  } else {
    heap.push_back(Holder{price, account});
  }
  std::push_heap(heap.begin(), heap.end(), std::greater<>());
  Refresh(rep);
  return evicted;
}

void SlotMarket::Rewrite(std::uint32_t rep, const std::function<bool(Holder&)>& update) {
  auto& heap = heaps_[rep];
  std::size_t kept = 0;
  for (std::size_t h = 0; h < heap.size(); ++h) {
    Holder holder = heap[h];
    if (update(holder)) heap[kept++] = holder;
  }
  heap.resize(kept);
  std::make_heap(heap.begin(), heap.end(), std::greater<>());
  Refresh(rep);
}

}  // namespace baton::internal
