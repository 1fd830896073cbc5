// The C API's enumeration constants, checked against records.hpp.
#ifndef BATON_CAPI_ENUMS_HPP_
#define BATON_CAPI_ENUMS_HPP_

#include "baton.h"
#include "baton/records.hpp"

namespace baton::capi {

// The values of each BATON_ENUM_* type run from first to last.
struct EnumRange {
  int first;
  int last;
};
inline constexpr int kEnumTypeCount = 8;
inline constexpr EnumRange kEnumRanges[kEnumTypeCount] = {
    {BATON_KIND_TEAM, BATON_KIND_PRODUCT},
    {BATON_DEPTH_SOCIAL, BATON_DEPTH_SHARED_VALUES},
    {BATON_CONTACT_DECISION_MAKER, BATON_CONTACT_OTHER},
    {BATON_ATTITUDE_UNKNOWN, BATON_ATTITUDE_OPPONENT},
    {BATON_CHANNEL_CALL, BATON_CHANNEL_OTHER},
    {BATON_ACCOUNT_ROLE_BACKUP, BATON_ACCOUNT_ROLE_EXECUTIVE_SPONSOR},
    {BATON_STAGE_PROSPECTING, BATON_STAGE_LOST},
    {BATON_SEVERITY_LOW, BATON_SEVERITY_CRITICAL},
};

// BATON_OK if `value` is one of enumeration `type`'s; otherwise
// BATON_EINVALID naming `field`.
int CheckEnum(int type, int value, const char* field) noexcept;

template <typename Enum>
constexpr bool Same(Enum e, int value) {
  return static_cast<int>(e) == value;
}

// The constants of baton.h must keep the values of the C++ enumerations.
static_assert(Same(EntityKind::kTeam, BATON_KIND_TEAM) &&
              Same(EntityKind::kRep, BATON_KIND_REP) &&
              Same(EntityKind::kTier, BATON_KIND_TIER) &&
              Same(EntityKind::kAccount, BATON_KIND_ACCOUNT) &&
              Same(EntityKind::kAccountTeam, BATON_KIND_ACCOUNT_TEAM) &&
              Same(EntityKind::kContact, BATON_KIND_CONTACT) &&
              Same(EntityKind::kRelationship, BATON_KIND_RELATIONSHIP) &&
              Same(EntityKind::kInteraction, BATON_KIND_INTERACTION) &&
              Same(EntityKind::kDeal, BATON_KIND_DEAL) &&
              Same(EntityKind::kComplaint, BATON_KIND_COMPLAINT) &&
              Same(EntityKind::kProduct, BATON_KIND_PRODUCT) &&
              kEntityKindCount == BATON_KIND_COUNT);
static_assert(Same(Depth::kSocial, BATON_DEPTH_SOCIAL) &&
              Same(Depth::kSharedInterests, BATON_DEPTH_SHARED_INTERESTS) &&
              Same(Depth::kEmotionalTrust, BATON_DEPTH_EMOTIONAL_TRUST) &&
              Same(Depth::kMutualBenefit, BATON_DEPTH_MUTUAL_BENEFIT) &&
              Same(Depth::kSharedValues, BATON_DEPTH_SHARED_VALUES));
static_assert(Same(ContactRole::kDecisionMaker, BATON_CONTACT_DECISION_MAKER) &&
              Same(ContactRole::kChampion, BATON_CONTACT_CHAMPION) &&
              Same(ContactRole::kInfluencer, BATON_CONTACT_INFLUENCER) &&
              Same(ContactRole::kUser, BATON_CONTACT_USER) &&
              Same(ContactRole::kProcurement, BATON_CONTACT_PROCUREMENT) &&
              Same(ContactRole::kTechnical, BATON_CONTACT_TECHNICAL) &&
              Same(ContactRole::kFinance, BATON_CONTACT_FINANCE) &&
              Same(ContactRole::kOther, BATON_CONTACT_OTHER));
static_assert(Same(Attitude::kUnknown, BATON_ATTITUDE_UNKNOWN) &&
              Same(Attitude::kSupporter, BATON_ATTITUDE_SUPPORTER) &&
              Same(Attitude::kNeutral, BATON_ATTITUDE_NEUTRAL) &&
              Same(Attitude::kSkeptic, BATON_ATTITUDE_SKEPTIC) &&
              Same(Attitude::kOpponent, BATON_ATTITUDE_OPPONENT));
static_assert(Same(Channel::kCall, BATON_CHANNEL_CALL) &&
              Same(Channel::kEmail, BATON_CHANNEL_EMAIL) &&
              Same(Channel::kMeeting, BATON_CHANNEL_MEETING) &&
              Same(Channel::kVisit, BATON_CHANNEL_VISIT) &&
              Same(Channel::kMessage, BATON_CHANNEL_MESSAGE) &&
              Same(Channel::kEvent, BATON_CHANNEL_EVENT) &&
              Same(Channel::kOther, BATON_CHANNEL_OTHER));
static_assert(Same(AccountRole::kBackup, BATON_ACCOUNT_ROLE_BACKUP) &&
              Same(AccountRole::kCustomerSuccess, BATON_ACCOUNT_ROLE_CUSTOMER_SUCCESS) &&
              Same(AccountRole::kManager, BATON_ACCOUNT_ROLE_MANAGER) &&
              Same(AccountRole::kSpecialist, BATON_ACCOUNT_ROLE_SPECIALIST) &&
              Same(AccountRole::kExecutiveSponsor, BATON_ACCOUNT_ROLE_EXECUTIVE_SPONSOR));
static_assert(Same(DealStage::kProspecting, BATON_STAGE_PROSPECTING) &&
              Same(DealStage::kQualification, BATON_STAGE_QUALIFICATION) &&
              Same(DealStage::kProposal, BATON_STAGE_PROPOSAL) &&
              Same(DealStage::kNegotiation, BATON_STAGE_NEGOTIATION) &&
              Same(DealStage::kWon, BATON_STAGE_WON) &&
              Same(DealStage::kLost, BATON_STAGE_LOST));
static_assert(Same(Severity::kLow, BATON_SEVERITY_LOW) &&
              Same(Severity::kMedium, BATON_SEVERITY_MEDIUM) &&
              Same(Severity::kHigh, BATON_SEVERITY_HIGH) &&
              Same(Severity::kCritical, BATON_SEVERITY_CRITICAL));

}  // namespace baton::capi

#endif  // BATON_CAPI_ENUMS_HPP_
