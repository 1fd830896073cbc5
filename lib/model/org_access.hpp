// Access to an Org's insides for the rest of the library (io, sample, the
// algorithms). Not part of the public API.
#ifndef BATON_LIB_MODEL_ORG_ACCESS_HPP_
#define BATON_LIB_MODEL_ORG_ACCESS_HPP_

#include <cstdint>

#include "absl/status/statusor.h"
#include "baton/org.hpp"
#include "lib/model/org_state.hpp"

namespace baton::internal {

// Which tables a change touched, for rebuilding only the indexes that
// depend on them: KindBit(kind) when records of a kind changed, GrownBit(kind)
// when their number changed too (records added, or any removal, which
// renumbers). A row index over accounts, say, survives an account update
// but not an added account.
inline constexpr std::uint32_t KindBit(EntityKind kind) {
  return 1u << static_cast<unsigned>(kind);
}
inline constexpr std::uint32_t GrownBit(EntityKind kind) {
  return 1u << (16 + static_cast<unsigned>(kind));
}
inline constexpr std::uint32_t kAllKinds =
    ((1u << kEntityKindCount) - 1) | (((1u << kEntityKindCount) - 1) << 16);

// Checks every invariant of `state` (ids unique and non-empty, references in
// range, values in range, pairs unique, each record as Apply would accept
// it apart from departed owners, which a stored org may hold), then builds
// the derived indexes. Used by snapshot load and bulk builders. Errors name
// the kind, id or row, and the field.
absl::StatusOr<Org> OrgFromState(OrgState state);

}  // namespace baton::internal

namespace baton {
internal::OrgState& internal_state(Org& org);
const internal::OrgState& internal_state(const Org& org);
const internal::OrgIndex& internal_index(const Org& org);
// Rebuilds the derived indexes that depend on any kind in `dirty_kinds`.
void internal_rebuild_index(Org& org, std::uint32_t dirty_kinds);
}  // namespace baton

#endif  // BATON_LIB_MODEL_ORG_ACCESS_HPP_
