// Successive shortest paths for unit-weight assignment with convex,
// capacitated rep loads. The problem is a min-cost flow from every account
// to one sink t, through a rep (arc cost c_ij, then the rep's next marginal
// load cost m_j(n_j + 1)) or straight to t at the penalty U_i. Accounts join
// one at a time; each takes the cheapest path to t in the residual graph,
// which may move placed accounts: account -> rep over an arc it does not
// use (c), rep -> one of its holders (-c), account -> t at its penalty
// unless it pays it already, rep -> t over its next free slot.
//
// Potentials pi keep every residual arc's reduced cost c + pi(u) - pi(v)
// non-negative, so Dijkstra finds the paths; a new account's potential is
// set so that its own arcs are. At the end q_j = pi(t) - pi(j) prices rep j
// between m_j(n_j) and m_j(n_j + 1), and every account's option is cheapest
// at those prices: the Lagrangian bound (lagrangian_bound.hpp) at q equals the
// plan's cost, which is checked, not assumed.
#include "lib/assign/shortest_paths.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <queue>
#include <utility>
#include <vector>

#include "lib/assign/arcs_by_account.hpp"
#include "lib/assign/lagrangian_bound.hpp"
#include "lib/assign/load_cost.hpp"

namespace baton::internal {
namespace {

constexpr std::uint32_t kPenalty = AssignmentSolution::kUnassigned;
constexpr Wide kUnreached = std::numeric_limits<Wide>::max();

class ShortestPaths {
 public:
  explicit ShortestPaths(const AssignmentProblem& problem)
      : p_(problem),
        arcs_(problem),
        n_(static_cast<std::uint32_t>(problem.accounts.size())),
        sink_(n_ + static_cast<std::uint32_t>(problem.reps.size())),
        rep_of_(n_, kPenalty),
        held_cost_(n_, 0),
        holders_(problem.reps.size()),
        potential_(sink_ + 1, 0),
        distance_(sink_ + 1, kUnreached),
        previous_(sink_ + 1, 0) {}

  // False if the progress callback cancelled the run.
  bool Run(const ProgressCallback& progress);
  AssignmentSolution Solution() const;

 private:
  using Entry = std::pair<Wide, std::uint32_t>;  // distance, node

  std::uint32_t RepNode(std::uint32_t j) const { return n_ + j; }
  Int NextSlotCost(std::uint32_t j) const {
    const auto& rep = p_.reps[j];
    const Int used = static_cast<Int>(holders_[j].size());
    return used < Headroom(rep) ? MarginalLoadCost(rep, used + 1) : -1;
  }
  void StartAt(std::uint32_t account);
  void Relax(std::uint32_t from, std::uint32_t to, Int cost);
  void FindPath(std::uint32_t account);
  void MoveAlongPath(std::uint32_t account);
  Wide Bound() const;

