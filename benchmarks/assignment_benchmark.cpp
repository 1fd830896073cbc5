// AssignmentSolver against LEMON's NetworkSimplex on the same generated
// instance, in the same run: unit accounts, k candidate reps each, costs
// uniform in [0, 1000], lambda 5, capacity ceil(p * N / M), penalty 10^6
// (lib/assign/problem_generator.hpp). Both must reach the same objective, or
// the benchmark fails.
//
// Sizes (accounts x reps x candidates, capacity in percent of an even
// share): 10k x 100 x 20 at 120 % and 1k x 10 x 5 at 80 % (a shortage)
// always; with BATON_BENCH_LARGE=1 also 100k x 1k x 32 and 1M x 10k x 32 at
// 120 % and 10k x 100 x 5 at 80 %, LEMON at 1M only with
// BATON_BENCH_LEMON_1M=1 too (it takes minutes and about 2.5 GB).
// Quick check:
//   assignment_benchmark
// Figures for the README (one command line):
//   BATON_BENCH_LARGE=1 assignment_benchmark --benchmark_repetitions=3
//       --benchmark_report_aggregates_only=true
//
// Each repetition solves once with each solver. The time is Baton's
// (AssignmentSolver::Run, validation included). Counters: objective; bids
// (Baton's work); lemon_s, LEMON's time to build its network and run, of
// which lemon_build_s building;
// ratio, lemon_s over Baton's time; peak_rss_mb, the most resident memory
// while Baton ran, the problem included (VmHWM, reset before each solver);
// lemon_peak_rss_mb the same for LEMON; problem_mb, the resident memory
// before either ran (mostly the problem).
//
// LEMON's network is the one of tests/core/assignment_reference.hpp: each
// account a supply of 1 with an arc to the sink at its penalty and one per
// candidate rep at its cost; each rep one unit arc to the sink per unit of
// room, the k-th at the marginal load cost lambda * ((L0 + k)^2 -
// (L0 + k - 1)^2), increasing, so a minimum-cost flow fills them in order.
#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>

#include "baton/assignment.hpp"
#include "benchmark/benchmark.h"
#include "lib/assign/problem_generator.hpp"

// GCC 12 sees LEMON's graph storage grow by structs it fills in afterwards
// and warns that they "may be used uninitialized"; they are not.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include "lemon/network_simplex.h"
#include "lemon/smart_graph.h"

namespace baton {
namespace {

constexpr double kMiB = 1024.0 * 1024.0;
using Clock = std::chrono::steady_clock;

bool EnvIsOne(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && std::string(value) == "1";
}

// A field of /proc/self/status in bytes ("VmRSS", "VmHWM"); 0 if unknown.
double ProcStatusBytes(const std::string& field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.compare(0, field.size() + 1, field + ":") == 0) {
      return std::strtod(line.c_str() + field.size() + 1, nullptr) * 1024.0;
    }
  }
  return 0;
}

// Starts a new peak for VmHWM (Linux >= 4.0) after handing freed memory
// back to the system, so that each solver's peak is its own.
void ResetPeakMemory() {
  ::malloc_trim(0);
  std::ofstream("/proc/self/clear_refs") << "5";
}

