#include "lib/assign/problem_validation.hpp"

#include <algorithm>
#include <numeric>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "baton/assignment.hpp"
#include "lib/model/status_macros.hpp"
#include "lib/model/strings.hpp"
#include "lib/model/text.hpp"

namespace baton {
namespace internal {
namespace {

using Item = ProblemIssue::Item;
constexpr std::uint32_t kNoArc = 0xffffffffu;

ProblemIssue Issue(Item item, std::size_t index, std::string_view field,
                   std::string message) {
  ProblemIssue issue;
  issue.item = item;
  issue.index = index;
  issue.field = field;
  issue.message = std::move(message);
  return issue;
}

// Why `value` is outside [low, high], or "" if it is inside. Bounds are
// written as powers of two when they are one.
std::string OutsideRange(std::int64_t value, std::int64_t low, std::int64_t high) {
  if (value < low) {
    if (low == 0) return Cat(value, " is negative");
    if (low == 1) return Cat(value, " is not positive");
    return Cat(value, " is below -2^31");
  }
  if (value > high) return Cat(value, " exceeds 2^31");
  return "";
}

std::optional<ProblemIssue> CheckId(Item item, std::size_t index, const std::string& id) {
  std::string message;
  if (id.empty()) {
    message = "is empty";
  } else if (id.size() > kMaxIdBytes) {
    message = Cat("is ", id.size(), " bytes long, more than ", kMaxIdBytes);
  } else if (const std::size_t bad = FindInvalidUtf8(id); bad != std::string::npos) {
    message = Cat("invalid UTF-8 at byte ", bad + 1);
  } else if (const std::size_t nul = id.find('\0'); nul != std::string::npos) {
    // WriteProblemCsv could not write it so that ReadProblemCsv reads it back.
    message = Cat("NUL byte at byte ", nul + 1);
  } else {
    return std::nullopt;
  }
  return Issue(item, index, "id", std::move(message));
}

// The first id that repeats an earlier one among `items` (reps or accounts).
template <typename T>
std::optional<ProblemIssue> FindRepeatedId(Item item, const std::vector<T>& items) {
  absl::flat_hash_set<absl::string_view> seen;
  seen.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (seen.insert(items[i].id).second) continue;
    std::size_t first = 0;
    while (items[first].id != items[i].id) ++first;
    ProblemIssue issue = Issue(item, i, "id", Cat("'", items[i].id, "' is used twice"));
    issue.first = first;
    return issue;
  }
  return std::nullopt;
}

ProblemIssue RepeatedArc(std::size_t first, std::size_t second) {
  ProblemIssue issue = Issue(Item::kArc, second, "", "repeats an earlier arc");
  issue.first = first;
  return issue;
}

// Arcs grouped by account (each account's arcs in one run) are checked with
// one mark per rep; anything else is sorted. A problem built account by
// account, as generators, the CSV format and Layer 2 do, takes the fast way.
std::optional<ProblemIssue> FindRepeatedArc(const AssignmentProblem& problem) {
  const auto& arcs = problem.arcs;
  // Per rep, the last arc to it and that arc's account: both small arrays,
  // so the scan never reaches back into the (large) arc list.
  std::vector<std::uint32_t> last_arc(problem.reps.size(), kNoArc);
  std::vector<std::uint32_t> last_account(problem.reps.size(), kNoArc);
  std::vector<bool> done(problem.accounts.size(), false);
  bool grouped = true;
  for (std::size_t e = 0; e < arcs.size(); ++e) {
    const std::uint32_t account = arcs[e].account;
    if (e > 0 && arcs[e - 1].account != account) {
      if (done[account]) {
        grouped = false;
        break;
      }
      done[arcs[e - 1].account] = true;
    }
    const std::uint32_t rep = arcs[e].rep;
    if (last_account[rep] == account) return RepeatedArc(last_arc[rep], e);
    last_account[rep] = account;
    last_arc[rep] = static_cast<std::uint32_t>(e);
  }
  if (grouped) return std::nullopt;

  std::vector<std::uint32_t> order(arcs.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) {
    const auto& a = arcs[x];
    const auto& b = arcs[y];
    if (a.account != b.account) return a.account < b.account;
    if (a.rep != b.rep) return a.rep < b.rep;
    return x < y;
  });
  // Of all repeats, report the one that comes first in the problem.
  std::optional<std::pair<std::uint32_t, std::uint32_t>> found;
  for (std::size_t k = 1; k < order.size(); ++k) {
    const auto& a = arcs[order[k - 1]];
    const auto& b = arcs[order[k]];
    if (a.account != b.account || a.rep != b.rep) continue;
    // order[k - 1] is the first of its run only if the run starts there.
    std::size_t start = k - 1;
    while (start > 0 && arcs[order[start - 1]].account == a.account &&
           arcs[order[start - 1]].rep == a.rep) {
      --start;
    }
    if (!found || order[k] < found->second) found.emplace(order[start], order[k]);
  }
  if (found) return RepeatedArc(found->first, found->second);
  return std::nullopt;
}

std::int64_t TotalWeight(const AssignmentProblem& problem) {
  std::int64_t total = 0;
  for (const auto& account : problem.accounts) total += account.weight;
  return total;
}

// lambda * L^2 at the most load L each rep can reach, summed over reps.
std::optional<ProblemIssue> CheckLoadCost(const AssignmentProblem& problem) {
  const std::int64_t total_weight = TotalWeight(problem);
  std::int64_t sum = 0;
  for (std::size_t j = 0; j < problem.reps.size(); ++j) {
    const auto& rep = problem.reps[j];
    if (rep.lambda == 0) continue;
    const std::int64_t most = std::min(rep.capacity, rep.load + total_weight);
    const std::int64_t square = most * most;  // most <= 2^31
    if (square > (kMaxLoadCost - sum) / rep.lambda) {
      return Issue(Item::kRep, j, "lambda",
                   Cat(rep.lambda, " * ", most,
                       "^2 (the most load the rep can reach) brings the load cost of "
                       "the problem over 2^60"));
    }
    sum += rep.lambda * square;
  }
  return std::nullopt;
}

std::optional<ProblemIssue> CheckSizes(const AssignmentProblem& problem) {
  const auto too_many = [](std::size_t n, std::string_view what, std::string_view limit) {
    return Issue(Item::kProblem, 0, "",
                 Cat(n, " ", what, " exceed the limit of ", limit));
  };
  if (problem.reps.size() > kMaxReps)
    return too_many(problem.reps.size(), "reps", "2^24");
  if (problem.accounts.size() > kMaxAccounts) {
    return too_many(problem.accounts.size(), "accounts", "2^28");
  }
  if (problem.arcs.size() > kMaxArcs)
    return too_many(problem.arcs.size(), "arcs", "2^31");
  return std::nullopt;
}

// "rep r2", or "rep index 2" when the id cannot name it (missing, empty,
// not UTF-8 or holding a NUL).
template <typename T>
std::string Name(std::string_view kind, const std::vector<T>& items, std::size_t index) {
  if (index < items.size() && !items[index].id.empty() &&
      FindInvalidUtf8(items[index].id) == std::string::npos &&
      items[index].id.find('\0') == std::string::npos) {
    return Cat(kind, " ", items[index].id);
  }
  return Cat(kind, " index ", index);
}

absl::Status IssueToStatus(const AssignmentProblem& problem, const ProblemIssue& issue) {
  std::string text = DescribeItem(problem, issue.item, issue.index);
  if (!issue.field.empty()) text = Cat(text, ": ", issue.field);
  text = Cat(text, ": ", issue.message);
  if (issue.first && issue.item == Item::kArc) {
    text = Cat(text, " (arc ", *issue.first, ")");
  } else if (issue.first) {
    text = Cat(text, " (", issue.item == Item::kRep ? "reps " : "accounts ", *issue.first,
               " and ", issue.index, ")");
  }
  return absl::InvalidArgumentError(text);
}

}  // namespace

