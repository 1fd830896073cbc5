// The rules an AssignmentProblem must follow (include/baton/assignment.hpp),
// as pieces that ValidateProblem, the CSV reader and the solver share: the
// reader checks each row as it reads it so that errors point into the file,
// the solver evaluates its own plan without validating the problem twice.
#ifndef BATON_LIB_ASSIGN_PROBLEM_VALIDATION_HPP_
#define BATON_LIB_ASSIGN_PROBLEM_VALIDATION_HPP_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "baton/assignment.hpp"

namespace baton::internal {

// Bounds that keep every sum of a plan's cost inside 64-bit integers.
inline constexpr std::int64_t kMaxMagnitude = std::int64_t{1}
                                              << 31;             // cost, penalty, lambda
inline constexpr std::int64_t kMaxLoad = std::int64_t{1} << 31;  // load, capacity, weight
inline constexpr std::size_t kMaxAccounts = std::size_t{1} << 28;
inline constexpr std::size_t kMaxReps = std::size_t{1} << 24;
inline constexpr std::size_t kMaxArcs = std::size_t{1} << 31;
// Bound on the sum over reps of lambda * (the most load the rep can reach)^2,
// so that the load cost, and the arc costs and penalties beside it, fit.
inline constexpr std::int64_t kMaxLoadCost = std::int64_t{1} << 60;

// What is wrong with a problem and where: an item, the field at fault
// (empty when the item as a whole is) and what is wrong with it.
struct ProblemIssue {
  enum class Item { kProblem, kRep, kAccount, kArc };
  Item item = Item::kProblem;
  std::size_t index = 0;
  std::string_view field;
  std::string message;  // "-5 is negative"
  // For a repeated id or arc: the index of the earlier item it repeats.
  std::optional<std::size_t> first;
};

// The checks of one item's own fields (not of ids against each other).
std::optional<ProblemIssue> CheckRep(const AssignmentProblem::Rep& rep,
                                     std::size_t index);
std::optional<ProblemIssue> CheckAccount(const AssignmentProblem::Account& account,
                                         std::size_t index);
std::optional<ProblemIssue> CheckArc(const AssignmentProblem::Arc& arc, std::size_t index,
                                     std::size_t accounts, std::size_t reps);

// The first issue of the problem: sizes, then reps, accounts and arcs in
// order, then repeated ids and arcs, then the load-cost bound. O(reps +
// accounts + arcs) time and memory of one hash set of account ids; arcs not
// grouped by account cost a sort of 4 bytes per arc.
std::optional<ProblemIssue> FindProblemIssue(const AssignmentProblem& problem);

// "rep r2", "account a3", "arc 17 (account a3 -> rep r9)".
std::string DescribeItem(const AssignmentProblem& problem, ProblemIssue::Item item,
                         std::size_t index);

// EvaluatePlan for a problem known to be valid: checks and costs the plan
// only. O(accounts + reps + arcs).
absl::Status EvaluateValidPlan(const AssignmentProblem& problem,
                               AssignmentSolution* solution);

}  // namespace baton::internal

#endif  // BATON_LIB_ASSIGN_PROBLEM_VALIDATION_HPP_
