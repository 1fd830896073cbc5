// Realistic sample organisations of any size, from a seed.
#ifndef BATON_SAMPLE_HPP_
#define BATON_SAMPLE_HPP_

#include <cstddef>
#include <cstdint>

#include "absl/status/statusor.h"
#include "baton/day.hpp"
#include "baton/org.hpp"

namespace baton {

struct SampleOptions {
  std::uint64_t seed = 1;
  std::size_t accounts = 2000;
  // 0: one rep per 40 accounts, at least 4.
  std::size_t reps = 0;
  // Mean relationships per account (spread over its contacts and reps).
  double relationships_per_account = 4;
  // Mean interactions per account over the two years before `today`.
  double interactions_per_account = 12;
  // The day the organisation is "as of"; nothing is dated after it.
  Day today = DayFromCivil(2026, 11, 1);
};

// The same options give the same organisation, bit for bit, on any machine.
// Teams with managers; reps of mixed seniority and capacity in territories
// and segments; heavy-tailed (Pareto) account values mapped to tiers A/B/C;
// several contacts per account with roles; relationships of varying depth and
// recency, some single-threaded accounts and some deep personal ties; two
// years of interactions; open deals, complaints and products held.
absl::StatusOr<Org> GenerateSampleOrg(const SampleOptions& options);

}  // namespace baton

#endif  // BATON_SAMPLE_HPP_
