#include "lib/reassign/reassign_problem.hpp"

#include <algorithm>
#include <cmath>

#include "absl/container/flat_hash_map.h"
#include "lib/assign/problem_validation.hpp"
#include "lib/reassign/candidate_pools.hpp"

namespace baton::internal {
namespace {

std::int64_t Clamp(std::int64_t x) {
  return std::clamp(x, -kMaxMagnitude + 1, kMaxMagnitude - 1);
}

// Units in order of their first account: an account alone, or the accounts
// of one parent group that the run moves and nobody pinned.
std::vector<ReassignProblem::Unit> MakeUnits(const Org& org, const ReassignScope& scope) {
  std::vector<ReassignProblem::Unit> units;
  absl::flat_hash_map<Tag, std::size_t> unit_of_group;
  for (AccountIndex a : scope.accounts) {
    if (scope.pinned_to.contains(a)) continue;
    const Tag group = org.accounts()[a].group;
    if (group != kNoTag) {
      auto [it, fresh] = unit_of_group.try_emplace(group, units.size());
      if (!fresh) {
        units[it->second].members.push_back(a);
        continue;
      }
    }
    units.push_back({{a}});
  }
  return units;
}

class Builder {
 public:
  Builder(const Org& org, const ReassignOptions& options, const ReassignScope& scope,
          const SuccessorPricer& pricer, ReassignProblem* out)
      : org_(org),
        options_(options),
        scope_(scope),
        pricer_(pricer),
        out_(*out),
        headroom_(org.reps().size(), 0),
        pools_(org, options, pricer, headroom_) {}

  void Run() {
    AddReps();
    CountKeptTiers();
    out_.units = MakeUnits(org_, scope_);
    out_.arc_begin.reserve(out_.units.size() + 1);
    for (ReassignProblem::Unit& unit : out_.units) AddUnit(unit);
    out_.arc_begin.push_back(static_cast<std::uint32_t>(out_.problem.arcs.size()));
  }

 private:
  void AddReps() {
    out_.slot_of_rep.assign(org_.reps().size(), kNoIndex);
    std::vector<std::int64_t> pinned_load(org_.reps().size(), 0);
    for (const auto& [a, r] : scope_.pinned_to) pinned_load[r] += LoadWeight(org_, a);
    for (RepIndex r = 0; r < org_.reps().size(); ++r) {
      if (!scope_.taker[r]) continue;
      const Rep& rep = org_.reps()[r];
      const std::int64_t kept = std::max<std::int64_t>(0, scope_.kept_load[r]);
      // A rep over capacity already takes nothing new; rebalancing, they may
      // keep the book they have, since what stays cannot be refused.
      std::int64_t capacity = std::max(rep.capacity, kept);
      if (options_.mode == ReassignMode::kRebalance) {
        capacity = std::max(capacity, scope_.current_load[r] + pinned_load[r]);
      }
      headroom_[r] = capacity - kept;
      out_.slot_of_rep[r] = static_cast<Index>(out_.takers.size());
      out_.takers.push_back(r);
      out_.problem.reps.push_back({rep.id, kept, capacity, options_.lambda});
    }
  }

  void CountKeptTiers() {
    out_.tiers = org_.tiers().size();
    out_.tier_count.assign(out_.takers.size() * out_.tiers, 0);
    out_.tier_max.assign(out_.takers.size() * out_.tiers, 0);
    for (std::size_t j = 0; j < out_.takers.size(); ++j) {
      for (TierIndex t = 0; t < out_.tiers; ++t) {
        out_.tier_max[j * out_.tiers + t] = org_.tiers()[t].max_per_rep;
      }
    }
    auto count = [&](AccountIndex a, RepIndex r) {
      const TierIndex t = org_.accounts()[a].tier;
      if (t != kNoIndex && r != kNoIndex && out_.slot_of_rep[r] != kNoIndex) {
        ++out_.tier_count[out_.slot_of_rep[r] * out_.tiers + t];
      }
    };
    for (AccountIndex a = 0; a < org_.accounts().size(); ++a) {
      if (!scope_.in_run[a]) count(a, org_.accounts()[a].owner);
    }
    for (const auto& [a, r] : scope_.pinned_to) count(a, r);
  }

  // Candidates of a unit: reps tied to any member, the pool's spread for the
  // first member, and (rebalancing) the members' owners; ascending, no repeats.
  std::vector<RepIndex> CandidatesOf(const ReassignProblem::Unit& unit,
                                     std::int64_t weight) {
    std::vector<RepIndex> reps;
    if (ties_.size() < unit.members.size()) ties_.resize(unit.members.size());
    for (std::size_t m = 0; m < unit.members.size(); ++m) {
      const AccountIndex a = unit.members[m];
      pricer_.TiesOf(a, &ties_[m]);
      for (const Tie& tie : ties_[m]) reps.push_back(tie.rep);
      if (org_.accounts()[a].owner != kNoIndex) reps.push_back(org_.accounts()[a].owner);
    }
    pools_.Sample(unit.members.front(), weight, &reps);
    std::sort(reps.begin(), reps.end());
    reps.erase(std::unique(reps.begin(), reps.end()), reps.end());
    return reps;
  }

