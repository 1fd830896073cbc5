// Rebalancing moves accounts between reps who all keep their books: an
// account the plan cannot place stays with its owner, and its load counts.
#ifndef BATON_LIB_REASSIGN_REBALANCE_STAYS_HPP_
#define BATON_LIB_REASSIGN_REBALANCE_STAYS_HPP_

#include <cstdint>
#include <vector>

#include "lib/reassign/reassign_problem.hpp"

namespace baton::internal {

// Gives every unplaced unit back to its owner (when its accounts share one
// who may take accounts), then, while a rep is over capacity, sends the
// units that moved to them back to where they came from, latest first: each
// step undoes a move, so it ends, at worst in the book as it was. Returns
// whether anything changed. O(units * rounds).
bool KeepUnplacedWithOwners(const Org& org, const ReassignProblem& problem,
                            std::vector<std::uint32_t>* rep_of);

}  // namespace baton::internal

#endif  // BATON_LIB_REASSIGN_REBALANCE_STAYS_HPP_
