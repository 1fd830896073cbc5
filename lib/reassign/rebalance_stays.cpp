#include "lib/reassign/rebalance_stays.hpp"

namespace baton::internal {
namespace {

constexpr std::uint32_t kUnassigned = AssignmentSolution::kUnassigned;

// The rep slot that owns every account of the unit, or kUnassigned.
std::uint32_t OwnerSlot(const Org& org, const ReassignProblem& p, std::uint32_t unit) {
  const RepIndex owner = org.accounts()[p.units[unit].members.front()].owner;
  for (AccountIndex a : p.units[unit].members) {
    if (org.accounts()[a].owner != owner) return kUnassigned;
  }
  const Index slot = owner == kNoIndex ? kNoIndex : p.slot_of_rep[owner];
  return slot == kNoIndex ? kUnassigned : slot;
}

}  // namespace

bool KeepUnplacedWithOwners(const Org& org, const ReassignProblem& p,
                            std::vector<std::uint32_t>* rep_of) {
  std::vector<std::uint32_t> home(p.units.size());
  std::vector<std::int64_t> load(p.takers.size());
  for (std::uint32_t j = 0; j < p.takers.size(); ++j) load[j] = p.problem.reps[j].load;
  bool changed = false;
  for (std::uint32_t i = 0; i < p.units.size(); ++i) {
    home[i] = OwnerSlot(org, p, i);
    std::uint32_t& slot = (*rep_of)[i];
    if (slot == kUnassigned && home[i] != kUnassigned) {
      slot = home[i];
      changed = true;
    }
    if (slot != kUnassigned) load[slot] += p.problem.accounts[i].weight;
  }
  for (bool over = true; over;) {
    over = false;
    for (std::uint32_t i = static_cast<std::uint32_t>(p.units.size()); i-- > 0;) {
      std::uint32_t& slot = (*rep_of)[i];
      if (slot == kUnassigned || slot == home[i] || home[i] == kUnassigned) continue;
      if (load[slot] <= p.problem.reps[slot].capacity) continue;
      load[slot] -= p.problem.accounts[i].weight;
      load[home[i]] += p.problem.accounts[i].weight;
      slot = home[i];
      over = changed = true;
    }
  }
  return changed;
}

}  // namespace baton::internal
