// Writes the generated seeds of the fuzz corpora:
//   baton_fuzz_make_corpus SOURCE_DIR   (writes SOURCE_DIR/tests/fuzz/corpus/...)
// For each CSV kind: the base organisation's file (accepted) and the first
// lines of the bundled sample's (examples/sample; its ids reach past the
// base, so most are refused). For the directory: the base organisation, the
// sample's teams, reps and tiers, and the heads of all its files. Snapshots
// of the base (in one part and, version 3, in two) and of an empty
// organisation; the documented assignment example; a few C API call
// sequences (Program below); handover books of the base organisation (a
// draft, applied with a task done, undone) and broken variants of one; risk
// model texts; training tables; snapshots with sections (the risk model,
// the book, another). Crash inputs found by fuzzing are added by hand next
// to these (named crash-*), and kept.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "baton/csv.hpp"
#include "baton/handover.hpp"
#include "baton/handover_book.hpp"
#include "baton/reassign.hpp"
#include "baton/risk.hpp"
#include "baton/sample.hpp"
#include "baton/snapshot.hpp"
#include "lib/io/snapshot_format.hpp"
#include "lib/model/org_access.hpp"
#include "tests/fuzz/csv_targets.hpp"
#include "tests/fuzz/fuzz_contract.hpp"

namespace {

namespace fs = std::filesystem;
using baton::fuzz::NamedFile;

std::string Read(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

std::string Head(const std::string& text, int lines) {
  std::size_t end = 0;
  while (lines-- > 0 && end != std::string::npos) end = text.find('\n', end + 1);
  return end == std::string::npos ? text : text.substr(0, end + 1);
}

void Write(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  baton::fuzz::WriteFile(path.string(), bytes);
}

// The files of a CSV directory, by name, in import order.
std::vector<std::pair<std::string, std::string>> CsvFiles(const fs::path& dir,
                                                          int lines) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const std::string& name : baton::fuzz::CsvFileNames()) {
    if (fs::exists(dir / name)) files.emplace_back(name, Head(Read(dir / name), lines));
  }
  return files;
}

std::string Join(const std::vector<std::pair<std::string, std::string>>& files) {
  std::vector<NamedFile> named;
  for (const auto& [name, bytes] : files) named.push_back({name, bytes});
  return baton::fuzz::JoinFiles(named);
}

void WriteCsvSeeds(const fs::path& source, const fs::path& corpus) {
  const std::string base = baton::fuzz::ScratchDir("make-corpus-base");
  if (!baton::ExportCsv(baton::fuzz::BaseOrg(), base).ok()) std::abort();
  const fs::path sample = source / "examples" / "sample";
  for (const std::string& name : baton::fuzz::CsvFileNames()) {
    const fs::path dir = corpus / ("csv_" + fs::path(name).stem().string());
    Write(dir / "base", Read(fs::path(base) / name));
    Write(dir / "sample-head", Head(Read(sample / name), 40));
  }
  const fs::path dir = corpus / "csv_directory";
  Write(dir / "base", Join(CsvFiles(base, 1 << 30)));
  Write(dir / "sample-head", Join(CsvFiles(sample, 40)));
  std::vector<std::pair<std::string, std::string>> people;
  for (const char* name : {"teams.csv", "reps.csv", "tiers.csv"}) {
    people.emplace_back(name, Read(sample / name));
  }
  Write(dir / "sample-teams-reps-tiers", Join(people));
}

void WriteSnapshotSeeds(const fs::path& corpus) {
  const fs::path dir = corpus / "snapshot";
  const absl::StatusOr<std::string> base = baton::SnapshotToBytes(baton::fuzz::BaseOrg());
  const absl::StatusOr<std::string> empty = baton::SnapshotToBytes(baton::Org());
  if (!base.ok() || !empty.ok()) std::abort();
  // The first byte: 0 = as is, 1 = fix the checksum (snapshot_fuzz.cpp).
  Write(dir / "base", std::string(1, '\0') + *base);
  Write(dir / "base-checksum-fixed", std::string(1, '\1') + *base);
  Write(dir / "empty", std::string(1, '\0') + *empty);
  Write(dir / "truncated-header", std::string(1, '\0') + base->substr(0, 20));
  // Version 5, in two parts with pooled notes, as large organisations are
  // written; and versions 4 and 3, as they were before.
  for (const auto& [name, layout] :
       {std::pair{"split", baton::internal::SnapshotLayout::kSplit},
        {"split-v4", baton::internal::SnapshotLayout::kSplitVersion4},
        {"split-v3", baton::internal::SnapshotLayout::kSplitVersion3}}) {
    const absl::StatusOr<std::string> split = baton::internal::EncodeSnapshot(
        internal_state(baton::fuzz::BaseOrg()), {}, layout);
    if (!split.ok()) std::abort();
    Write(dir / name, std::string(1, '\0') + *split);
    Write(dir / (std::string(name) + "-checksum-fixed"), std::string(1, '\1') + *split);
  }
}

