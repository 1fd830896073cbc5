#include "lib/io/csv_writer.hpp"

#include "lib/model/status_macros.hpp"

namespace baton::internal {
namespace {

constexpr std::size_t kFlushBytes = std::size_t{1} << 20;

bool NeedsQuotes(std::string_view text) {
  // A plain loop: find_first_of would search the set once per byte.
  for (const char c : text) {
    if (c == ',' || c == '"' || c == '\n' || c == '\r') return true;
  }
  return false;
}

}  // namespace

absl::Status CsvWriter::Open(const std::string& path) {
  BATON_RETURN_IF_ERROR(file_.Create(path));
  buffer_.reserve(kFlushBytes + 4096);
  return absl::OkStatus();
}

void CsvWriter::AppendField(std::string_view text, std::string* out) {
  if (!NeedsQuotes(text)) {
    out->append(text);
    return;
  }
  out->push_back('"');
  for (const char c : text) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

void CsvWriter::Field(std::string_view text) {
  if (fields_in_row_ > 0) buffer_.push_back(',');
  AppendField(text, &buffer_);
  ++fields_in_row_;
  last_field_empty_ = text.empty();
}

void CsvWriter::EndRow() {
  // A row of one empty field would be an empty line, which readers skip.
  if (fields_in_row_ == 0 || (fields_in_row_ == 1 && last_field_empty_)) {
    buffer_.append("\"\"");
  }
  buffer_.push_back('\n');
  fields_in_row_ = 0;
  last_field_empty_ = false;
  if (buffer_.size() >= kFlushBytes) Flush();
}

// After a failed write nothing more is written: Finish reports the first
// error, and the temporary is removed anyway.
void CsvWriter::Flush() {
  if (error_.ok() && !buffer_.empty()) error_ = file_.Write(buffer_);
  buffer_.clear();
}

absl::Status CsvWriter::Finish() {
  if (finished_) return error_;
  finished_ = true;
  Flush();
  if (error_.ok()) error_ = file_.Finish();
  // ExportCsv holds eleven finished writers at once; their buffers can go.
  std::string().swap(buffer_);
  return error_;
}

absl::Status CsvWriter::Close() {
  BATON_RETURN_IF_ERROR(Finish());
  BATON_RETURN_IF_ERROR(file_.Rename());
  SyncDirectory(DirectoryOf(file_.path()));
  return absl::OkStatus();
}

}  // namespace baton::internal
