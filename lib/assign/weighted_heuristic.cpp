#include "lib/assign/weighted_heuristic.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "lib/assign/load_cost.hpp"

namespace baton::internal {
namespace {

constexpr std::uint32_t kUnassigned = AssignmentSolution::kUnassigned;
constexpr int kImprovementPasses = 50;
constexpr int kSubgradientSteps = 60;
constexpr int kStalledSteps = 3;
constexpr double kSmallestStep = 1.0 / 64;

// The arcs of each account in rep order, as arc indices: read in place when
// the problem lists them so (as the Reassigner does), else through a sorted
// index. Compressed rows rather than a vector per account: one allocation,
// and the arcs an account's loop reads lie side by side.
class AccountArcs {
 public:
  class Range {
   public:
    struct Iterator {
      const std::uint32_t* order;
      std::uint32_t k;
      std::uint32_t operator*() const { return order != nullptr ? order[k] : k; }
      Iterator& operator++() {
        ++k;
        return *this;
      }
      bool operator!=(const Iterator& o) const { return k != o.k; }
    };
    Range(const std::uint32_t* order, std::uint32_t first, std::uint32_t last)
        : order_(order), first_(first), last_(last) {}
    Iterator begin() const { return {order_, first_}; }
    Iterator end() const { return {order_, last_}; }

   private:
    const std::uint32_t* order_;
    std::uint32_t first_, last_;
  };

  explicit AccountArcs(const AssignmentProblem& p) : offsets_(p.accounts.size() + 1, 0) {
    bool in_order = true;
    for (std::size_t a = 0; a < p.arcs.size(); ++a) {
      ++offsets_[p.arcs[a].account + 1];
      if (a > 0) {
        const auto& x = p.arcs[a - 1];
        const auto& y = p.arcs[a];
        in_order = in_order &&
                   (x.account < y.account || (x.account == y.account && x.rep < y.rep));
      }
    }
    for (std::size_t i = 0; i < p.accounts.size(); ++i) offsets_[i + 1] += offsets_[i];
    if (in_order) return;
    order_.resize(p.arcs.size());
    std::vector<std::uint32_t> next(offsets_.begin(), offsets_.end() - 1);
    for (std::uint32_t a = 0; a < p.arcs.size(); ++a)
      order_[next[p.arcs[a].account]++] = a;
    for (std::size_t i = 0; i < p.accounts.size(); ++i) {
      std::sort(order_.begin() + offsets_[i], order_.begin() + offsets_[i + 1],
                [&](std::uint32_t x, std::uint32_t y) {
                  return p.arcs[x].rep < p.arcs[y].rep;
                });
    }
  }

  Range operator[](std::uint32_t i) const {
    return {order_.empty() ? nullptr : order_.data(), offsets_[i], offsets_[i + 1]};
  }

 private:
  std::vector<std::uint32_t> offsets_;  // arcs of account i: [offsets_[i], offsets_[i+1])
  std::vector<std::uint32_t> order_;    // empty: in place
};

class WeightedPlan {
 public:
  explicit WeightedPlan(const AssignmentProblem& p)
      : p_(p),
        rep_of_(p.accounts.size(), kUnassigned),
        added_(p.reps.size(), 0),
        arcs_of_(p) {}

  void Greedy() {
    std::vector<std::uint32_t> order(p_.accounts.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) {
      return p_.accounts[x].weight > p_.accounts[y].weight;
    });
    for (std::uint32_t i : order) MoveToBest(i);
  }

  // One pass of improving moves in account order; returns whether any moved.
  bool ImprovePass() {
    bool moved = false;
    for (std::uint32_t i = 0; i < rep_of_.size(); ++i) moved |= MoveToBest(i);
    return moved;
  }

  // For each account left out, in index order: the best single exchange
  // that lets it in, where one account at a rep it does not fit moves on to
  // its own best option (another rep with room, or out), if that lowers the
  // total cost. Greedy and single moves cannot make room this way: two
  // accounts of weight 2 and one rep with room for 3, the pricier one in.
  // Returns whether any exchange was made. O(left out * arcs * residents *
  // their arcs).
  bool EvictionPass() {
    std::vector<std::vector<std::uint32_t>> residents(p_.reps.size());
    for (std::uint32_t i = 0; i < rep_of_.size(); ++i) {
      if (rep_of_[i] != kUnassigned) residents[rep_of_[i]].push_back(i);
    }
    bool moved = false;
    for (std::uint32_t i = 0; i < rep_of_.size(); ++i) {
      if (rep_of_[i] == kUnassigned) moved |= EvictInto(i, &residents);
    }
    return moved;
  }

