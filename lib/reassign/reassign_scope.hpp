// What a reassignment run is about: which accounts it moves, which reps may
// take them, which are leaving, and what is pinned. Resolved once from the
// options, with every bad id reported.
#ifndef BATON_LIB_REASSIGN_REASSIGN_SCOPE_HPP_
#define BATON_LIB_REASSIGN_REASSIGN_SCOPE_HPP_

#include <cstdint>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "baton/reassign.hpp"

namespace baton::internal {

struct ReassignScope {
  std::vector<AccountIndex> accounts;  // reassigned by the run, ascending
  std::vector<std::uint8_t> in_run;    // per account: among `accounts`
  std::vector<std::uint8_t> leaving;   // per rep: departing in this run
  std::vector<std::uint8_t> taker;     // per rep: may take accounts
  std::vector<std::uint8_t> excluded;  // per rep: named in excluded_reps
  // Pinned accounts (all of a pinned group) and the rep each goes to.
  absl::flat_hash_map<AccountIndex, RepIndex> pinned_to;
  // Per rep: the load of what they keep (all they own outside the run) plus
  // what is pinned to them.
  std::vector<std::int64_t> kept_load;
  std::vector<std::int64_t> current_load;  // everything they own now
};

// The load weight of an account (its tier's; 1 without a tier).
std::int64_t LoadWeight(const Org& org, AccountIndex account);

// InvalidArgument naming the option and id: an unknown rep, team or
// account; a departing rep who owns nothing to reassign is fine, a pin to a
// leaving, departed or excluded rep, or on an account outside the run, is not.
absl::StatusOr<ReassignScope> ResolveScope(const Org& org,
                                           const ReassignOptions& options);

}  // namespace baton::internal

#endif  // BATON_LIB_REASSIGN_REASSIGN_SCOPE_HPP_
