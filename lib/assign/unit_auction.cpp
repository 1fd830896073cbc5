// Epsilon-scaling auction for assignment with convex, capacitated rep loads
// (Bertsekas, "The auction algorithm for assignment and other network flow
// problems", 1990; similar objects as in Bertsekas & Castanon, 1989).
//
// Accounts bid for reps at the reps' entering prices q_j (slot_market.hpp);
// an account may also stay unassigned at its penalty U_i. Costs are
// multiplied by S = N + 1 so that the last phase, run with epsilon = 1,
// leaves every account within 1/S of its best choice: the plan is then
// optimal for integer costs. The proof is computed, not assumed: with prices
// q, the Lagrangian bound
//
//   LB(q) = sum_i min(U_i, min_j c_ij + q_j) - sum_j max_n (q_j n - F_j(n))
//
// is a lower bound on every plan's cost, for any q, and the final state
// satisfies LB(q) > cost - 1, which is checked before the plan is called
// optimal.
//
// The check also ends the run early. The flow problem has integer costs, so
// it has integer optimal prices (in original units); once the auction's
// prices are within a small epsilon of them, rounding q / S to integers
// often lands on them, and LB(rounded q) equal to the plan's cost proves the
// plan optimal several phases before epsilon = 1. If no proof comes, the
// phases go on down to epsilon = 1, which is exact by itself.
//
// A shortage of capacity under penalties far above the arc costs makes
// prices climb to the penalties' level by about epsilon a bid, a price war
// of millions of bids on a few dozen accounts. Past a budget of work the
// auction gives up and successive shortest paths (shortest_paths.hpp)
// solve the problem instead (docs/assignment-solver.md).
#include "lib/assign/unit_auction.hpp"

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <numeric>
#include <optional>

#include "absl/types/span.h"
#include "lib/assign/arcs_by_account.hpp"
#include "lib/assign/lagrangian_bound.hpp"
#include "lib/assign/load_cost.hpp"
#include "lib/assign/shortest_paths.hpp"
#include "lib/assign/slot_market.hpp"

namespace baton::internal {
namespace {

constexpr std::uint32_t kNone = AssignmentSolution::kUnassigned;  // to bid
constexpr std::uint32_t kPenalty = kNone - 1;  // chose to stay unassigned
// Each phase divides epsilon by this.
constexpr Int kEpsilonRatio = 7;
// The second phase runs at epsilon = 1 / kProofDivisor in original cost
// units, a level at which the rounded prices usually prove the plan optimal.
constexpr Int kProofDivisor = 64;
// Bids per account the jump to that level may take before the run falls
// back to the geometric schedule.
constexpr std::int64_t kJumpBudget = 100;
// The jump starts from reserve prices this fraction of the coarse epsilon
// below the coarse phase's prices; a run again after a rep turned out
// over-reserved, and a finer jump after one the certificate did not prove,
// from this fraction below the prices just reached. Found by trying, at
// 1 M x 10 k x 32, in bids in all: from 1/4 below 14.1 M (no rep
// over-reserved, no run again), 1/10 9.96 M (runs again from 1/50), 1/20
// 7.85 M, 1/25 7.51 M, 1/30 more time again; runs again from 1/100 below,
// where 1/70 and 1/150 took more time (with 1/20) and 1/200 11.8 M bids
// (with 1/25).
constexpr Int kReserveDivisor = 25;
constexpr Int kRetryDivisor = 100;
// Runs of the jump before it gives up on reserves.
constexpr int kReserveRuns = 8;
// Bids and reconciliation checks per account (and in all, for small
// problems) after which the auction gives up to the shortest paths. A run
// takes tens per account; a price war (a shortage of capacity under high
// penalties, where prices must climb by epsilon to the penalties' level)
// takes tens of thousands.
constexpr std::int64_t kWorkPerAccount = 200;
constexpr std::int64_t kWorkFloor = std::int64_t{1} << 16;

class UnitAuction {
 public:
  UnitAuction(const AssignmentProblem& problem, const ProgressCallback& progress)
      : p_(problem),
        progress_(progress),
        scale_(static_cast<Int>(problem.accounts.size()) + 1),
        arcs_(problem),
        market_(problem.reps, scale_),
        rep_of_(problem.accounts.size(), kNone),
        paid_(problem.accounts.size(), 0),
        held_cost_(problem.accounts.size(), 0) {
    penalty_.reserve(problem.accounts.size());
    for (const auto& account : problem.accounts) {
      penalty_.push_back(account.unassigned_penalty * scale_);
    }
  }

