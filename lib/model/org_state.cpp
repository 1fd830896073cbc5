#include "lib/model/org_state.hpp"

namespace baton::internal {

std::size_t OrgState::count(EntityKind kind) const {
  switch (kind) {
    case EntityKind::kTeam:
      return teams.size();
    case EntityKind::kRep:
      return reps.size();
    case EntityKind::kTier:
      return tiers.size();
    case EntityKind::kAccount:
      return accounts.size();
    case EntityKind::kAccountTeam:
      return account_team.size();
    case EntityKind::kContact:
      return contacts.size();
    case EntityKind::kRelationship:
      return relationships.size();
    case EntityKind::kInteraction:
      return interactions.size();
    case EntityKind::kDeal:
      return deals.size();
    case EntityKind::kComplaint:
      return complaints.size();
    case EntityKind::kProduct:
      return products.size();
  }
  return 0;
}

namespace {

template <typename Record>
std::optional<DuplicateId> FillIdIndex(EntityKind kind, const std::vector<Record>& table,
                                       IdIndex& map) {
  map.Clear();
  if (const std::optional<Index> row = map.InsertRows(table.size(), IdsIn(table))) {
    return DuplicateId{kind, table[*row].id};
  }
  return std::nullopt;
}

}  // namespace

std::optional<DuplicateId> RebuildIdMaps(OrgState& s) {
  std::optional<DuplicateId> dup;
  if (!dup) dup = FillIdIndex(EntityKind::kTeam, s.teams, s.team_ids);
  if (!dup) dup = FillIdIndex(EntityKind::kRep, s.reps, s.rep_ids);
  if (!dup) dup = FillIdIndex(EntityKind::kTier, s.tiers, s.tier_ids);
  if (!dup) dup = FillIdIndex(EntityKind::kAccount, s.accounts, s.account_ids);
  if (!dup) dup = FillIdIndex(EntityKind::kContact, s.contacts, s.contact_ids);
  if (!dup) dup = FillIdIndex(EntityKind::kDeal, s.deals, s.deal_ids);
  if (!dup) dup = FillIdIndex(EntityKind::kComplaint, s.complaints, s.complaint_ids);
  return dup;
}

}  // namespace baton::internal
