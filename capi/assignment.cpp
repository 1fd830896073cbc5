// The C API of the assignment problem: problems built from arrays or read
// from CSV, the solver with its progress callback, and solutions.
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "baton/assignment.hpp"
#include "capi/guard.hpp"
#include "capi/handles.hpp"
#include "lib/assign/problem_validation.hpp"

namespace baton::capi {
namespace {

using Outcome = AssignmentSolution::Outcome;

static_assert(BATON_ASSIGNMENT_UNASSIGNED == AssignmentSolution::kUnassigned);
static_assert(BATON_ASSIGNMENT_NO_BOUND == std::numeric_limits<std::int64_t>::min());

// BATON_EINVALID naming `name` if a non-empty array is NULL.
int RequireArray(const void* array, std::size_t count, const char* name) {
  if (count == 0 || array != nullptr) return BATON_OK;
  return ArgError(std::string(name) + " is NULL");
}

// BATON_EINVALID if `count` exceeds what a problem may hold (the limits of
// docs/assignment-format.md), before anything is allocated or read: a count
// larger than the caller's arrays cannot be caught later.
int CheckCount(std::size_t count, std::size_t limit, const char* what) {
  if (count <= limit) return BATON_OK;
  return ArgError("count is " + std::to_string(count) + "; a problem holds at most " +
                  std::to_string(limit) + " " + what);
}

// Copies `count` C strings, refusing a NULL one by its position.
int CopyIds(const char* const* ids, std::size_t count, std::vector<std::string>* out) {
  BATON_RETURN_IF_ERROR(RequireArray(ids, count, "ids"));
  out->reserve(count);
  for (std::size_t k = 0; k < count; ++k) {
    if (ids[k] == nullptr) return ArgError("ids[" + std::to_string(k) + "] is NULL");
    out->emplace_back(ids[k]);
  }
  return BATON_OK;
}

std::int64_t At(const std::int64_t* values, std::size_t k, std::int64_t fallback) {
  return values != nullptr ? values[k] : fallback;
}

// The id of item `index` among `items` (reps or accounts) into a caller
// buffer, or BATON_ENOTFOUND.
template <typename Item>
int IdOf(char* buf, std::size_t cap, std::size_t* needed, const std::vector<Item>& items,
         std::uint32_t index, const char* kind) {
  if (index >= items.size()) {
    return CallError(BATON_ENOTFOUND, std::string(kind) + " index " +
                                          std::to_string(index) + " is out of range (" +
                                          std::to_string(items.size()) + " " + kind +
                                          "s)");
  }
  return CopyText(buf, cap, needed, items[index].id);
}

// Takes ownership of `solution` into a new handle stored in `*out`.
int Publish(baton_assignment_solution** out, AssignmentSolution solution,
            bool evaluated) {
  auto handle = std::make_unique<baton_assignment_solution>();
  handle->solution = std::move(solution);
  handle->evaluated = evaluated;
  *out = handle.release();
  return BATON_OK;
}

int OutcomeOf(const baton_assignment_solution& handle) {
  if (handle.evaluated) return BATON_ASSIGNMENT_EVALUATED;
  return handle.solution.outcome == Outcome::kOptimal ? BATON_ASSIGNMENT_OPTIMAL
                                                      : BATON_ASSIGNMENT_FEASIBLE;
}

}  // namespace
}  // namespace baton::capi

using baton::capi::CheckProblem;
using baton::capi::CheckSolution;
using baton::capi::FromStatus;
using baton::capi::Guard;
using baton::capi::RequireArray;

extern "C" {

BATON_API int baton_assignment_problem_create(baton_assignment_problem** out) {
  return Guard(__func__, [&] {
    BATON_REQUIRE(out);
    *out = new baton_assignment_problem();
    return BATON_OK;
  });
}

BATON_API void baton_assignment_problem_destroy(baton_assignment_problem* problem) {
  Guard(__func__, [&] {
    if (problem == nullptr) return BATON_OK;
    BATON_RETURN_IF_ERROR(CheckProblem(problem));
    problem->tag = baton::capi::kDeadTag;
    delete problem;
    return BATON_OK;
  });
}

BATON_API int baton_assignment_problem_read_csv(baton_assignment_problem** out,
                                                const char* directory) {
  return Guard(__func__, [&] {
    BATON_REQUIRE(out);
    BATON_REQUIRE(directory);
    absl::StatusOr<baton::AssignmentProblem> read = baton::ReadProblemCsv(directory);
    if (!read.ok()) return FromStatus(read.status());
    auto handle = std::make_unique<baton_assignment_problem>();
    handle->problem = std::move(*read);
    *out = handle.release();
    return BATON_OK;
  });
}

BATON_API int baton_assignment_problem_write_csv(const baton_assignment_problem* problem,
                                                 const char* directory) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(CheckProblem(problem));
    BATON_REQUIRE(directory);
    return FromStatus(baton::WriteProblemCsv(problem->problem, directory));
  });
}

