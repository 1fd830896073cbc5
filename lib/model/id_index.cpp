#include "lib/model/id_index.hpp"

#include "absl/hash/hash.h"
#include "lib/model/huge_pages.hpp"
#include "lib/model/strings.hpp"

namespace baton::internal {

std::uint32_t IdIndex::Hash(std::string_view id) {
  const std::size_t hash = absl::Hash<absl::string_view>()(AsAbsl(id));
  return static_cast<std::uint32_t>(hash ^ (hash >> 32));
}

void IdIndex::Clear() {
  slots_.clear();
  size_ = 0;
  erased_ = 0;
  shift_ = 32;
}

std::size_t IdIndex::SlotsFor(std::size_t count) {
  std::size_t slots = 16;
  while (4 * count > 3 * slots) slots *= 2;
  return slots;
}

void IdIndex::Rehash(std::size_t slots) {
  int bits = 0;
  while ((std::size_t{1} << bits) < slots) ++bits;
  std::vector<Slot> old;
  ResizeOnHugePages(old, slots);
  old.swap(slots_);
  shift_ = 32 - bits;
  const std::size_t mask = slots - 1;
  for (const Slot& slot : old) {
    if (slot.row >= kErased) continue;
    std::size_t at = Home(slot.hash);
    while (slots_[at].row != kEmpty) at = (at + 1) & mask;
    slots_[at] = slot;
  }
  erased_ = 0;
}

}  // namespace baton::internal
