#include "lib/io/csv_writer.hpp"
#include "lib/model/strings.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>

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

CsvWriter::~CsvWriter() {
  if (file_ != nullptr) {
    std::fclose(file_);
    std::remove(temp_path_.c_str());
  }
}

absl::Status CsvWriter::Open(const std::string& path) {
  path_ = path;
  temp_path_ = path + ".tmp";
  file_ = std::fopen(temp_path_.c_str(), "wb");
  if (file_ == nullptr) {
    return absl::ErrnoToStatus(errno, Cat("cannot create ", temp_path_));
  }
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
  if (buffer_.size() >= kFlushBytes) error_.Update(Flush());
}

absl::Status CsvWriter::Flush() {
  if (buffer_.empty()) return absl::OkStatus();
  const std::size_t size = buffer_.size();
  const std::size_t wrote = std::fwrite(buffer_.data(), 1, size, file_);
  buffer_.clear();
  if (wrote != size) {
    return absl::ErrnoToStatus(errno, Cat("cannot write ", temp_path_));
  }
  return absl::OkStatus();
}

absl::Status CsvWriter::Close() {
  error_.Update(Flush());
  if (error_.ok() && std::fflush(file_) != 0) {
    error_ = absl::ErrnoToStatus(errno, Cat("cannot write ", temp_path_));
  }
  if (error_.ok() && ::fsync(fileno(file_)) != 0) {
    error_ = absl::ErrnoToStatus(errno, Cat("cannot sync ", temp_path_));
  }
  const bool closed = std::fclose(file_) == 0;
  file_ = nullptr;
  if (error_.ok() && !closed) {
    error_ = absl::ErrnoToStatus(errno, Cat("cannot close ", temp_path_));
  }
  if (error_.ok() && std::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    error_ = absl::ErrnoToStatus(errno, Cat("cannot rename ", temp_path_, " to ", path_));
  }
  if (!error_.ok()) std::remove(temp_path_.c_str());
  return error_;
}

}  // namespace baton::internal
