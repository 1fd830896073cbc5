// OrgFromState: the whole-state check behind snapshot load and bulk builders.
#include <algorithm>
#include <atomic>
#include <functional>
#include <optional>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "lib/model/org_access.hpp"
#include "lib/model/org_index.hpp"
#include "lib/model/record_checks.hpp"
#include "lib/model/side_task.hpp"
#include "lib/model/status_macros.hpp"
#include "lib/model/strings.hpp"

namespace baton::internal {
namespace {

// The record checks of every table, cut into pieces that threads take in
// turn: whatever the tables' sizes, neither thread waits long for the
// other. The failure reported is the first in table order, as if the
// checks had run one after the other.
class RecordChecks {
 public:
  explicit RecordChecks(const OrgState& s) {
    Add(s, s.teams);
    Add(s, s.reps);
    Add(s, s.tiers);
    Add(s, s.accounts);
    Add(s, s.account_team);
    Add(s, s.contacts);
    Add(s, s.relationships);
    Add(s, s.interactions);
    Add(s, s.deals);
    Add(s, s.complaints);
    Add(s, s.products);
    results_.resize(pieces_.size());
  }

  // Checks pieces until none is left; from any number of threads at once.
  void Work() {
    for (std::size_t i = next_++; i < pieces_.size(); i = next_++) {
      results_[i] = pieces_[i]();
    }
  }

  // After every thread's Work has returned.
  absl::Status FirstFailure() const {
    for (const absl::Status& status : results_) BATON_RETURN_IF_ERROR(status);
    return absl::OkStatus();
  }

 private:
  // Small enough to even out two threads' work, large enough that taking
  // a piece costs nothing next to checking it.
  static constexpr std::size_t kPieceRecords = std::size_t{1} << 15;

  template <typename Record>
  void Add(const OrgState& s, const std::vector<Record>& table) {
    for (std::size_t begin = 0; begin < table.size(); begin += kPieceRecords) {
      const std::size_t end = std::min(table.size(), begin + kPieceRecords);
      pieces_.push_back([&s, &table, begin, end] {
        for (std::size_t i = begin; i < end; ++i) {
          if (!SurelyValid(s, table[i])) BATON_RETURN_IF_ERROR(CheckRecord(s, table[i]));
        }
        return absl::OkStatus();
      });
    }
  }

  std::vector<std::function<absl::Status()>> pieces_;
  std::vector<absl::Status> results_;
  std::atomic<std::size_t> next_{0};
};

// Whether some key repeats among `items`, compared pairwise: a row of a
// few items is checked without copying or sorting anything.
template <typename Row, typename KeyOf>
bool HasRepeat(const Row& items, KeyOf key_of) {
  for (auto i = items.begin(); i != items.end(); ++i) {
    for (auto j = items.begin(); j != i; ++j) {
      if (key_of(*i) == key_of(*j)) return true;
    }
  }
  return false;
}

// Within each row of [first_row, last_row) of `rows`, key_of(item) must
// not repeat. Rows are short (the relationships of one contact, the seats
// or products of one account), so most are checked pairwise; a long row,
// or one with a repeat, is sorted to find the smallest repeated key, whose
// second item is reported.
template <typename Key, typename RowOf, typename KeyOf, typename Describe>
absl::Status CheckUniqueWithinRows(std::size_t first_row, std::size_t last_row,
                                   RowOf row_of, KeyOf key_of, Describe describe) {
  constexpr std::size_t kPairwiseUpTo = 12;
  std::vector<std::pair<Key, Index>> keys;
  for (std::size_t row = first_row; row < last_row; ++row) {
    const auto items = row_of(static_cast<Index>(row));
    if (items.size() < 2) continue;
    if (items.size() <= kPairwiseUpTo && !HasRepeat(items, key_of)) continue;
    keys.clear();
    for (Index i : items) keys.emplace_back(key_of(i), i);
    std::sort(keys.begin(), keys.end());
    for (std::size_t k = 1; k < keys.size(); ++k) {
      if (keys[k].first == keys[k - 1].first) {
        return FieldError(absl::StatusCode::kAlreadyExists, describe(keys[k].second),
                          "id", "appears twice");
      }
    }
  }
  return absl::OkStatus();
}

// The relationships' pairs (the largest part: one row per contact), the
// account-team seats' and the products'; errors in that order. The
// contacts are cut in two: the first rows on a side thread, the last rows
// after the seats and products, which take about what the first rows
// leave over.
absl::Status CheckPairsUnique(const OrgState& s, const OrgIndex& index) {
  const auto relationships_of = [&](std::size_t first, std::size_t last) {
    return CheckUniqueWithinRows<Index>(
        first, last, [&](Index c) { return index.relationships->OfContact(c); },
        [&](Index i) { return s.relationships[i].rep; },
        [&](Index i) { return SubjectOf(s, s.relationships[i]); });
  };
  const std::size_t contacts = s.contacts.size();
  const std::size_t cut = contacts * 5 / 8;
  absl::Status first_contacts;
  SideTask side([&] { first_contacts = relationships_of(0, cut); });
  absl::Status seats = CheckUniqueWithinRows<Index>(
      0, s.accounts.size(), [&](Index a) { return index.team_of_account->row(a); },
      [&](Index i) { return s.account_team[i].rep; },
      [&](Index i) { return SubjectOf(s, s.account_team[i]); });
  absl::Status products = CheckUniqueWithinRows<Tag>(
      0, s.accounts.size(), [&](Index a) { return index.products_of_account->row(a); },
      [&](Index i) { return s.products[i].product; },
      [&](Index i) { return SubjectOf(s, s.products[i]); });
  const absl::Status last_contacts = relationships_of(cut, contacts);
  side.Join();
  BATON_RETURN_IF_ERROR(first_contacts);
  BATON_RETURN_IF_ERROR(last_contacts);
  BATON_RETURN_IF_ERROR(seats);
  return products;
}

}  // namespace

absl::StatusOr<Org> OrgFromState(OrgState state) {
  Org org;
  internal_state(org) = std::move(state);
  OrgState& s = internal_state(org);
  // The id maps on one side, then both sides share the record checks;
  // then the indexes, which are built only on records found valid
  // (OrgIndex::Build splits them in two again). Both sides only read the
  // records and write disjoint members. Errors are reported in the same
  // order as when everything ran one after the other.
  BATON_RETURN_IF_ERROR(CheckPools(s));
  RecordChecks checks(s);
  std::optional<DuplicateId> dup;
  SideTask side([&] {
    dup = RebuildIdMaps(s);
    checks.Work();
  });
  checks.Work();
  side.Join();
  if (dup) {
    return absl::AlreadyExistsError(
        Cat(NameOf(dup->kind), " ", dup->id, ": id: appears twice"));
  }
  BATON_RETURN_IF_ERROR(checks.FirstFailure());
  internal_rebuild_index(org, kAllKinds);
  BATON_RETURN_IF_ERROR(CheckPairsUnique(s, internal_index(org)));
  return org;
}

}  // namespace baton::internal
