// Checks that a Reassignment keeps every hard rule of its options, from the
// organisation alone: the successor is active, not leaving, not excluded,
// senior enough and eligible; capacities and tier maxima hold; groups move
// as one; pins are kept; the loads it reports add up.
#ifndef BATON_TESTS_CORE_REASSIGN_RULES_HPP_
#define BATON_TESTS_CORE_REASSIGN_RULES_HPP_

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "baton/reassign.hpp"

namespace baton::testing {

inline std::int64_t WeightOf(const Org& org, AccountIndex a) {
  const TierIndex t = org.accounts()[a].tier;
  return t == kNoIndex ? 1 : org.tiers()[t].load_weight;
}

inline bool Named(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// The accounts a run should cover, by the definition in reassign.hpp.
inline std::set<AccountIndex> ExpectedAccounts(const Org& org, const ReassignOptions& o) {
  std::set<AccountIndex> out;
  for (AccountIndex a = 0; a < org.accounts().size(); ++a) {
    const RepIndex owner = org.accounts()[a].owner;
    switch (o.mode) {
      case ReassignMode::kOffboard:
        if (owner == kNoIndex) break;
        if (o.departing.empty() ? !org.reps()[owner].active()
                                : Named(o.departing, org.reps()[owner].id)) {
          out.insert(a);
        }
        break;
      case ReassignMode::kAssignUnowned:
        if (owner == kNoIndex) out.insert(a);
        break;
      case ReassignMode::kRebalance: {
        if (owner == kNoIndex) break;
        const Rep& rep = org.reps()[owner];
        const bool in_team = o.team.empty() ||
                             (rep.team != kNoIndex && org.teams()[rep.team].id == o.team);
        if (rep.active() && in_team && !Named(o.excluded_reps, rep.id)) out.insert(a);
        break;
      }
    }
  }
  return out;
}

inline void ExpectSuccessorAllowed(const Org& org, const ReassignOptions& o,
                                   const AccountReassignment& r) {
  const Account& account = org.accounts()[r.account];
  const Rep& rep = org.reps()[r.to];
  SCOPED_TRACE("account " + account.id + " -> rep " + rep.id);
  EXPECT_TRUE(rep.active());
  EXPECT_FALSE(o.mode == ReassignMode::kOffboard && Named(o.departing, rep.id));
  EXPECT_FALSE(Named(o.excluded_reps, rep.id));
  // Pins bypass eligibility; rebalancing, an account may stay where it is.
  if (r.pinned || r.to == r.from) return;
  if (account.tier != kNoIndex) {
    EXPECT_GE(rep.seniority, org.tiers()[account.tier].min_seniority);
  }
  if ((o.eligibility & kSameTeam) && account.owner != kNoIndex) {
    EXPECT_EQ(rep.team, org.reps()[account.owner].team);
  }
  if ((o.eligibility & kSameTerritory) && account.territory != kNoTag) {
    EXPECT_EQ(rep.territory, account.territory);
  }
  if ((o.eligibility & kSameSegment) && account.segment != kNoTag) {
    EXPECT_EQ(rep.segment, account.segment);
  }
  if (o.mode == ReassignMode::kRebalance && !o.team.empty()) {
    EXPECT_EQ(org.teams()[rep.team].id, o.team);
  }
  EXPECT_FALSE(r.reasons.empty());
}

inline void ExpectPinsKept(const Org& org, const ReassignOptions& o,
                           const std::map<AccountIndex, const AccountReassignment*>& by) {
  for (const Pin& pin : o.pins) {
    const AccountReassignment& r = *by.at(*org.FindAccount(pin.account));
    EXPECT_TRUE(r.pinned) << pin.account;
    const RepIndex want =
        pin.rep.empty() ? org.accounts()[r.account].owner : *org.FindRep(pin.rep);
    EXPECT_EQ(r.to, want) << pin.account;
  }
}

// Loads recomputed from the plan: before from the org, after by moving.
inline void ExpectLoadsAndLimits(const Org& org, const Reassignment& result) {
  std::vector<std::int64_t> load(org.reps().size(), 0);
  std::map<std::pair<RepIndex, TierIndex>, std::int64_t> tier_before, tier_after;
  for (AccountIndex a = 0; a < org.accounts().size(); ++a) {
    const RepIndex owner = org.accounts()[a].owner;
    if (owner == kNoIndex) continue;
    load[owner] += WeightOf(org, a);
    ++tier_before[{owner, org.accounts()[a].tier}];
  }
  std::vector<std::int64_t> after = load;
  tier_after = tier_before;
  for (const AccountReassignment& r : result.accounts) {
    if (r.to == kNoIndex || r.to == r.from) continue;
    if (r.from != kNoIndex) {
      after[r.from] -= WeightOf(org, r.account);
      --tier_after[{r.from, org.accounts()[r.account].tier}];
    }
    after[r.to] += WeightOf(org, r.account);
    ++tier_after[{r.to, org.accounts()[r.account].tier}];
  }
  for (const RepLoad& rep : result.reps) {
    SCOPED_TRACE("rep " + org.reps()[rep.rep].id);
    EXPECT_EQ(rep.before, load[rep.rep]);
    EXPECT_EQ(rep.after, after[rep.rep]);
    EXPECT_EQ(rep.capacity, org.reps()[rep.rep].capacity);
  }
  for (RepIndex r = 0; r < org.reps().size(); ++r) {
    if (after[r] > load[r]) {
      EXPECT_LE(after[r], org.reps()[r].capacity) << "rep " << org.reps()[r].id;
    }
  }
  for (const auto& [key, count] : tier_after) {
    if (key.second == kNoIndex) continue;
    const int most = org.tiers()[key.second].max_per_rep;
    if (most > 0 && count > tier_before[key]) {
      EXPECT_LE(count, most) << "rep " << org.reps()[key.first].id << " tier "
                             << org.tiers()[key.second].id;
    }
  }
}

inline void ExpectGroupsTogether(const Org& org, const Reassignment& result) {
  std::map<Tag, std::set<RepIndex>> reps_of_group;
  for (const AccountReassignment& r : result.accounts) {
    const Tag group = org.accounts()[r.account].group;
    if (group != kNoTag && r.to != kNoIndex) reps_of_group[group].insert(r.to);
  }
  for (const auto& [group, reps] : reps_of_group) {
    EXPECT_EQ(reps.size(), 1u) << "group " << org.tag(group) << " split";
  }
}

inline void ExpectRulesKept(const Org& org, const ReassignOptions& o,
                            const Reassignment& result) {
  ASSERT_NE(result.outcome, Reassignment::Outcome::kCancelled);
  const std::set<AccountIndex> expected = ExpectedAccounts(org, o);
  std::map<AccountIndex, const AccountReassignment*> by;
  std::int64_t moves = 0, unassigned = 0;
  for (const AccountReassignment& r : result.accounts) {
    EXPECT_TRUE(by.emplace(r.account, &r).second) << "account listed twice";
    EXPECT_EQ(r.from, org.accounts()[r.account].owner);
    if (r.to == kNoIndex) {
      ++unassigned;
      EXPECT_NE(r.unassigned, UnassignedReason::kNone);
      EXPECT_FALSE(r.reasons.empty());
      continue;
    }
    EXPECT_EQ(r.unassigned, UnassignedReason::kNone);
    moves += r.to != r.from;
    ExpectSuccessorAllowed(org, o, r);
  }
  std::set<AccountIndex> listed;
  for (const auto& [account, r] : by) listed.insert(account);
  EXPECT_EQ(listed, expected);
  EXPECT_EQ(result.moves, moves);
  EXPECT_EQ(result.unassigned, unassigned);
  if (o.mode == ReassignMode::kRebalance && o.max_moves >= 0) {
    EXPECT_LE(result.moves, o.max_moves);
  }
  EXPECT_LE(result.lower_bound, result.objective);
  ExpectPinsKept(org, o, by);
  ExpectLoadsAndLimits(org, result);
  ExpectGroupsTogether(org, result);
}

}  // namespace baton::testing

#endif  // BATON_TESTS_CORE_REASSIGN_RULES_HPP_