double Seconds(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The instance of the current size, generated once for all its
// repetitions; the previous size's is freed first.
const AssignmentProblem& InstanceOf(const benchmark::State& state) {
  static std::unique_ptr<AssignmentProblem> instance;
  static internal::ProblemGeneratorOptions built;
  internal::ProblemGeneratorOptions options;
  options.accounts = static_cast<std::size_t>(state.range(0));
  options.reps = static_cast<std::size_t>(state.range(1));
  options.candidates = static_cast<std::size_t>(state.range(2));
  options.capacity_percent = state.range(3);
  if (instance == nullptr || built.accounts != options.accounts ||
      built.reps != options.reps || built.candidates != options.candidates ||
      built.capacity_percent != options.capacity_percent) {
    instance.reset();
    instance = std::make_unique<AssignmentProblem>(internal::GenerateProblem(options));
    built = options;
  }
  return *instance;
}

// The optimum by LEMON's NetworkSimplex on the network described above.
// Sets *build_s to the seconds spent building the network.
std::int64_t SolveWithLemon(const AssignmentProblem& problem, bool* optimal,
                            double* build_s) {
  const Clock::time_point start = Clock::now();
  using Graph = lemon::SmartDigraph;
  Graph g;
  const std::size_t n = problem.accounts.size();
  const std::size_t m = problem.reps.size();
  g.reserveNode(static_cast<int>(n + m + 1));
  g.reserveArc(static_cast<int>(n + problem.arcs.size() + n + m));
  const Graph::Node sink = g.addNode();
  Graph::NodeMap<int> supply(g, 0);
  Graph::ArcMap<std::int64_t> cost(g);
  std::vector<Graph::Node> account_node(n);
  std::vector<Graph::Node> rep_node(m);
  for (std::size_t i = 0; i < n; ++i) {
    account_node[i] = g.addNode();
    supply[account_node[i]] = 1;
    cost[g.addArc(account_node[i], sink)] = problem.accounts[i].unassigned_penalty;
  }
  supply[sink] = -static_cast<int>(n);
  for (std::size_t j = 0; j < m; ++j) {
    const auto& rep = problem.reps[j];
    rep_node[j] = g.addNode();
    for (std::int64_t load = rep.load + 1; load <= rep.capacity; ++load) {
      cost[g.addArc(rep_node[j], sink)] = rep.lambda * (2 * load - 1);
    }
  }
  for (const auto& arc : problem.arcs) {
    cost[g.addArc(account_node[arc.account], rep_node[arc.rep])] = arc.cost;
  }
  Graph::ArcMap<int> capacity(g, 1);
  lemon::NetworkSimplex<Graph, int, std::int64_t> simplex(g);
  *build_s = Seconds(start);
  simplex.upperMap(capacity).costMap(cost).supplyMap(supply);
  *optimal = simplex.run() == lemon::NetworkSimplex<Graph, int, std::int64_t>::OPTIMAL;
  return simplex.totalCost<std::int64_t>();
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

void BM_SolveAssignment(benchmark::State& state) {
  const AssignmentProblem& problem = InstanceOf(state);
  const bool with_lemon = state.range(0) < 1'000'000 || EnvIsOne("BATON_BENCH_LEMON_1M");
  ::malloc_trim(0);
  const double problem_bytes = ProcStatusBytes("VmRSS");
  for (auto _ : state) {
    ResetPeakMemory();
    const Clock::time_point start = Clock::now();
    absl::StatusOr<AssignmentSolution> solution = AssignmentSolver(problem).Run();
    const double baton_s = Seconds(start);
    state.SetIterationTime(baton_s);
    state.counters["peak_rss_mb"] = ProcStatusBytes("VmHWM") / kMiB;
    if (!solution.ok()) {
      state.SkipWithError(solution.status().ToString().c_str());
      break;
    }
    if (solution->outcome != AssignmentSolution::Outcome::kOptimal ||
        solution->lower_bound != solution->objective) {
      state.SkipWithError("AssignmentSolver did not prove its plan optimal");
      break;
    }
    state.counters["objective"] = static_cast<double>(solution->objective);
    state.counters["bids"] = static_cast<double>(solution->bids);
    const std::int64_t objective = solution->objective;
    solution = absl::StatusOr<AssignmentSolution>();  // free it before LEMON runs
    if (!with_lemon) continue;

    ResetPeakMemory();
    const Clock::time_point lemon_start = Clock::now();
    bool optimal = false;
    double build_s = 0;
    const std::int64_t lemon_objective = SolveWithLemon(problem, &optimal, &build_s);
    const double lemon_s = Seconds(lemon_start);
    state.counters["lemon_peak_rss_mb"] = ProcStatusBytes("VmHWM") / kMiB;
    state.counters["lemon_s"] = lemon_s;
    state.counters["lemon_build_s"] = build_s;
    state.counters["ratio"] = lemon_s / baton_s;
    if (!optimal || lemon_objective != objective) {
      const std::string message =
          "objectives differ: Baton " + std::to_string(objective) + ", LEMON " +
          std::to_string(lemon_objective) + (optimal ? "" : " (not optimal)");
      state.SkipWithError(message.c_str());
      break;
    }
  }
  state.counters["problem_mb"] = problem_bytes / kMiB;
}

void Sizes(benchmark::internal::Benchmark* b) {
  b->ArgNames({"accounts", "reps", "k", "capacity_pct"})->Args({10'000, 100, 20, 120});
  // Too little room for everyone at a prohibitive penalty: the auction's
  // price war, which hands over to the shortest paths.
  b->Args({1'000, 10, 5, 80});
  if (EnvIsOne("BATON_BENCH_LARGE")) {
    b->Args({100'000, 1'000, 32, 120})->Args({1'000'000, 10'000, 32, 120});
    b->Args({10'000, 100, 5, 80});
  }
  // One solve per repetition: LEMON takes long enough for one to count.
  b->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);
}

BENCHMARK(BM_SolveAssignment)->Apply(Sizes);

}  // namespace
}  // namespace baton

BENCHMARK_MAIN();
