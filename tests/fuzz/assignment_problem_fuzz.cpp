// Fuzz target: an assignment problem directory (reps.csv, accounts.csv,
// arcs.csv given as "== NAME" sections). An accepted problem must write and
// read back unchanged, and a small one is solved: the plan must cost what
// EvaluatePlan says, and never less than its lower bound.
#include <string>
#include <string_view>
#include <tuple>

#include "baton/assignment.hpp"
#include "tests/fuzz/fuzz_contract.hpp"

namespace {

using baton::AssignmentProblem;
using baton::fuzz::Broken;

bool Same(const AssignmentProblem& a, const AssignmentProblem& b) {
  const auto rep = [](const AssignmentProblem::Rep& r) {
    return std::tie(r.id, r.load, r.capacity, r.lambda);
  };
  const auto account = [](const AssignmentProblem::Account& x) {
    return std::tie(x.id, x.weight, x.unassigned_penalty);
  };
  const auto arc = [](const AssignmentProblem::Arc& x) {
    return std::tie(x.account, x.rep, x.cost);
  };
  if (a.reps.size() != b.reps.size() || a.accounts.size() != b.accounts.size() ||
      a.arcs.size() != b.arcs.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.reps.size(); ++i) {
    if (rep(a.reps[i]) != rep(b.reps[i])) return false;
  }
  for (std::size_t i = 0; i < a.accounts.size(); ++i) {
    if (account(a.accounts[i]) != account(b.accounts[i])) return false;
  }
  for (std::size_t i = 0; i < a.arcs.size(); ++i) {
    if (arc(a.arcs[i]) != arc(b.arcs[i])) return false;
  }
  return true;
}

void CheckRoundTrip(const AssignmentProblem& problem) {
  const std::string dir = baton::fuzz::ScratchDir("problem-round-trip");
  if (absl::Status s = baton::WriteProblemCsv(problem, dir); !s.ok()) {
    Broken("cannot write a problem that was read", s);
  }
  absl::StatusOr<AssignmentProblem> again = baton::ReadProblemCsv(dir);
  if (!again.ok()) Broken("cannot read a problem just written", again.status());
  if (!Same(problem, *again)) Broken("write -> read changed the problem", again.status());
}

void CheckSolution(const AssignmentProblem& problem) {
  absl::StatusOr<baton::AssignmentSolution> plan = baton::AssignmentSolver(problem).Run();
  if (!plan.ok()) Broken("a problem that was read cannot be solved", plan.status());
  baton::AssignmentSolution costed;
  costed.rep_of = plan->rep_of;
  if (absl::Status s = baton::EvaluatePlan(problem, &costed); !s.ok()) {
    Broken("the solver's plan breaks the problem's rules", s);
  }
  if (costed.objective != plan->objective) {
    Broken("the plan does not cost what the solver says", absl::OkStatus());
  }
  if (plan->objective < plan->lower_bound) {
    Broken("the plan costs less than its lower bound", absl::OkStatus());
  }
  if (plan->outcome == baton::AssignmentSolution::Outcome::kOptimal &&
      plan->objective != plan->lower_bound) {
    Broken("an optimal plan whose bound is not its cost", absl::OkStatus());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string dir = baton::fuzz::ScratchDir("problem");
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  for (const baton::fuzz::NamedFile& file : baton::fuzz::SplitFiles(input)) {
    if (file.name == "reps.csv" || file.name == "accounts.csv" ||
        file.name == "arcs.csv") {
      baton::fuzz::WriteFile(dir + "/" + file.name, file.bytes);
    }
  }
  absl::StatusOr<AssignmentProblem> problem = baton::ReadProblemCsv(dir);
  if (!problem.ok()) {
    baton::fuzz::RequireLocatedError(problem.status(), dir);
    return 0;
  }
  CheckRoundTrip(*problem);
  // Small problems only, so that an execution stays in milliseconds.
  if (problem->accounts.size() <= 64 && problem->arcs.size() <= 512) {
    CheckSolution(*problem);
  }
  return 0;
}
