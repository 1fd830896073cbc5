// The convex load cost of a rep, f(L) = lambda * L^2, seen from the plan:
// the cost of adding load on top of the existing load L0; and the lower
// bound that prices of load give, as every solver reports it.
#ifndef BATON_LIB_ASSIGN_LOAD_COST_HPP_
#define BATON_LIB_ASSIGN_LOAD_COST_HPP_

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "baton/assignment.hpp"

namespace baton::internal {

using Int = std::int64_t;
using Wide = __int128;

// f(L0 + added) - f(L0), exactly.
inline Wide AddedLoadCost(const AssignmentProblem::Rep& rep, Int added) {
  const Wide l0 = rep.load;
  const Wide l1 = l0 + added;
  return static_cast<Wide>(rep.lambda) * (l1 * l1 - l0 * l0);
}

// The cost of the k-th added unit (k >= 1): lambda * (2 * (L0 + k) - 1).
inline Int MarginalLoadCost(const AssignmentProblem::Rep& rep, Int k) {
  return rep.lambda * (2 * (rep.load + k) - 1);
}

// How much load the plan may add to the rep.
inline Int Headroom(const AssignmentProblem::Rep& rep) { return rep.capacity - rep.load; }

// max over whole 0 <= L <= headroom of price * L - scale * (f(L0 + L) - f(L0)):
// the most a rep could gain by selling load at `price` per unit when costs
// are multiplied by `scale`. The term a Lagrangian bound subtracts per rep.
Wide BestLoadProfit(const AssignmentProblem::Rep& rep, Wide price, Int scale);

// Sets the solution's lower bound, and from it (against the objective,
// already evaluated) its outcome and relative gap.
inline void SetLowerBound(Int lower_bound, AssignmentSolution* s) {
  s->lower_bound = lower_bound;
  s->outcome = lower_bound == s->objective ? AssignmentSolution::Outcome::kOptimal
                                           : AssignmentSolution::Outcome::kFeasible;
  const double magnitude =
      std::max<double>(1, std::abs(static_cast<double>(s->objective)));
  s->relative_gap = static_cast<double>(s->objective - lower_bound) / magnitude;
}

}  // namespace baton::internal

#endif  // BATON_LIB_ASSIGN_LOAD_COST_HPP_
