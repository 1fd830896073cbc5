// Derived indexes over an organisation's tables: who owns what, what belongs
// to which account, and the rep-contact relationship graph. Rebuilt from the
// tables after a change; never edited in place, so copies of an Org share
// them safely.
#ifndef BATON_LIB_MODEL_ORG_INDEX_HPP_
#define BATON_LIB_MODEL_ORG_INDEX_HPP_

#include <cstdint>
#include <memory>
#include <vector>

#include "absl/types/span.h"
#include "baton/records.hpp"
#include "lib/model/huge_pages.hpp"
#include "lib/model/org_state.hpp"
#include "lib/model/relationship_graph.hpp"

namespace baton::internal {

// Compressed rows: the items of row r are items[offsets[r], offsets[r + 1]).
struct Csr {
  std::vector<Index> offsets;
  std::vector<Index> items;

  absl::Span<const Index> row(Index r) const {
    return {items.data() + offsets[r], offsets[r + 1] - offsets[r]};
  }
  std::size_t MemoryBytes() const {
    return (offsets.capacity() + items.capacity()) * sizeof(Index);
  }

  // Groups 0..n-1 by row_of(i) (kNoIndex: left out), ascending within a
  // row. Two counting passes: O(rows + n).
  template <typename RowOf>
  static Csr Group(std::size_t rows, std::size_t n, RowOf row_of) {
    Csr csr;
    ResizeOnHugePages(csr.offsets, rows + 1);
    for (std::size_t i = 0; i < n; ++i) {
      const Index r = row_of(i);
      if (r != kNoIndex) ++csr.offsets[r + 1];
    }
    for (std::size_t r = 0; r < rows; ++r) csr.offsets[r + 1] += csr.offsets[r];
    ResizeOnHugePages(csr.items, csr.offsets[rows]);
    std::vector<Index> next(csr.offsets.begin(), csr.offsets.end() - 1);
    for (std::size_t i = 0; i < n; ++i) {
      const Index r = row_of(i);
      if (r != kNoIndex) csr.items[next[r]++] = static_cast<Index>(i);
    }
    return csr;
  }
};

// The interactions of each account with their days and reps alongside, so
// that risk scoring reads a window of them without touching the records.
struct InteractionTimeline : Csr {
  std::vector<Day> days;
  std::vector<RepIndex> reps;

  absl::Span<const Day> days_of_row(Index r) const {
    return {days.data() + offsets[r], offsets[r + 1] - offsets[r]};
  }
  absl::Span<const RepIndex> reps_of_row(Index r) const {
    return {reps.data() + offsets[r], offsets[r + 1] - offsets[r]};
  }
  std::size_t MemoryBytes() const {
    return Csr::MemoryBytes() + days.capacity() * sizeof(Day) +
           reps.capacity() * sizeof(RepIndex);
  }
};

struct OrgIndex {
  std::shared_ptr<const Csr> reps_of_team;
  // One row per rep, then a last row for accounts without an owner.
  std::shared_ptr<const Csr> accounts_of_owner;
  std::shared_ptr<const Csr> team_of_account;
  std::shared_ptr<const Csr> seats_of_rep;
  std::shared_ptr<const Csr> contacts_of_account;
  std::shared_ptr<const RelationshipGraph> relationships;
  // Sorted by (day, index) within each account.
  std::shared_ptr<const InteractionTimeline> interactions_of_account;
  std::shared_ptr<const Csr> deals_of_account;
  std::shared_ptr<const Csr> complaints_of_account;
  std::shared_ptr<const Csr> products_of_account;

  // A new index for `state`, rebuilding what depends on a kind in
  // `dirty_kinds` (KindBit / GrownBit of org_access.hpp) and sharing the rest with
  // `previous` (which may be null: everything is rebuilt).
  static std::shared_ptr<const OrgIndex> Build(const OrgState& state,
                                               const OrgIndex* previous,
                                               std::uint32_t dirty_kinds);

  std::size_t MemoryBytes() const;
};

}  // namespace baton::internal

#endif  // BATON_LIB_MODEL_ORG_INDEX_HPP_
