// Independent exact solvers that AssignmentSolver is checked against (tests
// only; slow on purpose, written for obviousness).
//
// SolveByFlow: unit weights, any size a test uses. The problem as a
// min-cost flow solved by Boost.Graph's successive shortest paths:
//   source -> account (capacity 1, cost 0)
//   account -> rep    (capacity 1, cost c_ij)        one per arc
//   account -> sink   (capacity 1, cost U_i)         leaving it unassigned
//   rep -> sink       (capacity 1, cost lambda * ((L0 + k)^2 - (L0 + k - 1)^2))
//                     for k = 1 .. C - L0, the marginal cost of the k-th
//                     account; increasing in k (lambda >= 0), so a minimum
//                     flow takes them in order and their sum telescopes to
//                     lambda * ((L0 + added)^2 - L0^2).
// Every account can reach the sink, so the maximum flow is the number of
// accounts and each account takes exactly one option. Negative costs are
// lifted by a constant per account (added to all its options), which shifts
// every plan's cost by the same amount.
//
// SolveByEnumeration: tiny problems of any weights (at most 7 accounts and
// 3 reps), by trying every plan.
#ifndef BATON_TESTS_CORE_ASSIGNMENT_REFERENCE_HPP_
#define BATON_TESTS_CORE_ASSIGNMENT_REFERENCE_HPP_

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "baton/assignment.hpp"
#include "boost/graph/adjacency_list.hpp"
#include "boost/graph/successive_shortest_path_nonnegative_weights.hpp"
#include "gtest/gtest.h"
// Needs the named parameters the header above brings in.
#include "boost/graph/find_flow_cost.hpp"

