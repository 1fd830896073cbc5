// ExportCsv: one file per kind, rows in table order, so that importing the
// files rebuilds the same tables in the same order.
//
// All or nothing up to the renames: every file is written to its temporary,
// synced and closed first, and only then are they all renamed into place
// (ReplaceAll). A failure before that leaves the old files as they were, so
// the directory never holds one export's accounts beside another's deals.
#include <filesystem>
#include <memory>
#include <new>
#include <string>
#include <system_error>
#include <vector>

#include "baton/csv.hpp"
#include "lib/io/csv_schema.hpp"
#include "lib/io/csv_writer.hpp"
#include "lib/model/status_macros.hpp"
#include "lib/model/strings.hpp"

namespace baton {
namespace internal {
namespace {

// Writes `table` to the temporary of `writer`, finished but not renamed.
template <typename Spec, typename Record>
absl::Status WriteTable(const Org& org, const CsvTable<Spec, Record>& table,
                        const std::filesystem::path& directory, CsvWriter& writer) {
  BATON_RETURN_IF_ERROR(writer.Open((directory / std::string(table.file)).string()));
  for (const auto& column : table.columns) writer.Field(column.name);
  writer.EndRow();
  std::string scratch;
  for (const Record& record : table.records(org)) {
    for (const auto& column : table.columns)
      writer.Field(column.format(org, record, scratch));
    writer.EndRow();
  }
  return writer.Finish();
}

absl::Status WriteAllTables(const Org& org, const std::string& directory) {
  // Each writer removes its temporary when it goes, so an error anywhere
  // before ReplaceAll leaves none behind.
  std::vector<std::unique_ptr<CsvWriter>> writers;
  BATON_RETURN_IF_ERROR(ForEachCsvTable([&](const auto& table) {
    writers.push_back(std::make_unique<CsvWriter>());
    return WriteTable(org, table, directory, *writers.back());
  }));
  std::vector<ReplacementFile*> files;
  for (const auto& writer : writers) files.push_back(&writer->file());
  return ReplaceAll(files);
}

}  // namespace
}  // namespace internal

absl::Status ExportCsv(const Org& org, const std::string& directory) {
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) {
    return internal::ErrnoError(error.value(), directory, "cannot create directory");
  }
  try {
    return internal::WriteAllTables(org, directory);
  } catch (const std::bad_alloc&) {
    return absl::ResourceExhaustedError(
        internal::Cat("ExportCsv: out of memory writing '", directory, "'"));
  }
}

}  // namespace baton
