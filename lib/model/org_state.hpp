// The tables of an organisation and the id maps that address them.
#ifndef BATON_LIB_MODEL_ORG_STATE_HPP_
#define BATON_LIB_MODEL_ORG_STATE_HPP_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "baton/records.hpp"
#include "lib/model/id_index.hpp"

namespace baton::internal {

// The ids of `table`'s rows, for IdIndex's calls.
template <typename Record>
auto IdsIn(const std::vector<Record>& table) {
  return [&table](Index row) -> const std::string& { return table[row].id; };
}

// Interned strings: territories, segments, parent groups. Text 0 is "".
class TagPool {
 public:
  TagPool() : texts_{std::string()} {}

  Tag Intern(std::string_view text);
  std::optional<Tag> Find(std::string_view text) const;
  std::string_view text(Tag tag) const { return texts_[tag]; }
  const std::vector<std::string>& texts() const { return texts_; }
  std::size_t size() const { return texts_.size(); }
  // Drops tags added after the pool held `size` texts (undo of a batch).
  void Truncate(std::size_t size);
  // Replaces the texts (snapshot load); fails on a repeated text or a first
  // text that is not "".
  bool Assign(std::vector<std::string> texts);

 private:
  std::vector<std::string> texts_;
  absl::flat_hash_map<std::string, Tag> ids_;
};

struct OrgState {
  std::vector<Team> teams;
  std::vector<Rep> reps;
  std::vector<TierPolicy> tiers;
  std::vector<Account> accounts;
  std::vector<AccountTeamMember> account_team;
  std::vector<Contact> contacts;
  std::vector<Relationship> relationships;
  std::vector<Interaction> interactions;
  std::vector<Deal> deals;
  std::vector<Complaint> complaints;
  std::vector<ProductHolding> products;
  TagPool tags;

  IdIndex team_ids;
  IdIndex rep_ids;
  IdIndex tier_ids;
  IdIndex account_ids;
  IdIndex contact_ids;
  IdIndex deal_ids;
  IdIndex complaint_ids;

  std::size_t count(EntityKind kind) const;
};

// Fills the id maps from the tables. Returns the kind and id of the first
// repeated id, if any.
struct DuplicateId {
  EntityKind kind;
  std::string id;
};
std::optional<DuplicateId> RebuildIdMaps(OrgState& state);

}  // namespace baton::internal

#endif  // BATON_LIB_MODEL_ORG_STATE_HPP_
