// ExportCsv: one file per kind, rows in table order, so that importing the
// files rebuilds the same tables in the same order.
#include <filesystem>
#include <new>
#include <string>
#include <system_error>

#include "baton/csv.hpp"
#include "lib/io/csv_schema.hpp"
#include "lib/io/csv_writer.hpp"
#include "lib/model/status_macros.hpp"
#include "lib/model/strings.hpp"

namespace baton {
namespace internal {
namespace {

template <typename Spec, typename Record>
absl::Status ExportTable(const Org& org, const CsvTable<Spec, Record>& table,
                         const std::filesystem::path& directory) {
  CsvWriter writer;
  BATON_RETURN_IF_ERROR(writer.Open((directory / std::string(table.file)).string()));
  for (const auto& column : table.columns) writer.Field(column.name);
  writer.EndRow();
  std::string scratch;
  for (const Record& record : table.records(org)) {
    for (const auto& column : table.columns)
      writer.Field(column.format(org, record, scratch));
    writer.EndRow();
  }
  return writer.Close();
}

}  // namespace
}  // namespace internal

absl::Status ExportCsv(const Org& org, const std::string& directory) {
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) {
    return absl::ErrnoToStatus(
        error.value(), internal::Cat("ExportCsv: cannot create '", directory, "'"));
  }
  try {
    return internal::ForEachCsvTable(
        [&](const auto& table) { return internal::ExportTable(org, table, directory); });
  } catch (const std::bad_alloc&) {
    return absl::ResourceExhaustedError(
        internal::Cat("ExportCsv: out of memory writing '", directory, "'"));
  }
}

}  // namespace baton
