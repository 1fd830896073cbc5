// The demo's departure story: the rep whose leaving would put the most
// revenue at risk, who takes over, the handover plan, and the risk once it
// is carried out.
#ifndef BATON_TOOLS_DEMO_DEPARTURE_STORY_HPP_
#define BATON_TOOLS_DEMO_DEPARTURE_STORY_HPP_

#include "baton/org.hpp"

namespace baton::demo {

void PrintDepartureStory(const Org& org, Day as_of);

}  // namespace baton::demo

#endif  // BATON_TOOLS_DEMO_DEPARTURE_STORY_HPP_
