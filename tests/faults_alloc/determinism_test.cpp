// Determinism: the same input gives byte-identical results across runs,
// processes and thread counts. A generated organisation of 20,000 accounts
// is hashed through everything Baton outputs: its state hash, its snapshot
// bytes, its CSV export (every file, byte for byte) and the organisation
// that export imports back into, the risk scores (every double bit for bit,
// per account, rep and team), an offboarding reassignment with its reasons,
// the departure what-if and the handover plan, and the organisation once the
// plan is applied.
//
// Risk scoring and the what-if run with threads = 1, 2 and 8 (the scorer
// takes at most one thread per 4,096 accounts, so 8 runs on 4 here). The
// Reassigner, the snapshot and the CSV export have no thread setting; they
// run on 2 and 8 threads at once (the export on 2) over the same
// organisation, each of which must give the same bytes. Then the program
// runs itself as a child process (another address space: Abseil's hash
// seeds, allocation addresses and any unordered iteration differ), which
// must print the same digests.
//
// Usage: baton_determinism_test [gtest flags]
//        baton_determinism_test --digests   (prints the digests; for the
//                                            child process)
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "baton/csv.hpp"
#include "baton/handover.hpp"
#include "baton/org.hpp"
#include "baton/reassign.hpp"
#include "baton/risk.hpp"
#include "baton/sample.hpp"
#include "baton/snapshot.hpp"
#include "gtest/gtest.h"

namespace baton {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kAccounts = 20000;
constexpr int kThreadCounts[] = {1, 2, 8};
// The calls without a thread setting, run on this many threads at once.
constexpr int kConcurrentRuns[] = {2, 8};

// FNV-1a, 64 bits, over bytes.
class Digest {
 public:
  void Bytes(const void* data, std::size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < n; ++i) h_ = (h_ ^ p[i]) * 0x100000001b3ULL;
  }
  template <typename T>
  void Add(const T& value) {
    static_assert(std::is_arithmetic_v<T> || std::is_enum_v<T>);
    Bytes(&value, sizeof value);
  }
  void Text(std::string_view text) {
    Add(text.size());
    Bytes(text.data(), text.size());
  }
  std::uint64_t value() const { return h_; }

 private:
  std::uint64_t h_ = 0xcbf29ce484222325ULL;
};

std::string Hex(std::uint64_t v) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(v));
  return text;
}

// A fresh directory under the system's temporary one, removed at the end.
class TempDir {
 public:
  explicit TempDir(const std::string& name) {
    path_ = fs::temp_directory_path() /
            ("baton-determinism-" + std::to_string(::getpid()) + "-" + name);
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  std::string path() const { return path_.string(); }

 private:
  fs::path path_;
};

std::uint64_t SnapshotDigest(const Org& org) {
  absl::StatusOr<std::string> bytes = SnapshotToBytes(org);
  if (!bytes.ok()) return 0;
  Digest d;
  d.Text(*bytes);
  return d.value();
}

// Every file of an exported directory, in name order: name and bytes.
std::uint64_t ExportDigest(const Org& org, const std::string& directory) {
  if (!ExportCsv(org, directory).ok()) return 0;
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::directory_iterator(directory)) {
    std::ifstream in(entry.path(), std::ios::binary);
    files[entry.path().filename().string()].assign(std::istreambuf_iterator<char>(in),
                                                   std::istreambuf_iterator<char>());
  }
  Digest d;
  d.Add(files.size());
  for (const auto& [name, bytes] : files) d.Text(name), d.Text(bytes);
  return d.value();
}

std::uint64_t ScoresDigest(const RiskScores& s) {
  Digest d;
  for (double v : s.risk) d.Add(v);
  for (double v : s.value_at_risk) d.Add(v);
  for (const RepRisk& r : s.reps) {
    d.Add(r.rep), d.Add(r.accounts), d.Add(r.value), d.Add(r.value_at_risk);
    d.Add(r.sole_value);
  }
  for (const TeamRisk& t : s.teams) {
    d.Add(t.team), d.Add(t.accounts), d.Add(t.value), d.Add(t.value_at_risk);
  }
  d.Add(s.total_value), d.Add(s.total_value_at_risk);
  return d.value();
}