namespace baton::testing {

struct ReferencePlan {
  std::int64_t objective = 0;
  std::vector<std::uint32_t> rep_of;
};

namespace reference_detail {

using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
using FlowGraph = boost::adjacency_list<
    boost::vecS, boost::vecS, boost::directedS, boost::no_property,
    boost::property<
        boost::edge_capacity_t, long,
        boost::property<boost::edge_residual_capacity_t, long,
                        boost::property<boost::edge_reverse_t, Traits::edge_descriptor,
                                        boost::property<boost::edge_weight_t, double>>>>>;

// Costs are doubles, exact for these small integers: Boost's successive
// shortest path adds the "infinite" distance of unreachable vertices to
// itself, which overflows a signed integer (UBSan) but stays infinite in
// floating point.
inline void AddEdge(FlowGraph& g, std::size_t from, std::size_t to, std::int64_t cost) {
  const auto edge = boost::add_edge(from, to, g).first;
  const auto back = boost::add_edge(to, from, g).first;
  boost::put(boost::edge_capacity, g, edge, 1);
  boost::put(boost::edge_capacity, g, back, 0);
  boost::put(boost::edge_weight, g, edge, static_cast<double>(cost));
  boost::put(boost::edge_weight, g, back, -static_cast<double>(cost));
  boost::put(boost::edge_reverse, g, edge, back);
  boost::put(boost::edge_reverse, g, back, edge);
}

inline std::int64_t PlanCost(const AssignmentProblem& problem,
                             const std::vector<std::uint32_t>& rep_of,
                             const std::vector<std::int64_t>& arc_cost_of) {
  std::vector<std::int64_t> added(problem.reps.size(), 0);
  std::int64_t total = 0;
  for (std::size_t i = 0; i < rep_of.size(); ++i) {
    if (rep_of[i] == AssignmentSolution::kUnassigned) {
      total += problem.accounts[i].unassigned_penalty;
    } else {
      added[rep_of[i]] += problem.accounts[i].weight;
      total += arc_cost_of[i];
    }
  }
  for (std::size_t j = 0; j < problem.reps.size(); ++j) {
    const auto& rep = problem.reps[j];
    const std::int64_t load = rep.load + added[j];
    total += rep.lambda * (load * load - rep.load * rep.load);
  }
  return total;
}

}  // namespace reference_detail

// The exact optimum of a problem whose weights are all 1.
inline ReferencePlan SolveByFlow(const AssignmentProblem& problem) {
  using namespace reference_detail;
  const std::size_t n = problem.accounts.size();
  const std::size_t m = problem.reps.size();
  const std::size_t source = 0, sink = 1, first_account = 2, first_rep = 2 + n;
  std::vector<std::int64_t> lift(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    EXPECT_EQ(problem.accounts[i].weight, 1) << "SolveByFlow needs unit weights";
    lift[i] = std::max<std::int64_t>(0, -problem.accounts[i].unassigned_penalty);
  }
  for (const auto& arc : problem.arcs) {
    lift[arc.account] = std::max<std::int64_t>(lift[arc.account], -arc.cost);
  }

  FlowGraph g(2 + n + m);
  std::int64_t lifted = 0;
  for (std::size_t i = 0; i < n; ++i) {
    AddEdge(g, source, first_account + i, 0);
    AddEdge(g, first_account + i, sink, problem.accounts[i].unassigned_penalty + lift[i]);
    lifted += lift[i];
  }
  for (const auto& arc : problem.arcs) {
    AddEdge(g, first_account + arc.account, first_rep + arc.rep,
            arc.cost + lift[arc.account]);
  }
  // A rep cannot take more accounts than have arcs to it; slots past that
  // would only slow the search down.
  std::vector<std::int64_t> candidates(m, 0);
  for (const auto& arc : problem.arcs) ++candidates[arc.rep];
  for (std::size_t j = 0; j < m; ++j) {
    const auto& rep = problem.reps[j];
    const std::int64_t most = std::min(rep.capacity, rep.load + candidates[j]);
    for (std::int64_t load = rep.load + 1; load <= most; ++load) {
      AddEdge(g, first_rep + j, sink, rep.lambda * (2 * load - 1));
    }
  }
  boost::successive_shortest_path_nonnegative_weights(g, source, sink);

  ReferencePlan plan;
  plan.objective = std::llround(boost::find_flow_cost(g)) - lifted;
  plan.rep_of.assign(n, AssignmentSolution::kUnassigned);
  const auto residual = boost::get(boost::edge_residual_capacity, g);
  const auto capacity = boost::get(boost::edge_capacity, g);
  for (std::size_t i = 0; i < n; ++i) {
    for (const auto edge :
         boost::make_iterator_range(boost::out_edges(first_account + i, g))) {
      const std::size_t to = boost::target(edge, g);
      if (to >= first_rep && capacity[edge] == 1 && residual[edge] == 0) {
        plan.rep_of[i] = static_cast<std::uint32_t>(to - first_rep);
      }
    }
  }
  return plan;
}

// The exact optimum of a tiny problem (<= 7 accounts, <= 3 reps), any
// weights, by enumerating every plan; ties go to the first plan found.
inline ReferencePlan SolveByEnumeration(const AssignmentProblem& problem) {
  using reference_detail::PlanCost;
  const std::size_t n = problem.accounts.size();
  EXPECT_LE(n, 7u);
  EXPECT_LE(problem.reps.size(), 3u);
  std::vector<std::vector<const AssignmentProblem::Arc*>> options(n);
  for (const auto& arc : problem.arcs) options[arc.account].push_back(&arc);

  ReferencePlan best;
  best.objective = std::numeric_limits<std::int64_t>::max();
  std::vector<std::uint32_t> rep_of(n, AssignmentSolution::kUnassigned);
  std::vector<std::int64_t> arc_cost_of(n, 0);
  std::vector<std::int64_t> load(problem.reps.size());
  for (std::size_t j = 0; j < load.size(); ++j) load[j] = problem.reps[j].load;

  const auto visit = [&](const auto& self, std::size_t i) -> void {
    if (i == n) {
      const std::int64_t cost = PlanCost(problem, rep_of, arc_cost_of);
      if (cost < best.objective) best = {cost, rep_of};
      return;
    }
    rep_of[i] = AssignmentSolution::kUnassigned;
    self(self, i + 1);
    for (const AssignmentProblem::Arc* arc : options[i]) {
      const std::int64_t weight = problem.accounts[i].weight;
      if (load[arc->rep] + weight > problem.reps[arc->rep].capacity) continue;
      load[arc->rep] += weight;
      rep_of[i] = arc->rep;
      arc_cost_of[i] = arc->cost;
      self(self, i + 1);
      load[arc->rep] -= weight;
    }
    rep_of[i] = AssignmentSolution::kUnassigned;
  };
  visit(visit, 0);
  return best;
}

}  // namespace baton::testing

#endif  // BATON_TESTS_CORE_ASSIGNMENT_REFERENCE_HPP_