  // False if the progress callback cancelled the run or the auction gave
  // up (gave_up()).
  bool Run();
  bool gave_up() const { return gave_up_; }
  std::int64_t bids() const { return bids_; }
  AssignmentSolution Solution() const;

 private:
  Int Cost(std::uint32_t a) const { return arcs_.cost(a) * scale_; }
  bool OverWorkLimit() {
    gave_up_ = gave_up_ || bids_ + checks_ > work_limit_;
    return gave_up_;
  }
  Int Penalty(std::uint32_t i) const { return penalty_[i]; }
  // min(U_i, c_ij + q_j over the arcs of i to reps other than `skip`).
  Int BestAlternative(std::uint32_t i, std::uint32_t skip) const {
    Int best = Penalty(i);
    const auto& q = market_.entering_prices();
    for (std::uint32_t a = arcs_.begin(i); a < arcs_.end(i); ++a) {
      if (arcs_.rep(a) != skip) best = std::min(best, Cost(a) + q[arcs_.rep(a)]);
    }
    return best;
  }
  void Reconcile(Int epsilon, std::vector<std::uint32_t>* candidates);
  // The accounts with an arc to rep j: those to check when it gets cheaper.
  // Built on first use: a run that goes from reserve prices to its proof
  // never needs them (at 1 M arcs, 128 MB and a pass over every arc).
  absl::Span<const std::uint32_t> AccountsOfRep(std::uint32_t j);
  void Bid(std::uint32_t i, Int epsilon);
  enum class PhaseEnd { kDone, kOverBudget, kCancelled };
  // The jump to `epsilon` from reserve prices; kOverBudget also when reps
  // stay over-reserved.
  PhaseEnd Jump(Int coarse, Int epsilon, Int margin, double done_before,
                double phase_share, std::int64_t budget);
  // One phase at `epsilon`; stops early (leaving accounts to bid) once bids_
  // reaches `budget`.
  PhaseEnd Auction(Int epsilon, double done_before, double phase_share,
                   std::int64_t budget);
  Wide BoundAt(const std::vector<Int>& q) const;
  Wide LagrangianBound() const { return BoundAt(market_.entering_prices()); }
  Wide RoundedBound() const;
  // The plan's cost times S, from the auction's own state.
  Wide ScaledObjective() const;
  // Whether the bound, rounded up, already equals the plan's cost.
  bool ProvenOptimal();

