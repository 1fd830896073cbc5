#include "lib/model/text_pool.hpp"

#include <algorithm>

namespace baton::internal {

Index TextPool::Intern(std::string_view text) {
  // Insert only reads the texts already there, so the new one follows it.
  const auto [number, added] =
      index_.Insert(text, static_cast<Index>(size()), TextOf{this});
  if (added) Append(text);
  return *number;
}

std::optional<Index> TextPool::Find(std::string_view text) const {
  return index_.Find(text, TextOf{this});
}

void TextPool::Truncate(std::size_t size) {
  size = std::max<std::size_t>(size, 1);  // text 0 stays
  if (size >= ends_.size()) return;
  for (std::size_t i = ends_.size() - 1; i >= size; --i)
    index_.Erase(text(static_cast<Index>(i)), TextOf{this});
  bytes_.resize(ends_[size - 1]);
  ends_.resize(size);
}

void TextPool::Reset(std::size_t texts) {
  index_.Clear();
  bytes_.clear();
  ends_.assign(1, 0);
  ends_.reserve(texts);
  index_.Insert("", 0, TextOf{this});
}

bool TextPool::Reindex() {
  index_.Clear();
  // "" is text 0, so an empty text after it is a repeat.
  if (!index_.InsertRows(size(), TextOf{this}).has_value()) return true;
  Reset(0);
  return false;
}

std::size_t TextPool::MemoryBytes() const {
  return bytes_.capacity() + ends_.capacity() * sizeof(std::uint64_t) +
         index_.MemoryBytes();
}

}  // namespace baton::internal