void AddBalance(Digest& d, const LoadBalance& b) {
  d.Add(b.min_utilisation), d.Add(b.max_utilisation), d.Add(b.mean_utilisation);
  d.Add(b.stddev_utilisation), d.Add(b.max_min_ratio);
}

std::uint64_t ReassignmentDigest(const Reassignment& r) {
  Digest d;
  d.Add(r.outcome), d.Add(r.objective), d.Add(r.lower_bound), d.Add(r.relative_gap);
  d.Add(r.moves), d.Add(r.unassigned);
  for (const AccountReassignment& a : r.accounts) {
    d.Add(a.account), d.Add(a.from), d.Add(a.to), d.Add(a.pinned), d.Add(a.unassigned);
    const SuccessorCost& c = a.cost;
    for (std::int64_t term : {c.stranger, c.relationships, c.account_team, c.group,
                              c.territory, c.segment, c.team, c.seniority, c.move}) {
      d.Add(term);
    }
    d.Add(a.reasons.size());
    for (const std::string& reason : a.reasons) d.Text(reason);
  }
  for (const RepLoad& l : r.reps) d.Add(l.rep), d.Add(l.before), d.Add(l.after);
  AddBalance(d, r.before), AddBalance(d, r.after);
  return d.value();
}

std::uint64_t WhatIfDigest(const DepartureWhatIf& w) {
  Digest d;
  for (const DepartureRisk& a : w.accounts) {
    d.Add(a.account), d.Add(a.owner_before), d.Add(a.owner_after), d.Add(a.value);
    d.Add(a.before), d.Add(a.after_departure), d.Add(a.after_plan);
  }
  d.Add(w.value_at_risk_before), d.Add(w.value_at_risk_after_departure);
  d.Add(w.value_at_risk_after_plan);
  return d.value();
}

void AddTask(Digest& d, const HandoverTask& t) {
  d.Add(t.kind), d.Add(t.role), d.Add(t.rep), d.Add(t.due), d.Add(t.status);
  d.Text(t.title);
  for (const std::string& line : t.details) d.Text(line);
}

std::uint64_t HandoverDigest(const HandoverPlan& p) {
  Digest d;
  for (const AccountHandover& a : p.accounts) {
    d.Add(a.account), d.Add(a.leaver), d.Add(a.successor), d.Add(a.manager);
    d.Add(a.value), d.Add(a.risk), d.Add(a.value_at_risk);
    for (const std::string& r : a.risk_reasons) d.Text(r);
    for (const std::string& r : a.successor_reasons) d.Text(r);
    for (const HandoverTask& t : a.tasks) AddTask(d, t);
  }
  for (const LeaverHandover& l : p.leavers) {
    d.Add(l.rep), d.Add(l.last_day);
    for (const HandoverTask& t : l.tasks) AddTask(d, t);
  }
  return d.value();
}

// Runs `body(t)` on `threads` threads at once and returns their results.
template <typename Body>
auto OnThreads(int threads, Body body) {
  std::vector<decltype(body(0))> results(threads);
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] { results[t] = body(t); });
  }
  for (std::thread& w : workers) w.join();
  return results;
}

// The digests of one organisation, by name; a name ending in "@N" was made
// with N threads and must equal the same name without it.
using Digests = std::map<std::string, std::string>;