  const AssignmentProblem& p_;
  const ProgressCallback& progress_;
  const Int scale_;
  const ArcsByAccount arcs_;
  std::vector<std::uint32_t> rep_start_;
  std::vector<std::uint32_t> accounts_of_rep_;
  std::vector<bool> marked_ = std::vector<bool>(p_.accounts.size(), false);
  SlotMarket market_;
  std::vector<std::uint32_t> rep_of_;
  std::vector<Int> paid_;       // what a holder pays its rep
  std::vector<Int> held_cost_;  // the arc cost to the rep it holds
  // Penalties times S, apart from the accounts' ids: read at every bid.
  std::vector<Int> penalty_;
  // A FIFO queue of accounts to bid: bidders_[bidders_head_..] are waiting.
  std::vector<std::uint32_t> bidders_;
  std::size_t bidders_head_ = 0;
  std::int64_t bids_ = 0;
  std::int64_t checks_ = 0;  // accounts looked at by Reconcile
  const std::int64_t work_limit_ =
      kWorkFloor + kWorkPerAccount * static_cast<std::int64_t>(p_.accounts.size());
  bool gave_up_ = false;
  std::optional<Wide> proven_bound_;  // set when a phase ended with a proof
};

absl::Span<const std::uint32_t> UnitAuction::AccountsOfRep(std::uint32_t j) {
  if (rep_start_.empty()) {
    rep_start_.assign(p_.reps.size() + 1, 0);
    for (std::uint32_t a = 0; a < arcs_.size(); ++a) ++rep_start_[arcs_.rep(a) + 1];
    for (std::size_t r = 0; r < p_.reps.size(); ++r) rep_start_[r + 1] += rep_start_[r];
    accounts_of_rep_.resize(arcs_.size());
    std::vector<std::uint32_t> next(rep_start_.begin(), rep_start_.end() - 1);
    for (std::uint32_t i = 0; i < p_.accounts.size(); ++i) {
      for (std::uint32_t a = arcs_.begin(i); a < arcs_.end(i); ++a) {
        accounts_of_rep_[next[arcs_.rep(a)]++] = i;
      }
    }
  }
  return absl::Span<const std::uint32_t>(accounts_of_rep_.data() + rep_start_[j],
                                         rep_start_[j + 1] - rep_start_[j]);
}

void UnitAuction::Bid(std::uint32_t i, Int epsilon) {
  ++bids_;
  const auto& q = market_.entering_prices();
  Int first = Penalty(i), second = kNoSlot, best_cost = 0;
  std::uint32_t best = kPenalty;
  for (std::uint32_t a = arcs_.begin(i); a < arcs_.end(i); ++a) {
    const Int cost = Cost(a);
    const Int w = cost + q[arcs_.rep(a)];
    // Ties go to the lower rep, and any rep beats the penalty at equal cost.
    if (w < first || (w == first && best == kPenalty)) {
      second = first;
      first = w;
      best = arcs_.rep(a);
      best_cost = cost;
    } else if (w < second) {
      second = w;
    }
  }
  if (best == kPenalty) {
    rep_of_[i] = kPenalty;
    return;
  }
  // The highest price at which `best` stays epsilon-best for i against
  // other reps and the penalty. Other slots of the same rep are left out, as
  // for similar objects (Bertsekas & Castanon): counting them makes holders
  // of one rep outbid each other by epsilon, a price war. Optimality needs
  // only that i's cost at `best`'s entering price is epsilon-best.
  const Int price = q[best] + (second - first) + epsilon;
  const std::uint32_t evicted = market_.Sell(best, price, i);
  rep_of_[i] = best;
  paid_[i] = price;
  held_cost_[i] = best_cost;
  if (evicted != kNone) {
    rep_of_[evicted] = kNone;
    bidders_.push_back(evicted);
  }
}

// Starting a phase with a smaller epsilon: every account that is no longer
// epsilon-content is dealt with. A holder who could be content paying less
// (but no less than its rep's marginal cost of the last used unit) pays
// less; otherwise it leaves its rep and bids again. A rep that loses a holder
// may get cheaper, so the accounts with an arc to it are checked again, until
// nobody changes. `candidates` holds the accounts to check; on return it
// holds those to check next.
void UnitAuction::Reconcile(Int epsilon, std::vector<std::uint32_t>* candidates) {
  std::vector<std::uint32_t> touched;
  checks_ += static_cast<std::int64_t>(candidates->size());
  for (std::uint32_t i : *candidates) {
    const std::uint32_t j = rep_of_[i];
    if (j == kNone) continue;
    if (j == kPenalty) {
      if (Penalty(i) > BestAlternative(i, kNone) + epsilon) rep_of_[i] = kNone;
      continue;
    }
    const Int alternative = BestAlternative(i, j);
    if (held_cost_[i] + paid_[i] <= alternative + epsilon) continue;
    const Int content_price = alternative - held_cost_[i] + epsilon;
    if (content_price >= market_.Marginal(j, static_cast<Int>(market_.holders(j)))) {
      paid_[i] = content_price;
    } else {
      rep_of_[i] = kNone;
    }
    touched.push_back(j);
  }
  std::sort(touched.begin(), touched.end());
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  candidates->clear();
  for (std::uint32_t j : touched) {
    const Int before = market_.entering_price(j);
    market_.Rewrite(j, [&](SlotMarket::Holder& h) {
      if (rep_of_[h.account] != j) return false;
      h.price = paid_[h.account];
      return true;
    });
    if (market_.entering_price(j) < before) {
      const absl::Span<const std::uint32_t> accounts = AccountsOfRep(j);
      candidates->insert(candidates->end(), accounts.begin(), accounts.end());
    }
  }
  // Each account once, in index order, for determinism.
  std::vector<std::uint32_t>& next = *candidates;
  std::size_t kept = 0;
  for (std::uint32_t i : next) {
    if (!marked_[i]) marked_[i] = true, next[kept++] = i;
  }
  next.resize(kept);
  for (std::uint32_t i : next) marked_[i] = false;
  std::sort(next.begin(), next.end());
}

UnitAuction::PhaseEnd UnitAuction::Auction(Int epsilon, double done_before,
                                           double phase_share, std::int64_t budget) {
  // Every phase reports as it starts, however few bids it takes.
  if (progress_ && !progress_(done_before)) return PhaseEnd::kCancelled;
  std::vector<std::uint32_t> candidates(rep_of_.size());
  std::iota(candidates.begin(), candidates.end(), 0);
  while (!candidates.empty()) {
    Reconcile(epsilon, &candidates);
    if (OverWorkLimit()) return PhaseEnd::kCancelled;
  }
  for (std::uint32_t i = 0; i < rep_of_.size(); ++i) {
    if (rep_of_[i] == kNone) bidders_.push_back(i);
  }
  const double total = std::max<double>(1, static_cast<double>(bidders_.size()));
  while (bidders_head_ < bidders_.size()) {
    const std::uint32_t i = bidders_[bidders_head_++];
    // Reuse the front of the queue once half of it is spent.
    if (bidders_head_ > 4096 && 2 * bidders_head_ > bidders_.size()) {
      bidders_.erase(bidders_.begin(), bidders_.begin() + bidders_head_);
      bidders_head_ = 0;
    }
    Bid(i, epsilon);
    if (OverWorkLimit()) return PhaseEnd::kCancelled;
    if (progress_ && (bids_ & 0xffff) == 0) {
      const double waiting = static_cast<double>(bidders_.size() - bidders_head_);
      const double left = std::min(1.0, waiting / total);
      if (!progress_(done_before + phase_share * (1 - left))) return PhaseEnd::kCancelled;
    }
    // Whoever is still queued is unassigned (kNone), so the next phase
    // picks them up again.
    if (bids_ >= budget) {
      bidders_.clear();
      bidders_head_ = 0;
      return PhaseEnd::kOverBudget;
    }
  }
  bidders_.clear();
  bidders_head_ = 0;
  return PhaseEnd::kDone;
}

// Reserve prices (slot_market.hpp) for the jump. Reconcile at a much finer
// epsilon frees nearly every account and takes the prices down to the load
// costs (docs/assignment-solver.md), so the fine phase would start over.
// Instead every rep's slots are offered from a reserve a little below the
// price the coarse phase reached, and a fresh auction at the fine epsilon
// climbs only the last stretch. A rep whose reserve was above where its
// price settles ends with room offered at the reserve, above its load
// cost, and the bound is then not tight; such a rep gets no reserve, the
// others one just below the prices reached, and the auction runs again.
UnitAuction::PhaseEnd UnitAuction::Jump(Int coarse, Int epsilon, Int margin,
                                        double done_before, double phase_share,
                                        std::int64_t budget) {
  const auto below = [this](std::uint32_t j, Int by) {
    const Int price = market_.entering_price(j);
    return price < kNoSlot ? price - by : kNoReserve;
  };
  std::vector<Int> reserves(p_.reps.size());
  for (std::uint32_t j = 0; j < p_.reps.size(); ++j) {
    reserves[j] = below(j, margin);
  }
  for (int run = 0; run < kReserveRuns; ++run) {
    std::fill(rep_of_.begin(), rep_of_.end(), kNone);
    market_.RestartFrom(reserves);
    // Each run reports within its own part of the phase's share.
    const double share = phase_share / kReserveRuns;
    const PhaseEnd end = Auction(epsilon, done_before + run * share, share, budget);
    if (end != PhaseEnd::kDone) return end;
    bool over = false;
    for (std::uint32_t j = 0; j < p_.reps.size(); ++j) {
      const bool this_one = market_.OverReserved(j);
      over = over || this_one;
      reserves[j] = this_one ? kNoReserve : below(j, coarse / kRetryDivisor);
    }
    if (!over) return PhaseEnd::kDone;
  }
  return PhaseEnd::kOverBudget;
}

bool UnitAuction::Run() {
  // The first epsilon follows the spread of arc and load costs: prices move
  // on that scale. Penalties can be far larger without saying anything
  // about it.
  Int largest = 1;
  for (std::uint32_t a = 0; a < arcs_.size(); ++a) {
    largest = std::max(largest, std::abs(Cost(a)));
  }
  for (std::uint32_t j = 0; j < p_.reps.size(); ++j) {
    const Int top = market_.Marginal(j, Headroom(p_.reps[j]));
    if (top < kNoSlot) largest = std::max(largest, top);
  }
  // The schedule (Bertsekas' epsilon-scaling, shortened). A coarse phase at
  // a quarter of the largest cost sets the price levels cheaply. Then a jump
  // straight to epsilon = S / kProofDivisor, from reserve prices (Jump):
  // on generated instances every later phase of the classic schedule costs
  // about as much as a fresh auction whatever the ratio (the reconciliation
  // at a new epsilon frees most accounts), so one phase beats several. A
  // jump can also start a long price war (many equal accounts, wide costs),
  // so it gets a budget of bids; past it, or when reserves do not settle,
  // the run drops the reserves and falls back to dividing by kEpsilonRatio
  // from the coarse level. That geometric schedule goes down to 1, which is
  // exact by itself. After every phase below one original unit the
  // certificate is tried, and the run stops as soon as it holds.
  constexpr std::int64_t kNoBudget = std::numeric_limits<std::int64_t>::max();
  const Int coarse = std::max<Int>(1, largest / 4);
  const Int proof_level = std::max<Int>(1, scale_ / kProofDivisor);
  std::vector<Int> schedule = {coarse};
  while (schedule.back() > 1) {
    schedule.push_back(std::max<Int>(1, schedule.back() / kEpsilonRatio));
  }
  const double phases = static_cast<double>(schedule.size());
  const auto proven = [&](Int epsilon) {
    return epsilon > 1 && epsilon < scale_ && ProvenOptimal();
  };
  if (Auction(coarse, 0, 1 / phases, kNoBudget) == PhaseEnd::kCancelled) return false;
  std::size_t next = 1;  // the next phase of the geometric schedule
  if (proof_level < coarse && proof_level > 1) {
    const std::int64_t budget =
        bids_ + kJumpBudget * static_cast<std::int64_t>(p_.accounts.size() + 1);
    // Down from the proof level by kEpsilonRatio, a fresh auction from
    // reserves each, until the certificate holds or epsilon is 1 (exact).
    Int margin = coarse / kReserveDivisor;
    double done = 1 / phases, share = 0.5 / phases;
    for (Int epsilon = proof_level;;
         epsilon = std::max<Int>(1, epsilon / kEpsilonRatio)) {
      const PhaseEnd end = Jump(coarse, epsilon, margin, done, share, budget);
      if (end == PhaseEnd::kCancelled) return false;
      if (end != PhaseEnd::kDone) break;
      if (epsilon == 1 || proven(epsilon)) {
        next = schedule.size();
        break;
      }
      margin = coarse / kRetryDivisor;
      done += share;
      share /= 2;
    }
    // Otherwise Reconcile takes it from the coarse level (prices may fall
    // where a reserve held).
    if (next < schedule.size()) market_.ClearReserves();
  }
  if (next == 1 && proven(coarse)) next = schedule.size();
  for (std::size_t phase = next; phase < schedule.size(); ++phase) {
    const Int epsilon = schedule[phase];
    const double done = static_cast<double>(phase) / phases;
    if (Auction(epsilon, done, 1 / phases, kNoBudget) == PhaseEnd::kCancelled) {
      return false;
    }
    if (proven(epsilon)) break;
  }
  if (progress_ && !progress_(1.0)) return false;
  return true;
}

Wide UnitAuction::BoundAt(const std::vector<Int>& q) const {
  return internal::LagrangianBound(p_, arcs_, q, scale_);
}

Wide UnitAuction::RoundedBound() const {
  std::vector<Int> q = market_.entering_prices();
  for (Int& price : q) {
    if (price < kNoSlot) price = (price + scale_ / 2) / scale_ * scale_;
  }
  return BoundAt(q);
}

bool UnitAuction::ProvenOptimal() {
  const Wide floor = ScaledObjective() - scale_;
  for (const Wide bound : {LagrangianBound(), RoundedBound()}) {
    if (bound > floor) {
      proven_bound_ = bound;
      return true;
    }
  }
  return false;
}

Wide UnitAuction::ScaledObjective() const {
  Wide cost = 0;
  std::vector<Int> added(p_.reps.size(), 0);
  for (std::uint32_t i = 0; i < rep_of_.size(); ++i) {
    if (rep_of_[i] == kPenalty) {
      cost += Penalty(i);
    } else {
      cost += held_cost_[i];
      ++added[rep_of_[i]];
    }
  }
  for (std::uint32_t j = 0; j < p_.reps.size(); ++j) {
    cost += static_cast<Wide>(scale_) * AddedLoadCost(p_.reps[j], added[j]);
  }
  return cost;
}

AssignmentSolution UnitAuction::Solution() const {
  AssignmentSolution s;
  s.rep_of.resize(rep_of_.size());
  for (std::size_t i = 0; i < rep_of_.size(); ++i) {
    s.rep_of[i] = rep_of_[i] == kPenalty ? AssignmentSolution::kUnassigned : rep_of_[i];
  }
  s.bids = bids_;
  (void)EvaluatePlan(p_, &s);  // the plan respects every rule by construction
  // Round the bound up: the optimum is an integer no smaller than LB / S.
  const Wide bound = proven_bound_ ? *proven_bound_ : LagrangianBound();
  const Wide whole = bound >= 0 ? (bound + scale_ - 1) / scale_ : -((-bound) / scale_);
  SetLowerBound(static_cast<Int>(whole), &s);
  return s;
}

}  // namespace

AssignmentSolution SolveUnitAuction(const AssignmentProblem& problem,
                                    const ProgressCallback& progress) {
  double reported = 0;  // so that the shortest paths go on from there
  ProgressCallback watched;
  if (progress) {
    watched = [&](double done) {
      reported = done;
      return progress(done);
    };
  }
  UnitAuction auction(problem, watched);
  if (auction.Run()) return auction.Solution();
  if (!auction.gave_up()) return AssignmentSolution{};  // outcome kCancelled
  ProgressCallback rest;
  if (progress)
    rest = [&](double done) { return progress(reported + (1 - reported) * done); };
  AssignmentSolution solution = SolveByShortestPaths(problem, rest);
  solution.bids += auction.bids();
  return solution;
}

}  // namespace baton::internal
