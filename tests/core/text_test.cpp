// FindInvalidUtf8 on its own: every offset of a bad byte is found, whether
// it falls in the eight-byte ASCII skip or in the byte-by-byte tail, and the
// RFC 3629 rules hold around it. IsPlainAscii, the fast path before it,
// refuses every byte outside 1..127 wherever it falls. IsCleanUtf8, the
// automaton for the other texts, agrees with both on every short text.
#include "lib/model/text.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace baton::internal {
namespace {

constexpr std::size_t kNone = std::string_view::npos;

TEST(FindInvalidUtf8Test, AsciiOfEveryLengthIsValid) {
  std::string text;
  for (int length = 0; length <= 40; ++length) {
    EXPECT_EQ(FindInvalidUtf8(text), kNone) << "length " << length;
    text.push_back(static_cast<char>('a' + length % 26));
  }
}

TEST(FindInvalidUtf8Test, NamesTheOffsetOfABadByteAnywhere) {
  for (std::size_t length = 1; length <= 40; ++length) {
    for (std::size_t at = 0; at < length; ++at) {
      std::string text(length, 'x');
      text[at] = '\xFF';
      EXPECT_EQ(FindInvalidUtf8(text), at)
          << "length " << length << ", bad byte at " << at;
    }
  }
}

TEST(FindInvalidUtf8Test, MultiByteCharactersAtEveryOffsetAreValid) {
  for (const std::string character : {"é", "纷", "😀"}) {
    for (std::size_t at = 0; at <= 20; ++at) {
      const std::string text = std::string(at, 'a') + character + std::string(9, 'b');
      EXPECT_EQ(FindInvalidUtf8(text), kNone) << character << " at " << at;
    }
  }
  EXPECT_EQ(FindInvalidUtf8("纷享销客 round-trips"), kNone);
}

TEST(FindInvalidUtf8Test, RefusesMalformedSequencesAfterAsciiWords) {
  const std::string ascii = "abcdefghijklmnop";  // two whole words
  const struct {
    const char* bytes;
    const char* why;
  } bad[] = {
      {"\xC0\xAF", "overlong two-byte form"},
      {"\xE0\x80\xAF", "overlong three-byte form"},
      {"\xED\xA0\x80", "surrogate"},
      {"\xF4\x90\x80\x80", "above U+10FFFF"},
      {"\xC3", "truncated at the end"},
      {"\xE7\xBA", "truncated three-byte character"},
      {"\x80", "lone continuation byte"},
      {"\xE7\x41\x41", "continuation byte missing"},
  };
  for (const auto& sequence : bad) {
    EXPECT_EQ(FindInvalidUtf8(ascii + sequence.bytes), ascii.size()) << sequence.why;
    EXPECT_EQ(FindInvalidUtf8(sequence.bytes), 0u) << sequence.why;
  }
}

TEST(IsPlainAsciiTest, AcceptsPrintableAndControlAsciiOfEveryLength) {
  std::string text;
  for (int length = 0; length <= 40; ++length) {
    EXPECT_TRUE(IsPlainAscii(text)) << "length " << length;
    text.push_back(static_cast<char>(1 + length * 3 % 127));
  }
}

TEST(IsPlainAsciiTest, RefusesNulAndEveryHighByteAtEveryOffset) {
  for (int byte = 0; byte < 256; ++byte) {
    const bool plain = byte >= 1 && byte <= 127;
    for (std::size_t length = 1; length <= 19; ++length) {
      for (std::size_t at = 0; at < length; ++at) {
        std::string text(length, 'x');
        text[at] = static_cast<char>(byte);
        ASSERT_EQ(IsPlainAscii(text), plain)
            << "byte " << byte << " at " << at << " of " << length;
      }
    }
  }
}

TEST(IsPlainAsciiTest, ZeroBytesNextToOnesAreStillFound) {
  // The zero-byte test borrows across bytes: a 0x01 beside the zero, in
  // the same eight-byte word, must not hide it.
  for (const char* bytes : {"\x01\x00", "\x00\x01"}) {
    const std::string text = std::string("abcdef") + std::string(bytes, 2);
    EXPECT_FALSE(IsPlainAscii(text)) << "word " << text.size();
  }
}

// IsCleanUtf8 must agree with the byte-by-byte rules: FindInvalidUtf8
// finds nothing and there is no NUL.
bool CleanByTheRules(std::string_view text) {
  return FindInvalidUtf8(text) == kNone && text.find('\0') == kNone;
}

TEST(IsCleanUtf8Test, AgreesWithTheRulesOnEveryTextOfUpToThreeBytes) {
  std::string text;
  EXPECT_TRUE(IsCleanUtf8(text));
  for (std::uint32_t length = 1; length <= 3; ++length) {
    text.assign(length, '\0');
    for (std::uint32_t n = 0; n < (std::uint32_t{1} << (8 * length)); ++n) {
      for (std::uint32_t i = 0; i < length; ++i)
        text[i] = static_cast<char>(n >> (8 * i));
      ASSERT_EQ(IsCleanUtf8(text), CleanByTheRules(text))
          << "bytes " << std::hex << n << " of length " << length;
    }
  }
}

TEST(IsCleanUtf8Test, AgreesWithTheRulesOnFourByteSequences) {
  // Every lead and second byte, with the edges of each range after them.
  const unsigned tails[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90,
                            0x9F, 0xA0, 0xBF, 0xC0, 0xFF};
  std::string text(4, '\0');
  for (unsigned lead = 0; lead < 256; ++lead) {
    for (unsigned second = 0; second < 256; ++second) {
      for (const unsigned third : tails) {
        for (const unsigned fourth : tails) {
          text = {static_cast<char>(lead), static_cast<char>(second),
                  static_cast<char>(third), static_cast<char>(fourth)};
          ASSERT_EQ(IsCleanUtf8(text), CleanByTheRules(text))
              << std::hex << lead << " " << second << " " << third << " " << fourth;
        }
      }
    }
  }
}

TEST(IsCleanUtf8Test, NamesInOtherScriptsAreCleanAndTheirCutsAreNot) {
  for (const std::string name : {"Andrzej Dąbrowski", "徐建华", "纷享销客 round-trips",
                                 "Zoë 😀", "Ελένη Παπαδοπούλου"}) {
    EXPECT_TRUE(IsCleanUtf8(name)) << name;
    for (std::size_t cut = 0; cut <= name.size(); ++cut) {
      const std::string_view part = std::string_view(name).substr(0, cut);
      EXPECT_EQ(IsCleanUtf8(part), CleanByTheRules(part)) << name << " cut at " << cut;
    }
    EXPECT_FALSE(IsCleanUtf8(name + std::string(1, '\0') + "x")) << name;
  }
}

}  // namespace
}  // namespace baton::internal
