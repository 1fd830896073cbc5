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
// or written. BM_ReadCsvReference, BM_ReadSnapshotReference and
// BM_TouchMemoryReference are the floors to compare import and load with,
// measured in the same run. BM_Memory reports bytes per record of each kind
// (docs/memory.md). Temporary files go under $TMPDIR (default /tmp).
#include <ftw.h>
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "baton/csv.hpp"
#include "baton/sample.hpp"
#include "baton/snapshot.hpp"
#include "benchmark/benchmark.h"
#include "lib/model/org_access.hpp"
#include "lib/model/org_index.hpp"

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

// The reference for BM_ImportCsv and BM_LoadSnapshot in the same run: one
// plain pass over the same bytes (read in 4 MiB pieces, each line end
// counted), the least any import or load must do. The machine is shared, so
// compare a figure against its reference measured alongside it.
std::uint64_t ReadAndCountLines(const std::string& path, std::vector<char>& buffer) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return 0;
  std::uint64_t lines = 0;
  for (;;) {
    const std::size_t got = std::fread(buffer.data(), 1, buffer.size(), file);
    for (std::size_t i = 0; i < got; ++i) lines += buffer[i] == '\n';
    if (got < buffer.size()) break;
  }
  std::fclose(file);
  return lines;
}

void ReadFilesReference(benchmark::State& state, const std::vector<std::string>& paths) {
  std::vector<char> buffer(std::size_t{4} << 20);
  double bytes = 0;
  for (const std::string& path : paths) bytes += FileBytes(path);
  for (auto _ : state) {
    std::uint64_t lines = 0;
    for (const std::string& path : paths) lines += ReadAndCountLines(path, buffer);
    benchmark::DoNotOptimize(lines);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["file_mb"] = bytes / kMiB;
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes) * state.iterations());
}

void BM_ReadCsvReference(benchmark::State& state) {
  const Fixture& fixture = FixtureFor(state.range(0));
  std::vector<std::string> paths;
  for (const char* kind :
       {"teams", "reps", "tiers", "accounts", "account_team", "contacts", "relationships",
        "interactions", "deals", "complaints", "products"}) {
    paths.push_back(fixture.csv_directory + "/" + kind + ".csv");
  }
  ReadFilesReference(state, paths);
}

void BM_ReadSnapshotReference(benchmark::State& state) {
  ReadFilesReference(state, {FixtureFor(state.range(0)).snapshot_path});
}

// The other reference for BM_LoadSnapshot and BM_ImportCsv: fresh memory
// as large as the organisation they build (Org::MemoryBytes), each page
// touched once, then handed back. Whatever builds the organisation in
// memory pays this much for page faults and zeroing, however little else
// it does; on a virtual machine it is far from free.
// Plain pages, as the loader's tables get (see the README on huge pages).
void BM_TouchMemoryReference(benchmark::State& state) {
  const std::size_t bytes = [&] {
    absl::StatusOr<Org> org = LoadSnapshot(FixtureFor(state.range(0)).snapshot_path);
    Check(org.status(), "LoadSnapshot");
    return org->MemoryBytes();
  }();
  const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  for (auto _ : state) {
    void* memory = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED) {
      state.SkipWithError("mmap failed");
      return;
    }
    auto* data = static_cast<volatile char*>(memory);
    for (std::size_t at = 0; at < bytes; at += page) data[at] = 1;
    ::munmap(memory, bytes);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["org_mb"] = static_cast<double>(bytes) / kMiB;
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes) * state.iterations());
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

// What one record of each kind costs in memory: its table row with the heap
// of its strings, its id map entry (kinds with ids), and its share of the
// derived indexes (its entries in the lists that hold it, plus the offsets of
// the lists keyed by it). Reported as <kind>_B counters, in bytes per record;
// docs/memory.md explains them.
std::size_t HeapBytes(const std::string& s) {
  return s.capacity() > 15 ? s.capacity() + 1 : 0;
}

template <typename Row, typename... Strings>
double TableBytes(const std::vector<Row>& rows, Strings... strings) {
  double bytes = static_cast<double>(rows.capacity() * sizeof(Row));
  for (const Row& row : rows) bytes += (0.0 + ... + HeapBytes(row.*strings));
  return bytes;
}

double IdIndexBytes(const internal::IdIndex& ids) {
  return static_cast<double>(ids.MemoryBytes());
}

double Items(const std::shared_ptr<const internal::Csr>& csr) {
  return static_cast<double>(csr->items.capacity() * sizeof(Index));
}
double Offsets(const std::shared_ptr<const internal::Csr>& csr) {
  return static_cast<double>(csr->offsets.capacity() * sizeof(Index));
}