  const std::vector<std::uint32_t>& rep_of() const { return rep_of_; }
  const AccountArcs& arcs_of() const { return arcs_of_; }

 private:
  // The change in load cost of rep j when `delta` load is added to it.
  Wide LoadDelta(std::uint32_t j, Int delta) const {
    return AddedLoadCost(p_.reps[j], added_[j] + delta) -
           AddedLoadCost(p_.reps[j], added_[j]);
  }

  Int ArcCost(std::uint32_t i, std::uint32_t j) const {
    for (std::uint32_t a : arcs_of_[i]) {
      if (p_.arcs[a].rep == j) return p_.arcs[a].cost;
    }
    return 0;
  }

  // Where account k, taken off rep `off`, costs least with `off` barred:
  // another rep with room, or out. Returns the cost there and sets *to.
  Wide BestElsewhere(std::uint32_t k, std::uint32_t off, std::uint32_t* to) const {
    const Int w = p_.accounts[k].weight;
    Wide best = p_.accounts[k].unassigned_penalty;
    *to = kUnassigned;
    for (std::uint32_t a : arcs_of_[k]) {
      const std::uint32_t j = p_.arcs[a].rep;
      if (j == off || added_[j] + w > Headroom(p_.reps[j])) continue;
      const Wide cost = p_.arcs[a].cost + LoadDelta(j, w);
      if (cost < best) best = cost, *to = j;
    }
    return best;
  }

  // Puts unassigned i in at rep j by moving one resident k of j elsewhere,
  // choosing the exchange that saves most; false if none saves anything.
  bool EvictInto(std::uint32_t i, std::vector<std::vector<std::uint32_t>>* residents) {
    const Int w = p_.accounts[i].weight;
    Wide best_saving = 0;
    std::uint32_t best_j = kUnassigned, best_k = kUnassigned, best_to = kUnassigned;
    for (std::uint32_t a : arcs_of_[i]) {
      const std::uint32_t j = p_.arcs[a].rep;
      const Int room = Headroom(p_.reps[j]) - added_[j];
      if (room >= w) continue;  // fits without an exchange: single moves see it
      for (std::uint32_t k : (*residents)[j]) {
        const Int wk = p_.accounts[k].weight;
        if (rep_of_[k] != j || room + wk < w) continue;
        std::uint32_t to = kUnassigned;
        const Wide k_there = BestElsewhere(k, j, &to);
        const Wide before = p_.accounts[i].unassigned_penalty + ArcCost(k, j);
        const Wide after = p_.arcs[a].cost + LoadDelta(j, w - wk) + k_there;
        if (before - after > best_saving) {
          best_saving = before - after, best_j = j, best_k = k, best_to = to;
        }
      }
    }
    if (best_j == kUnassigned) return false;
    const Int wk = p_.accounts[best_k].weight;
    added_[best_j] += w - wk;
    rep_of_[i] = best_j;
    (*residents)[best_j].push_back(i);
    rep_of_[best_k] = best_to;
    if (best_to != kUnassigned) {
      added_[best_to] += wk;
      (*residents)[best_to].push_back(best_k);
    }
    return true;
  }

  // Moves i to its cheapest feasible option if that is strictly cheaper.
  bool MoveToBest(std::uint32_t i) {
    const Int w = p_.accounts[i].weight;
    const std::uint32_t from = rep_of_[i];
    Wide current = p_.accounts[i].unassigned_penalty;
    if (from != kUnassigned) {
      for (std::uint32_t a : arcs_of_[i]) {
        if (p_.arcs[a].rep == from) current = p_.arcs[a].cost;
      }
      current -= LoadDelta(from, -w);  // what leaving saves
    }
    Wide best = p_.accounts[i].unassigned_penalty;
    std::uint32_t best_rep = kUnassigned;
    for (std::uint32_t a : arcs_of_[i]) {
      const std::uint32_t j = p_.arcs[a].rep;
      if (j == from) {
        if (current < best) best = current, best_rep = j;
        continue;
      }
      if (added_[j] + w > Headroom(p_.reps[j])) continue;
      const Wide cost = p_.arcs[a].cost + LoadDelta(j, w);
      if (cost < best) best = cost, best_rep = j;
    }
    if (best_rep == from || best >= current) return false;
    if (from != kUnassigned) added_[from] -= w;
    if (best_rep != kUnassigned) added_[best_rep] += w;
    rep_of_[i] = best_rep;
    return true;
  }