std::optional<ProblemIssue> CheckRep(const AssignmentProblem::Rep& rep,
                                     std::size_t index) {
  if (auto issue = CheckId(Item::kRep, index, rep.id)) return issue;
  std::string message = OutsideRange(rep.load, 0, kMaxLoad);
  if (!message.empty()) return Issue(Item::kRep, index, "load", std::move(message));
  message = OutsideRange(rep.capacity, 0, kMaxLoad);
  if (message.empty() && rep.capacity < rep.load) {
    message = Cat(rep.capacity, " is below the load ", rep.load);
  }
  if (!message.empty()) return Issue(Item::kRep, index, "capacity", std::move(message));
  message = OutsideRange(rep.lambda, 0, kMaxMagnitude);
  if (!message.empty()) {
    if (rep.lambda < 0) message += " (the load cost must be convex)";
    return Issue(Item::kRep, index, "lambda", std::move(message));
  }
  return std::nullopt;
}

std::optional<ProblemIssue> CheckAccount(const AssignmentProblem::Account& account,
                                         std::size_t index) {
  if (auto issue = CheckId(Item::kAccount, index, account.id)) return issue;
  std::string message = OutsideRange(account.weight, 1, kMaxLoad);
  if (!message.empty()) return Issue(Item::kAccount, index, "weight", std::move(message));
  message = OutsideRange(account.unassigned_penalty, -kMaxMagnitude, kMaxMagnitude);
  if (!message.empty()) {
    return Issue(Item::kAccount, index, "unassigned_penalty", std::move(message));
  }
  return std::nullopt;
}

