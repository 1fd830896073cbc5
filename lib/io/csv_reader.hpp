// Streaming reader of RFC 4180 CSV: one record at a time, fields as views
// into a large read buffer, so a file of millions of rows never sits in
// memory as rows and a field costs no allocation of its own.
//
// Accepted: quoted fields with "" for a quote, commas and line breaks inside
// quotes, CRLF or LF line ends, a UTF-8 byte-order mark at the start, a last
// record without a line end. Blank lines are skipped. Rejected, with
// "name:line:column": an unterminated quote, text after a closing quote, a
// quote inside an unquoted field, a carriage return not followed by a line
// feed, invalid UTF-8 and NUL bytes. Lines and columns count from 1; a
// column is the position of the field in its record.
#ifndef BATON_LIB_IO_CSV_READER_HPP_
#define BATON_LIB_IO_CSV_READER_HPP_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"

namespace baton::internal {

class CsvReader {
 public:
  // `name` is how messages call the input ("accounts.csv").
  explicit CsvReader(std::string name);
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // Reads from the file at `path`.
  absl::Status Open(const std::string& path);
  // Reads from a copy of `text` (tests, small inputs).
  void OpenText(std::string_view text);

  // Moves to the next record. Returns false at the end of the input. The
  // fields of the previous record are invalid afterwards.
  absl::StatusOr<bool> Next();

  std::size_t size() const { return fields_.size(); }
  std::string_view field(std::size_t i) const { return fields_[i]; }
  // The line on which field `i` starts (a quoted line break moves the
  // fields after it to later lines).
  std::int64_t line(std::size_t i) const { return lines_[i]; }
  absl::Span<const std::int64_t> lines() const { return lines_; }
  // The line on which the current record starts.
  std::int64_t record_line() const { return record_line_; }
  const std::string& name() const { return name_; }

  // "name:line:column: message" for field `i` (0-based) of the current
  // record, reported as column i + 1; `i` may be size() for a missing field.
  absl::Status FieldError(absl::StatusCode code, std::size_t i,
                          std::string_view message) const;

  // Records longer than this are rejected (most likely an unterminated
  // quote), so a broken file cannot make the reader hold all of it.
  static constexpr std::size_t kMaxRecordBytes = std::size_t{64} << 20;

 private:
  // kDone: a record is in fields_; kEnd: no record left; kNeedMore: the
  // buffer ends inside the record, refill and parse it again.
  enum class Parse { kDone, kEnd, kNeedMore, kError };

  Parse SkipBlankLines();
  Parse ParseRecord();
  Parse ParseQuoted(std::size_t column);
  Parse ParseUnquoted(std::size_t column);
  Parse EndField(std::size_t column, const char* data, std::size_t size, bool non_ascii);
  // Kept out of line so that the hot path stays small.
  ABSL_ATTRIBUTE_NOINLINE Parse FailUtf8(std::size_t column, std::size_t bad);
  absl::Status Refill();
  ABSL_ATTRIBUTE_NOINLINE Parse Fail(std::int64_t line, std::size_t column,
                                     std::string_view message);

  std::string name_;
  std::FILE* file_ = nullptr;
  bool eof_ = false;

  // Unparsed input is buffer_[pos_, end_).
  std::unique_ptr<char[]> buffer_;
  std::size_t capacity_ = 0;
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  std::int64_t pos_line_ = 1;  // line at pos_
  bool at_start_ = true;       // a byte-order mark may follow

  // Where parsing of the current record has got to.
  std::size_t cursor_ = 0;
  std::int64_t line_ = 1;         // line at cursor_
  std::int64_t record_line_ = 1;  // line of the current record's start

  std::vector<std::string_view> fields_;
  std::vector<std::int64_t> lines_;
  // Quoted fields holding "" are unescaped here; reserved to the record's
  // size before parsing so views into it stay valid.
  std::string unescaped_;
  absl::Status error_;
};

}  // namespace baton::internal

#endif  // BATON_LIB_IO_CSV_READER_HPP_
