// The tables of an organisation and the id maps that address them.
#ifndef BATON_LIB_MODEL_ORG_STATE_HPP_
#define BATON_LIB_MODEL_ORG_STATE_HPP_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "baton/records.hpp"
#include "lib/model/id_index.hpp"
#include "lib/model/text_pool.hpp"

namespace baton::internal {

// The ids of `table`'s rows, for IdIndex's calls.
template <typename Record>
auto IdsIn(const std::vector<Record>& table) {
  return [&table](Index row) -> const std::string& { return table[row].id; };
}

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
  TextPool tags;   // territories, segments, parent groups, products
  TextPool notes;  // of interactions

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