// `all`: also the runs on several threads at once (the child processes
// leave them out, to keep the test short; their other digests are compared).
Digests ComputeDigests(bool all) {
  Digests out;
  SampleOptions sample;
  sample.seed = 20261201;
  sample.accounts = kAccounts;
  sample.interactions_per_account = 4;  // keeps the Debug build's run short
  absl::StatusOr<Org> generated = GenerateSampleOrg(sample);
  if (!generated.ok()) return {{"error", generated.status().ToString()}};
  const Org& org = *generated;
  out["generate"] = Hex(org.StateHash());

  for (int threads : kConcurrentRuns) {
    if (!all) break;
    const std::string at = "@" + std::to_string(threads);
    const auto snapshots =
        OnThreads(threads, [&](int) { return Hex(SnapshotDigest(org)); });
    for (int t = 0; t < threads; ++t)
      out["snapshot" + at + "." + std::to_string(t)] = snapshots[t];
  }
  if (all) {  // the export, the slowest, on two threads at once
    const auto exports = OnThreads(2, [&](int t) {
      TempDir dir("export@2." + std::to_string(t));
      return Hex(ExportDigest(org, dir.path()));
    });
    for (int t = 0; t < 2; ++t) out["csv@2." + std::to_string(t)] = exports[t];
  }
  out["snapshot"] = Hex(SnapshotDigest(org));
  {
    TempDir dir("roundtrip");
    out["csv"] = Hex(ExportDigest(org, dir.path()));
    Org imported;
    const absl::Status status = ImportCsv(dir.path(), imported);
    out["csv.import"] = status.ok() ? Hex(imported.StateHash()) : status.ToString();
    // Exported again, the imported organisation gives the same files. (Not
    // the same snapshot bytes: a snapshot keeps its tags, territories and
    // the like, in the order they were first seen, which the generator and
    // the importer do not share; the state hash does not depend on it.)
    TempDir again("roundtrip.again");
    out["csv.import.csv"] = Hex(ExportDigest(imported, again.path()));
  }

  // The rep who owns the most accounts (the first of them) leaves.
  RepIndex leaver = 0;
  for (RepIndex r = 0; r < org.reps().size(); ++r) {
    if (org.reps()[r].active() &&
        org.AccountsOwnedBy(r).size() > org.AccountsOwnedBy(leaver).size()) {
      leaver = r;
    }
  }
  const Day today = sample.today;
  const RiskModel model = RiskModel::Default();
  RiskOptions risk;
  risk.as_of = today;
  for (int threads : kThreadCounts) {
    risk.threads = threads;
    absl::StatusOr<RiskScores> scores = RiskScorer(org, model).SetOptions(risk).Score();
    out["risk@" + std::to_string(threads)] =
        scores.ok() ? Hex(ScoresDigest(*scores)) : scores.status().ToString();
  }

  ReassignOptions options;
  options.mode = ReassignMode::kOffboard;
  options.departing = {org.reps()[leaver].id};
  options.today = today;
  const Reassigner reassigner(Reassigner(org).SetOptions(options));
  absl::StatusOr<Reassignment> plan = reassigner.Run();
  if (!plan.ok()) return {{"error", plan.status().ToString()}};
  out["reassign"] = Hex(ReassignmentDigest(*plan));
  out["reassign.accounts"] = std::to_string(plan->accounts.size());
  for (int threads : kConcurrentRuns) {
    if (!all) break;
    const auto runs = OnThreads(threads, [&](int) {
      absl::StatusOr<Reassignment> r = reassigner.Run();
      return r.ok() ? Hex(ReassignmentDigest(*r)) : r.status().ToString();
    });
    for (int t = 0; t < threads; ++t) {
      out["reassign@" + std::to_string(threads) + "." + std::to_string(t)] = runs[t];
    }
  }

  risk.leavers = {{leaver, /*to_competitor=*/true}};
  for (int threads : kThreadCounts) {
    risk.threads = threads;
    absl::StatusOr<DepartureWhatIf> what_if = WhatIfDeparture(org, model, risk, &*plan);
    out["what_if@" + std::to_string(threads)] =
        what_if.ok() ? Hex(WhatIfDigest(*what_if)) : what_if.status().ToString();
  }

  HandoverOptions handover;
  handover.leavers = {{org.reps()[leaver].id, today + 29, true}};
  handover.today = today;
  absl::StatusOr<HandoverPlan> tasks = PlanHandover(org, handover, *plan, model);
  if (!tasks.ok()) return {{"error", tasks.status().ToString()}};
  out["handover"] = Hex(HandoverDigest(*tasks));
  absl::StatusOr<HandoverBatches> batches = HandoverChanges(org, *tasks, handover);
  if (!batches.ok()) return {{"error", batches.status().ToString()}};
  Org applied = org;
  const absl::Status status = applied.Apply(batches->apply);
  out["handover.applied"] = status.ok() ? Hex(applied.StateHash()) : status.ToString();
  out["handover.applied.snapshot"] = Hex(SnapshotDigest(applied));
  return out;
}

