#include "lib/io/csv_reader.hpp"

#include <cerrno>
#include <cstring>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "lib/model/strings.hpp"
#include "lib/model/text.hpp"

namespace baton::internal {
namespace {

// Large reads keep system calls rare; a record must fit in the buffer, which
// grows up to kMaxRecordBytes for the rare record that does not.
constexpr std::size_t kChunkBytes = std::size_t{4} << 20;

// How the unquoted-field scanner treats each byte: 0 plain ASCII, 1 a byte
// that ends or breaks the field (, CR LF " NUL), 2 part of a multi-byte
// UTF-8 sequence (checked once the field is complete).
struct ByteClasses {
  unsigned char of[256] = {};
  constexpr ByteClasses() {
    for (int c = 0x80; c < 256; ++c) of[c] = 2;
    of[static_cast<unsigned char>(',')] = 1;
    of[static_cast<unsigned char>('\r')] = 1;
    of[static_cast<unsigned char>('\n')] = 1;
    of[static_cast<unsigned char>('"')] = 1;
    of[0] = 1;
  }
};
constexpr ByteClasses kClasses;

// Scanning eight bytes at a time (on little-endian machines, where the
// lowest set byte of a mask is the first in memory).
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
constexpr bool kWordScan = true;
#else
constexpr bool kWordScan = false;
#endif
constexpr std::uint64_t kOnes = 0x0101010101010101;
constexpr std::uint64_t kHighs = 0x8080808080808080;

// Marks the zero bytes of `x` (Mycroft's test): exact for the lowest one,
// which is all the scan uses.
std::uint64_t ZeroBytes(std::uint64_t x) { return (x - kOnes) & ~x & kHighs; }

// Marks the bytes of `word` the unquoted scanner must stop at: class 1
// bytes, and class 2 bytes unless one was already seen in the field.
std::uint64_t StopBytes(std::uint64_t word, bool non_ascii) {
  return ZeroBytes(word ^ (kOnes * ',')) | ZeroBytes(word ^ (kOnes * '\n')) |
         ZeroBytes(word ^ (kOnes * '\r')) | ZeroBytes(word ^ (kOnes * '"')) |
         ZeroBytes(word) | (non_ascii ? 0 : word & kHighs);
}

int LowestByte(std::uint64_t mask) { return __builtin_ctzll(mask) >> 3; }

#if defined(__SSE2__)
// The same marks for 16 bytes at once, one bit a byte: a typical field (an
// id, a date) ends within the first 16 bytes, in about half the
// instructions of two word steps.
unsigned StopBits(const unsigned char* at, bool non_ascii) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
  const __m128i stop =
      _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(',')),
                                _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))),
                   _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\r')),
                                             _mm_cmpeq_epi8(v, _mm_set1_epi8('"'))),
                                _mm_cmpeq_epi8(v, _mm_setzero_si128())));
  const unsigned bits = static_cast<unsigned>(_mm_movemask_epi8(stop));
  return non_ascii ? bits : bits | static_cast<unsigned>(_mm_movemask_epi8(v));
}
constexpr bool kVectorScan = true;
#else
unsigned StopBits(const unsigned char*, bool) { return 0; }
constexpr bool kVectorScan = false;
#endif

}  // namespace

CsvReader::CsvReader(std::string name) : name_(std::move(name)) {}

CsvReader::~CsvReader() {
  if (file_ != nullptr) std::fclose(file_);
}

absl::Status CsvReader::Open(const std::string& path) {
  file_ = std::fopen(path.c_str(), "rb");
  if (file_ == nullptr) {
    return absl::ErrnoToStatus(errno, Cat(name_, ": cannot open ", path));
  }
  // Reads are large; stdio's own buffer would only add a copy.
  std::setvbuf(file_, nullptr, _IONBF, 0);
  capacity_ = kChunkBytes;
  // Not value-initialised: only bytes fread wrote are ever read, and
  // zeroing 4 MiB per file made the import of a small directory spend most
  // of its time clearing buffers (and touching pages it never used).
  buffer_.reset(new char[capacity_]);
  return absl::OkStatus();
}

void CsvReader::OpenText(std::string_view text) {
  capacity_ = text.size();
  buffer_ = std::make_unique<char[]>(capacity_ + 1);
  std::memcpy(buffer_.get(), text.data(), text.size());
  end_ = text.size();
  eof_ = true;
}

