// The reps a successor may be drawn from when nobody at the account knows
// them: pools of eligible reps with room, shared by the accounts that the
// same rules admit, and a deterministic spread of each pool per account.
#ifndef BATON_LIB_REASSIGN_CANDIDATE_POOLS_HPP_
#define BATON_LIB_REASSIGN_CANDIDATE_POOLS_HPP_

#include <cstdint>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "absl/hash/hash.h"
#include "lib/reassign/successor_cost.hpp"

namespace baton::internal {

class CandidatePools {
 public:
  // `headroom[r]`: the load rep r may still take.
  CandidatePools(const Org& org, const ReassignOptions& options,
                 const SuccessorPricer& pricer,
                 const std::vector<std::int64_t>& headroom);

  // Appends to `out` up to max_candidates reps eligible for `account` with
  // room for `weight`: all of them when the pool is that small, else windows
  // at an offset that depends on the account, so that accounts spread over
  // the whole pool; half from the reps of the account's own territory, which
  // the preferences favour. O(pool) the first time a pool is met,
  // O(max_candidates) after.
  void Sample(AccountIndex account, std::int64_t weight, std::vector<RepIndex>* out);

  // Whether any rep passes the hard rules for `account`, room or not.
  bool AnyEligible(AccountIndex account);

 private:
  // What decides eligibility: team, territory, segment (each kNoIndex or
  // kNoTag when the rules do not restrict it) and the minimum seniority.
  using Key = std::tuple<TeamIndex, Tag, Tag, int>;
  struct Pool {
    std::vector<RepIndex> with_room;  // ascending
    bool any_eligible = false;
  };
  const Pool& PoolOf(AccountIndex account, bool own_territory);
  void SampleWindow(const std::vector<RepIndex>& reps, AccountIndex account,
                    std::int64_t weight, std::size_t k, std::vector<RepIndex>* out) const;

  const Org& org_;
  const ReassignOptions& options_;
  const SuccessorPricer& pricer_;
  const std::vector<std::int64_t>& headroom_;
  // Node-based: Sample holds a pool while it looks up another.
  std::unordered_map<Key, Pool, absl::Hash<Key>> pools_;
};

}  // namespace baton::internal

#endif  // BATON_LIB_REASSIGN_CANDIDATE_POOLS_HPP_
