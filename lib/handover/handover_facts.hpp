// What Baton knows about an account, as lines a handover task shows.
#ifndef BATON_LIB_HANDOVER_HANDOVER_FACTS_HPP_
#define BATON_LIB_HANDOVER_HANDOVER_FACTS_HPP_

#include <string>
#include <vector>

#include "baton/org.hpp"

namespace baton::internal {

// A rep's name, or id when the name is empty; "nobody" for kNoIndex.
std::string RepLabel(const Org& org, RepIndex rep);

// "d-1: negotiation, 300,000, closes 2026-12-20; next step: send contract",
// one per open deal.
std::vector<std::string> OpenDealLines(const Org& org, AccountIndex account);

// "王伟 (decision maker, supporter): Anna Nowak: shared values, last touch
// 2026-10-20; Ben Okafor: no tie", one per key player.
std::vector<std::string> KeyPlayerLines(const Org& org, AccountIndex account,
                                        RepIndex leaver, RepIndex successor);

// "crm-suite × 250" per product held, then "k-1 (high, open since
// 2026-10-01): late deliveries" per open complaint.
std::vector<std::string> ProductAndComplaintLines(const Org& org, AccountIndex account);

// Deals of the leaver's accounts won or lost in [from, to].
std::vector<std::string> ClosedDealLines(const Org& org, RepIndex leaver, Day from,
                                         Day to);

}  // namespace baton::internal

#endif  // BATON_LIB_HANDOVER_HANDOVER_FACTS_HPP_
