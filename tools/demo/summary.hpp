// The demo's summary of an organisation: who is on the books, where the
// value sits, how full each owner's book is, which valuable accounts hang on
// one rep, and the revenue at risk.
#ifndef BATON_TOOLS_DEMO_SUMMARY_HPP_
#define BATON_TOOLS_DEMO_SUMMARY_HPP_

#include "baton/org.hpp"

namespace baton::demo {

// The day the organisation is "as of": its latest interaction.
Day AsOf(const Org& org);

void PrintSummary(const Org& org, Day as_of);

}  // namespace baton::demo

#endif  // BATON_TOOLS_DEMO_SUMMARY_HPP_