void WriteProblemSeeds(const fs::path& source, const fs::path& corpus) {
  const fs::path example = source / "examples" / "assignment";
  std::vector<std::pair<std::string, std::string>> files;
  for (const char* name : {"reps.csv", "accounts.csv", "arcs.csv"}) {
    files.emplace_back(name, Read(example / name));
  }
  Write(corpus / "assignment_problem" / "example", Join(files));
}

// A C API call sequence in capi_sequence_fuzz.cpp's encoding: an opcode
// byte (Session::Step), then the bytes its operands read.
class Program {
 public:
  enum Op {
    kRecreate,
    kWriteCsv,
    kImport,
    kAdd,
    kOther,
    kApply,
    kSaveLoad,
    kCorrupt,
    kReassign,
    kSolve,
    kCopy,
    kClear,
    kSetModel,
    kSaveModel,
    kScore,
    kHandover,
    kApplyStored,
    kUndoStored,
    kTaskStatus,
    kReadBook,
    kBytes
  };
  Program& Do(Op op, std::initializer_list<int> operands = {}) {
    bytes_ += static_cast<char>(op);
    for (int b : operands) bytes_ += static_cast<char>(b);
    return *this;
  }
  // Writes `text` as file `kind` (its index in import order) of the CSV
  // directory.
  Program& Csv(int kind, const std::string& text) {
    const std::string cut = text.substr(0, 2048);
    Do(kWriteCsv,
       {kind, static_cast<int>(cut.size() >> 8), static_cast<int>(cut.size() & 255)});
    bytes_ += cut;
    return *this;
  }
  // Operands taken as they are (a risk model's text).
  Program& Raw(const std::string& text) {
    bytes_ += text;
    return *this;
  }
  const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;
};

