// What makes one stored record acceptable: its values in range and its
// references pointing at records that exist. Shared by Apply (after a spec
// is resolved) and by the validation of a whole loaded state.
#ifndef BATON_LIB_MODEL_RECORD_CHECKS_HPP_
#define BATON_LIB_MODEL_RECORD_CHECKS_HPP_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "baton/day.hpp"
#include "baton/records.hpp"
#include "lib/model/org_state.hpp"
#include "lib/model/text.hpp"

namespace baton::internal {

// The largest amount of money and count (quantity) a record may hold.
inline constexpr double kMaxMoney = 1e15;
inline constexpr std::int64_t kMaxCount = std::int64_t{1} << 40;

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
// A load checks 10 M relationships, 12 M interactions, 3 M contacts and
// 1 M accounts: this inline test passes a good one without building a
// Status or naming anything. The smaller kinds always ask. Pooled texts
// (tags, notes) are left to CheckPools.
template <typename Record>
bool SurelyValid(const OrgState&, const Record&) {
  return false;
}

// An id or a text that needs no closer look: clean UTF-8, within limits.
inline bool SurelyValidId(std::string_view id) {
  return !id.empty() && id.size() <= kMaxIdBytes && (IsPlainAscii(id) || IsCleanUtf8(id));
}
inline bool SurelyValidText(std::string_view text) {
  return text.size() <= kMaxTextBytes && (IsPlainAscii(text) || IsCleanUtf8(text));
}
inline bool SurelyValidOptionalDay(Day day) { return day == kNoDay || IsValidDay(day); }

inline bool SurelyValid(const OrgState& s, const Account& r) {
  // NaN fails both comparisons.
  const bool value = r.annual_value >= 0 && r.annual_value <= kMaxMoney;
  const std::size_t tags = s.tags.size();
  return SurelyValidId(r.id) && SurelyValidText(r.name) && r.tier < s.tiers.size() &&
         value && SurelyValidOptionalDay(r.customer_since) &&
         SurelyValidOptionalDay(r.renewal_on) && r.territory < tags && r.segment < tags &&
         r.group < tags && (r.owner == kNoIndex || r.owner < s.reps.size());
}

inline bool SurelyValid(const OrgState& s, const Contact& r) {
  return SurelyValidId(r.id) && r.account < s.accounts.size() &&
         SurelyValidText(r.name) && r.role <= ContactRole::kOther &&
         r.attitude <= Attitude::kOpponent;
}

inline bool SurelyValid(const OrgState& s, const ProductHolding& r) {
  return r.account < s.accounts.size() && r.product != kNoTag &&
         r.product < s.tags.size() && s.tags.text(r.product).size() <= kMaxIdBytes &&
         r.quantity >= 0 && r.quantity <= kMaxCount;
}

inline bool SurelyValid(const OrgState& s, const Relationship& r) {
  const bool dates =
      SurelyValidOptionalDay(r.since) && SurelyValidOptionalDay(r.last_touch) &&
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
