// The second exact solver for unit-weight problems: successive shortest
// paths, for the instances on which the auction starts a price war.
#ifndef BATON_LIB_ASSIGN_SHORTEST_PATHS_HPP_
#define BATON_LIB_ASSIGN_SHORTEST_PATHS_HPP_

#include "baton/assignment.hpp"

namespace baton::internal {

// Solves `problem`, whose accounts all weigh 1, to optimality (or returns a
// kCancelled solution), placing one account at a time along a cheapest
// path of moves (Dijkstra with potentials). Its time does not depend on how
// far prices must climb, only on the graph: O(accounts * (arcs + accounts
// + reps) * log) at worst, which the auction beats by far on most
// instances. Fills rep_of, the bound and the cost fields; `bids` counts
// the paths.
AssignmentSolution SolveByShortestPaths(const AssignmentProblem& problem,
                                        const ProgressCallback& progress);

}  // namespace baton::internal

#endif  // BATON_LIB_ASSIGN_SHORTEST_PATHS_HPP_