void WriteCapiSeeds(const fs::path& corpus) {
  const std::string base = baton::fuzz::ScratchDir("make-corpus-capi");
  if (!baton::ExportCsv(baton::fuzz::BaseOrg(), base).ok()) std::abort();
  const fs::path dir = corpus / "capi_sequence";
  Program imported;
  const std::vector<std::string>& names = baton::fuzz::CsvFileNames();
  for (int kind = 0; kind < 6; ++kind)
    imported.Csv(kind, Read(fs::path(base) / names[kind]));
  imported.Do(Program::kImport).Do(Program::kSaveLoad).Do(Program::kCopy);
  Write(dir / "import-save-load", imported.bytes());
  // Offboard rep r001 on 2026-11-01 (day 20000 + 152 * 5), then apply the
  // plan.
  Program reassign = imported;
  reassign.Do(Program::kReassign,
              {0, 1, 2, 3, 0, 1, 0, 0, 0, 0, 152, 0, 19, 24, 5, 150, 200});
  Write(dir / "import-reassign", reassign.bytes());
  // Operands of kAdd: id prefix and id, rep, account, contact, tier, add or
  // update, kind, then the kind's fields (capi_sequence_fuzz.cpp).
  Program batch;
  batch
      .Do(Program::kAdd, {0, 0, 0, 0, 0, 0, 0, 2, 2, 0, 0})         // tier A
      .Do(Program::kAdd, {0, 0, 0, 0, 0, 0, 0, 0, 0})               // team t01
      .Do(Program::kAdd, {0, 0, 0, 0, 0, 0, 0, 1, 0, 3, 80, 1})     // rep r001 in t01
      .Do(Program::kAdd, {0, 0, 0, 0, 0, 0, 0, 3, 100, 0, 152, 1})  // account a0001
      .Do(Program::kApply)
      .Do(Program::kSaveLoad)
      .Do(Program::kCorrupt, {0, 40, 7, 200});
  Write(dir / "batch-apply-corrupt", batch.bytes());
  // Integers are read as byte - 20: 2 reps, 3 accounts, 4 arcs.
  const auto v = [](int value) { return value + 20; };
  Program solve;
  solve.Do(Program::kSolve,
           {2, 3,    4,                         // counts
            0, v(0), v(2),  v(1),               // rep r001: load, capacity, lambda
            1, v(0), v(2),  v(1),               // rep r002
            0, v(1), v(30), 1,    v(1), v(30),  // accounts a0001, a0002: weight, penalty
            2, v(1), v(30),                     // account a0003
            0, 0,    v(10), 1,    1,    v(20), 2, 0, v(5), 2, 1, v(7)});  // arcs
  Write(dir / "solve", solve.bytes());
  // Score on 2026-11-01 with r002 leaving to a competitor and a0001 given
  // to r003; 3 reasons, one thread; explain a0001 (capi_sequence_fuzz.cpp,
  // Session::ReadScenario).
  Program score = imported;
  score.Do(Program::kSetModel, {0})
      .Do(Program::kScore, {0, 152, 1, 1, 1, 1, 0, 1, 2, 1, 0, 4, 1, 0});
  Write(dir / "import-score", score.bytes());
  // A model from text with a "usage" signal: its features expected, saved
  // in a snapshot, and scored with a usage value per account.
  const std::string model =
      "baton-risk-model 1\nbias -1\nfeature 0.5 0.25 1 owner_share\n"
      "feature 0.5 0.25 -0.5 signal:usage\n";
  Program modelled = imported;
  modelled.Do(Program::kSetModel, {1, 0, static_cast<int>(model.size())})
      .Raw(model)
      .Raw("\2")  // expect both features
      .Do(Program::kSaveModel)
      .Do(Program::kScore, {0, 152, 0, 0, 0, 1});  // then a usage value per account
  for (int account = 0; account < 12; ++account)
    modelled.Raw(std::string(1, static_cast<char>(account * 15)));
  modelled.Raw("\2\1\0").Do(Program::kReadBook, {0});  // 1 reason, 1 thread, a0001
  Write(dir / "model-text-score", modelled.bytes());
  // Plan r001's handover on 2026-11-01 (last day in 20 days), store it as
  // H1, apply it, mark a task done, save and load, undo it, read the book.
  Program handover = imported;
  handover
      .Do(Program::kBytes, {1})  // bytes sized and left for later
      .Do(Program::kHandover, {0, 152, 0, 0, 0, 25, 1, 0, 1, 0, 0, 0, 2, 0, 0, 200, 120})
      .Do(Program::kApplyStored, {0, 0, 140})
      .Do(Program::kTaskStatus, {0, 0, 0, 3, 1, 130})
      .Do(Program::kBytes, {0})
      .Do(Program::kSaveLoad)
      .Do(Program::kUndoStored, {0, 0, 150})
      .Do(Program::kReadBook, {5});
  Write(dir / "import-handover-book", handover.bytes());
  // A plan for r001 and r002 leaving (a task status set on the handle),
  // applied and undone on its handle, not stored.
  Program direct = imported;
  direct
      .Do(Program::kHandover,
          {0, 152, 1, 0, 0, 25, 1, 1, 0, 25, 0, 0, 1, 0, 0, 1, 3, 1, 4, 1, 1, 0})
      .Do(Program::kCopy)
      .Do(Program::kBytes, {0});
  Write(dir / "import-handover-direct", direct.bytes());
}

// A small organisation (5 accounts, 4 reps: a leaver owns one or two), so
// that its handover books and snapshots stay a few KB.
const baton::Org& SmallOrg() {
  static const baton::Org org = [] {
    baton::SampleOptions options;
    options.seed = 8;
    options.accounts = 5;
    options.reps = 4;
    options.relationships_per_account = 2;
    options.interactions_per_account = 2;
    absl::StatusOr<baton::Org> generated = baton::GenerateSampleOrg(options);
    if (!generated.ok()) std::abort();
    return *std::move(generated);
  }();
  return org;
}