std::optional<ProblemIssue> CheckArc(const AssignmentProblem::Arc& arc, std::size_t index,
                                     std::size_t accounts, std::size_t reps) {
  if (arc.account >= accounts) {
    return Issue(
        Item::kArc, index, "account",
        Cat("index ", arc.account, " is out of range (", accounts, " accounts)"));
  }
  if (arc.rep >= reps) {
    return Issue(Item::kArc, index, "rep",
                 Cat("index ", arc.rep, " is out of range (", reps, " reps)"));
  }
  std::string message = OutsideRange(arc.cost, -kMaxMagnitude, kMaxMagnitude);
  if (!message.empty()) return Issue(Item::kArc, index, "cost", std::move(message));
  return std::nullopt;
}

std::optional<ProblemIssue> FindProblemIssue(const AssignmentProblem& problem) {
  if (auto issue = CheckSizes(problem)) return issue;
  for (std::size_t j = 0; j < problem.reps.size(); ++j) {
    if (auto issue = CheckRep(problem.reps[j], j)) return issue;
  }
  for (std::size_t i = 0; i < problem.accounts.size(); ++i) {
    if (auto issue = CheckAccount(problem.accounts[i], i)) return issue;
  }
  const std::size_t accounts = problem.accounts.size();
  const std::size_t reps = problem.reps.size();
  // The hot loop of large problems: plain comparisons, CheckArc only to say
  // what is wrong.
  for (std::size_t e = 0; e < problem.arcs.size(); ++e) {
    const auto& arc = problem.arcs[e];
    if (arc.account >= accounts || arc.rep >= reps || arc.cost < -kMaxMagnitude ||
        arc.cost > kMaxMagnitude) {
      return CheckArc(arc, e, accounts, reps);
    }
  }
  if (auto issue = FindRepeatedId(Item::kRep, problem.reps)) return issue;
  if (auto issue = FindRepeatedId(Item::kAccount, problem.accounts)) return issue;
  if (auto issue = FindRepeatedArc(problem)) return issue;
  return CheckLoadCost(problem);
}

std::string DescribeItem(const AssignmentProblem& problem, ProblemIssue::Item item,
                         std::size_t index) {
  switch (item) {
    case Item::kProblem:
      return "problem";
    case Item::kRep:
      return Name("rep", problem.reps, index);
    case Item::kAccount:
      return Name("account", problem.accounts, index);
    case Item::kArc:
      break;
  }
  const auto& arc = problem.arcs[index];
  return Cat("arc ", index, " (", Name("account", problem.accounts, arc.account), " -> ",
             Name("rep", problem.reps, arc.rep), ")");
}

