// The tiers' per-rep maxima ("no rep carries more than 12 A accounts"), which
// the assignment solver does not model: it solves without them (so its bound
// stays a bound), and this repairs its plan afterwards.
#ifndef BATON_LIB_REASSIGN_TIER_LIMITS_HPP_
#define BATON_LIB_REASSIGN_TIER_LIMITS_HPP_

#include <cstdint>
#include <vector>

#include "lib/reassign/reassign_problem.hpp"

namespace baton::internal {

// For each rep over a tier's maximum, in rep order, moves the units whose
// next-best arc costs least extra to that arc (where capacity and tier room
// allow), or unassigns them, until the rep is within the maximum.
// `rep_of[i]` is unit i's rep slot or AssignmentSolution::kUnassigned;
// `tier_limited[i]` is set for every unit unassigned here. Returns whether
// anything changed. O(units on over-full reps * their arcs * group size).
bool EnforceTierMaxima(const Org& org, const ReassignProblem& problem,
                       std::vector<std::uint32_t>* rep_of,
                       std::vector<std::uint8_t>* tier_limited);

}  // namespace baton::internal

#endif  // BATON_LIB_REASSIGN_TIER_LIMITS_HPP_