void ReportBytesPerRecord(benchmark::State& state, const Org& org) {
  const internal::OrgState& s = internal_state(org);
  const internal::OrgIndex& x = internal_index(org);
  // The graph holds 2 directed edges of 8 bytes per relationship and one
  // offset per rep and per contact.
  const double graph_vertex_bytes =
      sizeof(Index) * (s.reps.size() + s.contacts.size() + 1.0);
  const double graph_edge_bytes = x.relationships->MemoryBytes() - graph_vertex_bytes;
  const double vertex_share =
      graph_vertex_bytes / (s.reps.size() + s.contacts.size() + 1.0);
  auto report = [&](const char* kind, std::size_t count, double bytes) {
    if (count > 0)
      state.counters[std::string(kind) + "_B"] = bytes / static_cast<double>(count);
  };
  report("team", s.teams.size(),
         TableBytes(s.teams, &Team::id, &Team::name) + IdIndexBytes(s.team_ids) +
             Offsets(x.reps_of_team));
  report("rep", s.reps.size(),
         TableBytes(s.reps, &Rep::id, &Rep::name, &Rep::destination) +
             IdIndexBytes(s.rep_ids) + Items(x.reps_of_team) +
             Offsets(x.accounts_of_owner) + Offsets(x.seats_of_rep) +
             vertex_share * s.reps.size());
  report("account", s.accounts.size(),
         TableBytes(s.accounts, &Account::id, &Account::name) +
             IdIndexBytes(s.account_ids) + Items(x.accounts_of_owner) +
             Offsets(x.team_of_account) + Offsets(x.contacts_of_account) +
             Offsets(x.interactions_of_account) + Offsets(x.deals_of_account) +
             Offsets(x.complaints_of_account) + Offsets(x.products_of_account));
  report("account_team", s.account_team.size(),
         TableBytes(s.account_team) + Items(x.team_of_account) + Items(x.seats_of_rep));
  report("contact", s.contacts.size(),
         TableBytes(s.contacts, &Contact::id, &Contact::name) +
             IdIndexBytes(s.contact_ids) + Items(x.contacts_of_account) +
             vertex_share * s.contacts.size());
  report("relationship", s.relationships.size(),
         TableBytes(s.relationships) + graph_edge_bytes);
  report("interaction", s.interactions.size(),
         TableBytes(s.interactions) + s.notes.MemoryBytes() +
             Items(x.interactions_of_account));
  report("deal", s.deals.size(),
         TableBytes(s.deals, &Deal::id, &Deal::next_step) + IdIndexBytes(s.deal_ids) +
             Items(x.deals_of_account));
  report("complaint", s.complaints.size(),
         TableBytes(s.complaints, &Complaint::id, &Complaint::summary) +
             IdIndexBytes(s.complaint_ids) + Items(x.complaints_of_account));
  report("product", s.products.size(),
         TableBytes(s.products) + Items(x.products_of_account));
  // Territories, segments, groups and products share one pool.
  state.counters["tags_pool_mb"] = static_cast<double>(s.tags.MemoryBytes()) / kMiB;
}

// A loaded organisation's memory, per record kind and in all.
void BM_Memory(benchmark::State& state) {
  const Fixture& fixture = FixtureFor(state.range(0));
  ResetPeakMemory();
  const double rss_before = ProcStatusBytes("VmRSS");
  std::optional<absl::StatusOr<Org>> org;
  for (auto _ : state) {
    org.emplace(LoadSnapshot(fixture.snapshot_path));
    Check(org->status(), "LoadSnapshot");
  }
  ::malloc_trim(0);
  const double rss_bytes = ProcStatusBytes("VmRSS") - rss_before;
  ReportBytesPerRecord(state, **org);
  state.counters["org_mb"] = static_cast<double>((*org)->MemoryBytes()) / kMiB;
  state.counters["rss_growth_mb"] = rss_bytes / kMiB;
  state.counters["rss_per_account_B"] = rss_bytes / static_cast<double>(state.range(0));
}

void Sizes(benchmark::internal::Benchmark* b) {
  b->ArgName("accounts")->Arg(10'000)->Arg(100'000);
  const char* large = std::getenv("BATON_BENCH_LARGE");
  if (large != nullptr && std::string(large) == "1") b->Arg(1'000'000);
  b->Unit(benchmark::kMillisecond)->UseRealTime();
}

BENCHMARK(BM_Build)->Apply(Sizes);
BENCHMARK(BM_ImportCsv)->Apply(Sizes);
BENCHMARK(BM_ReadCsvReference)->Apply(Sizes);
BENCHMARK(BM_SaveSnapshot)->Apply(Sizes);
BENCHMARK(BM_LoadSnapshot)->Apply(Sizes);
BENCHMARK(BM_ReadSnapshotReference)->Apply(Sizes);
BENCHMARK(BM_TouchMemoryReference)->Apply(Sizes);
BENCHMARK(BM_Memory)->Apply(Sizes)->Iterations(1);

}  // namespace
}  // namespace baton

BENCHMARK_MAIN();
