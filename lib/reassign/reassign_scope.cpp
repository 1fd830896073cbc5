#include "lib/reassign/reassign_scope.hpp"

#include <algorithm>
#include <cmath>

#include "lib/model/strings.hpp"

namespace baton::internal {
namespace {

absl::Status Bad(std::string_view option, std::string_view message) {
  return absl::InvalidArgumentError(Cat("reassign options: ", option, ": ", message));
}

absl::StatusOr<RepIndex> RepOf(const Org& org, std::string_view option,
                               std::string_view id) {
  std::optional<RepIndex> rep = org.FindRep(id);
  if (!rep) return Bad(option, Cat("unknown rep ", id));
  return *rep;
}

// Marks the departing reps; without a list, every departed rep who still
// owns accounts.
absl::Status MarkLeaving(const Org& org, const ReassignOptions& options,
                         ReassignScope* scope) {
  for (const std::string& id : options.departing) {
    absl::StatusOr<RepIndex> rep = RepOf(org, "departing", id);
    if (!rep.ok()) return rep.status();
    scope->leaving[*rep] = 1;
  }
  if (!options.departing.empty()) return absl::OkStatus();
  for (RepIndex r = 0; r < org.reps().size(); ++r) {
    if (!org.reps()[r].active() && !org.AccountsOwnedBy(r).empty()) scope->leaving[r] = 1;
  }
  return absl::OkStatus();
}

absl::Status MarkTakers(const Org& org, const ReassignOptions& options,
                        ReassignScope* scope) {
  TeamIndex team = kNoIndex;
  if (options.mode == ReassignMode::kRebalance && !options.team.empty()) {
    std::optional<TeamIndex> found = org.FindTeam(options.team);
    if (!found) return Bad("team", Cat("unknown team ", options.team));
    team = *found;
  }
  for (RepIndex r = 0; r < org.reps().size(); ++r) {
    const Rep& rep = org.reps()[r];
    scope->taker[r] =
        rep.active() && !scope->leaving[r] && (team == kNoIndex || rep.team == team);
  }
  for (const std::string& id : options.excluded_reps) {
    absl::StatusOr<RepIndex> rep = RepOf(org, "excluded_reps", id);
    if (!rep.ok()) return rep.status();
    scope->taker[*rep] = 0;
    scope->excluded[*rep] = 1;
  }
  return absl::OkStatus();
}

void CollectAccounts(const Org& org, const ReassignOptions& options,
                     ReassignScope* scope) {
  std::vector<AccountIndex>& out = scope->accounts;
  switch (options.mode) {
    case ReassignMode::kOffboard:
      for (RepIndex r = 0; r < org.reps().size(); ++r) {
        if (!scope->leaving[r]) continue;
        absl::Span<const AccountIndex> owned = org.AccountsOwnedBy(r);
        out.insert(out.end(), owned.begin(), owned.end());
      }
      break;
    case ReassignMode::kAssignUnowned: {
      absl::Span<const AccountIndex> unowned = org.AccountsWithoutOwner();
      out.assign(unowned.begin(), unowned.end());
      break;
    }
    case ReassignMode::kRebalance:
      for (RepIndex r = 0; r < org.reps().size(); ++r) {
        if (!scope->taker[r]) continue;
        absl::Span<const AccountIndex> owned = org.AccountsOwnedBy(r);
        out.insert(out.end(), owned.begin(), owned.end());
      }
      break;
  }
  std::sort(out.begin(), out.end());
  scope->in_run.assign(org.accounts().size(), 0);
  for (AccountIndex a : out) scope->in_run[a] = 1;
}

// The rep a pin sends its account to: the named one, or the owner.
absl::StatusOr<RepIndex> PinTarget(const Org& org, const ReassignScope& scope,
                                   const Pin& pin, AccountIndex account) {
  const std::string option = Cat("pins: account ", pin.account);
  RepIndex rep = org.accounts()[account].owner;
  if (!pin.rep.empty()) {
    absl::StatusOr<RepIndex> named = RepOf(org, option, pin.rep);
    if (!named.ok()) return named.status();
    rep = *named;
  } else if (rep == kNoIndex) {
    return Bad(option, "has no owner to stay with");
  }
  const Rep& r = org.reps()[rep];
  if (!r.active())
    return Bad(option, Cat("rep ", r.id, " departed on ", FormatDay(r.departed_on)));
  if (scope.leaving[rep]) return Bad(option, Cat("rep ", r.id, " is leaving"));
  if (scope.excluded[rep]) return Bad(option, Cat("rep ", r.id, " is excluded"));
  return rep;
}

// Pins, spread to every account of a pinned account's group.
absl::Status ResolvePins(const Org& org, const ReassignOptions& options,
                         ReassignScope* scope) {
  absl::flat_hash_map<Tag, std::pair<RepIndex, AccountIndex>> group_pin;
  for (const Pin& pin : options.pins) {
    std::optional<AccountIndex> account = org.FindAccount(pin.account);
    if (!account) return Bad("pins", Cat("unknown account ", pin.account));
    if (!scope->in_run[*account]) {
      return Bad(Cat("pins: account ", pin.account),
                 "is not among the accounts this run reassigns");
    }
    absl::StatusOr<RepIndex> rep = PinTarget(org, *scope, pin, *account);
    if (!rep.ok()) return rep.status();
    auto [it, added] = scope->pinned_to.emplace(*account, *rep);
    if (!added && it->second != *rep)
      return Bad(Cat("pins: account ", pin.account), "pinned twice to different reps");
    const Tag group = org.accounts()[*account].group;
    if (group == kNoTag) continue;
    auto [g, fresh] = group_pin.emplace(group, std::make_pair(*rep, *account));
    if (!fresh && g->second.first != *rep) {
      return Bad(Cat("pins: account ", pin.account),
                 Cat("group ", org.tag(group), " is pinned to ",
                     org.reps()[g->second.first].id, " by account ",
                     org.accounts()[g->second.second].id, "; a group goes to one rep"));
    }
  }
  for (AccountIndex a : scope->accounts) {
    auto g = group_pin.find(org.accounts()[a].group);
    if (g != group_pin.end()) scope->pinned_to.emplace(a, g->second.first);
  }
  return absl::OkStatus();
}

void ComputeLoads(const Org& org, ReassignScope* scope) {
  const std::size_t reps = org.reps().size();
  scope->current_load.assign(reps, 0);
  for (AccountIndex a = 0; a < org.accounts().size(); ++a) {
    const RepIndex owner = org.accounts()[a].owner;
    if (owner != kNoIndex) scope->current_load[owner] += LoadWeight(org, a);
  }
  scope->kept_load = scope->current_load;
  for (AccountIndex a : scope->accounts) {
    const RepIndex owner = org.accounts()[a].owner;
    if (owner != kNoIndex) scope->kept_load[owner] -= LoadWeight(org, a);
  }
  for (const auto& [account, rep] : scope->pinned_to) {
    scope->kept_load[rep] += LoadWeight(org, account);
  }
}

}  // namespace

std::int64_t LoadWeight(const Org& org, AccountIndex account) {
  const TierIndex tier = org.accounts()[account].tier;
  return tier == kNoIndex ? 1 : org.tiers()[tier].load_weight;
}

absl::StatusOr<ReassignScope> ResolveScope(const Org& org,
                                           const ReassignOptions& options) {
  if (options.version != ReassignOptions::kVersion) {
    return Bad("version", Cat(options.version, " is not ", ReassignOptions::kVersion));
  }
  if (!IsValidDay(options.today)) return Bad("today", "a valid day is required");
  if (options.max_candidates < 1) return Bad("max_candidates", "must be at least 1");
  if (options.recency_half_life_days < 1)
    return Bad("recency_half_life_days", "must be at least 1");
  if (options.lambda < 0)
    return Bad("lambda", "must not be negative (the load cost is convex)");
  if (options.move_cost < 0) return Bad("move_cost", "must not be negative");
  if (!(options.value_per_point > 0) || !std::isfinite(options.value_per_point)) {
    return Bad("value_per_point", "must be positive and finite");
  }
  if (!(options.key_player_factor >= 0) || !std::isfinite(options.key_player_factor)) {
    return Bad("key_player_factor", "must be finite and not negative");
  }
  ReassignScope scope;
  scope.leaving.assign(org.reps().size(), 0);
  scope.taker.assign(org.reps().size(), 0);
  scope.excluded.assign(org.reps().size(), 0);
  if (options.mode == ReassignMode::kOffboard) {
    absl::Status marked = MarkLeaving(org, options, &scope);
    if (!marked.ok()) return marked;
  }
  absl::Status marked = MarkTakers(org, options, &scope);
  if (!marked.ok()) return marked;
  CollectAccounts(org, options, &scope);
  absl::Status pinned = ResolvePins(org, options, &scope);
  if (!pinned.ok()) return pinned;
  ComputeLoads(org, &scope);
  return scope;
}

}  // namespace baton::internal
