// Assignment with load weights other than one: a feasible plan, a lower
// bound and the gap between them (the weighted problem is NP-hard: it
// contains bin packing).
#ifndef BATON_LIB_ASSIGN_WEIGHTED_HEURISTIC_HPP_
#define BATON_LIB_ASSIGN_WEIGHTED_HEURISTIC_HPP_

#include "baton/assignment.hpp"

namespace baton::internal {

// Greedy by decreasing weight, then passes of improving single moves until
// none is left; the bound is the best Lagrangian bound found by subgradient
// ascent on the reps' unit prices.
AssignmentSolution SolveWeighted(const AssignmentProblem& problem,
                                 const ProgressCallback& progress);

}  // namespace baton::internal

#endif  // BATON_LIB_ASSIGN_WEIGHTED_HEURISTIC_HPP_
