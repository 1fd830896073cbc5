// The lower bound that rep prices give on every plan of a unit-weight
// problem, as both exact solvers prove their plans with it.
#ifndef BATON_LIB_ASSIGN_LAGRANGIAN_BOUND_HPP_
#define BATON_LIB_ASSIGN_LAGRANGIAN_BOUND_HPP_

#include <algorithm>
#include <cstdint>
#include <vector>

#include "baton/assignment.hpp"
#include "lib/assign/arcs_by_account.hpp"
#include "lib/assign/load_cost.hpp"

namespace baton::internal {

// With costs multiplied by `scale` and prices[j] the price of a unit of
// rep j's load,
//
//   LB(q) = sum_i min(U_i, min_j c_ij + q_j) - sum_j max_n (q_j n - F_j(n))
//
// is at most the cost of any plan, for any prices. `Price` is Int or Wide,
// and the sums over an account's arcs are taken in it.
template <typename Price>
Wide LagrangianBound(const AssignmentProblem& p, const ArcsByAccount& arcs,
                     const std::vector<Price>& prices, Int scale) {
  Wide bound = 0;
  for (std::uint32_t i = 0; i < p.accounts.size(); ++i) {
    Price best = static_cast<Price>(p.accounts[i].unassigned_penalty) * scale;
    for (std::uint32_t a = arcs.begin(i); a < arcs.end(i); ++a) {
      best = std::min<Price>(
          best, static_cast<Price>(arcs.cost(a)) * scale + prices[arcs.rep(a)]);
    }
    bound += best;
  }
  for (std::uint32_t j = 0; j < p.reps.size(); ++j) {
    bound -= BestLoadProfit(p.reps[j], prices[j], scale);
  }
  return bound;
}

}  // namespace baton::internal

#endif  // BATON_LIB_ASSIGN_LAGRANGIAN_BOUND_HPP_
