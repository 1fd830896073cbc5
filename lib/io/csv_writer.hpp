// Writes RFC 4180 CSV through a large buffer, quoting a field only when it
// holds a comma, a quote or a line break (or is the lone, empty field of a
// row, which would otherwise read back as a blank line). Rows end in LF.
//
// The file is written under "<path>.tmp" and renamed over `path` by Close,
// so readers never see half a file and a failed write leaves the old one.
#ifndef BATON_LIB_IO_CSV_WRITER_HPP_
#define BATON_LIB_IO_CSV_WRITER_HPP_

#include <cstdio>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace baton::internal {

class CsvWriter {
 public:
  CsvWriter() = default;
  // Removes the temporary file unless Close succeeded.
  ~CsvWriter();
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;

  absl::Status Open(const std::string& path);

  void Field(std::string_view text);
  void EndRow();

  // Flushes, syncs and renames the file into place.
  absl::Status Close();

  // Appends `text` to `out` as one CSV field.
  static void AppendField(std::string_view text, std::string* out);

 private:
  absl::Status Flush();

  std::string path_;
  std::string temp_path_;
  std::FILE* file_ = nullptr;
  std::string buffer_;
  int fields_in_row_ = 0;
  bool last_field_empty_ = false;
  absl::Status error_;  // the first write error, reported by Close
};

}  // namespace baton::internal

#endif  // BATON_LIB_IO_CSV_WRITER_HPP_
