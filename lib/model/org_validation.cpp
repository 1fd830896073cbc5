// OrgFromState: the whole-state check behind snapshot load and bulk builders.
#include <algorithm>
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

template <typename Record>
absl::Status CheckTable(const OrgState& s, const std::vector<Record>& table) {
  for (const Record& r : table) BATON_RETURN_IF_ERROR(CheckRecord(s, r));
  return absl::OkStatus();
}

// The record checks in two parts, the tables before interactions and those
// after; interactions, the largest part, are checked on their own.
absl::Status CheckRecordsBeforeInteractions(const OrgState& s) {
  BATON_RETURN_IF_ERROR(CheckTable(s, s.teams));
  BATON_RETURN_IF_ERROR(CheckTable(s, s.reps));
  BATON_RETURN_IF_ERROR(CheckTable(s, s.tiers));
  BATON_RETURN_IF_ERROR(CheckTable(s, s.accounts));
  BATON_RETURN_IF_ERROR(CheckTable(s, s.account_team));
  BATON_RETURN_IF_ERROR(CheckTable(s, s.contacts));
  BATON_RETURN_IF_ERROR(CheckTable(s, s.relationships));
  return absl::OkStatus();
}

absl::Status CheckRecordsAfterInteractions(const OrgState& s) {
  BATON_RETURN_IF_ERROR(CheckTable(s, s.deals));
  BATON_RETURN_IF_ERROR(CheckTable(s, s.complaints));
  BATON_RETURN_IF_ERROR(CheckTable(s, s.products));
  return absl::OkStatus();
}

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

// Within each row of `rows`, key_of(item) must not repeat. Rows are short
// (the relationships of one contact, the seats or products of one account),
// so most are checked pairwise; a long row, or one with a repeat, is sorted
// to find the smallest repeated key, whose second item is reported.
template <typename Key, typename RowOf, typename KeyOf, typename Describe>
absl::Status CheckUniqueWithinRows(std::size_t row_count, RowOf row_of, KeyOf key_of,
                                   Describe describe) {
  constexpr std::size_t kPairwiseUpTo = 12;
  std::vector<std::pair<Key, Index>> keys;
  for (Index row = 0; row < row_count; ++row) {
    const auto items = row_of(row);
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

// The relationships' pairs (the largest part: one row per contact) beside
// the account-team seats' and the products'; errors in that order.
absl::Status CheckPairsUnique(const OrgState& s, const OrgIndex& index) {
  absl::Status relationships;
  SideTask side([&] {
    relationships = CheckUniqueWithinRows<Index>(
        s.contacts.size(), [&](Index c) { return index.relationships->OfContact(c); },
        [&](Index i) { return s.relationships[i].rep; },
        [&](Index i) { return SubjectOf(s, s.relationships[i]); });
  });
  absl::Status seats = CheckUniqueWithinRows<Index>(
      s.accounts.size(), [&](Index a) { return index.team_of_account->row(a); },
      [&](Index i) { return s.account_team[i].rep; },
      [&](Index i) { return SubjectOf(s, s.account_team[i]); });
  absl::Status products = CheckUniqueWithinRows<std::string_view>(
      s.accounts.size(), [&](Index a) { return index.products_of_account->row(a); },
      [&](Index i) { return std::string_view(s.products[i].product); },
      [&](Index i) { return SubjectOf(s, s.products[i]); });
  side.Join();
  BATON_RETURN_IF_ERROR(relationships);
  BATON_RETURN_IF_ERROR(seats);
  return products;
}

}  // namespace

absl::StatusOr<Org> OrgFromState(OrgState state) {
  Org org;
  internal_state(org) = std::move(state);
  OrgState& s = internal_state(org);
  // The id maps and the interactions' checks on one side, the other
  // records' checks on the other (about half the work each: interactions
  // are the most numerous records and the costliest to check); then the
  // indexes, which are built only on records found valid (OrgIndex::Build
  // splits them in two again). Both sides only read the records and write
  // disjoint members. Errors are reported in the same order as when
  // everything ran one after the other.
  std::optional<DuplicateId> dup;
  absl::Status interactions_checked;
  SideTask side([&] {
    dup = RebuildIdMaps(s);
    interactions_checked = CheckTable(s, s.interactions);
  });
  const absl::Status before = CheckRecordsBeforeInteractions(s);
  const absl::Status after = CheckRecordsAfterInteractions(s);
  side.Join();
  if (dup) {
    return absl::AlreadyExistsError(
        Cat(NameOf(dup->kind), " ", dup->id, ": id: appears twice"));
  }
  BATON_RETURN_IF_ERROR(before);
  BATON_RETURN_IF_ERROR(interactions_checked);
  BATON_RETURN_IF_ERROR(after);
  internal_rebuild_index(org, kAllKinds);
  BATON_RETURN_IF_ERROR(CheckPairsUnique(s, internal_index(org)));
  return org;
}

}  // namespace baton::internal