namespace {

// Sum of the costs of the plan's arcs; FailedPrecondition naming the first
// account whose rep is not one of its arcs.
absl::Status SumArcCosts(const AssignmentProblem& problem,
                         const std::vector<std::uint32_t>& rep_of, std::size_t assigned,
                         std::int64_t* arc_cost) {
  std::int64_t sum = 0;
  std::size_t matched = 0;
  for (const auto& arc : problem.arcs) {
    if (rep_of[arc.account] != arc.rep) continue;
    sum += arc.cost;
    ++matched;
  }
  if (matched == assigned) {
    *arc_cost = sum;
    return absl::OkStatus();
  }
  // Rare: find which account it is (arcs are unique, so some account has none).
  std::vector<bool> has_arc(rep_of.size(), false);
  for (const auto& arc : problem.arcs) {
    if (rep_of[arc.account] == arc.rep) has_arc[arc.account] = true;
  }
  std::size_t i = 0;
  while (rep_of[i] == AssignmentSolution::kUnassigned || has_arc[i]) ++i;
  return absl::FailedPreconditionError(Cat("account ", problem.accounts[i].id, ": rep ",
                                           problem.reps[rep_of[i]].id,
                                           " is not one of its arcs"));
}

}  // namespace

absl::Status EvaluateValidPlan(const AssignmentProblem& problem,
                               AssignmentSolution* solution) {
  const std::vector<std::uint32_t>& rep_of = solution->rep_of;
  if (rep_of.size() != problem.accounts.size()) {
    return absl::InvalidArgumentError(Cat("plan: rep_of has ", rep_of.size(),
                                          " entries for ", problem.accounts.size(),
                                          " accounts"));
  }
  std::vector<std::int64_t> added(problem.reps.size(), 0);
  std::int64_t penalty_cost = 0;
  std::size_t assigned = 0;
  for (std::size_t i = 0; i < rep_of.size(); ++i) {
    const auto& account = problem.accounts[i];
    if (rep_of[i] == AssignmentSolution::kUnassigned) {
      penalty_cost += account.unassigned_penalty;
    } else if (rep_of[i] >= problem.reps.size()) {
      return absl::FailedPreconditionError(Cat("account ", account.id, ": rep index ",
                                               rep_of[i], " is out of range (",
                                               problem.reps.size(), " reps)"));
    } else {
      added[rep_of[i]] += account.weight;
      ++assigned;
    }
  }
  std::int64_t arc_cost = 0;
  BATON_RETURN_IF_ERROR(SumArcCosts(problem, rep_of, assigned, &arc_cost));
  std::int64_t load_cost = 0;
  for (std::size_t j = 0; j < problem.reps.size(); ++j) {
    const auto& rep = problem.reps[j];
    const std::int64_t load = rep.load + added[j];
    if (load > rep.capacity) {
      return absl::FailedPreconditionError(Cat("rep ", rep.id, ": load ", rep.load, " + ",
                                               added[j], " added exceeds capacity ",
                                               rep.capacity));
    }
    // Validation bounds lambda * load^2 by 2^60, so neither term overflows.
    load_cost += rep.lambda * (load * load) - rep.lambda * (rep.load * rep.load);
  }
  solution->added_load = std::move(added);
  solution->arc_cost = arc_cost;
  solution->load_cost = load_cost;
  solution->penalty_cost = penalty_cost;
  solution->objective = arc_cost + load_cost + penalty_cost;
  return absl::OkStatus();
}

}  // namespace internal

absl::Status ValidateProblem(const AssignmentProblem& problem) {
  if (auto issue = internal::FindProblemIssue(problem)) {
    return internal::IssueToStatus(problem, *issue);
  }
  return absl::OkStatus();
}

absl::Status EvaluatePlan(const AssignmentProblem& problem,
                          AssignmentSolution* solution) {
  BATON_RETURN_IF_ERROR(ValidateProblem(problem));
  return internal::EvaluateValidPlan(problem, solution);
}

}  // namespace baton