// A handover book made on the small organisation: a rep with one account
// leaving (a draft), then with a task done and applied, then undone; and
// another rep's plan added as a draft after the undo.
std::vector<std::string> BookJsons() {
  baton::Org org = SmallOrg();
  const baton::Day today = baton::SampleOptions().today;
  baton::HandoverBook book;
  std::vector<std::string> jsons;
  const auto add = [&](const std::string& rep) {
    baton::HandoverOptions options;
    options.today = today;
    options.leavers.push_back({rep, today + 20, true});
    baton::ReassignOptions reassign;
    reassign.today = today;
    reassign.departing.push_back(rep);
    const auto reassignment = baton::Reassigner(org).SetOptions(reassign).Run();
    if (!reassignment.ok()) std::abort();
    const auto plan =
        baton::PlanHandover(org, options, *reassignment, baton::RiskModel::Default());
    if (!plan.ok()) std::abort();
    return book.Add(org, *plan, options, 1000);
  };
  // The reps owning the fewest accounts (one, if any does), so the plans are short.
  std::vector<std::pair<std::size_t, std::string>> reps;
  for (baton::RepIndex r = 0; r < org.reps().size(); ++r)
    if (!org.AccountsOwnedBy(r).empty())
      reps.emplace_back(org.AccountsOwnedBy(r).size(), org.reps()[r].id);
  std::sort(reps.begin(), reps.end());
  if (reps.size() < 2) std::abort();
  const std::string first = add(reps[0].second);
  jsons.push_back(book.ToJson());
  const baton::StoredHandover& stored = *book.Find(first);
  const std::string task = stored.accounts.empty() ? stored.leavers[0].tasks[0].id
                                                   : stored.accounts[0].tasks[0].id;
  if (!book.SetTaskStatus(first, task, baton::HandoverTaskStatus::kDone, 1500).ok() ||
      !book.Apply(first, org, 2000).ok()) {
    std::abort();
  }
  jsons.push_back(book.ToJson());
  if (!book.Undo(first, org, 3000).ok()) std::abort();
  add(reps[1].second);
  jsons.push_back(book.ToJson());
  return jsons;
}

// `text` with its first `from` replaced by `to` (or unchanged).
std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

void WriteBookSeeds(const fs::path& corpus, const std::vector<std::string>& jsons) {
  const fs::path dir = corpus / "handover_book";
  Write(dir / "draft", jsons[0]);
  Write(dir / "applied-task-done", jsons[1]);
  Write(dir / "undone-and-draft", jsons[2]);
  Write(dir / "empty-book", baton::HandoverBook().ToJson());
  const std::string& applied = jsons[1];
  Write(dir / "bad-truncated", applied.substr(0, applied.size() / 3));
  Write(dir / "bad-version", Replace(applied, "\"version\": 1", "\"version\": 2"));
  Write(dir / "bad-state", Replace(applied, "\"applied\"", "\"finished\""));
  Write(dir / "bad-applied-unlogged", Replace(jsons[0], "\"draft\"", "\"applied\""));
  Write(dir / "bad-day", Replace(applied, "2026-", "2026-13-"));
  Write(dir / "bad-negative-value", Replace(applied, "\"value\": ", "\"value\": -"));
  Write(dir / "bad-not-json", "{\"format\": \"baton.handovers\", \"version\": 1,");
}

void WriteRiskModelSeeds(const fs::path& corpus) {
  const fs::path dir = corpus / "risk_model_text";
  // The first byte: 0 = no features expected, 1 = the default model's, 2 = its
  // first two (risk_model_text_fuzz.cpp).
  const std::string text = baton::RiskModelToText(baton::RiskModel::Default());
  Write(dir / "default", std::string(1, '\0') + text);
  Write(dir / "default-expected", std::string(1, '\1') + text);
  Write(dir / "default-expected-two", std::string(1, '\2') + text);
  Write(dir / "signal-comments-crlf",
        std::string(1, '\0') +
            "baton-risk-model 1\r\n# fitted by hand\r\nbias -2.5\r\n\r\n"
            "feature 10 5 0.3 signal:product usage\r\nfeature 0 1 -1e-3 owner_share\r\n");
  Write(dir / "bad-version", std::string(1, '\0') + Replace(text, " 1\n", " 2\n"));
  Write(dir / "bad-scale",
        std::string(1, '\0') + "baton-risk-model 1\nbias 0\nfeature 0 0 1 x\n");
  Write(dir / "bad-twice",
        std::string(1, '\0') +
            "baton-risk-model 1\nbias 0\nfeature 0 1 1 x\nfeature 0 1 1 x\n");
  Write(dir / "bad-no-bias",
        std::string(1, '\0') + "baton-risk-model 1\nfeature 0 1 1 x\n");
  Write(dir / "bad-nan", std::string(1, '\0') + "baton-risk-model 1\nbias nan\n");
  Write(dir / "bad-word",
        std::string(1, '\0') + "baton-risk-model 1\nbias 1\nweight 2\n");
}

