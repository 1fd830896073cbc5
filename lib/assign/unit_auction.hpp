// The exact solver for unit-weight assignment problems.
#ifndef BATON_LIB_ASSIGN_UNIT_AUCTION_HPP_
#define BATON_LIB_ASSIGN_UNIT_AUCTION_HPP_

#include "baton/assignment.hpp"

namespace baton::internal {

// Solves `problem`, whose accounts all weigh 1, to optimality (or returns a
// kCancelled solution). Fills rep_of, the bound and the cost fields.
AssignmentSolution SolveUnitAuction(const AssignmentProblem& problem,
                                    const ProgressCallback& progress);

}  // namespace baton::internal

#endif  // BATON_LIB_ASSIGN_UNIT_AUCTION_HPP_
