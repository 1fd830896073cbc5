#include "lib/model/text.hpp"

#include <cstdint>
#include <cstring>
#include <string>

namespace baton::internal {
namespace {

// IsCleanUtf8's automaton. A byte falls in one of these classes; a state is
// what the bytes so far leave owed: nothing (kAccept), some continuation
// bytes, of a restricted range for the first after E0, ED, F0 and F4, or
// kReject for good.
enum ByteClass : std::uint8_t {
  kNul,
  kAscii,
  kCont80,  // 80..8F
  kCont90,  // 90..9F
  kContA0,  // A0..BF
  kBad,     // C0, C1, F5..FF
  kLead2,   // C2..DF
  kLeadE0,
  kLead3,  // E1..EC, EE, EF
  kLeadED,
  kLeadF0,
  kLead4,  // F1..F3
  kLeadF4,
  kClasses
};
enum State : std::uint8_t {
  kAccept,
  kReject,
  kOwe1,
  kOwe2,
  kOwe3,
  kOweA0,  // after E0: A0..BF, then one more
  kOwe80,  // after ED: 80..9F, then one more
  kOwe90,  // after F0: 90..BF, then two more
  kOwe8F,  // after F4: 80..8F, then two more
  kStates
};

constexpr ByteClass ClassOf(unsigned c) {
  if (c == 0) return kNul;
  if (c < 0x80) return kAscii;
  if (c < 0x90) return kCont80;
  if (c < 0xA0) return kCont90;
  if (c < 0xC0) return kContA0;
  if (c < 0xC2) return kBad;
  if (c < 0xE0) return kLead2;
  if (c == 0xE0) return kLeadE0;
  if (c == 0xED) return kLeadED;
  if (c < 0xF0) return kLead3;
  if (c == 0xF0) return kLeadF0;
  if (c < 0xF4) return kLead4;
  if (c == 0xF4) return kLeadF4;
  return kBad;
}

constexpr State Next(State state, ByteClass c) {
  const bool cont = c == kCont80 || c == kCont90 || c == kContA0;
  switch (state) {
    case kAccept:
      switch (c) {
        case kAscii:
          return kAccept;
        case kLead2:
          return kOwe1;
        case kLeadE0:
          return kOweA0;
        case kLead3:
          return kOwe2;
        case kLeadED:
          return kOwe80;
        case kLeadF0:
          return kOwe90;
        case kLead4:
          return kOwe3;
        case kLeadF4:
          return kOwe8F;
        default:
          return kReject;
      }
    case kOwe1:
      return cont ? kAccept : kReject;
    case kOwe2:
      return cont ? kOwe1 : kReject;
    case kOwe3:
      return cont ? kOwe2 : kReject;
    case kOweA0:
      return c == kContA0 ? kOwe1 : kReject;
    case kOwe80:
      return c == kCont80 || c == kCont90 ? kOwe1 : kReject;
    case kOwe90:
      return c == kCont90 || c == kContA0 ? kOwe2 : kReject;
    case kOwe8F:
      return c == kCont80 ? kOwe2 : kReject;
    default:
      return kReject;
  }
}

// The automaton as one table, indexed by state * kClasses + class.
struct Utf8Automaton {
  std::uint8_t class_of[256] = {};
  std::uint8_t next[kStates * kClasses] = {};
  constexpr Utf8Automaton() {
    for (unsigned c = 0; c < 256; ++c) class_of[c] = ClassOf(c);
    for (unsigned s = 0; s < kStates; ++s) {
      for (unsigned c = 0; c < kClasses; ++c) {
        next[s * kClasses + c] =
            static_cast<std::uint8_t>(Next(State(s), ByteClass(c)) * kClasses);
      }
    }
  }
};
constexpr Utf8Automaton kUtf8;

}  // namespace

bool IsCleanUtf8(std::string_view text) {
  // States are kept multiplied by kClasses: one add and one load a byte.
  unsigned state = kAccept;
  for (const char c : text) {
    state = kUtf8.next[state + kUtf8.class_of[static_cast<unsigned char>(c)]];
  }
  return state == kAccept;
}

std::size_t FindInvalidUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    // Ids, names and notes are mostly ASCII: skip eight such bytes at once.
    if (n - i >= 8) {
      std::uint64_t word;
      std::memcpy(&word, s + i, 8);
      if ((word & 0x8080808080808080u) == 0) {
        i += 8;
        continue;
      }
    }
    const unsigned c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    unsigned lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return i;
    }
    if (i + len > n || s[i + 1] < lo || s[i + 1] > hi) return i;
    for (std::size_t k = 2; k < len; ++k) {
      if (s[i + k] < 0x80 || s[i + k] > 0xBF) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

}  // namespace baton::internal
