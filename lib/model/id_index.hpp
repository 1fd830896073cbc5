// The index of a table's external ids: from an id to the row holding it.
//
// It keeps each row's number and 32 bits of its id's hash (which also place
// the slot, so growing needs no ids), 8 bytes a slot, and reads the id
// itself from the row when a lookup has to compare. A map from std::string
// to the row kept a second copy of every id in 40-byte slots: at a million
// accounts (three million contacts) the maps held about 285 MB, these
// indexes 56 MB.
//
// Open addressing with linear probing in a power-of-two table kept at most
// three quarters full; an erased slot is marked (only a batch's undo
// erases) and reused by a later insert. Every call that needs an id takes
// `id_of`, a function from a row to its id: the table the rows are in.
#ifndef BATON_LIB_MODEL_ID_INDEX_HPP_
#define BATON_LIB_MODEL_ID_INDEX_HPP_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "baton/records.hpp"

namespace baton::internal {

class IdIndex {
 public:
  // The row of `id`, if it has one.
  template <typename IdOf>
  std::optional<Index> Find(std::string_view id, const IdOf& id_of) const {
    if (slots_.empty()) return std::nullopt;
    const Slot* slot = &slots_[Probe(id, Hash(id), id_of).found];
    if (slot->row >= kErased) return std::nullopt;
    return slot->row;
  }

  // Starts fetching the slot a look-up of `id` begins with, for a caller
  // that knows a few ids ahead which it will look up.
  void Prefetch(std::string_view id) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[Home(Hash(id))]);
  }

  // Maps `id` to `row` unless `id` has a row already. Returns where the
  // row of `id` is kept (to change it) and whether `id` was new.
  template <typename IdOf>
  std::pair<Index*, bool> Insert(std::string_view id, Index row, const IdOf& id_of) {
    if (4 * (size_ + erased_ + 1) > 3 * slots_.size()) Grow();
    return InsertHashed(id, Hash(id), row, id_of);
  }

  // Maps the ids of rows [0, rows) to their rows, as Insert does one by
  // one, and returns the first row whose id was already there, if any.
  // Each id's slot is a cache miss into a table of megabytes; hashing a few
  // rows ahead and prefetching their slots overlaps the misses instead of
  // waiting for each in turn (rebuilding the id maps of 1 M accounts after
  // a snapshot load spends most of its time there).
  template <typename IdOf>
  std::optional<Index> InsertRows(std::size_t rows, const IdOf& id_of) {
    Reserve(size_ + erased_ + rows);
    constexpr std::size_t kAhead = 16;
    std::uint32_t hashes[kAhead];
    // Row i is hashed (and its slot fetched) while row i - kAhead, whose
    // hash it then replaces in `hashes`, is inserted.
    for (std::size_t i = 0; i < rows + kAhead; ++i) {
      if (i >= kAhead) {
        const auto row = static_cast<Index>(i - kAhead);
        if (!InsertHashed(id_of(row), hashes[row % kAhead], row, id_of).second)
          return row;
      }
      if (i < rows) {
        const std::uint32_t hash = Hash(id_of(static_cast<Index>(i)));
        hashes[i % kAhead] = hash;
        __builtin_prefetch(&slots_[Home(hash)]);
      }
    }
    return std::nullopt;
  }

  // Removes `id`, if it has a row.
  template <typename IdOf>
  void Erase(std::string_view id, const IdOf& id_of) {
    if (slots_.empty()) return;
    Slot& slot = slots_[Probe(id, Hash(id), id_of).found];
    if (slot.row >= kErased) return;
    slot.row = kErased;
    --size_;
    ++erased_;
  }

  // Makes room for `count` ids in all without growing again.
  void Reserve(std::size_t count) {
    if (4 * count > 3 * slots_.size()) Rehash(SlotsFor(count));
  }
  void Clear();

  std::size_t size() const { return size_; }
  // The bytes the index holds.
  std::size_t MemoryBytes() const { return slots_.capacity() * sizeof(Slot); }

 private:
  static constexpr Index kErased = kNoIndex - 1;
  static constexpr Index kEmpty = kNoIndex;
  struct Slot {
    std::uint32_t hash = 0;  // 32 bits of the id's hash
    Index row = kEmpty;
  };
  struct Place {
    std::size_t found;  // the slot holding the id, or the empty slot ending the probe
    std::size_t free;   // the first slot an insert may take
  };

  static std::uint32_t Hash(std::string_view id);
  // Fibonacci hashing: the top bits of hash * 2^32 / phi.
  std::size_t Home(std::uint32_t hash) const {
    return static_cast<std::uint32_t>(hash * 2654435769u) >> shift_;
  }

  // Insert, once there is room and the hash is known.
  template <typename IdOf>
  std::pair<Index*, bool> InsertHashed(std::string_view id, std::uint32_t hash, Index row,
                                       const IdOf& id_of) {
    const Place place = Probe(id, hash, id_of);
    Slot& found = slots_[place.found];
    if (found.row < kErased) return {&found.row, false};
    Slot& slot = slots_[place.free];
    if (slot.row == kErased) --erased_;
    slot = Slot{hash, row};
    ++size_;
    return {&slot.row, true};
  }

  template <typename IdOf>
  Place Probe(std::string_view id, std::uint32_t hash, const IdOf& id_of) const {
    const std::size_t mask = slots_.size() - 1;
    std::size_t free = slots_.size();
    for (std::size_t at = Home(hash);; at = (at + 1) & mask) {
      const Slot& slot = slots_[at];
      if (slot.row == kEmpty) return {at, free < slots_.size() ? free : at};
      if (slot.row == kErased) {
        if (free == slots_.size()) free = at;
      } else if (slot.hash == hash && std::string_view(id_of(slot.row)) == id) {
        return {at, at};
      }
    }
  }

  // The fewest slots, a power of two and at least 16, for `count` ids.
  static std::size_t SlotsFor(std::size_t count);
  // Doubles the table, or only drops the erased slots if they are many.
  void Grow() {
    const std::size_t grown = erased_ > size_ / 2 ? slots_.size() : 2 * slots_.size();
    Rehash(std::max(SlotsFor(size_ + 1), grown));
  }
  // Rebuilds the table with `slots` slots, dropping erased ones.
  void Rehash(std::size_t slots);

  std::vector<Slot> slots_;
  std::size_t size_ = 0;
  std::size_t erased_ = 0;
  int shift_ = 32;  // 32 - log2(slots)
};

}  // namespace baton::internal

#endif  // BATON_LIB_MODEL_ID_INDEX_HPP_
