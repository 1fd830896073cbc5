// The specs that rewrite a stored rep or deal whole (Batch::Update), as the
// handover's batches need them.
#ifndef BATON_LIB_HANDOVER_RECORD_SPECS_HPP_
#define BATON_LIB_HANDOVER_RECORD_SPECS_HPP_

#include <string>

#include "baton/batch.hpp"
#include "baton/org.hpp"

namespace baton::internal {

inline std::string IdOf(const Org& org, RepIndex rep) {
  return rep == kNoIndex ? std::string() : org.reps()[rep].id;
}

inline RepSpec SpecOf(const Org& org, const Rep& r) {
  RepSpec spec;
  spec.id = r.id;
  spec.name = r.name;
  spec.team = r.team == kNoIndex ? "" : org.teams()[r.team].id;
  spec.manager = IdOf(org, r.manager);
  spec.seniority = r.seniority;
  spec.capacity = r.capacity;
  spec.territory = std::string(org.tag(r.territory));
  spec.segment = std::string(org.tag(r.segment));
  spec.departed_on = r.departed_on;
  spec.destination = r.destination;
  spec.to_competitor = r.to_competitor;
  return spec;
}

inline DealSpec SpecOf(const Org& org, const Deal& d) {
  return {d.id,
          org.accounts()[d.account].id,
          IdOf(org, d.owner),
          d.stage,
          d.amount,
          d.close_on,
          d.next_step};
}

}  // namespace baton::internal

#endif  // BATON_LIB_HANDOVER_RECORD_SPECS_HPP_
