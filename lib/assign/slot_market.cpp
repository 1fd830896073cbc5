#include "lib/assign/slot_market.hpp"

namespace baton::internal {

SlotMarket::SlotMarket(const std::vector<AssignmentProblem::Rep>& reps, Int scale)
    : reps_(&reps),
      scale_(scale),
      heaps_(reps.size()),
      entering_(reps.size()),
      reserve_(reps.size(), kNoReserve) {
  headroom_.reserve(reps.size());
  for (const auto& rep : reps) headroom_.push_back(Headroom(rep));
  for (std::uint32_t j = 0; j < reps.size(); ++j) Refresh(j);
}

void SlotMarket::RestartFrom(const std::vector<Int>& reserves) {
  reserve_ = reserves;
  for (std::uint32_t j = 0; j < heaps_.size(); ++j) {
    heaps_[j].clear();
    Refresh(j);
  }
}

void SlotMarket::ClearReserves() {
  std::fill(reserve_.begin(), reserve_.end(), kNoReserve);
  for (std::uint32_t j = 0; j < heaps_.size(); ++j) Refresh(j);
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
