#include "tests/fuzz/csv_targets.hpp"

#include <algorithm>
#include <filesystem>
#include <string_view>
#include <vector>

#include "baton/csv.hpp"
#include "baton/sample.hpp"
#include "tests/fuzz/fuzz_contract.hpp"

namespace baton::fuzz {
namespace {

// Import into an empty Org: accepted, it must round-trip; rejected, it must
// say where and leave the Org empty (imports are all or nothing).
void CheckImport(const std::string& dir) {
  static const std::uint64_t empty_hash = Org().StateHash();
  Org org;
  const absl::Status imported = ImportCsv(dir, org);
  if (imported.ok()) {
    RequireCsvRoundTrip(org);
    return;
  }
  RequireLocatedError(imported, dir);
  if (org.StateHash() != empty_hash) Broken("a failed import changed the Org", imported);
}

// The base organisation's files, exported once.
const std::string& BaseDir() {
  static const std::string dir = [] {
    const std::string path = ScratchDir("base");
    if (const absl::Status s = ExportCsv(BaseOrg(), path); !s.ok()) {
      Broken("cannot export the base organisation", s);
    }
    return path;
  }();
  return dir;
}

// The directory a single-kind target imports: the base's files of the kinds
// before `file` (reps.csv too for teams.csv), and nothing after it.
std::string PrepareFileDir(const std::string& file) {
  const std::string dir = ScratchDir("csv-" + file);
  const std::vector<std::string>& names = CsvFileNames();
  const auto self = std::find(names.begin(), names.end(), file);
  if (self == names.end()) Broken("no CSV file named " + file, absl::OkStatus());
  std::vector<std::string> before(names.begin(), self);
  if (file == "teams.csv") before.push_back("reps.csv");
  for (const std::string& name : before) {
    std::filesystem::copy_file(BaseDir() + "/" + name, dir + "/" + name);
  }
  return dir;
}

}  // namespace

const Org& BaseOrg() {
  static const Org org = [] {
    SampleOptions options;
    options.seed = 8;
    options.accounts = 12;
    options.relationships_per_account = 2;
    options.interactions_per_account = 2;
    absl::StatusOr<Org> generated = GenerateSampleOrg(options);
    if (!generated.ok())
      Broken("cannot generate the base organisation", generated.status());
    return *std::move(generated);
  }();
  return org;
}

int FuzzCsvFile(const std::string& file, const std::uint8_t* data, std::size_t size) {
  static const std::string dir = PrepareFileDir(file);
  WriteFile(dir + "/" + file,
            std::string_view(reinterpret_cast<const char*>(data), size));
  CheckImport(dir);
  return 0;
}

int FuzzCsvDirectory(const std::uint8_t* data, std::size_t size) {
  const std::string dir = ScratchDir("csv-directory");
  const std::vector<std::string>& names = CsvFileNames();
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  for (const NamedFile& file : SplitFiles(input)) {
    if (std::find(names.begin(), names.end(), file.name) == names.end()) continue;
    WriteFile(dir + "/" + file.name, file.bytes);
  }
  CheckImport(dir);
  return 0;
}

}  // namespace baton::fuzz