  bool Eligible(const ReassignProblem::Unit& unit, RepIndex r) const {
    return std::all_of(unit.members.begin(), unit.members.end(),
                       [&](AccountIndex a) { return pricer_.Eligible(a, r); });
  }

  // Rebalancing, an account may always stay with its owner: the rules bind
  // successors, not the book a rep already has.
  bool Stays(const ReassignProblem::Unit& unit, RepIndex r) const {
    return options_.mode == ReassignMode::kRebalance &&
           std::all_of(unit.members.begin(), unit.members.end(),
                       [&](AccountIndex a) { return org_.accounts()[a].owner == r; });
  }

  // Whether the tier maxima leave the rep room for the unit's accounts.
  bool TierRoom(const ReassignProblem::Unit& unit, Index slot) const {
    for (AccountIndex a : unit.members) {
      const TierIndex t = org_.accounts()[a].tier;
      if (t == kNoIndex || org_.tiers()[t].max_per_rep == 0) continue;
      std::int64_t same = 0;
      for (AccountIndex b : unit.members) same += org_.accounts()[b].tier == t;
      const std::size_t k = slot * out_.tiers + t;
      if (out_.tier_count[k] + same > out_.tier_max[k]) return false;
    }
    return true;
  }

  void AddUnit(ReassignProblem::Unit& unit) {
    const std::uint32_t first_arc = static_cast<std::uint32_t>(out_.problem.arcs.size());
    out_.arc_begin.push_back(first_arc);
    std::int64_t weight = 0;
    double penalty = 0;
    for (AccountIndex a : unit.members) {
      weight += LoadWeight(org_, a);
      penalty += static_cast<double>(options_.unassigned_points) +
                 org_.accounts()[a].annual_value / options_.value_per_point;
    }
    const auto unit_index = static_cast<std::uint32_t>(out_.problem.accounts.size());
    out_.problem.accounts.push_back({org_.accounts()[unit.members.front()].id, weight,
                                     Clamp(std::llround(std::min(penalty, 1e18)))});
    bool eligible = false;
    bool blocked_by_tier = false;
    for (RepIndex r : CandidatesOf(unit, weight)) {
      const bool admits =
          out_.slot_of_rep[r] != kNoIndex && (Stays(unit, r) || Eligible(unit, r));
      if (!admits) continue;
      eligible = true;
      if (headroom_[r] < weight) continue;
      if (!TierRoom(unit, out_.slot_of_rep[r])) {
        blocked_by_tier = true;
        continue;
      }
      AddArc(unit, unit_index, r);
    }
    if (out_.problem.arcs.size() > first_arc) return;
    eligible = eligible || pools_.AnyEligible(unit.members.front());
    unit.stuck = !eligible         ? UnassignedReason::kNoEligibleRep
                 : blocked_by_tier ? UnassignedReason::kTierLimit
                                   : UnassignedReason::kCapacityExhausted;
  }

  void AddArc(const ReassignProblem::Unit& unit, std::uint32_t unit_index, RepIndex r) {
    std::int64_t cost = 0;
    std::uint32_t movers = 0;
    for (std::size_t m = 0; m < unit.members.size(); ++m) {
      const AccountIndex a = unit.members[m];
      const std::vector<Tie>& ties = ties_[m];
      auto tie = std::lower_bound(ties.begin(), ties.end(), r,
                                  [](const Tie& t, RepIndex rep) { return t.rep < rep; });
      const bool tied = tie != ties.end() && tie->rep == r;
      cost += pricer_.Cost(a, r, tied ? &*tie : nullptr).total();
      movers += org_.accounts()[a].owner != r;
    }
    out_.problem.arcs.push_back({unit_index, out_.slot_of_rep[r], Clamp(cost)});
    out_.movers.push_back(movers);
  }

  const Org& org_;
  const ReassignOptions& options_;
  const ReassignScope& scope_;
  const SuccessorPricer& pricer_;
  ReassignProblem& out_;
  std::vector<std::int64_t> headroom_;  // per rep
  CandidatePools pools_;
  std::vector<std::vector<Tie>> ties_;  // scratch: per member of the unit at hand
};

}  // namespace

ReassignProblem BuildReassignProblem(const Org& org, const ReassignOptions& options,
                                     const ReassignScope& scope,
                                     const SuccessorPricer& pricer) {
  ReassignProblem out;
  Builder(org, options, scope, pricer, &out).Run();
  return out;
}

}  // namespace baton::internal
