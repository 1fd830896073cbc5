// Reading a CSV file of history into a TrainingTable: numeric columns as
// they are, categorical ones one-hot, the outcome as 0/1.
#include <algorithm>
#include <cmath>
#include <map>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "baton/risk_fit.hpp"
#include "lib/io/csv_reader.hpp"
#include "lib/model/strings.hpp"

namespace baton {
namespace {

using internal::CsvReader;

// The field index of each named column in the header.
struct Layout {
  std::vector<std::size_t> numeric, categorical;
  std::size_t outcome = 0;
  std::size_t id = SIZE_MAX;
  std::size_t width = 0;  // fields in the header
  std::vector<std::string> names;
};

absl::StatusOr<std::size_t> Find(const CsvReader& reader, std::string_view column) {
  for (std::size_t i = 0; i < reader.size(); ++i)
    if (reader.field(i) == column) return i;
  return absl::InvalidArgumentError(internal::Cat(
      reader.name(), ":", reader.record_line(), ": no column \"", column, "\""));
}

absl::StatusOr<Layout> ReadHeader(CsvReader& reader, const TableSpec& spec) {
  auto more = reader.Next();
  if (!more.ok()) return more.status();
  if (!*more)
    return absl::InvalidArgumentError(internal::Cat(reader.name(), ": empty file"));
  Layout layout;
  layout.width = reader.size();
  for (std::size_t i = 0; i < reader.size(); ++i)
    layout.names.emplace_back(reader.field(i));
  for (const auto& [names, out] : {std::pair{&spec.numeric, &layout.numeric},
                                   std::pair{&spec.categorical, &layout.categorical}}) {
    for (const std::string& name : *names) {
      auto at = Find(reader, name);
      if (!at.ok()) return at.status();
      out->push_back(*at);
    }
  }
  auto outcome = Find(reader, spec.outcome);
  if (!outcome.ok()) return outcome.status();
  layout.outcome = *outcome;
  if (!spec.id.empty()) {
    auto id = Find(reader, spec.id);
    if (!id.ok()) return id.status();
    layout.id = *id;
  }
  return layout;
}

// Rows as read, before categorical levels are known and sorted.
struct RawRows {
  std::vector<double> numeric;                     // row-major
  std::vector<std::map<std::string, int>> levels;  // per categorical column
  std::vector<int> level_of;                       // row-major, ids in read order
  std::vector<std::uint8_t> lapsed;
  std::vector<std::string> ids;
  std::string negative;  // the outcome's other value, once seen
};

// Empty or only spaces: a missing value (Telco's TotalCharges is " ").
bool IsBlank(std::string_view field) {
  return field.find_first_not_of(" \t") == std::string_view::npos;
}

// The first field the spec reads that is blank, or SIZE_MAX.
std::size_t FirstEmpty(const CsvReader& reader, const Layout& layout) {
  std::size_t first = IsBlank(reader.field(layout.outcome)) ? layout.outcome : SIZE_MAX;
  for (const auto* fields : {&layout.numeric, &layout.categorical})
    for (const std::size_t f : *fields)
      if (IsBlank(reader.field(f))) first = std::min(first, f);
  return first;
}

absl::Status ReadRow(const CsvReader& reader, const Layout& layout, const TableSpec& spec,
                     RawRows* raw) {
  if (reader.size() != layout.width) {
    return reader.FieldError(
        absl::StatusCode::kInvalidArgument, std::min(reader.size(), layout.width),
        internal::Cat(reader.size(), " fields where the header has ", layout.width));
  }
  for (const std::size_t f : layout.numeric) {
    double x = 0;
    if (!absl::SimpleAtod(internal::AsAbsl(reader.field(f)), &x) || !std::isfinite(x)) {
      return reader.FieldError(absl::StatusCode::kInvalidArgument, f,
                               internal::Cat(layout.names[f], ": not a finite number: \"",
                                             reader.field(f), "\""));
    }
    raw->numeric.push_back(x);
  }
  for (std::size_t c = 0; c < layout.categorical.size(); ++c) {
    auto& levels = raw->levels[c];
    const auto [it, added] =
        levels.emplace(std::string(reader.field(layout.categorical[c])), levels.size());
    raw->level_of.push_back(it->second);
  }
  const std::string_view outcome = reader.field(layout.outcome);
  if (outcome != spec.positive) {
    if (raw->negative.empty()) raw->negative = std::string(outcome);
    if (outcome != raw->negative) {
      return reader.FieldError(
          absl::StatusCode::kInvalidArgument, layout.outcome,
          internal::Cat("outcome \"", outcome, "\" is neither \"", spec.positive,
                        "\" nor \"", raw->negative, "\""));
    }
  }
  raw->lapsed.push_back(outcome == spec.positive);
  if (layout.id != SIZE_MAX) raw->ids.emplace_back(reader.field(layout.id));
  return absl::OkStatus();
}

TrainingTable Assemble(const TableSpec& spec, RawRows raw) {
  TrainingTable table;
  table.columns = spec.numeric;
  // Level ids in read order -> one-hot column, levels sorted (std::map order).
  std::vector<std::vector<int>> column_of(raw.levels.size());
  for (std::size_t c = 0; c < raw.levels.size(); ++c) {
    column_of[c].resize(raw.levels[c].size());
    for (const auto& [level, id] : raw.levels[c]) {
      column_of[c][id] = static_cast<int>(table.columns.size());
      table.columns.push_back(internal::Cat(spec.categorical[c], "=", level));
    }
  }
  const std::size_t rows = raw.lapsed.size(), width = table.columns.size();
  const std::size_t numeric = spec.numeric.size(), categorical = spec.categorical.size();
  table.values.assign(rows * width, 0.0);
  for (std::size_t r = 0; r < rows; ++r) {
    double* out = table.values.data() + r * width;
    std::copy_n(raw.numeric.data() + r * numeric, numeric, out);
    for (std::size_t c = 0; c < categorical; ++c)
      out[column_of[c][raw.level_of[r * categorical + c]]] = 1.0;
  }
  table.lapsed = std::move(raw.lapsed);
  table.row_ids = std::move(raw.ids);
  return table;
}

}  // namespace

absl::StatusOr<TrainingTable> ReadTrainingTable(const std::string& path,
                                                const TableSpec& spec,
                                                std::int64_t* skipped) {
  if (spec.outcome.empty() || spec.positive.empty())
    return absl::InvalidArgumentError(
        "table spec: name the outcome column and its positive value");
  CsvReader reader(path);
  if (absl::Status s = reader.Open(path); !s.ok()) return s;
  auto layout = ReadHeader(reader, spec);
  if (!layout.ok()) return layout.status();
  RawRows raw;
  raw.levels.resize(spec.categorical.size());
  std::int64_t skipped_rows = 0;
  while (true) {
    auto more = reader.Next();
    if (!more.ok()) return more.status();
    if (!*more) break;
    const std::size_t empty =
        reader.size() == layout->width ? FirstEmpty(reader, *layout) : SIZE_MAX;
    if (empty != SIZE_MAX && spec.skip_incomplete_rows) {
      ++skipped_rows;
      continue;
    }
    if (empty != SIZE_MAX) {
      return reader.FieldError(absl::StatusCode::kInvalidArgument, empty,
                               internal::Cat(layout->names[empty], ": empty value"));
    }
    if (absl::Status s = ReadRow(reader, *layout, spec, &raw); !s.ok()) return s;
  }
  if (skipped != nullptr) *skipped = skipped_rows;
  return Assemble(spec, std::move(raw));
}

}  // namespace baton