absl::StatusOr<bool> CsvReader::Next() {
  if (!error_.ok()) return error_;
  for (;;) {
    fields_.clear();
    lines_.clear();
    cursor_ = pos_;
    line_ = pos_line_;
    Parse result;
    if (at_start_ && end_ - pos_ < 3 && !eof_) {
      result = Parse::kNeedMore;
    } else {
      if (at_start_ && std::string_view(buffer_.get() + pos_, end_ - pos_).substr(0, 3) ==
                           "\xEF\xBB\xBF") {
        pos_ += 3;
        cursor_ = pos_;
      }
      at_start_ = false;
      result = ParseRecord();
    }
    switch (result) {
      case Parse::kDone:
        pos_ = cursor_;
        pos_line_ = line_;
        return true;
      case Parse::kEnd:
        return false;
      case Parse::kError:
        return error_;
      case Parse::kNeedMore:
        error_ = Refill();
        if (!error_.ok()) return error_;
        break;
    }
  }
}

absl::Status CsvReader::Refill() {
  if (pos_ > 0) {
    std::memmove(buffer_.get(), buffer_.get() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
  }
  if (end_ == capacity_) {
    if (capacity_ >= kMaxRecordBytes) {
      return absl::InvalidArgumentError(
          Cat(name_, ":", pos_line_, ": record longer than ", kMaxRecordBytes >> 20,
              " MiB (is a quote left open?)"));
    }
    std::unique_ptr<char[]> bigger(new char[capacity_ * 2]);
    std::memcpy(bigger.get(), buffer_.get(), end_);
    buffer_ = std::move(bigger);
    capacity_ *= 2;
  }
  const std::size_t want = capacity_ - end_;
  const std::size_t got = std::fread(buffer_.get() + end_, 1, want, file_);
  end_ += got;
  if (got < want) {
    if (std::ferror(file_)) {
      return absl::ErrnoToStatus(errno, Cat(name_, ": read failed"));
    }
    eof_ = true;
  }
  return absl::OkStatus();
}

CsvReader::Parse CsvReader::SkipBlankLines() {
  const char* b = buffer_.get();
  for (;;) {
    if (cursor_ == end_) return eof_ ? Parse::kEnd : Parse::kNeedMore;
    if (b[cursor_] == '\n') {
      ++cursor_;
    } else if (b[cursor_] == '\r' && cursor_ + 1 < end_ && b[cursor_ + 1] == '\n') {
      cursor_ += 2;
    } else if (b[cursor_] == '\r' && cursor_ + 1 == end_ && !eof_) {
      return Parse::kNeedMore;
    } else {
      return Parse::kDone;
    }
    // A blank line is consumed for good, so a refill need not see it again.
    ++line_;
    pos_ = cursor_;
    pos_line_ = line_;
  }
}

CsvReader::Parse CsvReader::ParseRecord() {
  const Parse blank = SkipBlankLines();
  if (blank != Parse::kDone) return blank;
  record_line_ = line_;
  unescaped_.clear();
  const char* b = buffer_.get();
  for (std::size_t column = 0;; ++column) {
    lines_.push_back(line_);
    // Most fields are short, unquoted and ASCII, and end in ',' or a line
    // feed within 16 bytes: taken here without a call. Anything else (and
    // the last bytes of the buffer) goes the general way from the start of
    // the field.
    if (kVectorScan && end_ - cursor_ >= 16 && b[cursor_] != '"') {
      const unsigned stop =
          StopBits(reinterpret_cast<const unsigned char*>(b) + cursor_, false);
      if (stop != 0) {
        const std::size_t at = cursor_ + static_cast<std::size_t>(__builtin_ctz(stop));
        if (b[at] == ',' || b[at] == '\n') {
          fields_.emplace_back(b + cursor_, at - cursor_);
          cursor_ = at + 1;
          if (b[at] == ',') continue;
          ++line_;
          return Parse::kDone;
        }
      }
    }
    const Parse field =
        cursor_ < end_ && b[cursor_] == '"' ? ParseQuoted(column) : ParseUnquoted(column);
    if (field != Parse::kDone) return field;
    if (cursor_ == end_) return eof_ ? Parse::kDone : Parse::kNeedMore;
    const char c = b[cursor_];
    if (c == ',') {
      ++cursor_;
      continue;
    }
    if (c == '\n') {
      ++cursor_;
      ++line_;
      return Parse::kDone;
    }
    if (c == '\r') {
      if (cursor_ + 1 == end_ && !eof_) return Parse::kNeedMore;
      if (cursor_ + 1 < end_ && b[cursor_ + 1] == '\n') {
        cursor_ += 2;
        ++line_;
        return Parse::kDone;
      }
      return Fail(line_, column, "carriage return not followed by a line feed");
    }
    return Fail(line_, column, "expected ',' or a line end after the closing quote");
  }
}

inline CsvReader::Parse CsvReader::EndField(std::size_t column, const char* data,
                                            std::size_t size, bool non_ascii) {
  // IsCleanUtf8 first: the common, good field in one branch-free pass.
  if (non_ascii && !IsCleanUtf8(std::string_view(data, size))) {
    const std::size_t bad = FindInvalidUtf8(std::string_view(data, size));
    if (bad != std::string_view::npos) return FailUtf8(column, bad);
  }
  fields_.emplace_back(data, size);
  return Parse::kDone;
}

CsvReader::Parse CsvReader::ParseUnquoted(std::size_t column) {
  const auto* b = reinterpret_cast<const unsigned char*>(buffer_.get());
  std::size_t i = cursor_;
  bool non_ascii = false;
  for (;;) {
    if (kVectorScan && end_ - i >= 16) {
      const unsigned stop = StopBits(b + i, non_ascii);
      if (stop == 0) {
        i += 16;
        continue;
      }
      i += static_cast<std::size_t>(__builtin_ctz(stop));
    } else if (kWordScan && end_ - i >= 8) {
      std::uint64_t word;
      std::memcpy(&word, b + i, 8);
      const std::uint64_t stop = StopBytes(word, non_ascii);
      if (stop == 0) {
        i += 8;
        continue;
      }
      i += LowestByte(stop);
    } else {
      while (i < end_ && kClasses.of[b[i]] == 0) ++i;
      if (i == end_) break;
    }
    if (kClasses.of[b[i]] == 1) break;
    non_ascii = true;
    ++i;
  }
  if (i == end_ && !eof_) return Parse::kNeedMore;
  if (i < end_ && b[i] == '"') {
    return Fail(line_, column,
                "quote inside an unquoted field (quote the whole field and double the "
                "quote)");
  }
  if (i < end_ && b[i] == 0) return Fail(line_, column, "NUL byte in field");
  const std::size_t start = cursor_;
  cursor_ = i;
  return EndField(column, buffer_.get() + start, i - start, non_ascii);
}

CsvReader::Parse CsvReader::ParseQuoted(std::size_t column) {
  const char* b = buffer_.get();
  const std::size_t start = cursor_ + 1;
  std::size_t i = start;
  std::size_t copied = start;                  // input before this is in unescaped_
  std::size_t escaped_at = std::string::npos;  // the field's start in unescaped_
  bool non_ascii = false;
  for (;; ++i) {
    if (i == end_) {
      if (!eof_) return Parse::kNeedMore;
      return Fail(lines_.back(), column,
                  "quoted field not closed before the end of the file");
    }
    const auto c = static_cast<unsigned char>(b[i]);
    if (c == '\n') {
      ++line_;
    } else if (c >= 0x80) {
      non_ascii = true;
    } else if (c == 0) {
      return Fail(line_, column, "NUL byte in field");
    } else if (c == '"') {
      if (i + 1 == end_ && !eof_) return Parse::kNeedMore;
      if (i + 1 == end_ || b[i + 1] != '"') break;
      // "" stands for one quote: keep the text so far and one quote.
      if (escaped_at == std::string::npos) {
        // The first escape of this record: make room for all of it, so that
        // views into unescaped_ stay valid while the record is parsed.
        if (unescaped_.empty() && unescaped_.capacity() < end_ - pos_) {
          unescaped_.reserve(end_ - pos_);
        }
        escaped_at = unescaped_.size();
      }
      unescaped_.append(b + copied, i + 1 - copied);
      ++i;
      copied = i + 1;
    }
  }
  cursor_ = i + 1;
  if (escaped_at == std::string::npos)
    return EndField(column, b + start, i - start, non_ascii);
  unescaped_.append(b + copied, i - copied);
  return EndField(column, unescaped_.data() + escaped_at, unescaped_.size() - escaped_at,
                  non_ascii);
}

CsvReader::Parse CsvReader::FailUtf8(std::size_t column, std::size_t bad) {
  return Fail(lines_.back(), column,
              Cat("invalid UTF-8 at byte ", bad + 1, " of the field"));
}

CsvReader::Parse CsvReader::Fail(std::int64_t line, std::size_t column,
                                 std::string_view message) {
  error_ =
      absl::InvalidArgumentError(Cat(name_, ":", line, ":", column + 1, ": ", message));
  return Parse::kError;
}

absl::Status CsvReader::FieldError(absl::StatusCode code, std::size_t i,
                                   std::string_view message) const {
  const std::int64_t line =
      i < lines_.size() ? lines_[i] : (lines_.empty() ? record_line_ : lines_.back());
  return absl::Status(code, Cat(name_, ":", line, ":", i + 1, ": ", message));
}

}  // namespace baton::internal