  const AssignmentProblem& p_;
  std::vector<std::uint32_t> rep_of_;
  std::vector<Int> added_;
  AccountArcs arcs_of_;
};

// LB(q) = sum_i min(U_i, min_j c_ij + q_j w_i) - sum_j max_L (q_j L - F_j(L)):
// relaxing each rep's load to a free choice priced at q_j makes every plan
// cost at least this, for any q. Also returns each rep's load imbalance
// (demanded minus supplied), the subgradient.
Wide Bound(const AssignmentProblem& p, const AccountArcs& arcs_of,
           const std::vector<Int>& q, std::vector<double>* imbalance) {
  imbalance->assign(p.reps.size(), 0);
  Wide bound = 0;
  for (std::uint32_t i = 0; i < p.accounts.size(); ++i) {
    const Int w = p.accounts[i].weight;
    Wide best = p.accounts[i].unassigned_penalty;
    std::uint32_t best_rep = kUnassigned;
    for (std::uint32_t a : arcs_of[i]) {
      const Wide cost = p.arcs[a].cost + static_cast<Wide>(q[p.arcs[a].rep]) * w;
      if (cost < best) best = cost, best_rep = p.arcs[a].rep;
    }
    bound += best;
    if (best_rep != kUnassigned) (*imbalance)[best_rep] += static_cast<double>(w);
  }
  for (std::uint32_t j = 0; j < p.reps.size(); ++j) {
    const Wide profit = BestLoadProfit(p.reps[j], q[j], 1);
    bound -= profit;
    // The load the rep would choose at price q_j.
    const Int headroom = Headroom(p.reps[j]);
    Int supplied = 0;
    if (q[j] > 0 && headroom > 0) {
      supplied = p.reps[j].lambda == 0
                     ? headroom
                     : std::clamp<Int>((q[j] / p.reps[j].lambda + 1) / 2 - p.reps[j].load,
                                       0, headroom);
    }
    (*imbalance)[j] -= static_cast<double>(supplied);
  }
  return bound;
}

// Subgradient ascent with Polyak steps toward the plan's cost (Held, Wolfe
// and Crowder, 1974). The plan's cost overestimates the dual optimum, so a
// full step overshoots: the step is halved whenever three steps in a row
// found no better bound. Prices stay whole numbers so that every bound is
// computed exactly.
Wide BestBound(const AssignmentProblem& p, const AccountArcs& arcs_of, Int objective) {
  std::vector<double> price(p.reps.size());
  for (std::uint32_t j = 0; j < p.reps.size(); ++j) {
    price[j] = static_cast<double>(MarginalLoadCost(p.reps[j], 1));
  }
  std::vector<Int> q(p.reps.size());
  std::vector<double> g;
  Wide best = std::numeric_limits<Int>::min();
  double factor = 1;
  int stalled = 0;
  for (int step = 0; step < kSubgradientSteps && factor >= kSmallestStep; ++step) {
    for (std::size_t j = 0; j < q.size(); ++j)
      q[j] = std::llround(std::max(0.0, price[j]));
    const Wide bound = Bound(p, arcs_of, q, &g);
    if (bound > best) {
      best = bound;
      stalled = 0;
    } else if (++stalled == kStalledSteps) {
      factor /= 2;
      stalled = 0;
    }
    double norm = 0;
    for (double x : g) norm += x * x;
    if (norm == 0 || bound >= objective) break;
    const double t = factor * static_cast<double>(objective - bound) / norm;
    for (std::size_t j = 0; j < price.size(); ++j) price[j] += t * g[j];
  }
  return best;
}

}  // namespace

AssignmentSolution SolveWeighted(const AssignmentProblem& problem,
                                 const ProgressCallback& progress) {
  WeightedPlan plan(problem);
  plan.Greedy();
  for (int pass = 0; pass < kImprovementPasses; ++pass) {
    if (!plan.ImprovePass() && !plan.EvictionPass()) break;
    if (progress && !progress(0.5 * (pass + 1) / kImprovementPasses)) return {};
  }
  AssignmentSolution s;
  s.rep_of = plan.rep_of();
  (void)EvaluatePlan(problem, &s);  // feasible by construction
  const Wide bound = BestBound(problem, plan.arcs_of(), s.objective);
  SetLowerBound(static_cast<Int>(std::min<Wide>(bound, s.objective)), &s);
  if (progress && !progress(1.0)) return {};
  return s;
}

}  // namespace baton::internal