void WriteTrainingSeeds(const fs::path& corpus) {
  const fs::path dir = corpus / "training_table";
  // The first byte: odd = skip incomplete rows (training_table_fuzz.cpp).
  const std::string header = "customer,tenure,contract,charges,churned\n";
  const std::string rows =
      "c1,12,month,70.5,Yes\nc2,40,year,20,No\n\"c3, Ltd\",3,month,99.95,Yes\n"
      "c4,60,two year,19.9,No\n";
  Write(dir / "table", std::string(1, '\0') + header + rows);
  Write(dir / "table-crlf-quoted",
        std::string(1, '\0') +
            "\"customer\",tenure,contract,charges,churned,extra\r\n"
            "c1,1,\"month\",1e2,No,x\r\nc2,2,year,3.5,Yes,\"a\"\"b\"\r\n");
  Write(dir / "skip-blank", std::string(1, '\1') + header + rows + "c5,8,month, ,No\n");
  Write(dir / "bad-blank", std::string(1, '\0') + header + rows + "c5,8,month, ,No\n");
  Write(dir / "bad-number", std::string(1, '\0') + header + "c1,twelve,month,1,Yes\n");
  Write(dir / "bad-outcome",
        std::string(1, '\0') + header + rows + "c5,1,month,2,Maybe\n");
  Write(dir / "bad-width", std::string(1, '\0') + header + "c1,1,month\n");
  Write(dir / "bad-no-column",
        std::string(1, '\0') + "customer,tenure,charges,churned\n");
  Write(dir / "bad-empty", std::string(1, '\0'));
  Write(dir / "bad-quote", std::string(1, '\0') + header + "c1,\"1,month,2,Yes\n");
}

void WriteSectionSeeds(const fs::path& corpus, const std::vector<std::string>& jsons) {
  const fs::path dir = corpus / "snapshot_sections";
  const baton::Org& org = SmallOrg();
  const baton::SnapshotSection model =
      baton::RiskModelSection(baton::RiskModel::Default());
  const baton::SnapshotSection book{std::string(baton::kHandoverBookSection), jsons[1]};
  const baton::SnapshotSection other{"notes", "kept as they are"};
  const auto write = [&](const char* name, std::vector<baton::SnapshotSection> sections,
                         char first) {
    const absl::StatusOr<std::string> bytes = baton::SnapshotToBytes(org, sections);
    if (!bytes.ok()) std::abort();
    // The first byte: 0 = as is, 1 = fix the checksum (snapshot_sections_fuzz.cpp).
    Write(dir / name, std::string(1, first) + *bytes);
  };
  const baton::Org empty;
  const absl::StatusOr<std::string> small = baton::SnapshotToBytes(empty, {model, other});
  if (!small.ok()) std::abort();
  Write(dir / "empty-org-model-notes", std::string(1, '\1') + *small);
  write("model", {model}, '\0');
  write("book", {book}, '\1');
  write("model-book-notes", {model, book, other}, '\1');
  write("bad-model-text", {{model.name, "baton-risk-model 1\nfeature 0 1 1 x\n"}}, '\1');
  write("bad-book-json", {{book.name, Replace(jsons[0], "\"draft\"", "\"applied\"")}},
        '\1');
  // Checksum fixed after cutting the last section short.
  const absl::StatusOr<std::string> both = baton::SnapshotToBytes(empty, {model, other});
  if (!both.ok()) std::abort();
  Write(dir / "bad-truncated-section",
        std::string(1, '\1') + both->substr(0, both->size() - 5));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: " << argv[0] << " SOURCE_DIR\n";
    return 2;
  }
  const fs::path source(argv[1]);
  const fs::path corpus = source / "tests" / "fuzz" / "corpus";
  WriteCsvSeeds(source, corpus);
  WriteSnapshotSeeds(corpus);
  WriteProblemSeeds(source, corpus);
  WriteCapiSeeds(corpus);
  const std::vector<std::string> books = BookJsons();
  WriteBookSeeds(corpus, books);
  WriteRiskModelSeeds(corpus);
  WriteTrainingSeeds(corpus);
  WriteSectionSeeds(corpus, books);
  std::cout << "seeds written under " << corpus << "\n";
  return 0;
}
