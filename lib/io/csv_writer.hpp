// Writes RFC 4180 CSV through a large buffer, quoting a field only when it
// holds a comma, a quote or a line break (or is the lone, empty field of a
// row, which would otherwise read back as a blank line). Rows end in LF.
//
// The file is written under a unique temporary name next to `path`
// (lib/io/atomic_file.hpp) and renamed over `path` by Close, so readers
// never see half a file and a failed write leaves the old one. A set of
// files that must change together (ExportCsv) calls Finish on each, then
// ReplaceAll on their file()s.
#ifndef BATON_LIB_IO_CSV_WRITER_HPP_
#define BATON_LIB_IO_CSV_WRITER_HPP_

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "lib/io/atomic_file.hpp"

namespace baton::internal {

class CsvWriter {
 public:
  CsvWriter() = default;
  // Removes the temporary file unless it was renamed into place.
  ~CsvWriter() = default;
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;

  absl::Status Open(const std::string& path);

  void Field(std::string_view text);
  void EndRow();

  // Writes out the buffer, syncs and closes the temporary, and frees the
  // buffer: the file is complete on disk but not yet in place. Returns the
  // first error since Open.
  absl::Status Finish();
  // Finish, then renames the file into place and syncs its directory.
  absl::Status Close();

  // The temporary, for ReplaceAll after Finish.
  ReplacementFile& file() { return file_; }

  // Appends `text` to `out` as one CSV field.
  static void AppendField(std::string_view text, std::string* out);

 private:
  void Flush();

  ReplacementFile file_;
  std::string buffer_;
  int fields_in_row_ = 0;
  bool last_field_empty_ = false;
  bool finished_ = false;
  absl::Status error_;  // the first write error, reported by Finish
};

}  // namespace baton::internal

#endif  // BATON_LIB_IO_CSV_WRITER_HPP_