BATON_API int baton_assignment_problem_set_reps(baton_assignment_problem* problem,
                                                const char* const* ids,
                                                const int64_t* load,
                                                const int64_t* capacity,
                                                const int64_t* lambda, size_t count) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(CheckProblem(problem));
    BATON_RETURN_IF_ERROR(
        baton::capi::CheckCount(count, baton::internal::kMaxReps, "reps"));
    BATON_RETURN_IF_ERROR(RequireArray(capacity, count, "capacity"));
    std::vector<std::string> names;
    BATON_RETURN_IF_ERROR(baton::capi::CopyIds(ids, count, &names));
    std::vector<baton::AssignmentProblem::Rep> reps(count);
    for (std::size_t k = 0; k < count; ++k) {
      reps[k].id = std::move(names[k]);
      reps[k].load = baton::capi::At(load, k, 0);
      reps[k].capacity = capacity[k];
      reps[k].lambda = baton::capi::At(lambda, k, 0);
    }
    problem->problem.reps = std::move(reps);
    return BATON_OK;
  });
}

BATON_API int baton_assignment_problem_set_accounts(baton_assignment_problem* problem,
                                                    const char* const* ids,
                                                    const int64_t* weight,
                                                    const int64_t* penalty,
                                                    size_t count) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(CheckProblem(problem));
    BATON_RETURN_IF_ERROR(
        baton::capi::CheckCount(count, baton::internal::kMaxAccounts, "accounts"));
    std::vector<std::string> names;
    BATON_RETURN_IF_ERROR(baton::capi::CopyIds(ids, count, &names));
    std::vector<baton::AssignmentProblem::Account> accounts(count);
    for (std::size_t k = 0; k < count; ++k) {
      accounts[k].id = std::move(names[k]);
      accounts[k].weight = baton::capi::At(weight, k, 1);
      accounts[k].unassigned_penalty = baton::capi::At(penalty, k, 0);
    }
    problem->problem.accounts = std::move(accounts);
    return BATON_OK;
  });
}

BATON_API int baton_assignment_problem_set_arcs(baton_assignment_problem* problem,
                                                const uint32_t* account,
                                                const uint32_t* rep, const int64_t* cost,
                                                size_t count) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(CheckProblem(problem));
    BATON_RETURN_IF_ERROR(
        baton::capi::CheckCount(count, baton::internal::kMaxArcs, "arcs"));
    BATON_RETURN_IF_ERROR(RequireArray(account, count, "account"));
    BATON_RETURN_IF_ERROR(RequireArray(rep, count, "rep"));
    BATON_RETURN_IF_ERROR(RequireArray(cost, count, "cost"));
    std::vector<baton::AssignmentProblem::Arc> arcs(count);
    for (std::size_t k = 0; k < count; ++k) arcs[k] = {account[k], rep[k], cost[k]};
    problem->problem.arcs = std::move(arcs);
    return BATON_OK;
  });
}

BATON_API int baton_assignment_problem_counts(size_t* reps, size_t* accounts,
                                              size_t* arcs,
                                              const baton_assignment_problem* problem) {
  return Guard(__func__, [&] {
    BATON_REQUIRE(reps);
    BATON_REQUIRE(accounts);
    BATON_REQUIRE(arcs);
    BATON_RETURN_IF_ERROR(CheckProblem(problem));
    *reps = problem->problem.reps.size();
    *accounts = problem->problem.accounts.size();
    *arcs = problem->problem.arcs.size();
    return BATON_OK;
  });
}

BATON_API int baton_assignment_problem_rep_id(char* buf, size_t cap, size_t* needed,
                                              const baton_assignment_problem* problem,
                                              uint32_t index) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(CheckProblem(problem));
    return baton::capi::IdOf(buf, cap, needed, problem->problem.reps, index, "rep");
  });
}

BATON_API int baton_assignment_problem_account_id(char* buf, size_t cap, size_t* needed,
                                                  const baton_assignment_problem* problem,
                                                  uint32_t index) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(CheckProblem(problem));
    return baton::capi::IdOf(buf, cap, needed, problem->problem.accounts, index,
                             "account");
  });
}

