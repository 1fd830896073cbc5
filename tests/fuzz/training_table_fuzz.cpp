// Fuzz target: a CSV file of history read into a TrainingTable
// (ReadTrainingTable) with a fixed spec: numeric tenure and charges,
// categorical contract, outcome churned = "Yes", rows named by customer. The
// first byte's low bit sets skip_incomplete_rows. A refused file names it
// and the line (and, for a field, the column: "history.csv:LINE:COLUMN: ");
// an accepted table is consistent: a value per row and column, all finite,
// each categorical column one-hot, a 0/1 outcome and an id per row.
#include <cmath>
#include <string>
#include <string_view>

#include "baton/risk_fit.hpp"
#include "tests/fuzz/fuzz_contract.hpp"

namespace {

using baton::fuzz::Broken;

const baton::TableSpec& Spec() {
  static const baton::TableSpec spec = [] {
    baton::TableSpec s;
    s.numeric = {"tenure", "charges"};
    s.categorical = {"contract"};
    s.outcome = "churned";
    s.positive = "Yes";
    s.id = "customer";
    return s;
  }();
  return spec;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Digits at `at`, then the index past them (or npos if none).
std::size_t SkipNumber(std::string_view text, std::size_t at) {
  const std::size_t start = at;
  while (at < text.size() && IsDigit(text[at])) ++at;
  return at == start ? std::string_view::npos : at;
}

// "PATH: empty file", "PATH:LINE: no column ...", "PATH:LINE: record longer
// ...", or "PATH:LINE:COLUMN: what".
void CheckRejected(const absl::Status& status, const std::string& path) {
  if (!absl::IsInvalidArgument(status))
    Broken("a training table refused with another code", status);
  const std::string_view message(status.message().data(), status.message().size());
  if (message.substr(0, path.size()) != path)
    Broken("an error not naming the file", status);
  const std::string_view rest = message.substr(path.size());
  if (rest == ": empty file") return;
  std::size_t at =
      rest.empty() || rest[0] != ':' ? std::string_view::npos : SkipNumber(rest, 1);
  if (at == std::string_view::npos) Broken("an error not naming the line", status);
  const std::string_view after_line = rest.substr(at);
  if (after_line.substr(0, 12) == ": no column " ||
      after_line.substr(0, 16) == ": record longer ")
    return;
  at = after_line.empty() || after_line[0] != ':' ? std::string_view::npos
                                                  : SkipNumber(after_line, 1);
  if (at == std::string_view::npos || after_line.substr(at, 2) != ": ")
    Broken("an error not naming line:column", status);
}

void CheckTable(const baton::TrainingTable& table) {
  const baton::TableSpec& spec = Spec();
  const std::size_t rows = table.rows(), width = table.columns.size();
  // A categorical column has a one-hot column per level seen: none without rows.
  if (width < spec.numeric.size() + (rows > 0 ? spec.categorical.size() : 0))
    Broken("a table with fewer columns than the spec", absl::OkStatus());
  if (table.values.size() != rows * width || table.row_ids.size() != rows)
    Broken("a table whose sizes do not match its rows", absl::OkStatus());
  for (std::size_t c = 0; c < spec.numeric.size(); ++c)
    if (table.columns[c] != spec.numeric[c])
      Broken("numeric columns out of order", absl::OkStatus());
  for (std::size_t c = spec.numeric.size(); c < width; ++c)
    if (table.columns[c].rfind("contract=", 0) != 0)
      Broken("a one-hot column not named contract=LEVEL", absl::OkStatus());
  for (std::size_t r = 0; r < rows; ++r) {
    if (table.lapsed[r] > 1) Broken("an outcome that is not 0/1", absl::OkStatus());
    double hot = 0;
    for (std::size_t c = 0; c < width; ++c) {
      const double x = table.values[r * width + c];
      if (!std::isfinite(x)) Broken("a value that is not finite", absl::OkStatus());
      if (c >= spec.numeric.size()) {
        if (x != 0 && x != 1) Broken("a one-hot value that is not 0/1", absl::OkStatus());
        hot += x;
      }
    }
    if (hot != 1) Broken("a row without exactly one contract level", absl::OkStatus());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  baton::TableSpec spec = Spec();
  spec.skip_incomplete_rows = (data[0] & 1) != 0;
  static const std::string path = baton::fuzz::ScratchDir("training") + "/history.csv";
  baton::fuzz::WriteFile(
      path, std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
  std::int64_t skipped = -1;
  absl::StatusOr<baton::TrainingTable> table =
      baton::ReadTrainingTable(path, spec, &skipped);
  if (!table.ok()) {
    CheckRejected(table.status(), path);
    return 0;
  }
  if (skipped < 0 || (!spec.skip_incomplete_rows && skipped != 0))
    Broken("a wrong count of skipped rows", absl::OkStatus());
  CheckTable(*table);
  return 0;
}
