// AssignmentSolver against independent exact solvers on hundreds of seeded
// random instances, and the rules, evaluation, file format and generator
// around it.
#include "baton/assignment.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/assign/problem_generator.hpp"
#include "lib/assign/shortest_paths.hpp"
#include "tests/core/assignment_reference.hpp"

namespace baton {
namespace {

namespace fs = std::filesystem;
using internal::GenerateProblem;
using internal::ProblemGeneratorOptions;
using internal::SplitMix64;
using ::testing::HasSubstr;
using Outcome = AssignmentSolution::Outcome;
constexpr std::uint32_t kUnassigned = AssignmentSolution::kUnassigned;

// --- random instances --------------------------------------------------------

// A small instance meant to find the corners: a few reps with lambda 0..7,
// some already loaded, capacities from zero to roomy (often too little for
// everyone, so some accounts stay out), costs from a narrow range (ties),
// sometimes negative, penalties from cheap to prohibitive.
AssignmentProblem RandomProblem(std::uint64_t seed, std::size_t max_accounts,
                                std::size_t max_reps, bool weighted) {
  SplitMix64 random(seed);
  ProblemGeneratorOptions options;
  options.seed = random.Next();
  options.accounts = static_cast<std::size_t>(random.Between(1, max_accounts));
  options.reps = static_cast<std::size_t>(random.Between(1, max_reps));
  options.candidates = static_cast<std::size_t>(random.Between(1, options.reps));
  options.max_cost = random.Below(2) ? 3 : 60;
  options.weighted = weighted;
  AssignmentProblem problem = GenerateProblem(options);

  const std::int64_t share =
      static_cast<std::int64_t>(problem.accounts.size() * (weighted ? 3 : 1) /
                                problem.reps.size()) +
      1;
  for (auto& rep : problem.reps) {
    rep.lambda = random.Between(0, 7);
    rep.load = random.Below(3) == 0 ? random.Between(1, 6) : 0;
    const std::uint32_t roomy = random.Below(4);  // 0: none, 1: tight, 2-3: ample
    const std::int64_t room = roomy == 0   ? 0
                              : roomy == 1 ? random.Between(0, share)
                                           : random.Between(share, 2 * share);
    rep.capacity = rep.load + room;
  }
  const bool negative = random.Below(5) == 0;
  for (auto& arc : problem.arcs) {
    if (negative) arc.cost -= 30;
  }
  const std::uint32_t penalties = random.Below(3);  // 0: cheap, 1: mixed, 2: prohibitive
  for (auto& account : problem.accounts) {
    account.unassigned_penalty = penalties == 0   ? random.Between(-5, 80)
                                 : penalties == 1 ? random.Between(0, 400)
                                                  : 1000000;
  }
  return problem;
}

// The cost of a plan, recomputed here from scratch; also checks that the
// plan keeps every capacity and uses only arcs.
std::int64_t CheckedCost(const AssignmentProblem& problem,
                         const std::vector<std::uint32_t>& rep_of) {
  EXPECT_EQ(rep_of.size(), problem.accounts.size());
  if (rep_of.size() != problem.accounts.size()) return 0;
  std::vector<std::int64_t> load(problem.reps.size());
  for (std::size_t j = 0; j < load.size(); ++j) load[j] = problem.reps[j].load;
  std::vector<bool> has_arc(rep_of.size(), false);
  std::int64_t cost = 0;
  for (const auto& arc : problem.arcs) {
    if (rep_of[arc.account] != arc.rep) continue;
    EXPECT_FALSE(has_arc[arc.account]);
    has_arc[arc.account] = true;
    cost += arc.cost;
  }
  for (std::size_t i = 0; i < rep_of.size(); ++i) {
    if (rep_of[i] == kUnassigned) {
      cost += problem.accounts[i].unassigned_penalty;
      continue;
    }
    EXPECT_TRUE(has_arc[i]) << "account " << i << " given to rep " << rep_of[i]
                            << " without an arc";
    if (rep_of[i] < load.size()) load[rep_of[i]] += problem.accounts[i].weight;
  }
  for (std::size_t j = 0; j < load.size(); ++j) {
    const auto& rep = problem.reps[j];
    EXPECT_LE(load[j], rep.capacity) << "rep " << rep.id << " over capacity";
    cost += rep.lambda * (load[j] * load[j] - rep.load * rep.load);
  }
  return cost;
}

// The solution's own figures agree with its plan and with EvaluatePlan.
void ExpectConsistent(const AssignmentProblem& problem,
                      const AssignmentSolution& solution) {
  EXPECT_EQ(CheckedCost(problem, solution.rep_of), solution.objective);
  AssignmentSolution again;
  again.rep_of = solution.rep_of;
  ASSERT_TRUE(EvaluatePlan(problem, &again).ok());
  EXPECT_EQ(again.objective, solution.objective);
  EXPECT_EQ(again.arc_cost, solution.arc_cost);
  EXPECT_EQ(again.load_cost, solution.load_cost);
  EXPECT_EQ(again.penalty_cost, solution.penalty_cost);
  EXPECT_EQ(again.added_load, solution.added_load);
}

AssignmentSolution Solve(const AssignmentProblem& problem) {
  absl::StatusOr<AssignmentSolution> solution = AssignmentSolver(problem).Run();
  EXPECT_TRUE(solution.ok()) << solution.status();
  return solution.ok() ? *std::move(solution) : AssignmentSolution();
}

TEST(AssignmentReferenceTest, FlowAndEnumerationAgreeOnTinyUnitProblems) {
  for (std::uint64_t seed = 0; seed < 300; ++seed) {
    const AssignmentProblem problem = RandomProblem(seed, 7, 3, false);
    const testing::ReferencePlan flow = testing::SolveByFlow(problem);
    const testing::ReferencePlan enumerated = testing::SolveByEnumeration(problem);
    ASSERT_EQ(flow.objective, enumerated.objective) << "seed " << seed;
    EXPECT_EQ(CheckedCost(problem, flow.rep_of), flow.objective) << "seed " << seed;
    EXPECT_EQ(CheckedCost(problem, enumerated.rep_of), enumerated.objective);
  }
}

// Among these, a few dozen (a capacity shortage under prohibitive
// penalties) start the auction on a price war, which it hands over to the
// shortest paths: both solvers are checked here.
constexpr std::uint64_t kSmallUnitSeeds = 600;

TEST(AssignmentSolverTest, MatchesMinCostFlowOnSmallUnitProblems) {
  for (std::uint64_t seed = 0; seed < kSmallUnitSeeds; ++seed) {
    SCOPED_TRACE(::testing::Message() << "seed " << seed);
    const AssignmentProblem problem = RandomProblem(1000 + seed, 40, 6, false);
    ASSERT_TRUE(ValidateProblem(problem).ok());
    const testing::ReferencePlan reference = testing::SolveByFlow(problem);
    const AssignmentSolution solution = Solve(problem);
    EXPECT_EQ(solution.outcome, Outcome::kOptimal);
    EXPECT_EQ(solution.objective, reference.objective);
    EXPECT_EQ(solution.lower_bound, solution.objective);
    EXPECT_EQ(solution.relative_gap, 0.0);
    ExpectConsistent(problem, solution);
    if (::testing::Test::HasFailure()) break;
  }
}

TEST(AssignmentSolverTest, MatchesMinCostFlowOnLargerUnitProblems) {
  for (std::uint64_t seed = 0; seed < 10; ++seed) {
    SCOPED_TRACE(::testing::Message() << "seed " << seed);
    const AssignmentProblem problem = RandomProblem(5000 + seed, 250, 12, false);
    const testing::ReferencePlan reference = testing::SolveByFlow(problem);
    const AssignmentSolution solution = Solve(problem);
    EXPECT_EQ(solution.outcome, Outcome::kOptimal);
    EXPECT_EQ(solution.objective, reference.objective);
    EXPECT_EQ(solution.lower_bound, solution.objective);
    ExpectConsistent(problem, solution);
    if (::testing::Test::HasFailure()) break;
  }
}

// The fallback on its own, against the same reference: its plan, and a
// bound from its potentials that proves it.
TEST(ShortestPathsTest, MatchesMinCostFlowOnSmallUnitProblems) {
  for (std::uint64_t seed = 0; seed < kSmallUnitSeeds; ++seed) {
    SCOPED_TRACE(::testing::Message() << "seed " << seed);
    const AssignmentProblem problem = RandomProblem(1000 + seed, 40, 6, false);
    const AssignmentSolution solution = internal::SolveByShortestPaths(problem, nullptr);
    EXPECT_EQ(solution.outcome, Outcome::kOptimal);
    EXPECT_EQ(solution.objective, testing::SolveByFlow(problem).objective);
    EXPECT_EQ(solution.lower_bound, solution.objective);
    ExpectConsistent(problem, solution);
    if (::testing::Test::HasFailure()) break;
  }
}

TEST(ShortestPathsTest, CancelledByProgress) {
  const AssignmentProblem problem = RandomProblem(1211, 40, 6, false);
  const AssignmentSolution solution =
      internal::SolveByShortestPaths(problem, [](double) { return false; });
  EXPECT_EQ(solution.outcome, Outcome::kCancelled);
  EXPECT_TRUE(solution.rep_of.empty());
}

// Room for 80 % of the accounts and a penalty of 10^6 for each left out:
// prices must climb from the arc costs (at most 1,000) to the penalty by
// epsilon steps, 17 M bids before the auction got there (48 s). It now
// gives up after a few hundred bids an account and the shortest paths
// finish; the count of bids and paths says which way it went.
TEST(AssignmentSolverTest, ShortageUnderProhibitivePenaltiesEndsTheWar) {
  ProblemGeneratorOptions options;
  options.seed = 5;
  options.accounts = 1000;
  options.reps = 10;
  options.candidates = 5;
  options.capacity_percent = 80;
  const AssignmentProblem problem = GenerateProblem(options);
  std::vector<double> reports;
  absl::StatusOr<AssignmentSolution> solution = AssignmentSolver(problem)
                                                    .SetProgress([&](double done) {
                                                      reports.push_back(done);
                                                      return true;
                                                    })
                                                    .Run();
  ASSERT_TRUE(solution.ok()) << solution.status();
  EXPECT_EQ(solution->outcome, Outcome::kOptimal);
  EXPECT_EQ(solution->objective, testing::SolveByFlow(problem).objective);
  EXPECT_EQ(solution->lower_bound, solution->objective);
  EXPECT_EQ(std::count(solution->rep_of.begin(), solution->rep_of.end(), kUnassigned),
            200);
  EXPECT_LT(solution->bids, 1'000'000);
  ExpectConsistent(problem, *solution);
  ASSERT_FALSE(reports.empty());
  EXPECT_EQ(reports.back(), 1.0);
  for (const double done : reports) {
    EXPECT_GE(done, 0.0);
    EXPECT_LE(done, 1.0);
  }
}

TEST(AssignmentSolverTest, GeneratedInstanceIsOptimal) {
  ProblemGeneratorOptions options;  // the benchmark's shape, smaller
  options.accounts = 400;
  options.reps = 10;
  options.candidates = 4;
  const AssignmentProblem problem = GenerateProblem(options);
  const AssignmentSolution solution = Solve(problem);
  EXPECT_EQ(solution.outcome, Outcome::kOptimal);
  EXPECT_EQ(solution.objective, testing::SolveByFlow(problem).objective);
  EXPECT_EQ(solution.lower_bound, solution.objective);
  EXPECT_GT(solution.bids, 0);
  ExpectConsistent(problem, solution);
}

// Large enough (S = N + 1 well above the proof level's divisor) that the
// solver stops on the certificate after a phase with epsilon well above
// 1 / (N + 1), and with narrow costs (ties) or tight capacity: the early
// stop must still give the reference optimum, and a bound equal to it.
TEST(AssignmentSolverTest, CertificateStopMatchesMinCostFlow) {
  for (std::uint64_t seed = 0; seed < 6; ++seed) {
    SCOPED_TRACE(::testing::Message() << "seed " << seed);
    ProblemGeneratorOptions options;
    options.seed = 77 + seed;
    options.accounts = 1500;
    options.reps = 30;
    options.candidates = 5;
    options.max_cost = seed % 2 == 0 ? 6 : 1000;
    options.capacity_percent = seed % 3 == 0 ? 90 : 120;  // 90: some stay out
    options.unassigned_penalty = seed % 3 == 0 ? 900 : 1000000;
    const AssignmentProblem problem = GenerateProblem(options);
    const AssignmentSolution solution = Solve(problem);
    EXPECT_EQ(solution.outcome, Outcome::kOptimal);
    EXPECT_EQ(solution.objective, testing::SolveByFlow(problem).objective);
    EXPECT_EQ(solution.lower_bound, solution.objective);
    ExpectConsistent(problem, solution);
    if (::testing::Test::HasFailure()) break;
  }
}

TEST(AssignmentSolverTest, WeightedPlansAreFeasibleAndBracketTheOptimum) {
  for (std::uint64_t seed = 0; seed < 300; ++seed) {
    SCOPED_TRACE(::testing::Message() << "seed " << seed);
    const AssignmentProblem problem = RandomProblem(9000 + seed, 7, 3, true);
    ASSERT_TRUE(ValidateProblem(problem).ok());
    const testing::ReferencePlan optimum = testing::SolveByEnumeration(problem);
    const AssignmentSolution solution = Solve(problem);
    ASSERT_NE(solution.outcome, Outcome::kCancelled);
    EXPECT_GE(solution.objective, optimum.objective);
    EXPECT_LE(solution.lower_bound, optimum.objective);
    if (solution.outcome == Outcome::kOptimal) {
      EXPECT_EQ(solution.objective, optimum.objective);
      EXPECT_EQ(solution.lower_bound, solution.objective);
    }
    const double gap =
        static_cast<double>(solution.objective - solution.lower_bound) /
        std::max<double>(1.0, std::abs(static_cast<double>(solution.objective)));
    EXPECT_DOUBLE_EQ(solution.relative_gap, gap);
    ExpectConsistent(problem, solution);
    if (::testing::Test::HasFailure()) break;
  }
}

TEST(AssignmentSolverTest, EmptyAndTrivialProblems) {
  AssignmentProblem empty;
  AssignmentSolution solution = Solve(empty);
  EXPECT_EQ(solution.outcome, Outcome::kOptimal);
  EXPECT_EQ(solution.objective, 0);
  EXPECT_TRUE(solution.rep_of.empty());

  AssignmentProblem no_reps;  // everyone stays out and pays
  no_reps.accounts = {{"a", 1, 7}, {"b", 1, -2}};
  solution = Solve(no_reps);
  EXPECT_EQ(solution.outcome, Outcome::kOptimal);
  EXPECT_EQ(solution.objective, 5);
  EXPECT_EQ(solution.penalty_cost, 5);
  EXPECT_EQ(solution.rep_of, (std::vector<std::uint32_t>{kUnassigned, kUnassigned}));
}

TEST(AssignmentSolverTest, KnownOptimumWithLoadCost) {
  // Two reps with lambda 1, r1 already at load 2; four accounts that cost 0
  // anywhere, except a3 at r1 (10). With x accounts at r0 the load cost is
  // x^2 + ((6 - x)^2 - 4): 16, 14, 16, 22 for x = 4, 3, 2, 1; so r0 takes
  // three, a3 among them.
  AssignmentProblem problem;
  problem.reps = {{"r0", 0, 10, 1}, {"r1", 2, 10, 1}};
  problem.accounts = {{"a0", 1, 100}, {"a1", 1, 100}, {"a2", 1, 100}, {"a3", 1, 100}};
  problem.arcs = {{0, 0, 0}, {0, 1, 0}, {1, 0, 0}, {1, 1, 0},
                  {2, 0, 0}, {2, 1, 0}, {3, 0, 0}, {3, 1, 10}};
  const AssignmentSolution solution = Solve(problem);
  EXPECT_EQ(solution.objective, 14);
  EXPECT_EQ(solution.load_cost, 14);
  EXPECT_EQ(solution.added_load, (std::vector<std::int64_t>{3, 1}));
  EXPECT_EQ(solution.rep_of[3], 0u);
  ExpectConsistent(problem, solution);
}

TEST(AssignmentSolverTest, TiesGoToTheLowerRepIndex) {
  AssignmentProblem problem;
  problem.reps = {{"r0", 0, 5, 0}, {"r1", 0, 5, 0}, {"r2", 0, 5, 0}};
  problem.accounts = {{"a0", 1, 1000}};
  problem.arcs = {{0, 2, 4}, {0, 1, 4}, {0, 0, 4}};
  EXPECT_EQ(Solve(problem).rep_of, (std::vector<std::uint32_t>{0}));
  problem.arcs = {{0, 2, 4}, {0, 1, 4}};
  EXPECT_EQ(Solve(problem).rep_of, (std::vector<std::uint32_t>{1}));
}

TEST(AssignmentSolverTest, SameProblemSamePlan) {
  ProblemGeneratorOptions options;
  options.accounts = 3000;
  options.reps = 30;
  options.candidates = 6;
  options.max_cost = 5;  // many ties
  const AssignmentProblem problem = GenerateProblem(options);
  const AssignmentProblem copy = problem;
  const AssignmentSolution first = Solve(problem);
  const AssignmentSolution second = Solve(copy);
  EXPECT_EQ(first.rep_of, second.rep_of);
  EXPECT_EQ(first.objective, second.objective);
  EXPECT_EQ(first.lower_bound, second.lower_bound);
  EXPECT_EQ(first.bids, second.bids);

  options.weighted = true;
  const AssignmentProblem weighted = GenerateProblem(options);
  EXPECT_EQ(Solve(weighted).rep_of, Solve(weighted).rep_of);
}

// Groups of equal accounts with wide costs (like the unit tokens of a
// weighted account): a jump to a small epsilon can start a long price war
// here, which the solver cuts short by a bid budget before going on with
// the geometric schedule. Still the reference optimum, proven.
TEST(AssignmentSolverTest, EqualAccountsWithWideCostsMatchMinCostFlow) {
  for (std::uint64_t seed = 0; seed < 3; ++seed) {
    SCOPED_TRACE(::testing::Message() << "seed " << seed);
    ProblemGeneratorOptions options;
    options.seed = 300 + seed;
    options.accounts = 60;
    options.reps = 8;
    options.candidates = 4;
    options.max_cost = 60000;
    options.lambda = 300;
    const AssignmentProblem base = GenerateProblem(options);
    constexpr std::uint32_t kCopies = 25;
    AssignmentProblem problem;
    problem.reps = base.reps;
    for (auto& rep : problem.reps) rep.capacity *= kCopies;
    for (std::uint32_t c = 0; c < kCopies; ++c) {
      for (std::uint32_t i = 0; i < base.accounts.size(); ++i) {
        const auto index = static_cast<std::uint32_t>(problem.accounts.size());
        problem.accounts.push_back(base.accounts[i]);
        problem.accounts.back().id += "-" + std::to_string(c);
        for (const auto& arc : base.arcs) {
          if (arc.account == i) problem.arcs.push_back({index, arc.rep, arc.cost});
        }
      }
    }
    const AssignmentSolution solution = Solve(problem);
    EXPECT_EQ(solution.outcome, Outcome::kOptimal);
    EXPECT_EQ(solution.objective, testing::SolveByFlow(problem).objective);
    EXPECT_EQ(solution.lower_bound, solution.objective);
    ExpectConsistent(problem, solution);
    if (::testing::Test::HasFailure()) break;
  }
}

// The solver reads arcs in place when they come grouped by account in rep
// order and sorts a copy otherwise; both must give the same plan.
TEST(AssignmentSolverTest, ArcOrderDoesNotChangeThePlan) {
  ProblemGeneratorOptions options;
  options.accounts = 2000;
  options.reps = 25;
  options.candidates = 6;
  options.max_cost = 5;  // many ties
  const AssignmentProblem ordered = GenerateProblem(options);
  AssignmentProblem shuffled = ordered;
  SplitMix64 random(5);
  for (std::size_t a = shuffled.arcs.size(); a > 1; --a) {
    std::swap(shuffled.arcs[a - 1], shuffled.arcs[random.Below(a)]);
  }
  const AssignmentSolution first = Solve(ordered);
  const AssignmentSolution second = Solve(shuffled);
  EXPECT_EQ(first.outcome, Outcome::kOptimal);
  EXPECT_EQ(first.rep_of, second.rep_of);
  EXPECT_EQ(first.objective, second.objective);
  EXPECT_EQ(first.lower_bound, second.lower_bound);
}

// --- progress and cancellation ---------------------------------------------

AssignmentProblem MediumProblem() {
  ProblemGeneratorOptions options;
  options.accounts = 10000;
  options.reps = 100;
  options.candidates = 20;
  return GenerateProblem(options);
}

TEST(AssignmentSolverTest, CancelledAtTheFirstReport) {
  const AssignmentProblem problem = MediumProblem();
  int calls = 0;
  absl::StatusOr<AssignmentSolution> solution = AssignmentSolver(problem)
                                                    .SetProgress([&](double) {
                                                      ++calls;
                                                      return false;
                                                    })
                                                    .Run();
  ASSERT_TRUE(solution.ok()) << solution.status();
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(solution->outcome, Outcome::kCancelled);
  EXPECT_TRUE(solution->rep_of.empty());
  EXPECT_TRUE(solution->added_load.empty());
}

TEST(AssignmentSolverTest, CancelledLater) {
  const AssignmentProblem problem = MediumProblem();
  int calls = 0;
  absl::StatusOr<AssignmentSolution> solution =
      AssignmentSolver(problem).SetProgress([&](double) { return ++calls < 2; }).Run();
  ASSERT_TRUE(solution.ok()) << solution.status();
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(solution->outcome, Outcome::kCancelled);
  EXPECT_TRUE(solution->rep_of.empty());
}

TEST(AssignmentSolverTest, ProgressDoesNotChangeThePlan) {
  const AssignmentProblem problem = MediumProblem();
  std::vector<double> reports;
  absl::StatusOr<AssignmentSolution> watched = AssignmentSolver(problem)
                                                   .SetProgress([&](double done) {
                                                     reports.push_back(done);
                                                     return true;
                                                   })
                                                   .Run();
  ASSERT_TRUE(watched.ok()) << watched.status();
  ASSERT_FALSE(reports.empty());
  for (const double done : reports) {
    EXPECT_GE(done, 0.0);
    EXPECT_LE(done, 1.0);
  }
  const AssignmentSolution plain = Solve(problem);
  EXPECT_EQ(watched->outcome, Outcome::kOptimal);
  EXPECT_EQ(watched->rep_of, plain.rep_of);
  EXPECT_EQ(watched->objective, plain.objective);
}

// --- bad problems ------------------------------------------------------------

AssignmentProblem ValidProblem() {
  AssignmentProblem problem;
  problem.reps = {{"r0", 0, 3, 1}, {"r1", 1, 4, 2}, {"r2", 0, 0, 0}};
  problem.accounts = {{"a0", 1, 50}, {"a1", 2, 60}, {"a2", 1, 70}};
  problem.arcs = {{0, 0, 5}, {0, 1, 7}, {1, 1, 3}, {2, 0, 1}, {2, 2, 0}};
  return problem;
}

void ExpectRejected(const AssignmentProblem& problem, const std::string& message) {
  const absl::Status status = ValidateProblem(problem);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  EXPECT_EQ(std::string(status.message()), message);
  const absl::StatusOr<AssignmentSolution> solved = AssignmentSolver(problem).Run();
  EXPECT_EQ(solved.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(solved.status().message()), HasSubstr(message));
  AssignmentSolution plan;
  plan.rep_of.assign(problem.accounts.size(), kUnassigned);
  EXPECT_EQ(EvaluatePlan(problem, &plan).code(), absl::StatusCode::kInvalidArgument);
}

TEST(ValidateProblemTest, AcceptsAValidProblem) {
  EXPECT_TRUE(ValidateProblem(ValidProblem()).ok());
}

TEST(ValidateProblemTest, NamesTheBadRep) {
  AssignmentProblem p = ValidProblem();
  p.reps[1].capacity = -5;
  ExpectRejected(p, "rep r1: capacity: -5 is negative");
  p = ValidProblem();
  p.reps[0].load = 4;
  ExpectRejected(p, "rep r0: capacity: 3 is below the load 4");
  p = ValidProblem();
  p.reps[2].lambda = -1;
  ExpectRejected(p, "rep r2: lambda: -1 is negative (the load cost must be convex)");
  p = ValidProblem();
  p.reps[0].load = -1;
  ExpectRejected(p, "rep r0: load: -1 is negative");
  p = ValidProblem();
  p.reps[0].capacity = (std::int64_t{1} << 31) + 1;
  ExpectRejected(p, "rep r0: capacity: 2147483649 exceeds 2^31");
  p = ValidProblem();
  p.reps[1].id = "";
  ExpectRejected(p, "rep index 1: id: is empty");
  p = ValidProblem();
  p.reps[2].id = "r0";
  ExpectRejected(p, "rep r0: id: 'r0' is used twice (reps 0 and 2)");
}

TEST(ValidateProblemTest, NamesTheBadAccount) {
  AssignmentProblem p = ValidProblem();
  p.accounts[1].weight = 0;
  ExpectRejected(p, "account a1: weight: 0 is not positive");
  p.accounts[1].weight = -3;
  ExpectRejected(p, "account a1: weight: -3 is not positive");
  p = ValidProblem();
  p.accounts[2].unassigned_penalty = -(std::int64_t{1} << 32);
  ExpectRejected(p, "account a2: unassigned_penalty: -4294967296 is below -2^31");
  p = ValidProblem();
  p.accounts[0].id = "bad\xff";
  ExpectRejected(p, "account index 0: id: invalid UTF-8 at byte 4");
  p = ValidProblem();
  p.reps[0].id = std::string("r\0", 2);
  ExpectRejected(p, "rep index 0: id: NUL byte at byte 2");
  p = ValidProblem();
  p.accounts[2].id = "a1";
  ExpectRejected(p, "account a1: id: 'a1' is used twice (accounts 1 and 2)");
}

TEST(ValidateProblemTest, NamesTheBadArc) {
  AssignmentProblem p = ValidProblem();
  p.arcs[3].rep = 9;
  ExpectRejected(
      p, "arc 3 (account a2 -> rep index 9): rep: index 9 is out of range (3 reps)");
  p = ValidProblem();
  p.arcs[0].account = 3;
  ExpectRejected(p,
                 "arc 0 (account index 3 -> rep r0): account: index 3 is out of range (3 "
                 "accounts)");
  p = ValidProblem();
  p.arcs[4].cost = std::int64_t{1} << 40;
  ExpectRejected(p, "arc 4 (account a2 -> rep r2): cost: 1099511627776 exceeds 2^31");
  p = ValidProblem();
  p.arcs[4].rep = 0;  // a2 -> r0 twice, arcs grouped by account
  ExpectRejected(p, "arc 4 (account a2 -> rep r0): repeats an earlier arc (arc 3)");
  p = ValidProblem();
  p.arcs.push_back({0, 1, 9});  // a0 -> r1 again, after other accounts' arcs
  ExpectRejected(p, "arc 5 (account a0 -> rep r1): repeats an earlier arc (arc 1)");
}

TEST(ValidateProblemTest, BoundsTheLoadCost) {
  AssignmentProblem p = ValidProblem();
  // r1 can reach load 1 + 4 = 5 at most (the weights), so capacity 2^31 is
  // harmless with a small lambda...
  p.reps[1].capacity = std::int64_t{1} << 31;
  p.reps[1].lambda = std::int64_t{1} << 31;
  EXPECT_TRUE(ValidateProblem(p).ok());
  // ...but not when the accounts could bring it there.
  p.accounts[1].weight = std::int64_t{1} << 31;
  ExpectRejected(p,
                 "rep r1: lambda: 2147483648 * 2147483648^2 (the most load the rep can "
                 "reach) brings the load cost of the problem over 2^60");
}

// --- EvaluatePlan --------------------------------------------------------------

TEST(EvaluatePlanTest, CostsEachTerm) {
  const AssignmentProblem p = ValidProblem();
  AssignmentSolution plan;
  plan.rep_of = {1, 1, kUnassigned};
  plan.lower_bound = -7;  // untouched
  ASSERT_TRUE(EvaluatePlan(p, &plan).ok());
  EXPECT_EQ(plan.arc_cost, 7 + 3);
  EXPECT_EQ(plan.load_cost, 2 * (4 * 4 - 1 * 1));  // r1: load 1 -> 4, lambda 2
  EXPECT_EQ(plan.penalty_cost, 70);
  EXPECT_EQ(plan.objective, 10 + 30 + 70);
  EXPECT_EQ(plan.added_load, (std::vector<std::int64_t>{0, 3, 0}));
  EXPECT_EQ(plan.lower_bound, -7);
}

TEST(EvaluatePlanTest, RejectsBadPlans) {
  const AssignmentProblem p = ValidProblem();
  AssignmentSolution plan;
  plan.rep_of = {0, 1, 2};  // r2 has capacity 0
  absl::Status status = EvaluatePlan(p, &plan);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(std::string(status.message()), "rep r2: load 0 + 1 added exceeds capacity 0");
  EXPECT_TRUE(plan.added_load.empty()) << "nothing is filled in on failure";

  plan.rep_of = {0, 0, kUnassigned};  // a1 has no arc to r0
  status = EvaluatePlan(p, &plan);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(std::string(status.message()), "account a1: rep r0 is not one of its arcs");

  plan.rep_of = {7, kUnassigned, kUnassigned};
  status = EvaluatePlan(p, &plan);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(std::string(status.message()),
            "account a0: rep index 7 is out of range (3 reps)");

  plan.rep_of = {kUnassigned};
  status = EvaluatePlan(p, &plan);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(std::string(status.message()), "plan: rep_of has 1 entries for 3 accounts");
}

// --- the CSV format ------------------------------------------------------------

std::string NewDir(const std::string& name) {
  const fs::path dir = fs::path(::testing::TempDir()) / ("assignment_test_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

void Write(const std::string& dir, const std::string& file, const std::string& text) {
  std::ofstream(fs::path(dir) / file, std::ios::binary) << text;
}

void ExpectSameProblem(const AssignmentProblem& a, const AssignmentProblem& b) {
  ASSERT_EQ(a.reps.size(), b.reps.size());
  for (std::size_t j = 0; j < a.reps.size(); ++j) {
    EXPECT_EQ(a.reps[j].id, b.reps[j].id);
    EXPECT_EQ(a.reps[j].load, b.reps[j].load);
    EXPECT_EQ(a.reps[j].capacity, b.reps[j].capacity);
    EXPECT_EQ(a.reps[j].lambda, b.reps[j].lambda);
  }
  ASSERT_EQ(a.accounts.size(), b.accounts.size());
  for (std::size_t i = 0; i < a.accounts.size(); ++i) {
    EXPECT_EQ(a.accounts[i].id, b.accounts[i].id);
    EXPECT_EQ(a.accounts[i].weight, b.accounts[i].weight);
    EXPECT_EQ(a.accounts[i].unassigned_penalty, b.accounts[i].unassigned_penalty);
  }
  ASSERT_EQ(a.arcs.size(), b.arcs.size());
  for (std::size_t e = 0; e < a.arcs.size(); ++e) {
    EXPECT_EQ(a.arcs[e].account, b.arcs[e].account);
    EXPECT_EQ(a.arcs[e].rep, b.arcs[e].rep);
    EXPECT_EQ(a.arcs[e].cost, b.arcs[e].cost);
  }
}

TEST(ProblemCsvTest, RoundTrips) {
  ProblemGeneratorOptions options;
  options.accounts = 500;
  options.reps = 17;
  options.candidates = 4;
  options.weighted = true;
  AssignmentProblem problem = GenerateProblem(options);
  problem.reps[3].id = "Zoë, \"the closer\"";
  problem.reps[4].load = 2;
  problem.reps[4].capacity = 2;
  problem.accounts[7].id = "line\nbreak";
  problem.accounts[8].id = "émigré";
  problem.accounts[9].unassigned_penalty = -12;
  problem.arcs[5].cost = -(std::int64_t{1} << 31);
  std::uint32_t unused = 0;  // a rep that is not yet a candidate of a0
  while (std::any_of(problem.arcs.begin(), problem.arcs.end(), [&](const auto& arc) {
    return arc.account == 0 && arc.rep == unused;
  })) {
    ++unused;
  }
  problem.arcs.push_back({0, unused, 3});  // not grouped by account any more
  ASSERT_TRUE(ValidateProblem(problem).ok());

  const std::string dir = NewDir("round_trip");
  ASSERT_TRUE(WriteProblemCsv(problem, dir).ok());
  absl::StatusOr<AssignmentProblem> read = ReadProblemCsv(dir);
  ASSERT_TRUE(read.ok()) << read.status();
  ExpectSameProblem(problem, *read);

  AssignmentProblem empty;  // headers only
  ASSERT_TRUE(WriteProblemCsv(empty, NewDir("empty")).ok());
  read = ReadProblemCsv(::testing::TempDir() + "/assignment_test_empty");
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_TRUE(read->reps.empty() && read->accounts.empty() && read->arcs.empty());
}

TEST(ProblemCsvTest, WritesTheDocumentedLayout) {
  const std::string dir = NewDir("layout");
  ASSERT_TRUE(WriteProblemCsv(ValidProblem(), dir).ok());
  std::ifstream reps(fs::path(dir) / "reps.csv");
  std::string text((std::istreambuf_iterator<char>(reps)),
                   std::istreambuf_iterator<char>());
  EXPECT_EQ(text, "id,load,capacity,lambda\nr0,0,3,1\nr1,1,4,2\nr2,0,0,0\n");
  std::ifstream arcs(fs::path(dir) / "arcs.csv");
  text.assign((std::istreambuf_iterator<char>(arcs)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text, "account,rep,cost\na0,r0,5\na0,r1,7\na1,r1,3\na2,r0,1\na2,r2,0\n");
}

TEST(ProblemCsvTest, RefusesToWriteAnInvalidProblem) {
  AssignmentProblem p = ValidProblem();
  p.reps[0].capacity = -1;
  const std::string dir = NewDir("invalid");
  EXPECT_EQ(WriteProblemCsv(p, dir).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_FALSE(fs::exists(fs::path(dir) / "reps.csv"));
}

TEST(ProblemCsvTest, DefaultsForMissingOptionalColumns) {
  const std::string dir = NewDir("defaults");
  Write(dir, "reps.csv", "capacity,id\n3,r0\n,r1\n");
  Write(dir, "accounts.csv", "id\na0\r\na1\r\n");
  Write(dir, "arcs.csv", "rep,cost,account\nr0,4,a1\n");
  absl::StatusOr<AssignmentProblem> read = ReadProblemCsv(dir);
  ASSERT_FALSE(read.ok());  // capacity is required: an empty cell is not 0
  EXPECT_EQ(std::string(read.status().message()),
            "reps.csv:3:1: capacity: expected an integer, got ''");
  Write(dir, "reps.csv", "capacity,id,lambda\n3,r0,\n0,r1,2\n");
  read = ReadProblemCsv(dir);
  ASSERT_TRUE(read.ok()) << read.status();
  AssignmentProblem expected;
  expected.reps = {{"r0", 0, 3, 0}, {"r1", 0, 0, 2}};
  expected.accounts = {{"a0", 1, 0}, {"a1", 1, 0}};
  expected.arcs = {{1, 0, 4}};
  ExpectSameProblem(expected, *read);
}

struct BadFile {
  std::string file;
  std::string text;
  std::string message;
};

TEST(ProblemCsvTest, BadFilesNameFileLineAndColumn) {
  const std::string reps = "id,load,capacity,lambda\nr0,0,3,1\nr1,1,4,2\n";
  const std::string accounts = "id,weight,unassigned_penalty\na0,1,50\na1,2,60\n";
  const std::string arcs = "account,rep,cost\na0,r0,5\na0,r1,7\na1,r1,3\n";
  const std::vector<BadFile> cases = {
      {"reps.csv", "id,load,capacity,lambda\nr0,0,3,1\nr1,0,-5,2\n",
       "reps.csv:3:3: capacity: -5 is negative"},
      {"reps.csv", "id,load,capacity,lambda\nr0,4,3,1\n",
       "reps.csv:2:3: capacity: 3 is below the load 4"},
      {"reps.csv", "id,load,capacity,lambda\nr0,0,3,-1\n",
       "reps.csv:2:4: lambda: -1 is negative (the load cost must be convex)"},
      {"reps.csv", "id,load,capacity,lambda\nr0,0,3,1\nr1,0,3,1\n\n\"r0\",0,3,1\n",
       "reps.csv:5:1: id: 'r0' is used twice (first on line 2)"},
      {"reps.csv", "id,load,capacity,lambda\n,0,3,1\n", "reps.csv:2:1: id: is empty"},
      {"reps.csv", "id,load,capacity\nr0,0\n",
       "reps.csv:2:3: expected 3 fields as in the header, got 2"},
      {"reps.csv", "id,load,capacity,lambda,colour\n",
       "reps.csv:1:5: unknown column 'colour'; expected id,load,capacity,lambda"},
      {"reps.csv", "id,load,lambda\n", "reps.csv:1: missing column 'capacity'"},
      {"reps.csv", "id,load,capacity,load\n",
       "reps.csv:1:4: column 'load' appears twice"},
      {"reps.csv", "",
       "reps.csv:1: expected a header row (id,load,capacity,lambda), got "
       "an empty file"},
      {"reps.csv", "id,load,capacity,lambda\nr0,0,3,1\nr1,1,4,2\"\n",
       "reps.csv:3:4: quote inside an unquoted field (quote the whole field and double "
       "the quote)"},
      {"reps.csv", "id,load,capacity,lambda\nr0,0,4000000000,1\n",
       "reps.csv:2:3: capacity: 4000000000 exceeds 2^31"},
      {"reps.csv", "id,load,capacity,lambda\nr0,2147483645,2147483648,1\nr1,0,5,0\n",
       "reps.csv:2:4: lambda: 1 * 2147483648^2 (the most load the rep can reach) brings "
       "the load cost of the problem over 2^60"},
      {"accounts.csv", "id,weight,unassigned_penalty\na0,NaN,50\n",
       "accounts.csv:2:2: weight: expected an integer, got 'NaN'"},
      {"accounts.csv", "id,weight,unassigned_penalty\na0,1.5,50\n",
       "accounts.csv:2:2: weight: expected an integer, got '1.5'"},
      {"accounts.csv", "id,weight,unassigned_penalty\na0,0,50\n",
       "accounts.csv:2:2: weight: 0 is not positive"},
      {"accounts.csv", "id,weight,unassigned_penalty\na0,1, 50\n",
       "accounts.csv:2:3: unassigned_penalty: expected an integer, got ' 50'"},
      {"accounts.csv", "id,weight,unassigned_penalty\na0,1,99999999999999999999\n",
       "accounts.csv:2:3: unassigned_penalty: expected an integer, got "
       "'99999999999999999999'"},
      {"accounts.csv", "id,unassigned_penalty\n\"a\n0\",1\n\"a\n0\",2\n",
       "accounts.csv:4:1: id: 'a\n0' is used twice (first on line 2)"},
      {"arcs.csv", "account,rep,cost\na0,r0,5\na0,r9,7\n",
       "arcs.csv:3:2: rep: unknown rep 'r9'"},
      {"arcs.csv", "account,rep,cost\nr0,r0,5\n",
       "arcs.csv:2:1: account: unknown account 'r0'"},
      {"arcs.csv", "account,rep,cost\na0,r0,\n",
       "arcs.csv:2:3: cost: expected an integer, got ''"},
      {"arcs.csv", "account,rep,cost\na0,r0,1e3\n",
       "arcs.csv:2:3: cost: expected an integer, got '1e3'"},
      {"arcs.csv", "account,rep,cost\na0,r0,-2147483649\n",
       "arcs.csv:2:3: cost: -2147483649 is below -2^31"},
      {"arcs.csv", "account,rep,cost\na0,r0,5\na1,r1,3\n\na0,r0,6\n",
       "arcs.csv:5:1: repeats an earlier arc (first on line 2)"},
      {"arcs.csv", "account,rep,cost\na0,r0,5\na0,r0,6\n",
       "arcs.csv:3:1: repeats an earlier arc (first on line 2)"},
  };
  for (const BadFile& bad : cases) {
    SCOPED_TRACE(bad.message);
    const std::string dir = NewDir("bad");
    Write(dir, "reps.csv", bad.file == "reps.csv" ? bad.text : reps);
    Write(dir, "accounts.csv", bad.file == "accounts.csv" ? bad.text : accounts);
    Write(dir, "arcs.csv", bad.file == "arcs.csv" ? bad.text : arcs);
    const absl::StatusOr<AssignmentProblem> read = ReadProblemCsv(dir);
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(std::string(read.status().message()), bad.message);
  }
}

TEST(ProblemCsvTest, TheDocumentedExample) {  // docs/assignment-format.md
  const std::string dir = NewDir("example");
  Write(dir, "reps.csv", "id,load,capacity,lambda\nr0,0,2,5\nr1,1,3,5\nr2,4,4,0\n");
  Write(dir, "accounts.csv",
        "id,weight,unassigned_penalty\nacme,1,1000\nglobex,1,1000\ninitech,1,1000\n"
        "\"Umbrella, Inc.\",1,50\n");
  Write(dir, "arcs.csv",
        "account,rep,cost\nacme,r0,10\nacme,r1,30\nglobex,r0,20\nglobex,r1,20\n"
        "initech,r1,5\n\"Umbrella, Inc.\",r0,40\n\"Umbrella, Inc.\",r2,0\n");
  const absl::StatusOr<AssignmentProblem> problem = ReadProblemCsv(dir);
  ASSERT_TRUE(problem.ok()) << problem.status();
  EXPECT_EQ(problem->accounts[3].id, "Umbrella, Inc.");
  const AssignmentSolution solution = Solve(*problem);
  EXPECT_EQ(solution.objective, 120);
  EXPECT_EQ(solution.rep_of, (std::vector<std::uint32_t>{0, 0, 1, kUnassigned}));
  EXPECT_EQ(testing::SolveByEnumeration(*problem).objective, 120);
}

TEST(ProblemCsvTest, MissingFile) {
  const std::string dir = NewDir("missing");
  Write(dir, "reps.csv", "id,capacity\nr0,1\n");
  Write(dir, "arcs.csv", "account,rep,cost\n");
  const absl::StatusOr<AssignmentProblem> read = ReadProblemCsv(dir);
  EXPECT_EQ(read.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(read.status().message()), HasSubstr("accounts.csv"));
}

// --- the generator ---------------------------------------------------------------

TEST(ProblemGeneratorTest, FollowsItsOptions) {
  ProblemGeneratorOptions options;
  options.accounts = 1000;
  options.reps = 30;
  options.candidates = 7;
  const AssignmentProblem problem = GenerateProblem(options);
  ASSERT_TRUE(ValidateProblem(problem).ok());
  ASSERT_EQ(problem.reps.size(), 30u);
  ASSERT_EQ(problem.accounts.size(), 1000u);
  ASSERT_EQ(problem.arcs.size(), 7000u);
  for (const auto& rep : problem.reps) {
    EXPECT_EQ(rep.capacity, 40);  // ceil(1.2 * 1000 / 30)
    EXPECT_EQ(rep.lambda, 5);
    EXPECT_EQ(rep.load, 0);
  }
  std::vector<int> arcs_per_rep(30, 0);
  for (std::size_t i = 0; i < 1000; ++i) {
    EXPECT_EQ(problem.accounts[i].weight, 1);
    EXPECT_EQ(problem.accounts[i].unassigned_penalty, 1000000);
    for (std::size_t t = 0; t < 7; ++t) {
      const auto& arc = problem.arcs[i * 7 + t];
      EXPECT_EQ(arc.account, i);
      if (t > 0) {
        EXPECT_LT(problem.arcs[i * 7 + t - 1].rep, arc.rep);  // distinct, sorted
      }
      EXPECT_GE(arc.cost, 0);
      EXPECT_LE(arc.cost, 1000);
      ++arcs_per_rep[arc.rep];
    }
  }
  // Uniform draws: every rep is a candidate about 7000 / 30 = 233 times.
  for (const int count : arcs_per_rep) {
    EXPECT_GT(count, 150);
    EXPECT_LT(count, 320);
  }
}

TEST(ProblemGeneratorTest, SeededAndDeterministic) {
  ProblemGeneratorOptions options;
  options.accounts = 200;
  options.reps = 10;
  options.candidates = 10;  // all reps
  options.weighted = true;
  const AssignmentProblem a = GenerateProblem(options);
  ExpectSameProblem(a, GenerateProblem(options));
  std::set<std::int64_t> weights;
  std::int64_t total = 0;
  for (const auto& account : a.accounts) {
    weights.insert(account.weight);
    total += account.weight;
  }
  EXPECT_EQ(weights, (std::set<std::int64_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(a.reps[0].capacity, (12 * total + 99) / 100);  // ceil(1.2 * W / M)
  options.seed = 2;
  const AssignmentProblem b = GenerateProblem(options);
  std::size_t same = 0;
  for (std::size_t e = 0; e < a.arcs.size(); ++e)
    same += a.arcs[e].cost == b.arcs[e].cost;
  EXPECT_LT(same, a.arcs.size() / 10);
  // A fixed point of the stream, so that a change to it is noticed.
  EXPECT_EQ(SplitMix64(0).Next(), 0xe220a8397b1dcdafULL);
}

}  // namespace
}  // namespace baton
