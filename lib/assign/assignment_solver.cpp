#include "baton/assignment.hpp"
#include "lib/assign/unit_auction.hpp"
#include "lib/assign/weighted_heuristic.hpp"

namespace baton {

absl::StatusOr<AssignmentSolution> AssignmentSolver::Run() const {
  absl::Status valid = ValidateProblem(problem_);
  if (!valid.ok()) return valid;
  bool unit = true;
  for (const auto& account : problem_.accounts) unit = unit && account.weight == 1;
  return unit ? internal::SolveUnitAuction(problem_, progress_)
              : internal::SolveWeighted(problem_, progress_);
}

}  // namespace baton
