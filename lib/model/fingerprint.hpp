// A fast, portable 64-bit fingerprint of a sequence of values: the state
// hash of an organisation and the checksum of snapshots. Not cryptographic.
// Words are mixed as in MurmurHash3's 64-bit finaliser; byte strings are
// read as little-endian 8-byte words whatever the machine, so the value is
// the same everywhere.
#ifndef BATON_LIB_MODEL_FINGERPRINT_HPP_
#define BATON_LIB_MODEL_FINGERPRINT_HPP_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace baton::internal {

class Fingerprint {
 public:
  void AddWord(std::uint64_t word) {
    h_ ^= Mix(word + 0x9e3779b97f4a7c15ULL * ++count_);
    h_ = (h_ << 27 | h_ >> 37) * 0xff51afd7ed558ccdULL;
  }
  void AddDouble(double v);
  // Length first, so that ("ab", "c") and ("a", "bc") differ.
  void AddBytes(std::string_view bytes);
  std::uint64_t value() const { return Mix(h_ ^ count_); }

 private:
  static std::uint64_t Mix(std::uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    k *= 0xc4ceb9fe1a85ec53ULL;
    k ^= k >> 33;
    return k;
  }
  std::uint64_t h_ = 0x6a09e667f3bcc908ULL;
  std::uint64_t count_ = 0;
};

}  // namespace baton::internal

#endif  // BATON_LIB_MODEL_FINGERPRINT_HPP_
