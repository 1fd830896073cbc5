#include "lib/model/fingerprint.hpp"

#include <cstring>

namespace baton::internal {

void Fingerprint::AddDouble(double v) {
  if (v == 0) v = 0;  // -0.0 and 0.0 are the same value
  std::uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  AddWord(bits);
}

void Fingerprint::AddBytes(std::string_view bytes) {
  AddWord(bytes.size());
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t n = bytes.size();
  for (; n >= 8; n -= 8, p += 8) {
    std::uint64_t w = 0;
    for (int i = 7; i >= 0; --i) w = w << 8 | p[i];
    AddWord(w);
  }
  if (n > 0) {
    std::uint64_t w = 0;
    for (std::size_t i = n; i-- > 0;) w = w << 8 | p[i];
    AddWord(w);
  }
}

}  // namespace baton::internal
