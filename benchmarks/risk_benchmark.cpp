// Churn-risk scoring and fitting.
//
//   BM_RelationshipPass  reference: one pass over every account's contacts and
//                        their relationships, summing strengths (the memory
//                        traffic scoring cannot avoid)
//   BM_Score             the default model over every account, all cores
//   BM_ScoreOneThread    the same on one thread
//   BM_WhatIfBusiestRep  the rep with the most accounts leaves for a competitor
//   BM_Fit               IRLS on rows x 20 standard normal features, no folds
//
// Orgs: GenerateSampleOrg with 10 relationships per account. Sizes: 10 k
// accounts (fit: 100 k rows) always; 100 k and 1 M (fit: 1 M rows) with
// BATON_BENCH_LARGE=1:
//   BATON_BENCH_LARGE=1 risk_benchmark --benchmark_repetitions=3
//       --benchmark_report_aggregates_only=true
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>

#include "baton/baton.hpp"
#include "benchmark/benchmark.h"
#include "benchmarks/sample_orgs.hpp"

namespace baton {
namespace {

const Org& OrgOf(std::int64_t accounts) { return bench::SampleOrgOf(accounts); }

RiskOptions Today(int threads) {
  RiskOptions options;
  options.as_of = DayFromCivil(2026, 11, 1);
  options.threads = threads;
  return options;
}

void Counters(benchmark::State& state, const Org& org) {
  state.counters["accounts"] = static_cast<double>(org.accounts().size());
  state.counters["relationships"] = static_cast<double>(org.relationships().size());
  state.counters["accounts_per_s"] =
      benchmark::Counter(static_cast<double>(org.accounts().size()),
                         benchmark::Counter::kIsIterationInvariantRate);
}

void BM_RelationshipPass(benchmark::State& state) {
  const Org& org = OrgOf(state.range(0));
  for (auto _ : state) {
    double sum = 0;
    for (AccountIndex a = 0; a < org.accounts().size(); ++a)
      for (const ContactIndex c : org.ContactsOf(a))
        for (const RelationshipIndex r : org.RelationshipsOfContact(c))
          sum += org.relationships()[r].strength;
    benchmark::DoNotOptimize(sum);
  }
  Counters(state, org);
}

void Score(benchmark::State& state, int threads) {
  const Org& org = OrgOf(state.range(0));
  RiskScorer scorer(org, RiskModel::Default());
  scorer.SetOptions(Today(threads));
  for (auto _ : state) {
    auto scores = scorer.Score();
    if (!scores.ok()) {
      state.SkipWithError(scores.status().ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize(scores);
  }
  Counters(state, org);
}

void BM_Score(benchmark::State& state) { Score(state, 0); }
void BM_ScoreOneThread(benchmark::State& state) { Score(state, 1); }

void BM_WhatIfBusiestRep(benchmark::State& state) {
  const Org& org = OrgOf(state.range(0));
  RepIndex busiest = 0;
  for (RepIndex r = 0; r < org.reps().size(); ++r)
    if (org.AccountsOwnedBy(r).size() > org.AccountsOwnedBy(busiest).size()) busiest = r;
  RiskOptions options = Today(0);
  options.leavers.push_back({busiest, true});
  for (auto _ : state) {
    auto what_if = WhatIfDeparture(org, RiskModel::Default(), options, nullptr);
    if (!what_if.ok()) {
      state.SkipWithError(what_if.status().ToString().c_str());
      return;
    }
    state.counters["affected"] = static_cast<double>(what_if->accounts.size());
    benchmark::DoNotOptimize(what_if);
  }
}

const TrainingTable& TableOf(std::int64_t rows) {
  static std::map<std::int64_t, TrainingTable> tables;
  auto it = tables.find(rows);
  if (it != tables.end()) return it->second;
  std::mt19937_64 rng(42);
  std::normal_distribution<double> normal;
  std::uniform_real_distribution<double> uniform;
  TrainingTable table;
  constexpr int kFeatures = 20;
  for (int c = 0; c < kFeatures; ++c) table.columns.push_back("x" + std::to_string(c));
  table.values.reserve(static_cast<std::size_t>(rows) * kFeatures);
  for (std::int64_t r = 0; r < rows; ++r) {
    double logit = -1;
    for (int c = 0; c < kFeatures; ++c) {
      const double x = normal(rng);
      table.values.push_back(x);
      logit += (c % 3 == 0 ? 0.5 : -0.2) * x;
    }
    table.lapsed.push_back(uniform(rng) < 1 / (1 + std::exp(-logit)));
  }
  return tables.emplace(rows, std::move(table)).first->second;
}

void BM_Fit(benchmark::State& state) {
  const TrainingTable& table = TableOf(state.range(0));
  FitOptions options;
  options.folds = 0;
  for (auto _ : state) {
    auto fit = FitLogistic(table, options);
    if (!fit.ok()) {
      state.SkipWithError(fit.status().ToString().c_str());
      return;
    }
    state.counters["iterations"] = fit->iterations;
    benchmark::DoNotOptimize(fit);
  }
  state.counters["rows"] = static_cast<double>(table.rows());
}

bool Large() { return std::getenv("BATON_BENCH_LARGE") != nullptr; }

void OrgSizes(benchmark::internal::Benchmark* b) {
  b->Arg(10'000);
  if (Large()) b->Arg(100'000)->Arg(1'000'000);
  b->Unit(benchmark::kMillisecond)->UseRealTime();
}

void FitSizes(benchmark::internal::Benchmark* b) {
  b->Arg(Large() ? 1'000'000 : 100'000)->Unit(benchmark::kMillisecond)->UseRealTime();
}

BENCHMARK(BM_RelationshipPass)->Apply(OrgSizes);
BENCHMARK(BM_Score)->Apply(OrgSizes);
BENCHMARK(BM_ScoreOneThread)->Apply(OrgSizes);
BENCHMARK(BM_WhatIfBusiestRep)->Apply(OrgSizes);
BENCHMARK(BM_Fit)->Apply(FitSizes);

}  // namespace
}  // namespace baton

BENCHMARK_MAIN();
