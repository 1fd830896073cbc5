// Build, CSV import and snapshot save/load of generated organisations with
// about 10 relationships per account.
//
// Sizes: 10 k and 100 k accounts always; 1 M only with BATON_BENCH_LARGE=1
// (it needs about 4 GB of RAM and 3 GB of temporary disk). Quick check:
//   foundation_benchmark --benchmark_min_time=0.01
// Figures for the README:
//   BATON_BENCH_LARGE=1 foundation_benchmark --benchmark_repetitions=3
//       --benchmark_report_aggregates_only=true   (one command line)
//
// Counters: items are accounts; rss_mb is the resident memory right after the
// last timed call, its result still alive; peak_rss_mb the most resident
// memory since the benchmark started (VmHWM, reset per benchmark);
// org_mb what Org::MemoryBytes() counts; file_mb the size of what was read
// or written. Temporary files go under $TMPDIR (default /tmp).
#include <ftw.h>
#include <malloc.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "baton/csv.hpp"
#include "baton/sample.hpp"
#include "baton/snapshot.hpp"
#include "benchmark/benchmark.h"

namespace baton {
namespace {

constexpr double kMiB = 1024.0 * 1024.0;

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
// back to the system, so each benchmark's peak is its own.
void ResetPeakMemory() {
  ::malloc_trim(0);
  std::ofstream("/proc/self/clear_refs") << "5";
}

void ReportMemory(benchmark::State& state) {
  state.counters["rss_mb"] = ProcStatusBytes("VmRSS") / kMiB;
  state.counters["peak_rss_mb"] = ProcStatusBytes("VmHWM") / kMiB;
}

SampleOptions OptionsFor(std::int64_t accounts) {
  SampleOptions options;
  options.accounts = static_cast<std::size_t>(accounts);
  options.relationships_per_account = 10;
  return options;
}

Org Generate(std::int64_t accounts) {
  absl::StatusOr<Org> org = GenerateSampleOrg(OptionsFor(accounts));
  if (!org.ok()) {
    std::fprintf(stderr, "GenerateSampleOrg: %s\n", org.status().ToString().c_str());
    std::exit(1);
  }
  return *std::move(org);
}

void Check(const absl::Status& status, const char* what) {
  if (!status.ok()) {
    std::fprintf(stderr, "%s: %s\n", what, status.ToString().c_str());
    std::exit(1);
  }
}

double FileBytes(const std::string& path) {
  std::ifstream file(path, std::ios::binary | std::ios::ate);
  return file ? static_cast<double>(file.tellg()) : 0;
}

// A CSV directory and a snapshot of the organisation of one size, written
// once per run and removed at exit.
struct Fixture {
  std::string csv_directory;
  std::string snapshot_path;
  std::size_t relationships = 0;
};

std::string& TempRoot() {
  static std::string root;
  return root;
}

void RemoveTempRoot() {
  if (TempRoot().empty()) return;
  ::nftw(
      TempRoot().c_str(),
      [](const char* path, const struct stat*, int, FTW*) { return std::remove(path); },
      16, FTW_DEPTH | FTW_PHYS);
}

const Fixture& FixtureFor(std::int64_t accounts) {
  static std::map<std::int64_t, Fixture> fixtures;
  auto it = fixtures.find(accounts);
  if (it != fixtures.end()) return it->second;
  if (TempRoot().empty()) {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern =
        std::string(tmp != nullptr ? tmp : "/tmp") + "/baton_bench_XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) {
      std::perror("mkdtemp");
      std::exit(1);
    }
    TempRoot() = pattern;
    std::atexit(RemoveTempRoot);
  }
  Fixture fixture;
  const std::string base = TempRoot() + "/" + std::to_string(accounts);
  fixture.csv_directory = base + "_csv";
  fixture.snapshot_path = base + ".snap";
  {
    const Org org = Generate(accounts);
    fixture.relationships = org.count(EntityKind::kRelationship);
    Check(ExportCsv(org, fixture.csv_directory), "ExportCsv");
    Check(SaveSnapshot(org, fixture.snapshot_path), "SaveSnapshot");
  }
  return fixtures.emplace(accounts, std::move(fixture)).first->second;
}

void Finish(benchmark::State& state, const Org& org, double file_bytes) {
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["relationships"] =
      static_cast<double>(org.count(EntityKind::kRelationship));
  state.counters["org_mb"] = static_cast<double>(org.MemoryBytes()) / kMiB;
  if (file_bytes > 0) {
    state.counters["file_mb"] = file_bytes / kMiB;
    state.SetBytesProcessed(static_cast<std::int64_t>(file_bytes) * state.iterations());
  }
}

void BM_Build(benchmark::State& state) {
  ResetPeakMemory();
  std::optional<Org> org;
  for (auto _ : state) {
    state.PauseTiming();
    org.reset();
    state.ResumeTiming();
    org.emplace(Generate(state.range(0)));
  }
  ReportMemory(state);
  Finish(state, *org, 0);
}

void BM_ImportCsv(benchmark::State& state) {
  const Fixture& fixture = FixtureFor(state.range(0));
  ResetPeakMemory();
  std::optional<Org> org;
  for (auto _ : state) {
    state.PauseTiming();
    org.emplace();
    state.ResumeTiming();
    Check(ImportCsv(fixture.csv_directory, *org), "ImportCsv");
  }
  ReportMemory(state);
  double bytes = 0;
  for (const char* kind :
       {"teams", "reps", "tiers", "accounts", "account_team", "contacts", "relationships",
        "interactions", "deals", "complaints", "products"}) {
    bytes += FileBytes(fixture.csv_directory + "/" + kind + ".csv");
  }
  Finish(state, *org, bytes);
}

void BM_SaveSnapshot(benchmark::State& state) {
  const Fixture& fixture = FixtureFor(state.range(0));
  absl::StatusOr<Org> org = LoadSnapshot(fixture.snapshot_path);
  Check(org.status(), "LoadSnapshot");
  const std::string path = fixture.snapshot_path + ".saved";
  ResetPeakMemory();
  for (auto _ : state) {
    Check(SaveSnapshot(*org, path), "SaveSnapshot");
  }
  ReportMemory(state);
  Finish(state, *org, FileBytes(path));
  std::remove(path.c_str());
}

void BM_LoadSnapshot(benchmark::State& state) {
  const Fixture& fixture = FixtureFor(state.range(0));
  ResetPeakMemory();
  std::optional<absl::StatusOr<Org>> org;
  for (auto _ : state) {
    state.PauseTiming();
    org.reset();
    state.ResumeTiming();
    org.emplace(LoadSnapshot(fixture.snapshot_path));
    Check(org->status(), "LoadSnapshot");
  }
  ReportMemory(state);
  Finish(state, **org, FileBytes(fixture.snapshot_path));
}

void Sizes(benchmark::internal::Benchmark* b) {
  b->ArgName("accounts")->Arg(10'000)->Arg(100'000);
  const char* large = std::getenv("BATON_BENCH_LARGE");
  if (large != nullptr && std::string(large) == "1") b->Arg(1'000'000);
  b->Unit(benchmark::kMillisecond)->UseRealTime();
}

BENCHMARK(BM_Build)->Apply(Sizes);
BENCHMARK(BM_ImportCsv)->Apply(Sizes);
BENCHMARK(BM_SaveSnapshot)->Apply(Sizes);
BENCHMARK(BM_LoadSnapshot)->Apply(Sizes);

}  // namespace
}  // namespace baton

BENCHMARK_MAIN();
