#include "lib/reassign/tier_limits.hpp"

#include <algorithm>
#include <limits>
#include <tuple>

namespace baton::internal {
namespace {

constexpr std::uint32_t kUnassigned = AssignmentSolution::kUnassigned;

class TierRepair {
 public:
  TierRepair(const Org& org, const ReassignProblem& p, std::vector<std::uint32_t>& rep_of,
             std::vector<std::uint8_t>& tier_limited)
      : org_(org),
        p_(p),
        rep_of_(rep_of),
        tier_limited_(tier_limited),
        count_(p.tier_count),
        load_(p.problem.reps.size(), 0),
        units_of_(load_.size()) {
    for (std::size_t j = 0; j < load_.size(); ++j) load_[j] = p.problem.reps[j].load;
    for (std::uint32_t i = 0; i < rep_of.size(); ++i) {
      if (rep_of[i] == kUnassigned) continue;
      Place(i, rep_of[i], +1);
      units_of_[rep_of[i]].push_back(i);
    }
  }

  bool Run() {
    bool changed = false;
    for (std::uint32_t j = 0; j < load_.size(); ++j) {
      for (TierIndex t = 0; t < p_.tiers; ++t) {
        while (Over(j, t) && Relieve(j, t)) changed = true;
      }
    }
    return changed;
  }

 private:
  std::size_t Key(std::uint32_t j, TierIndex t) const { return j * p_.tiers + t; }
  // Over the maximum by what the plan added: a rep who already carried more
  // before the run keeps what they had, and takes no more.
  bool Over(std::uint32_t j, TierIndex t) const {
    const std::size_t k = Key(j, t);
    return p_.tier_max[k] > 0 && count_[k] > std::max(p_.tier_max[k], p_.tier_count[k]);
  }

  void Place(std::uint32_t unit, std::uint32_t j, int sign) {
    load_[j] += sign * p_.problem.accounts[unit].weight;
    for (AccountIndex a : p_.units[unit].members) {
      const TierIndex t = org_.accounts()[a].tier;
      if (t != kNoIndex) count_[Key(j, t)] += sign;
    }
  }

  // Whether rep j can take the unit on top of what it carries.
  bool Fits(std::uint32_t unit, std::uint32_t j) {
    if (load_[j] + p_.problem.accounts[unit].weight > p_.problem.reps[j].capacity)
      return false;
    Place(unit, j, +1);
    bool fits = true;
    for (TierIndex t = 0; t < p_.tiers && fits; ++t) fits = !Over(j, t);
    Place(unit, j, -1);
    return fits;
  }

  std::int64_t ArcCost(std::uint32_t unit, std::uint32_t j) const {
    for (std::uint32_t a = p_.arc_begin[unit]; a < p_.arc_begin[unit + 1]; ++a) {
      if (p_.problem.arcs[a].rep == j) return p_.problem.arcs[a].cost;
    }
    return 0;
  }

  // Takes one unit with an account of tier t off rep j: the one whose
  // cheapest other arc that fits costs least extra (ties: lower unit);
  // unassigned when none fits. False if the rep has no such unit.
  bool Relieve(std::uint32_t j, TierIndex t) {
    using Choice =
        std::tuple<std::int64_t, std::uint32_t, std::uint32_t>;  // extra, unit, rep
    Choice best{std::numeric_limits<std::int64_t>::max(), kUnassigned, kUnassigned};
    for (std::uint32_t i : units_of_[j]) {  // ascending; some have moved on
      if (rep_of_[i] != j || !HasTier(i, t)) continue;
      const std::int64_t here = ArcCost(i, j);
      Choice option{std::numeric_limits<std::int64_t>::max() - 1, i, kUnassigned};
      for (std::uint32_t a = p_.arc_begin[i]; a < p_.arc_begin[i + 1]; ++a) {
        const auto& arc = p_.problem.arcs[a];
        if (arc.rep == j || !Fits(i, arc.rep)) continue;
        option = std::min(option, Choice{arc.cost - here, i, arc.rep});
      }
      best = std::min(best, option);
    }
    const auto [extra, unit, to] = best;
    if (unit == kUnassigned) return false;
    Place(unit, j, -1);
    rep_of_[unit] = to;
    if (to == kUnassigned) {
      tier_limited_[unit] = 1;
    } else {
      Place(unit, to, +1);
      auto& list = units_of_[to];
      list.insert(std::lower_bound(list.begin(), list.end(), unit), unit);
    }
    return true;
  }

  bool HasTier(std::uint32_t unit, TierIndex t) const {
    for (AccountIndex a : p_.units[unit].members) {
      if (org_.accounts()[a].tier == t) return true;
    }
    return false;
  }

  const Org& org_;
  const ReassignProblem& p_;
  std::vector<std::uint32_t>& rep_of_;
  std::vector<std::uint8_t>& tier_limited_;
  std::vector<std::int64_t> count_;                   // per rep slot and tier
  std::vector<std::int64_t> load_;                    // per rep slot
  std::vector<std::vector<std::uint32_t>> units_of_;  // per rep slot, ascending
};

}  // namespace

bool EnforceTierMaxima(const Org& org, const ReassignProblem& problem,
                       std::vector<std::uint32_t>* rep_of,
                       std::vector<std::uint8_t>* tier_limited) {
  return TierRepair(org, problem, *rep_of, *tier_limited).Run();
}

}  // namespace baton::internal
