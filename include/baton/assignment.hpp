// The assignment problem behind every reassignment, usable on its own.
//
// Accounts i carry an integer load weight w_i and a penalty U_i for staying
// unassigned. Reps j carry an existing load L0_j, a capacity C_j and a
// convex load cost f_j(L) = lambda_j * L^2. Candidate arcs (i, j) carry an
// integer cost c_ij. A plan gives each account at most one rep along an arc,
// with L0_j + added_j <= C_j, and costs
//
//   sum of c_ij over chosen arcs
//   + sum_j [f_j(L0_j + added_j) - f_j(L0_j)]
//   + sum of U_i over unassigned accounts.
//
// With unit weights this is a min-cost flow and AssignmentSolver returns an
// exact optimum, proven by a Lagrangian lower bound equal to its cost. With
// other weights it returns a feasible plan, the same kind of bound and the
// gap between them.
#ifndef BATON_ASSIGNMENT_HPP_
#define BATON_ASSIGNMENT_HPP_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace baton {

struct AssignmentProblem {
  struct Rep {
    std::string id;
    std::int64_t load = 0;      // L0: load carried before this plan
    std::int64_t capacity = 0;  // C: the most load the rep may carry
    std::int64_t lambda = 0;    // the load cost is lambda * L^2
  };
  struct Account {
    std::string id;
    std::int64_t weight = 1;
    std::int64_t unassigned_penalty = 0;
  };
  struct Arc {
    std::uint32_t account = 0;  // index into accounts
    std::uint32_t rep = 0;      // index into reps
    std::int64_t cost = 0;
  };

  std::vector<Rep> reps;
  std::vector<Account> accounts;
  std::vector<Arc> arcs;
};

// Limits that keep every sum inside 64-bit integers: costs, penalties and
// lambda up to 2^31 in magnitude, loads and capacities up to 2^31, up to
// 2^28 accounts, 2^24 reps, 2^31 arcs.
// Errors name the offending item: "arc 17 (account a3 -> rep r9): cost:
// ...", "rep r2: capacity: -5 is negative".
absl::Status ValidateProblem(const AssignmentProblem& problem);

// A plain, solver-neutral file format: a directory with reps.csv
// (id,load,capacity,lambda), accounts.csv (id,weight,unassigned_penalty) and
// arcs.csv (account,rep,cost) where account and rep are ids. See README.md.
absl::StatusOr<AssignmentProblem> ReadProblemCsv(const std::string& directory);
absl::Status WriteProblemCsv(const AssignmentProblem& problem,
                             const std::string& directory);

struct AssignmentSolution {
  enum class Outcome {
    kOptimal,    // proven: objective == lower_bound
    kFeasible,   // a valid plan; objective - lower_bound is the gap
    kCancelled,  // the progress callback asked to stop; no plan
  };
  Outcome outcome = Outcome::kCancelled;
  // rep_of[i]: the rep index given to account i, or kUnassigned.
  static constexpr std::uint32_t kUnassigned = 0xffffffffu;
  std::vector<std::uint32_t> rep_of;
  std::vector<std::int64_t> added_load;  // per rep

  std::int64_t objective = 0;
  std::int64_t arc_cost = 0;
  std::int64_t load_cost = 0;
  std::int64_t penalty_cost = 0;
  std::int64_t lower_bound = 0;
  // (objective - lower_bound) / max(1, |objective|).
  double relative_gap = 0;
  std::int64_t bids = 0;  // work done, for benchmarks
};

// Called now and then with the share of work done in [0, 1]; return false to
// cancel the run.
using ProgressCallback = std::function<bool(double done)>;

// Solves an AssignmentProblem. Deterministic: the same problem gives the same
// plan on any machine (ties go to the lower rep index, then account index).
//
// Unit weights: epsilon-scaling auction (Bertsekas) with reps as objects of
// many slots priced by their marginal load cost. The run stops at the first
// phase whose plan a Lagrangian bound (from the rep prices, or the prices
// rounded to whole cost units) proves optimal; at the latest the final
// phase reaches epsilon < 1/(n+1) on integer costs, which makes the plan
// optimal, and the bound proves it. Where the auction's work runs past 200
// bids an account (a price war: too little capacity under high penalties),
// successive shortest paths solve the problem exactly instead, their rep
// prices giving the bound. O(bids * log(load)) time,
// O(accounts + arcs + reps) memory (the arcs are read in place when grouped
// by account in increasing rep order, else copied once).
class AssignmentSolver {
 public:
  explicit AssignmentSolver(const AssignmentProblem& problem) : problem_(problem) {}

  AssignmentSolver& SetProgress(ProgressCallback progress) {
    progress_ = std::move(progress);
    return *this;
  }

  // InvalidArgument for a problem ValidateProblem rejects; a cancelled run
  // is a result with outcome kCancelled, not an error.
  absl::StatusOr<AssignmentSolution> Run() const;

 private:
  const AssignmentProblem& problem_;
  ProgressCallback progress_;
};

// The cost of `rep_of` for `problem` (FailedPrecondition if it breaks a
// capacity or uses a pair that is not an arc), filling the cost fields and
// added_load of `solution`.
absl::Status EvaluatePlan(const AssignmentProblem& problem, AssignmentSolution* solution);

}  // namespace baton

#endif  // BATON_ASSIGNMENT_HPP_
