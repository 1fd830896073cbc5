// What makes one stored record acceptable: its values in range and its
// references pointing at records that exist. Shared by Apply (after a spec
// is resolved) and by the validation of a whole loaded state.
#ifndef BATON_LIB_MODEL_RECORD_CHECKS_HPP_
#define BATON_LIB_MODEL_RECORD_CHECKS_HPP_

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "baton/day.hpp"
#include "baton/records.hpp"
#include "lib/model/org_state.hpp"
#include "lib/model/text.hpp"

namespace baton::internal {

// "<subject>: <field>: <problem>", with `field` attached as kFieldPayload.
absl::Status FieldError(absl::StatusCode code, std::string_view subject,
                        std::string_view field, std::string_view problem);
inline absl::Status InvalidField(std::string_view subject, std::string_view field,
                                 std::string_view problem) {
  return FieldError(absl::StatusCode::kInvalidArgument, subject, field, problem);
}

// What is wrong with `text` as a stored text (too long, invalid UTF-8, a
// NUL byte), or "" if nothing is.
std::string TextProblem(std::string_view text);

// Every text of the tag and note pools is a valid text. A whole state's
// check runs it first, so SurelyValid need not look at pooled texts.
absl::Status CheckPools(const OrgState& s);

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

// True only if CheckRecord would accept `r`; false means "ask CheckRecord".
// A load checks 10 M relationships and 12 M interactions: this inline
// test passes a good one without building a Status or naming anything.
// The other kinds always ask. Pooled texts (notes) are left to CheckPools.
template <typename Record>
bool SurelyValid(const OrgState&, const Record&) {
  return false;
}

inline bool SurelyValid(const OrgState& s, const Relationship& r) {
  const bool dates =
      (r.since == kNoDay || IsValidDay(r.since)) &&
      (r.last_touch == kNoDay || IsValidDay(r.last_touch)) &&
      (r.since == kNoDay || r.last_touch == kNoDay || r.last_touch >= r.since);
  return r.rep < s.reps.size() && r.contact < s.contacts.size() && r.strength >= 0 &&
         r.strength <= 1 && r.depth >= Depth::kSocial &&
         r.depth <= Depth::kSharedValues && dates;
}

inline bool SurelyValid(const OrgState& s, const Interaction& r) {
  const bool contact =
      r.contact == kNoIndex ||
      (r.contact < s.contacts.size() && s.contacts[r.contact].account == r.account);
  return IsValidDay(r.on) && r.channel <= Channel::kOther && r.rep < s.reps.size() &&
         r.account < s.accounts.size() && contact && r.note < s.notes.size();
}

}  // namespace baton::internal

#endif  // BATON_LIB_MODEL_RECORD_CHECKS_HPP_
