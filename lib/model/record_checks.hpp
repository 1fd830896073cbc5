// What makes one stored record acceptable: its values in range and its
// references pointing at records that exist. Shared by Apply (after a spec
// is resolved) and by the validation of a whole loaded state.
#ifndef BATON_LIB_MODEL_RECORD_CHECKS_HPP_
#define BATON_LIB_MODEL_RECORD_CHECKS_HPP_

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "baton/records.hpp"
#include "lib/model/org_state.hpp"

namespace baton::internal {

// "<subject>: <field>: <problem>", with `field` attached as kFieldPayload.
absl::Status FieldError(absl::StatusCode code, std::string_view subject,
                        std::string_view field, std::string_view problem);
inline absl::Status InvalidField(std::string_view subject, std::string_view field,
                                 std::string_view problem) {
  return FieldError(absl::StatusCode::kInvalidArgument, subject, field, problem);
}

// How messages name a record: "account a17", "relationship (rep r1, contact
// c9)", "interaction 12 (account a17)".
std::string SubjectOf(const OrgState& s, const Team& r);
std::string SubjectOf(const OrgState& s, const Rep& r);
std::string SubjectOf(const OrgState& s, const TierPolicy& r);
std::string SubjectOf(const OrgState& s, const Account& r);
std::string SubjectOf(const OrgState& s, const AccountTeamMember& r);
std::string SubjectOf(const OrgState& s, const Contact& r);
std::string SubjectOf(const OrgState& s, const Relationship& r);
std::string SubjectOf(const OrgState& s, const Interaction& r);
std::string SubjectOf(const OrgState& s, const Deal& r);
std::string SubjectOf(const OrgState& s, const Complaint& r);
std::string SubjectOf(const OrgState& s, const ProductHolding& r);

// Values in range, texts valid UTF-8 within limits, references in range.
// Uniqueness and the departed-owner rule are checked by the callers.
absl::Status CheckRecord(const OrgState& s, const Team& r);
absl::Status CheckRecord(const OrgState& s, const Rep& r);
absl::Status CheckRecord(const OrgState& s, const TierPolicy& r);
absl::Status CheckRecord(const OrgState& s, const Account& r);
absl::Status CheckRecord(const OrgState& s, const AccountTeamMember& r);
absl::Status CheckRecord(const OrgState& s, const Contact& r);
absl::Status CheckRecord(const OrgState& s, const Relationship& r);
absl::Status CheckRecord(const OrgState& s, const Interaction& r);
absl::Status CheckRecord(const OrgState& s, const Deal& r);
absl::Status CheckRecord(const OrgState& s, const Complaint& r);
absl::Status CheckRecord(const OrgState& s, const ProductHolding& r);

}  // namespace baton::internal

#endif  // BATON_LIB_MODEL_RECORD_CHECKS_HPP_
