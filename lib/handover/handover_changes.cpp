// A handover plan as batches: the one that carries it out, and the one that
// takes the organisation back to where it was.
#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "baton/handover.hpp"
#include "lib/handover/record_specs.hpp"

namespace baton {

using internal::IdOf;
using internal::SpecOf;

absl::StatusOr<HandoverBatches> HandoverChanges(const Org& org, const HandoverPlan& plan,
                                                const HandoverOptions& options) {
  absl::flat_hash_map<RepIndex, const HandoverLeaver*> leaving;
  for (const HandoverLeaver& l : options.leavers) {
    const auto rep = org.FindRep(l.rep);
    if (!rep) return absl::InvalidArgumentError(absl::StrCat("handover: no rep ", l.rep));
    leaving[*rep] = &l;
  }
  HandoverBatches out;
  absl::flat_hash_map<AccountIndex, RepIndex> successor;
  for (const AccountHandover& h : plan.accounts) {
    if (!leaving.contains(h.leaver) || org.accounts()[h.account].owner != h.leaver) {
      return absl::FailedPreconditionError(
          absl::StrCat("handover: account ", org.accounts()[h.account].id,
                       " is no longer owned by its leaver; plan the handover again"));
    }
    successor[h.account] = h.successor;
    out.apply.ChangeOwner(org.accounts()[h.account].id, IdOf(org, h.successor));
  }
  for (const Deal& deal : org.deals()) {
    if (deal.owner == kNoIndex || !leaving.contains(deal.owner)) continue;
    DealSpec moved = SpecOf(org, deal);
    const auto it = successor.find(deal.account);
    moved.owner = it != successor.end() ? IdOf(org, it->second) : "";
    out.apply.Update(std::move(moved));
  }
  // In the options' order (the map's is not the same from run to run).
  for (const HandoverLeaver& l : options.leavers) {
    const RepIndex rep = *org.FindRep(l.rep);
    if (leaving[rep] != &l) continue;  // named twice: the last entry counts
    const Rep& r = org.reps()[rep];
    out.undo.Update(SpecOf(org, r));
    if (r.active()) out.apply.Depart(r.id, l.last_day, r.destination, l.to_competitor);
  }
  for (const AccountHandover& h : plan.accounts)
    out.undo.ChangeOwner(org.accounts()[h.account].id, IdOf(org, h.leaver));
  for (const Deal& deal : org.deals())
    if (deal.owner != kNoIndex && leaving.contains(deal.owner))
      out.undo.Update(SpecOf(org, deal));
  return out;
}

}  // namespace baton