std::string Print(const Digests& digests) {
  std::string text;
  for (const auto& [name, value] : digests) text += name + " " + value + "\n";
  return text;
}

// A child process's digests: the program run with --digests.
std::string ChildDigests() {
  // This very program, however it was started.
  const std::string command =
      "'" + fs::read_symlink("/proc/self/exe").string() + "' --digests";
  std::FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return "popen failed";
  std::string text;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;)
    text.append(buf, n);
  const int status = ::pclose(pipe);
  if (status != 0) text += "exit_status " + std::to_string(status) + "\n";
  return text;
}

class DeterminismTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { digests_ = new Digests(ComputeDigests(true)); }
  static void TearDownTestSuite() {
    delete digests_;
    digests_ = nullptr;
  }
  static const Digests& digests() { return *digests_; }
  // The digest `name`; fails the test if it is missing.
  static std::string Get(const std::string& name) {
    auto it = digests_->find(name);
    EXPECT_NE(it, digests_->end()) << name;
    return it == digests_->end() ? "missing" : it->second;
  }

 private:
  static Digests* digests_;
};
Digests* DeterminismTest::digests_ = nullptr;

TEST_F(DeterminismTest, Generates) {
  ASSERT_EQ(digests().count("error"), 0u) << digests().at("error");
  EXPECT_GT(std::stoul(Get("reassign.accounts")), 0u);
}

TEST_F(DeterminismTest, SnapshotAndCsvOnSeveralThreadsAtOnce) {
  for (int threads : kConcurrentRuns) {
    for (int t = 0; t < threads; ++t) {
      const std::string at = "@" + std::to_string(threads) + "." + std::to_string(t);
      EXPECT_EQ(Get("snapshot" + at), Get("snapshot")) << at;
    }
  }
  EXPECT_EQ(Get("csv@2.0"), Get("csv"));
  EXPECT_EQ(Get("csv@2.1"), Get("csv"));
}

TEST_F(DeterminismTest, CsvExportImportsBackToTheSameOrganisation) {
  EXPECT_EQ(Get("csv.import"), Get("generate"));
  EXPECT_EQ(Get("csv.import.csv"), Get("csv"));
}

TEST_F(DeterminismTest, RiskScoresOnAnyThreadCount) {
  EXPECT_EQ(Get("risk@2"), Get("risk@1"));
  EXPECT_EQ(Get("risk@8"), Get("risk@1"));
  EXPECT_EQ(Get("what_if@2"), Get("what_if@1"));
  EXPECT_EQ(Get("what_if@8"), Get("what_if@1"));
}

TEST_F(DeterminismTest, ReassignmentOnSeveralThreadsAtOnce) {
  for (int threads : kConcurrentRuns) {
    for (int t = 0; t < threads; ++t) {
      const std::string at = "@" + std::to_string(threads) + "." + std::to_string(t);
      EXPECT_EQ(Get("reassign" + at), Get("reassign")) << at;
    }
  }
}

// Another process: every digest it makes, also of the handover and the
// applied plan, must be the same there.
TEST_F(DeterminismTest, SameInAnotherProcess) {
  for (int child = 0; child < 1; ++child) {
    std::istringstream lines(ChildDigests());
    std::size_t compared = 0;
    for (std::string name, value; lines >> name >> value;) {
      EXPECT_EQ(value, Get(name)) << name << " in child process " << child;
      ++compared;
    }
    EXPECT_GE(compared, 15u) << "child process " << child;
  }
}

}  // namespace
}  // namespace baton

int main(int argc, char** argv) {
  if (argc == 2 && std::strcmp(argv[1], "--digests") == 0) {
    std::fputs(baton::Print(baton::ComputeDigests(false)).c_str(), stdout);
    return 0;
  }
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
