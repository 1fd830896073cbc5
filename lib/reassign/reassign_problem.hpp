// The assignment problem of a reassignment run: one unit per account, or
// per parent group whose accounts the run moves together; reps are the
// takers; arcs go to the candidates the hard rules allow, priced by the
// preferences.
#ifndef BATON_LIB_REASSIGN_REASSIGN_PROBLEM_HPP_
#define BATON_LIB_REASSIGN_REASSIGN_PROBLEM_HPP_

#include <cstdint>
#include <vector>

#include "baton/assignment.hpp"
#include "lib/reassign/reassign_scope.hpp"
#include "lib/reassign/successor_cost.hpp"

namespace baton::internal {

struct ReassignProblem {
  struct Unit {
    std::vector<AccountIndex> members;  // ascending
    // Why the unit has no arc (kNone when it has some).
    UnassignedReason stuck = UnassignedReason::kNone;
  };
  std::vector<Unit> units;               // problem account i is units[i]
  std::vector<RepIndex> takers;          // problem rep j is takers[j]
  std::vector<Index> slot_of_rep;        // per rep: j with takers[j] == rep, or kNoIndex
  std::vector<std::uint32_t> arc_begin;  // arcs of unit i: [arc_begin[i], arc_begin[i+1])
  // Per arc: how many of the unit's accounts it moves away from their owner.
  std::vector<std::uint32_t> movers;
  // Per taker and limited tier: accounts of the tier they keep, and the most
  // they may carry (0: no limit). Index j * tiers + t.
  std::vector<std::int64_t> tier_count;
  std::vector<std::int64_t> tier_max;
  std::size_t tiers = 0;
  AssignmentProblem problem;
};

// O(A * (k + ties) * group size) for A accounts and k candidates.
ReassignProblem BuildReassignProblem(const Org& org, const ReassignOptions& options,
                                     const ReassignScope& scope,
                                     const SuccessorPricer& pricer);

}  // namespace baton::internal

#endif  // BATON_LIB_REASSIGN_REASSIGN_PROBLEM_HPP_