BATON_API int baton_assignment_problem_validate(const baton_assignment_problem* problem) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(CheckProblem(problem));
    return FromStatus(baton::ValidateProblem(problem->problem));
  });
}

BATON_API int baton_assignment_solve(baton_assignment_solution** out,
                                     const baton_assignment_problem* problem,
                                     baton_progress_fn progress, void* payload) {
  return Guard(__func__, [&] {
    BATON_REQUIRE(out);
    BATON_RETURN_IF_ERROR(CheckProblem(problem));
    baton::AssignmentSolver solver(problem->problem);
    if (progress != nullptr) {
      solver.SetProgress(
          [progress, payload](double done) { return progress(done, payload) != 0; });
    }
    absl::StatusOr<baton::AssignmentSolution> solution = solver.Run();
    if (!solution.ok()) return FromStatus(solution.status());
    if (solution->outcome == baton::capi::Outcome::kCancelled) {
      return baton::capi::CallError(BATON_ECANCELLED,
                                    "cancelled by the progress callback");
    }
    return baton::capi::Publish(out, std::move(*solution), false);
  });
}

BATON_API int baton_assignment_evaluate(baton_assignment_solution** out,
                                        const baton_assignment_problem* problem,
                                        const uint32_t* rep_of, size_t count) {
  return Guard(__func__, [&] {
    BATON_REQUIRE(out);
    BATON_RETURN_IF_ERROR(CheckProblem(problem));
    BATON_RETURN_IF_ERROR(RequireArray(rep_of, count, "rep_of"));
    // Checked before copying: a count longer than the caller's array would
    // otherwise be read past its end.
    const std::size_t accounts = problem->problem.accounts.size();
    if (count != accounts) {
      return baton::capi::SetError(
          BATON_EINVALID, "plan: rep_of has " + std::to_string(count) + " entries for " +
                              std::to_string(accounts) + " accounts");
    }
    baton::AssignmentSolution plan;
    if (count > 0) plan.rep_of.assign(rep_of, rep_of + count);
    BATON_RETURN_IF_ERROR(FromStatus(baton::EvaluatePlan(problem->problem, &plan)));
    plan.outcome = baton::capi::Outcome::kFeasible;
    plan.lower_bound = BATON_ASSIGNMENT_NO_BOUND;
    plan.relative_gap = std::numeric_limits<double>::quiet_NaN();
    return baton::capi::Publish(out, std::move(plan), true);
  });
}

BATON_API void baton_assignment_solution_destroy(baton_assignment_solution* solution) {
  Guard(__func__, [&] {
    if (solution == nullptr) return BATON_OK;
    BATON_RETURN_IF_ERROR(CheckSolution(solution));
    solution->tag = baton::capi::kDeadTag;
    delete solution;
    return BATON_OK;
  });
}

BATON_API int baton_assignment_solution_summary(
    baton_assignment_summary* out, const baton_assignment_solution* solution) {
  return Guard(__func__, [&] {
    BATON_REQUIRE(out);
    BATON_RETURN_IF_ERROR(
        baton::capi::CheckInfoVersion(out, BATON_ASSIGNMENT_SUMMARY_VERSION));
    BATON_RETURN_IF_ERROR(CheckSolution(solution));
    const baton::AssignmentSolution& s = solution->solution;
    out->outcome = baton::capi::OutcomeOf(*solution);
    out->objective = s.objective;
    out->arc_cost = s.arc_cost;
    out->load_cost = s.load_cost;
    out->penalty_cost = s.penalty_cost;
    out->lower_bound = s.lower_bound;
    out->relative_gap = s.relative_gap;
    return BATON_OK;
  });
}

BATON_API int baton_assignment_solution_rep_of(
    uint32_t* out, size_t cap, size_t* needed,
    const baton_assignment_solution* solution) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(CheckSolution(solution));
    const std::vector<std::uint32_t>& rep_of = solution->solution.rep_of;
    return baton::capi::CopyArray(out, cap, needed, rep_of.data(), rep_of.size());
  });
}

BATON_API int baton_assignment_solution_added_load(
    int64_t* out, size_t cap, size_t* needed, const baton_assignment_solution* solution) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(CheckSolution(solution));
    const std::vector<std::int64_t>& added = solution->solution.added_load;
    return baton::capi::CopyArray(out, cap, needed, added.data(), added.size());
  });
}

}  // extern "C"