  const AssignmentProblem& p_;
  const ArcsByAccount arcs_;
  const std::uint32_t n_;     // accounts are nodes [0, n), reps [n, sink)
  const std::uint32_t sink_;  // t
  std::vector<std::uint32_t> rep_of_;
  std::vector<Int> held_cost_;  // the cost of the arc to the rep held
  std::vector<std::vector<std::uint32_t>> holders_;
  std::vector<Wide> potential_;
  std::vector<Wide> distance_;
  // The node before each reached node on its cheapest path.
  std::vector<std::uint32_t> previous_;
  std::vector<std::uint32_t> reached_;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> queue_;
  std::int64_t paths_ = 0;
};

// A joining account has no arc into it yet: its potential only has to make
// its own arcs' reduced costs non-negative.
void ShortestPaths::StartAt(std::uint32_t account) {
  Wide highest = potential_[sink_] - p_.accounts[account].unassigned_penalty;
  for (std::uint32_t a = arcs_.begin(account); a < arcs_.end(account); ++a) {
    highest = std::max(highest, potential_[RepNode(arcs_.rep(a))] - arcs_.cost(a));
  }
  potential_[account] = highest;
  distance_[account] = 0;
  reached_.push_back(account);
  queue_.push({0, account});
}

void ShortestPaths::Relax(std::uint32_t from, std::uint32_t to, Int cost) {
  const Wide d = distance_[from] + cost + potential_[from] - potential_[to];
  // No farther than t's best distance yet: such a node cannot be on the path.
  if (d >= distance_[to] || (to != sink_ && d >= distance_[sink_])) return;
  if (distance_[to] == kUnreached) reached_.push_back(to);
  distance_[to] = d;
  previous_[to] = from;
  queue_.push({d, to});
}

// Dijkstra from `account` until t is settled at distance D; then every node
// nearer than D has its potential lowered by D - its distance, which keeps
// reduced costs non-negative and makes them zero along the path.
void ShortestPaths::FindPath(std::uint32_t account) {
  StartAt(account);
  while (!queue_.empty()) {
    const auto [d, node] = queue_.top();
    queue_.pop();
    if (d > distance_[node]) continue;
    if (node == sink_) break;
    if (node < n_) {
      for (std::uint32_t a = arcs_.begin(node); a < arcs_.end(node); ++a) {
        if (arcs_.rep(a) != rep_of_[node])
          Relax(node, RepNode(arcs_.rep(a)), arcs_.cost(a));
      }
      if (rep_of_[node] != kPenalty || node == account) {
        Relax(node, sink_, p_.accounts[node].unassigned_penalty);
      }
      continue;
    }
    const std::uint32_t j = node - n_;
    for (const std::uint32_t holder : holders_[j])
      Relax(node, holder, -held_cost_[holder]);
    const Int slot = NextSlotCost(j);
    if (slot >= 0) Relax(node, sink_, slot);
  }
  while (!queue_.empty()) queue_.pop();
  const Wide to_sink = distance_[sink_];
  for (const std::uint32_t node : reached_) {
    if (distance_[node] < to_sink) potential_[node] -= to_sink - distance_[node];
  }
}

// Each account on the path takes the node after it: a rep, or t (the
// penalty). A rep on the path loses the holder after it or, before t,
// fills its next slot.
void ShortestPaths::MoveAlongPath(std::uint32_t account) {
  std::uint32_t next = sink_;
  for (std::uint32_t node = previous_[sink_];; node = previous_[node]) {
    if (node < n_) {
      const std::uint32_t old_rep = rep_of_[node];
      if (old_rep != kPenalty) {
        auto& held = holders_[old_rep];
        *std::find(held.begin(), held.end(), node) = held.back();
        held.pop_back();
      }
      rep_of_[node] = next == sink_ ? kPenalty : next - n_;
      if (next != sink_) {
        holders_[next - n_].push_back(node);
        for (std::uint32_t a = arcs_.begin(node); a < arcs_.end(node); ++a) {
          if (arcs_.rep(a) == next - n_) held_cost_[node] = arcs_.cost(a);
        }
      }
      if (node == account) break;
    }
    next = node;
  }
  for (const std::uint32_t node : reached_) distance_[node] = kUnreached;
  reached_.clear();
}

bool ShortestPaths::Run(const ProgressCallback& progress) {
  for (std::uint32_t i = 0; i < n_; ++i) {
    if (progress && (i & 0x3ff) == 0 && !progress(static_cast<double>(i) / n_)) {
      return false;
    }
    FindPath(i);
    MoveAlongPath(i);
    ++paths_;
  }
  return !progress || progress(1.0);
}

Wide ShortestPaths::Bound() const {
  std::vector<Wide> prices(p_.reps.size());
  for (std::uint32_t j = 0; j < prices.size(); ++j) {
    prices[j] = potential_[sink_] - potential_[RepNode(j)];
  }
  return LagrangianBound(p_, arcs_, prices, 1);
}

AssignmentSolution ShortestPaths::Solution() const {
  AssignmentSolution s;
  s.rep_of = rep_of_;
  s.bids = paths_;
  (void)EvaluatePlan(p_, &s);  // the plan respects every rule by construction
  SetLowerBound(static_cast<Int>(Bound()), &s);
  return s;
}

}  // namespace

AssignmentSolution SolveByShortestPaths(const AssignmentProblem& problem,
                                        const ProgressCallback& progress) {
  ShortestPaths solver(problem);
  if (!solver.Run(progress)) return AssignmentSolution{};  // outcome kCancelled
  return solver.Solution();
}

}  // namespace baton::internal
