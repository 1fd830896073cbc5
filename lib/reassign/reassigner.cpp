// Reassigner::Run: resolve the scope, build the problem, solve it (searching
// a price on moves when they are limited), enforce the tier maxima, explain.
#include <algorithm>
#include <limits>

#include "baton/reassign.hpp"
#include "lib/model/strings.hpp"
#include "lib/reassign/reassign_problem.hpp"
#include "lib/reassign/reassignment_report.hpp"
#include "lib/reassign/rebalance_stays.hpp"
#include "lib/reassign/tier_limits.hpp"

namespace baton {
namespace {

using internal::ReassignProblem;
constexpr std::uint32_t kUnassigned = AssignmentSolution::kUnassigned;

// A plan for the problem: the rep slot of every unit, and its bound.
struct Plan {
  bool cancelled = false;
  std::vector<std::uint32_t> rep_of;
  std::int64_t lower_bound = 0;
};

std::int64_t Moves(const ReassignProblem& p, const std::vector<std::uint32_t>& rep_of) {
  std::int64_t moves = 0;
  for (std::uint32_t i = 0; i < rep_of.size(); ++i) {
    if (rep_of[i] == kUnassigned) continue;
    for (std::uint32_t a = p.arc_begin[i]; a < p.arc_begin[i + 1]; ++a) {
      if (p.problem.arcs[a].rep == rep_of[i]) moves += p.movers[a];
    }
  }
  return moves;
}

absl::StatusOr<AssignmentSolution> Solve(const AssignmentProblem& problem,
                                         const ProgressCallback& progress, double from,
                                         double share) {
  AssignmentSolver solver(problem);
  if (progress) {
    solver.SetProgress([&](double done) { return progress(from + share * done); });
  }
  return solver.Run();
}

// With max_moves: the plan at the smallest extra price t per move (found by
// quadrupling, then bisection) whose optimum keeps within the limit. Every t
// gives a Lagrangian bound on the limited problem, bound(t) - t * max_moves;
// the best of them is kept.
class MoveLimitSearch {
 public:
  MoveLimitSearch(const ReassignProblem& p, std::int64_t max_moves,
                  const ProgressCallback& progress)
      : p_(p), max_moves_(max_moves), progress_(progress), priced_(p.problem) {
    plan_.lower_bound = std::numeric_limits<std::int64_t>::min();
  }

  absl::StatusOr<Plan> Run() {
    std::int64_t low = -1, high = -1;  // prices that break and keep the limit
    for (std::int64_t t = 0; high < 0 && t <= kHighestPrice; t = t == 0 ? 1 : 4 * t) {
      absl::StatusOr<bool> within = TryPrice(t);
      if (!within.ok()) return within.status();
      if (plan_.cancelled) return Plan{true};
      (*within ? high : low) = t;
    }
    if (high < 0) plan_.rep_of = std::move(last_);  // the limit cannot be met
    while (high >= 0 && high - low > 1 && solves_ < kSolves) {
      const std::int64_t t = low + (high - low) / 2;
      absl::StatusOr<bool> within = TryPrice(t);
      if (!within.ok()) return within.status();
      if (plan_.cancelled) return Plan{true};
      (*within ? high : low) = t;
    }
    return std::move(plan_);
  }

 private:
  static constexpr int kSolves = 24;
  static constexpr std::int64_t kHighestPrice = std::int64_t{1} << 24;

  absl::StatusOr<bool> TryPrice(std::int64_t t) {
    for (std::size_t a = 0; a < priced_.arcs.size(); ++a) {
      priced_.arcs[a].cost = std::min(p_.problem.arcs[a].cost + t * p_.movers[a],
                                      (std::int64_t{1} << 31) - 1);
    }
    absl::StatusOr<AssignmentSolution> s = Solve(
        priced_, progress_, std::min(1.0, solves_ / double{kSolves}), 1.0 / kSolves);
    ++solves_;
    if (!s.ok()) return s.status();
    if (s->outcome == AssignmentSolution::Outcome::kCancelled) {
      plan_.cancelled = true;
      return false;
    }
    plan_.lower_bound = std::max(plan_.lower_bound, s->lower_bound - t * max_moves_);
    const bool within = Moves(p_, s->rep_of) <= max_moves_;
    (within ? plan_.rep_of : last_) = std::move(s->rep_of);
    return within;
  }

  const ReassignProblem& p_;
  const std::int64_t max_moves_;
  const ProgressCallback& progress_;
  AssignmentProblem priced_;
  Plan plan_;
  std::vector<std::uint32_t> last_;  // the latest plan that broke the limit
  int solves_ = 0;
};

absl::StatusOr<Plan> SolvePlan(const ReassignProblem& p, const ReassignOptions& options,
                               const ProgressCallback& progress) {
  if (options.mode == ReassignMode::kRebalance && options.max_moves >= 0) {
    return MoveLimitSearch(p, options.max_moves, progress).Run();
  }
  absl::StatusOr<AssignmentSolution> s = Solve(p.problem, progress, 0, 1);
  if (!s.ok()) return s.status();
  if (s->outcome == AssignmentSolution::Outcome::kCancelled) return Plan{true};
  return Plan{false, std::move(s->rep_of), s->lower_bound};
}

}  // namespace

absl::StatusOr<Reassignment> Reassigner::Run() const {
  absl::StatusOr<internal::ReassignScope> scope = internal::ResolveScope(org_, options_);
  if (!scope.ok()) return scope.status();
  const internal::SuccessorPricer pricer(org_, options_, *scope);
  const ReassignProblem p =
      internal::BuildReassignProblem(org_, options_, *scope, pricer);
  absl::StatusOr<Plan> plan = SolvePlan(p, options_, progress_);
  if (!plan.ok()) return plan.status();
  Reassignment result;
  if (plan->cancelled) return result;  // outcome kCancelled, nothing else
  std::vector<std::uint8_t> tier_limited(p.units.size(), 0);
  internal::EnforceTierMaxima(org_, p, &plan->rep_of, &tier_limited);
  if (options_.mode == ReassignMode::kRebalance) {
    internal::KeepUnplacedWithOwners(org_, p, &plan->rep_of);
  }

  AssignmentSolution solution;
  solution.rep_of = plan->rep_of;
  absl::Status valid = EvaluatePlan(p.problem, &solution);
  if (!valid.ok())
    return absl::InternalError(internal::Cat("reassignment plan: ", valid.message()));
  result.objective = solution.objective;
  result.lower_bound = std::min(plan->lower_bound, solution.objective);
  result.relative_gap =
      static_cast<double>(result.objective - result.lower_bound) /
      std::max<double>(1, std::abs(static_cast<double>(result.objective)));
  result.outcome = result.objective == result.lower_bound
                       ? Reassignment::Outcome::kOptimal
                       : Reassignment::Outcome::kFeasible;
  internal::ReportPlan(org_, options_, *scope, pricer, p, plan->rep_of, tier_limited,
                       &result);
  return result;
}

}  // namespace baton
