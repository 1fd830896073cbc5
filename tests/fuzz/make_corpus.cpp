// Writes the generated seeds of the fuzz corpora:
//   baton_fuzz_make_corpus SOURCE_DIR   (writes SOURCE_DIR/tests/fuzz/corpus/...)
// For each CSV kind: the base organisation's file (accepted) and the first
// lines of the bundled sample's (examples/sample; its ids reach past the
// base, so most are refused). For the directory: the base organisation, the
// sample's teams, reps and tiers, and the heads of all its files. Snapshots
// of the base and of an empty organisation; the documented assignment
// example; a few C API call sequences (Program below). Crash inputs found by fuzzing are
// added by hand next to these (named crash-*), and kept.
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "baton/csv.hpp"
#include "baton/snapshot.hpp"
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
    kClear
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
  std::cout << "seeds written under " << corpus << "\n";
  return 0;
}
