#include "lib/reassign/successor_cost.hpp"

#include <algorithm>
#include <cmath>

#include "lib/model/strings.hpp"

namespace baton::internal {
namespace {

// "shared_values" -> "shared values".
std::string Words(std::string_view name) {
  std::string words(name);
  std::replace(words.begin(), words.end(), '_', ' ');
  return words;
}

std::string DaysAgo(Day today, Day day) {
  if (day == kNoDay) return "never touched";
  const int days = today - day;
  if (days <= 0) return "today";
  if (days == 1) return "1 day ago";
  return Cat(days, " days ago");
}

// The day a relationship was last alive: its last touch, else its start.
Day LastAlive(const Relationship& r) {
  return r.last_touch != kNoDay ? r.last_touch : r.since;
}

}  // namespace

SuccessorPricer::SuccessorPricer(const Org& org, const ReassignOptions& options,
                                 const ReassignScope& scope)
    : org_(org), options_(options), scope_(scope) {
  for (AccountIndex a : scope.accounts) {
    const Tag group = org.accounts()[a].group;
    if (group != kNoTag) group_owners_.try_emplace(group);
  }
  if (group_owners_.empty()) return;
  // Accounts of those groups that stay where they are (outside the run).
  for (AccountIndex a = 0; a < org.accounts().size(); ++a) {
    const Account& account = org.accounts()[a];
    if (scope.in_run[a] || account.owner == kNoIndex || !scope.taker[account.owner])
      continue;
    auto it = group_owners_.find(account.group);
    if (it == group_owners_.end()) continue;
    auto& owners = it->second;
    auto o = std::find_if(owners.begin(), owners.end(),
                          [&](const auto& p) { return p.first == account.owner; });
    if (o == owners.end()) {
      owners.emplace_back(account.owner, 1);
    } else {
      ++o->second;
    }
  }
  for (auto& [group, owners] : group_owners_) std::sort(owners.begin(), owners.end());
}

double SuccessorPricer::RelationshipPoints(const Relationship& r) const {
  const Day alive = LastAlive(r);
  if (alive == kNoDay) return 0;
  const double age = std::max(0, options_.today - alive);
  const double recency = std::exp2(-age / options_.recency_half_life_days);
  const double depth =
      static_cast<double>(r.depth) / static_cast<double>(Depth::kSharedValues);
  const bool key = org_.contacts()[r.contact].key_player;
  return static_cast<double>(options_.relationship_points) * r.strength * depth *
         recency * (key ? options_.key_player_factor : 1.0);
}

int SuccessorPricer::GroupAccounts(AccountIndex account, RepIndex rep) const {
  auto it = group_owners_.find(org_.accounts()[account].group);
  if (it == group_owners_.end()) return 0;
  for (const auto& [owner, count] : it->second) {
    if (owner == rep) return count;
  }
  return 0;
}

void SuccessorPricer::TiesOf(AccountIndex account, std::vector<Tie>* out) const {
  out->clear();
  auto tie_of = [out](RepIndex rep) -> Tie& {
    for (Tie& tie : *out) {
      if (tie.rep == rep) return tie;
    }
    out->push_back(Tie{rep});
    return out->back();
  };
  for (ContactIndex c : org_.ContactsOf(account)) {
    for (RelationshipIndex r : org_.RelationshipsOfContact(c)) {
      const Relationship& relationship = org_.relationships()[r];
      tie_of(relationship.rep).relationship_points += RelationshipPoints(relationship);
    }
  }
  for (AccountTeamIndex m : org_.AccountTeamOf(account)) {
    Tie& tie = tie_of(org_.account_team()[m].rep);
    tie.on_account_team = true;
    tie.role = org_.account_team()[m].role;
  }
  auto group = group_owners_.find(org_.accounts()[account].group);
  if (group != group_owners_.end()) {
    for (const auto& [owner, count] : group->second) tie_of(owner).group_accounts = count;
  }
  std::sort(out->begin(), out->end(),
            [](const Tie& x, const Tie& y) { return x.rep < y.rep; });
}

bool SuccessorPricer::Eligible(AccountIndex a, RepIndex r) const {
  if (!scope_.taker[r]) return false;
  const Account& account = org_.accounts()[a];
  const Rep& rep = org_.reps()[r];
  if (account.tier != kNoIndex &&
      rep.seniority < org_.tiers()[account.tier].min_seniority) {
    return false;
  }
  const std::uint32_t rules = options_.eligibility;
  if ((rules & kSameTeam) && account.owner != kNoIndex &&
      rep.team != org_.reps()[account.owner].team) {
    return false;
  }
  if ((rules & kSameTerritory) && account.territory != kNoTag &&
      rep.territory != account.territory) {
    return false;
  }
  if ((rules & kSameSegment) && account.segment != kNoTag &&
      rep.segment != account.segment) {
    return false;
  }
  return true;
}

SuccessorCost SuccessorPricer::Cost(AccountIndex a, RepIndex r, const Tie* tie) const {
  const Account& account = org_.accounts()[a];
  const Rep& rep = org_.reps()[r];
  SuccessorCost cost;
  cost.stranger = options_.stranger_cost;
  if (tie) {
    cost.relationships = -std::llround(tie->relationship_points);
    if (tie->on_account_team) cost.account_team = -options_.account_team_points;
    if (tie->group_accounts > 0) cost.group = -options_.group_points;
  }
  if (account.territory != kNoTag && rep.territory == account.territory) {
    cost.territory = -options_.territory_points;
  }
  if (account.segment != kNoTag && rep.segment == account.segment) {
    cost.segment = -options_.segment_points;
  }
  if (account.owner != kNoIndex && rep.team != kNoIndex &&
      rep.team == org_.reps()[account.owner].team) {
    cost.team = -options_.team_points;
  }
  const int min_seniority =
      account.tier == kNoIndex ? 0 : org_.tiers()[account.tier].min_seniority;
  cost.seniority =
      options_.seniority_excess_points * std::max(0, rep.seniority - min_seniority);
  if (options_.mode == ReassignMode::kRebalance && r != account.owner) {
    cost.move = options_.move_cost;
  }
  return cost;
}

std::vector<std::string> SuccessorPricer::Reasons(AccountIndex a, RepIndex r) const {
  const Account& account = org_.accounts()[a];
  const Rep& rep = org_.reps()[r];
  std::vector<std::string> reasons;
  if (options_.mode == ReassignMode::kRebalance && r == account.owner) {
    reasons.push_back("stays with its owner");
  }
  std::vector<std::pair<double, RelationshipIndex>> ties;
  for (ContactIndex c : org_.ContactsOf(a)) {
    for (RelationshipIndex i : org_.RelationshipsOfContact(c)) {
      if (org_.relationships()[i].rep == r)
        ties.emplace_back(-RelationshipPoints(org_.relationships()[i]), i);
    }
  }
  std::sort(ties.begin(), ties.end());
  for (const auto& [points, i] : ties) {
    const Relationship& relationship = org_.relationships()[i];
    const Contact& contact = org_.contacts()[relationship.contact];
    reasons.push_back(Cat("knows ", contact.name, ", ", Words(NameOf(contact.role)),
                          contact.key_player ? ", key player" : "", " (",
                          Words(NameOf(relationship.depth)), ", ",
                          DaysAgo(options_.today, LastAlive(relationship)), ")"));
  }
  bool tied = !ties.empty();
  for (AccountTeamIndex m : org_.AccountTeamOf(a)) {
    if (org_.account_team()[m].rep == r) {
      tied = true;
      reasons.push_back(
          Cat("on the account team (", Words(NameOf(org_.account_team()[m].role)), ")"));
    }
  }
  if (const int others = GroupAccounts(a, r); others > 0) {
    tied = true;
    reasons.push_back(Cat("owns ", others, " other account", others == 1 ? "" : "s",
                          " of group ", org_.tag(account.group)));
  }
  if (account.territory != kNoTag && rep.territory == account.territory) {
    reasons.push_back(Cat("same territory (", org_.tag(account.territory), ")"));
  }
  if (account.segment != kNoTag && rep.segment == account.segment) {
    reasons.push_back(Cat("same segment (", org_.tag(account.segment), ")"));
  }
  if (account.owner != kNoIndex && r != account.owner && rep.team != kNoIndex &&
      rep.team == org_.reps()[account.owner].team) {
    reasons.push_back(Cat("same team as ", org_.reps()[account.owner].name));
  }
  if (!tied && r != account.owner) {
    reasons.push_back("no existing tie: an eligible rep with room");
  }
  return reasons;
}

}  // namespace baton::internal
