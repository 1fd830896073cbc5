// Interned texts: each distinct text stored once, named by its number.
//
// The tags (territories, segments, parent groups, products) and the notes of
// interactions live in pools. A record holds a 4-byte number instead of a
// 32-byte std::string: at a million accounts the 12 M interactions and 1.8 M
// product holdings held 440 MB of strings, most of them repeats of a few
// hundred texts. A text costs its bytes and an 8-byte end offset, all texts
// back to back in one buffer (no allocation per text), plus its slot in the
// IdIndex that finds a text's number (8 bytes, at most 3/4 full).
//
// Text 0 is "", so a zero-initialised number means "none".
#ifndef BATON_LIB_MODEL_TEXT_POOL_HPP_
#define BATON_LIB_MODEL_TEXT_POOL_HPP_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "baton/records.hpp"
#include "lib/model/id_index.hpp"

namespace baton::internal {

class TextPool {
 public:
  TextPool() { index_.Insert("", 0, TextOf{this}); }

  // The number of `text`, adding it if it is new; "" is always 0.
  Index Intern(std::string_view text);
  // The number of `text`, if the pool holds it. Safe from several threads.
  std::optional<Index> Find(std::string_view text) const;

  std::string_view text(Index i) const {
    const std::size_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(bytes_).substr(begin, ends_[i] - begin);
  }
  std::size_t size() const { return ends_.size(); }

  // Drops the texts added after the pool held `size` (undo of a batch).
  void Truncate(std::size_t size);

  // Snapshot load: Reset (room for `texts`), then texts 1, 2, ... in order
  // through Append, then Reindex, which fails (and leaves the pool empty)
  // on an empty or repeated text.
  void Reset(std::size_t texts);
  void Append(std::string_view text) {
    bytes_.append(text);
    ends_.push_back(bytes_.size());
  }
  bool Reindex();

  // The bytes the pool holds, with its index.
  std::size_t MemoryBytes() const;

 private:
  // The texts, for the index's calls.
  struct TextOf {
    const TextPool* pool;
    std::string_view operator()(Index i) const { return pool->text(i); }
  };

  std::string bytes_;                      // the texts back to back
  std::vector<std::uint64_t> ends_ = {0};  // where text i ends in bytes_
  IdIndex index_;                          // text -> number
};

}  // namespace baton::internal

#endif  // BATON_LIB_MODEL_TEXT_POOL_HPP_
