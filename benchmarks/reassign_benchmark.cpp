// Reassigner on generated organisations (GenerateSampleOrg, 10 relationships
// per account, one rep per 40 accounts, tiers A/B/C weighing 5/2/1): the
// time from the Org to an explained plan, problem building included.
//
//   BM_OffboardOneRep  the rep with the most accounts leaves
//   BM_OffboardTenth   every tenth rep leaves at once (a reorganisation)
//   BM_Rebalance       the whole organisation, move cost 300, no move limit
//
// Sizes: 10 k accounts always; 100 k and 1 M with BATON_BENCH_LARGE=1.
//   BATON_BENCH_LARGE=1 reassign_benchmark --benchmark_repetitions=3
//       --benchmark_report_aggregates_only=true
// Counters: accounts (reassigned by the run), moves, unassigned, gap (the
// relative gap to the lower bound), peak_rss_mb (VmHWM, the org included).
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>

#include "baton/baton.hpp"
#include "benchmark/benchmark.h"
#include "benchmarks/sample_orgs.hpp"

namespace baton {
namespace {

double PeakRssMb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atof(line.c_str() + 6) / 1024.0;
  }
  return 0;
}

const Org& OrgOf(std::int64_t accounts) { return bench::SampleOrgOf(accounts); }

ReassignOptions Options(ReassignMode mode) {
  ReassignOptions o;
  o.mode = mode;
  o.today = DayFromCivil(2026, 11, 1);
  return o;
}

void RunReassigner(benchmark::State& state, const Org& org, const ReassignOptions& o) {
  for (auto _ : state) {
    absl::StatusOr<Reassignment> r = Reassigner(org).SetOptions(o).Run();
    if (!r.ok()) {
      state.SkipWithError(r.status().ToString().c_str());
      return;
    }
    state.counters["accounts"] = static_cast<double>(r->accounts.size());
    state.counters["moves"] = static_cast<double>(r->moves);
    state.counters["unassigned"] = static_cast<double>(r->unassigned);
    state.counters["gap"] = r->relative_gap;
    benchmark::DoNotOptimize(r);
  }
  state.counters["peak_rss_mb"] = PeakRssMb();
}

void BM_OffboardOneRep(benchmark::State& state) {
  const Org& org = OrgOf(state.range(0));
  RepIndex busiest = 0;
  for (RepIndex r = 0; r < org.reps().size(); ++r) {
    if (org.AccountsOwnedBy(r).size() > org.AccountsOwnedBy(busiest).size()) busiest = r;
  }
  ReassignOptions o = Options(ReassignMode::kOffboard);
  o.departing = {org.reps()[busiest].id};
  RunReassigner(state, org, o);
}

void BM_OffboardTenth(benchmark::State& state) {
  const Org& org = OrgOf(state.range(0));
  ReassignOptions o = Options(ReassignMode::kOffboard);
  for (RepIndex r = 0; r < org.reps().size(); r += 10)
    o.departing.push_back(org.reps()[r].id);
  RunReassigner(state, org, o);
}

void BM_Rebalance(benchmark::State& state) {
  RunReassigner(state, OrgOf(state.range(0)), Options(ReassignMode::kRebalance));
}

void Sizes(benchmark::internal::Benchmark* b) {
  b->ArgName("accounts")->Arg(10'000);
  const char* large = std::getenv("BATON_BENCH_LARGE");
  if (large != nullptr && std::string(large) == "1") b->Arg(100'000)->Arg(1'000'000);
  b->Unit(benchmark::kMillisecond)->Iterations(1);
}

BENCHMARK(BM_OffboardOneRep)->Apply(Sizes);
BENCHMARK(BM_OffboardTenth)->Apply(Sizes);
BENCHMARK(BM_Rebalance)->Apply(Sizes);

}  // namespace
}  // namespace baton

BENCHMARK_MAIN();
