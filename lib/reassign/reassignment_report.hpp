// A solved reassignment in the words of the organisation: per account its
// successor, cost terms and reasons; per rep the load before and after; the
// balance of the whole.
#ifndef BATON_LIB_REASSIGN_REASSIGNMENT_REPORT_HPP_
#define BATON_LIB_REASSIGN_REASSIGNMENT_REPORT_HPP_

#include <cstdint>
#include <vector>

#include "lib/reassign/reassign_problem.hpp"

namespace baton::internal {

// Fills result's accounts, reps, balance, moves and unassigned from the
// plan `rep_of` (a rep slot per unit); the caller sets outcome and costs.
void ReportPlan(const Org& org, const ReassignOptions& options,
                const ReassignScope& scope, const SuccessorPricer& pricer,
                const ReassignProblem& problem, const std::vector<std::uint32_t>& rep_of,
                const std::vector<std::uint8_t>& tier_limited, Reassignment* result);

}  // namespace baton::internal

#endif  // BATON_LIB_REASSIGN_REASSIGNMENT_REPORT_HPP_
