// Large tables on huge pages. The tables of a big organisation span
// hundreds of thousands of 4 KiB pages, and the first touch of each costs
// a page fault: at 1 M accounts, about 350 k faults take as long as the
// rest of a snapshot load (BM_TouchMemoryReference). Linux backs memory
// with 2 MiB pages (transparent huge pages) where a program asks for them,
// which is what Debian's default setting ("madvise") waits for.
#ifndef BATON_LIB_MODEL_HUGE_PAGES_HPP_
#define BATON_LIB_MODEL_HUGE_PAGES_HPP_

#include <cstddef>
#include <vector>

namespace baton::internal {

// Asks for huge pages on the whole 2 MiB pages within [data, data + bytes).
// Only a hint: pages already touched stay as they are, and a system
// without transparent huge pages ignores it. Nothing for smaller blocks.
void AdviseHugePages(const void* data, std::size_t bytes);

// Reserves room for `n` elements in `rows`, on huge pages where the system
// gives them. Call it before filling `rows`: a page is chosen at its first
// touch.
template <typename T>
void ReserveOnHugePages(std::vector<T>& rows, std::size_t n) {
  if (n <= rows.capacity()) return;
  rows.reserve(n);
  AdviseHugePages(rows.data(), rows.capacity() * sizeof(T));
}

// Resizes `rows` to `n` elements, the new ones value-initialised, on huge
// pages as ReserveOnHugePages.
template <typename T>
void ResizeOnHugePages(std::vector<T>& rows, std::size_t n) {
  ReserveOnHugePages(rows, n);
  rows.resize(n);
}

}  // namespace baton::internal

#endif  // BATON_LIB_MODEL_HUGE_PAGES_HPP_
