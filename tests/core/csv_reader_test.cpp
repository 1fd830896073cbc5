#include "lib/io/csv_reader.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/io/csv_writer.hpp"

namespace baton::internal {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

using Rows = std::vector<std::vector<std::string>>;

// Every record of `reader`, or the first error's message as a lone row.
Rows ReadAll(CsvReader& reader) {
  Rows rows;
  for (;;) {
    absl::StatusOr<bool> more = reader.Next();
    if (!more.ok()) return {{std::string(more.status().message())}};
    if (!*more) return rows;
    rows.emplace_back();
    for (std::size_t i = 0; i < reader.size(); ++i)
      rows.back().emplace_back(reader.field(i));
  }
}

Rows Read(std::string_view text) {
  CsvReader reader("t.csv");
  reader.OpenText(text);
  return ReadAll(reader);
}

std::string ErrorOf(std::string_view text) {
  CsvReader reader("t.csv");
  reader.OpenText(text);
  for (;;) {
    absl::StatusOr<bool> more = reader.Next();
    if (!more.ok()) return std::string(more.status().message());
    if (!*more) return "no error";
  }
}

TEST(CsvReaderTest, PlainFields) {
  EXPECT_EQ(Read("a,b,c\n1,2,3\n"), (Rows{{"a", "b", "c"}, {"1", "2", "3"}}));
}

TEST(CsvReaderTest, EmptyFields) {
  EXPECT_EQ(Read(",,\na,,\n"), (Rows{{"", "", ""}, {"a", "", ""}}));
}

TEST(CsvReaderTest, QuotedFieldsWithCommaQuoteAndNewline) {
  EXPECT_EQ(Read("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\n"),
            (Rows{{"a,b", "say \"hi\"", "two\nlines"}}));
}

TEST(CsvReaderTest, QuotedEmptyAndLoneQuote) {
  EXPECT_EQ(Read("\"\",\"\"\"\"\n"), (Rows{{"", "\""}}));
}

TEST(CsvReaderTest, CrLfLineEnds) {
  EXPECT_EQ(Read("a,b\r\n1,2\r\n"), (Rows{{"a", "b"}, {"1", "2"}}));
  // CRLF inside quotes is part of the value.
  EXPECT_EQ(Read("\"x\r\ny\",z\r\n"), (Rows{{"x\r\ny", "z"}}));
}

TEST(CsvReaderTest, LastRecordWithoutLineEnd) {
  EXPECT_EQ(Read("a,b\n1,2"), (Rows{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(Read("a,\"b\""), (Rows{{"a", "b"}}));
  EXPECT_EQ(Read("a,"), (Rows{{"a", ""}}));
}

TEST(CsvReaderTest, BlankAndTrailingLinesAreSkipped) {
  EXPECT_EQ(Read("a\n\n\r\nb\n\n"), (Rows{{"a"}, {"b"}}));
  EXPECT_EQ(Read(""), Rows{});
  EXPECT_EQ(Read("\n"), Rows{});
}

TEST(CsvReaderTest, ByteOrderMarkAtStartIsSkipped) {
  EXPECT_EQ(Read("\xEF\xBB\xBFid,name\n"), (Rows{{"id", "name"}}));
  // Only at the start: later it is part of the text.
  EXPECT_EQ(Read("a\n\xEF\xBB\xBFz\n"), (Rows{{"a"}, {"\xEF\xBB\xBFz"}}));
}

TEST(CsvReaderTest, Utf8Passes) {
  EXPECT_EQ(Read("纷享销客,Łódź\n\"Zażółć, gęślą\",😀\n"),
            (Rows{{"纷享销客", "Łódź"}, {"Zażółć, gęślą", "😀"}}));
}

TEST(CsvReaderTest, LinesAndColumnsOfFields) {
  CsvReader reader("t.csv");
  reader.OpenText("h1,h2,h3\n\na,\"b\nb\",c\nd,e,f\n");
  ASSERT_TRUE(*reader.Next());
  EXPECT_EQ(reader.record_line(), 1);
  ASSERT_TRUE(*reader.Next());
  EXPECT_EQ(reader.record_line(), 3);
  EXPECT_THAT(reader.lines(), ElementsAre(3, 3, 4));
  ASSERT_TRUE(*reader.Next());
  EXPECT_EQ(reader.record_line(), 5);
  EXPECT_EQ(reader.FieldError(absl::StatusCode::kInvalidArgument, 2, "bad").message(),
            "t.csv:5:3: bad");
  EXPECT_FALSE(*reader.Next());
}

TEST(CsvReaderTest, UnterminatedQuoteNamesWhereItOpened) {
  EXPECT_EQ(ErrorOf("a,b\n1,\"open\n\n\n"),
            "t.csv:2:2: quoted field not closed before the end of the file");
}

TEST(CsvReaderTest, TextAfterClosingQuote) {
  EXPECT_EQ(ErrorOf("a,b\n\"x\"y,2\n"),
            "t.csv:2:1: expected ',' or a line end after the closing quote");
}

TEST(CsvReaderTest, QuoteInsideUnquotedField) {
  EXPECT_THAT(ErrorOf("a,b\n1,x\"y\n"),
              HasSubstr("t.csv:2:2: quote inside an unquoted field"));
}

TEST(CsvReaderTest, StrayCarriageReturn) {
  EXPECT_EQ(ErrorOf("a,b\rc\n"),
            "t.csv:1:2: carriage return not followed by a line feed");
}

TEST(CsvReaderTest, InvalidUtf8NamesFieldAndByte) {
  // A lone continuation byte, an overlong '/', a surrogate, a truncated
  // sequence at the end of a quoted field.
  EXPECT_EQ(ErrorOf("id,name\nr1,ab\x80\n"),
            "t.csv:2:2: invalid UTF-8 at byte 3 of the field");
  EXPECT_EQ(ErrorOf("x\n\xC0\xAF\n"), "t.csv:2:1: invalid UTF-8 at byte 1 of the field");
  EXPECT_EQ(ErrorOf("a,b,c\n1,2,\xED\xA0\x80\n"),
            "t.csv:2:3: invalid UTF-8 at byte 1 of the field");
  EXPECT_EQ(ErrorOf("a,b\n1,\"ok \xE7\xBA\"\n"),
            "t.csv:2:2: invalid UTF-8 at byte 4 of the field");
}

// The scanner reads eight bytes at a time: put every kind of byte at every
// offset of a word.
TEST(CsvReaderTest, BytesAtEveryOffset) {
  for (int k = 0; k < 18; ++k) {
    const std::string a = "x" + std::string(k, 'a'), b(k, 'b'), c(k, 'c');
    EXPECT_EQ(Read(a + "Ł" + b + "," + c + "\r\n" + a + "\n"),
              (Rows{{a + "Ł" + b, c}, {a}}))
        << k;
    EXPECT_EQ(
        ErrorOf(a + "Ł" + b + "\x80"),
        "t.csv:1:1: invalid UTF-8 at byte " + std::to_string(2 * k + 4) + " of the field")
        << k;
    EXPECT_THAT(ErrorOf(a + "\"" + b),
                HasSubstr("t.csv:1:1: quote inside an unquoted field"))
        << k;
    EXPECT_EQ(ErrorOf(a + std::string(1, '\0') + b), "t.csv:1:1: NUL byte in field") << k;
  }
}

// The scanner also reads 16 bytes at a time, and takes a short plain field
// ending in ',' or a line feed without a call: put every kind of byte at
// every offset of two such blocks, with enough input after it that the
// block steps (not the byte loop at the end of the input) see it.
TEST(CsvReaderTest, BytesAtEveryOffsetOfABlock) {
  const std::string tail = "\n" + std::string(40, 't') + "\n";
  const std::string t(40, 't');
  for (int k = 1; k < 40; ++k) {
    const std::string a(k, 'a'), b(k, 'b');
    EXPECT_EQ(Read(a + "," + b + "\n" + a + tail), (Rows{{a, b}, {a}, {t}})) << k;
    EXPECT_EQ(Read(a + "\r\n" + b + tail), (Rows{{a}, {b}, {t}})) << k;
    EXPECT_EQ(Read(a + "Ł,\"q\"x" + b + tail).front().front(),
              "t.csv:1:2: expected ',' or a line end after the closing quote")
        << k;
    EXPECT_EQ(Read("\"" + a + "\"\"\"," + b + "Ł" + tail),
              (Rows{{a + "\"", b + "Ł"}, {t}}))
        << k;
    EXPECT_THAT(ErrorOf(a + "\"" + b + tail),
                HasSubstr("t.csv:1:1: quote inside an unquoted field"))
        << k;
    EXPECT_EQ(ErrorOf(b + "," + a + std::string(1, '\0') + b + tail),
              "t.csv:1:2: NUL byte in field")
        << k;
    EXPECT_EQ(ErrorOf(a + "\r" + b + tail),
              "t.csv:1:1: carriage return not followed by a line feed")
        << k;
    EXPECT_EQ(ErrorOf(a + "\x80" + tail), "t.csv:1:1: invalid UTF-8 at byte " +
                                              std::to_string(k + 1) + " of the field")
        << k;
  }
}

TEST(CsvReaderTest, NulByteRejected) {
  EXPECT_EQ(ErrorOf(std::string_view("a,b\0c\n", 6)), "t.csv:1:2: NUL byte in field");
}

TEST(CsvReaderTest, ErrorsAreSticky) {
  CsvReader reader("t.csv");
  reader.OpenText("\"x\"y\na\n");
  EXPECT_FALSE(reader.Next().ok());
  EXPECT_FALSE(reader.Next().ok());
}

std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "/" + name;
}

// Temporaries a writer of `path` left beside it ("<path>.tmp.<pid>.<n>").
int TemporariesOf(const std::string& path) {
  const std::filesystem::path file(path);
  const std::string prefix = file.filename().string() + ".tmp";
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(file.parent_path())) {
    if (entry.path().filename().string().rfind(prefix, 0) == 0) ++count;
  }
  return count;
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// Records that straddle the reader's 4 MiB chunks, including a quoted field
// with escapes and line breaks and a multi-byte character split across a
// chunk boundary at every offset near it.
TEST(CsvReaderTest, StreamsFileLargerThanItsBuffer) {
  std::string text = "id,note,n\n";
  std::vector<std::string> notes;
  int i = 0;
  while (text.size() < (std::size_t{9} << 20)) {
    std::string note = i % 3 == 0   ? "plain"
                       : i % 3 == 1 ? "with \"quotes\", commas\nand lines"
                                    : "Łódź 纷享销客";
    note += std::to_string(i);
    notes.push_back(note);
    text += "r" + std::to_string(i) + ",";
    CsvWriter::AppendField(note, &text);
    text += "," + std::to_string(i) + (i % 2 ? "\r\n" : "\n");
    ++i;
  }
  const std::string path = TempPath("big.csv");
  WriteFile(path, text);
  CsvReader reader("big.csv");
  ASSERT_TRUE(reader.Open(path).ok());
  ASSERT_TRUE(*reader.Next());
  std::int64_t line = 2;
  for (std::size_t k = 0; k < notes.size(); ++k) {
    absl::StatusOr<bool> more = reader.Next();
    ASSERT_TRUE(more.ok()) << more.status();
    ASSERT_TRUE(*more);
    ASSERT_EQ(reader.size(), 3u);
    ASSERT_EQ(reader.field(0), "r" + std::to_string(k));
    ASSERT_EQ(reader.field(1), notes[k]);
    ASSERT_EQ(reader.record_line(), line);
    line += k % 3 == 1 ? 2 : 1;
  }
  EXPECT_FALSE(*reader.Next());
}

TEST(CsvReaderTest, MissingFileIsNotFound) {
  CsvReader reader("nope.csv");
  EXPECT_EQ(reader.Open(TempPath("does-not-exist.csv")).code(),
            absl::StatusCode::kNotFound);
}

TEST(CsvWriterTest, QuotesOnlyWhenNeeded) {
  std::string out;
  for (const char* field :
       {"plain", "a,b", "say \"hi\"", "two\nlines", "cr\r", "", " x "}) {
    CsvWriter::AppendField(field, &out);
    out += '|';
  }
  EXPECT_EQ(out, "plain|\"a,b\"|\"say \"\"hi\"\"\"|\"two\nlines\"|\"cr\r\"|| x |");
}

TEST(CsvWriterTest, WritesAtomicallyAndRoundTrips) {
  const std::string path = TempPath("w.csv");
  WriteFile(path, "old");
  {
    CsvWriter writer;
    ASSERT_TRUE(writer.Open(path).ok());
    writer.Field("a");
    writer.Field("b,c");
    writer.EndRow();
    writer.Field("");  // a lone empty field must not become a blank line
    writer.EndRow();
    writer.Field("纷享销客");
    writer.Field("");
    writer.EndRow();
    // Not closed yet: the old file is still there.
    std::ifstream in(path);
    std::string old((std::istreambuf_iterator<char>(in)),
                    std::istreambuf_iterator<char>());
    EXPECT_EQ(old, "old");
    ASSERT_TRUE(writer.Close().ok());
  }
  std::ifstream in(path, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)),
                         std::istreambuf_iterator<char>());
  EXPECT_EQ(text, "a,\"b,c\"\n\"\"\n纷享销客,\n");
  EXPECT_EQ(Read(text), (Rows{{"a", "b,c"}, {""}, {"纷享销客", ""}}));
  EXPECT_EQ(TemporariesOf(path), 0);
}

TEST(CsvWriterTest, AbandonedWriterLeavesOldFile) {
  const std::string path = TempPath("kept.csv");
  WriteFile(path, "old");
  {
    CsvWriter writer;
    ASSERT_TRUE(writer.Open(path).ok());
    writer.Field("new");
    writer.EndRow();
    EXPECT_EQ(TemporariesOf(path), 1);
  }
  EXPECT_EQ(TemporariesOf(path), 0);
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)),
                   std::istreambuf_iterator<char>());
  EXPECT_EQ(text, "old");
}

}  // namespace
}  // namespace baton::internal
