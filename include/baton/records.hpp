// The records an organisation holds, as stored: references are dense indices
// into the organisation's tables (see org.hpp), valid until the next change.
#ifndef BATON_RECORDS_HPP_
#define BATON_RECORDS_HPP_

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "baton/day.hpp"

namespace baton {

using Index = std::uint32_t;
inline constexpr Index kNoIndex = std::numeric_limits<Index>::max();

using TeamIndex = Index;
using RepIndex = Index;
using TierIndex = Index;
using AccountIndex = Index;
using ContactIndex = Index;
using RelationshipIndex = Index;
using AccountTeamIndex = Index;
using InteractionIndex = Index;
using DealIndex = Index;
using ComplaintIndex = Index;
using ProductIndex = Index;
// An interned string (territory, segment, parent group, product); 0 is the
// empty tag. Org::tag gives its text.
using Tag = Index;
inline constexpr Tag kNoTag = 0;
// An interned interaction note; 0 is no note. Org::note gives its text.
using Note = Index;
inline constexpr Note kNoNote = 0;

// The kinds of record, in dependency order (a kind refers only to earlier ones,
// except reps and teams, which refer to each other).
enum class EntityKind : std::uint8_t {
  kTeam,
  kRep,
  kTier,
  kAccount,
  kAccountTeam,
  kContact,
  kRelationship,
  kInteraction,
  kDeal,
  kComplaint,
  kProduct,
};
inline constexpr int kEntityKindCount = 11;

// How deep a rep's tie to a contact runs, shallow to deep (DOMAIN.md).
enum class Depth : std::uint8_t {
  kSocial = 1,
  kSharedInterests,
  kEmotionalTrust,
  kMutualBenefit,
  kSharedValues,
};

enum class ContactRole : std::uint8_t {
  kDecisionMaker,
  kChampion,
  kInfluencer,
  kUser,
  kProcurement,
  kTechnical,
  kFinance,
  kOther,
};

enum class Attitude : std::uint8_t {
  kUnknown,
  kSupporter,
  kNeutral,
  kSkeptic,
  kOpponent
};

enum class Channel : std::uint8_t {
  kCall,
  kEmail,
  kMeeting,
  kVisit,
  kMessage,
  kEvent,
  kOther
};

// A rep's role on an account other than its owner's.
enum class AccountRole : std::uint8_t {
  kBackup,
  kCustomerSuccess,
  kManager,
  kSpecialist,
  kExecutiveSponsor,
};

enum class DealStage : std::uint8_t {
  kProspecting,
  kQualification,
  kProposal,
  kNegotiation,
  kWon,
  kLost,
};
inline constexpr bool IsOpen(DealStage s) {
  return s != DealStage::kWon && s != DealStage::kLost;
}

enum class Severity : std::uint8_t { kLow = 1, kMedium, kHigh, kCritical };

// Names as written in CSV files and messages ("shared_values", "decision_maker").
std::string_view NameOf(EntityKind kind);
std::string_view NameOf(Depth depth);
std::string_view NameOf(ContactRole role);
std::string_view NameOf(Attitude attitude);
std::string_view NameOf(Channel channel);
std::string_view NameOf(AccountRole role);
std::string_view NameOf(DealStage stage);
std::string_view NameOf(Severity severity);

// The inverse of NameOf; nullopt for an unknown name.
template <typename Enum>
std::optional<Enum> EnumFromName(std::string_view name);

struct Team {
  std::string id;
  std::string name;
  RepIndex manager = kNoIndex;
};

struct Rep {
  std::string id;
  std::string name;
  TeamIndex team = kNoIndex;
  RepIndex manager = kNoIndex;
  int seniority = 1;  // 1 = junior and up; compared with TierPolicy::min_seniority
  std::int64_t capacity = 0;  // total load (sum of tier load weights) they may carry
  Tag territory = kNoTag;
  Tag segment = kNoTag;
  Day departed_on = kNoDay;  // kNoDay while active
  std::string destination;   // where a departed rep went, free text
  bool to_competitor = false;

  bool active() const { return departed_on == kNoDay; }
};

struct TierPolicy {
  std::string id;  // "A", "B", "C", ... as the company names them
  int load_weight = 1;
  int min_seniority = 0;
  int max_per_rep = 0;  // 0: no per-rep limit
};

struct Account {
  std::string id;
  std::string name;
  TierIndex tier = kNoIndex;
  double annual_value = 0;
  Day customer_since = kNoDay;
  Day renewal_on = kNoDay;
  Tag territory = kNoTag;
  Tag segment = kNoTag;
  Tag group = kNoTag;         // parent group: its accounts move together
  RepIndex owner = kNoIndex;  // kNoIndex: nobody owns it
};

// A rep attached to an account besides its owner; one per (account, rep).
struct AccountTeamMember {
  AccountIndex account = kNoIndex;
  RepIndex rep = kNoIndex;
  AccountRole role = AccountRole::kBackup;
};

struct Contact {
  std::string id;
  AccountIndex account = kNoIndex;
  std::string name;
  ContactRole role = ContactRole::kUser;
  bool key_player = false;
  Attitude attitude = Attitude::kUnknown;
};

// A rep's tie to a contact; one per (rep, contact).
struct Relationship {
  RepIndex rep = kNoIndex;
  ContactIndex contact = kNoIndex;
  float strength = 0;  // in [0, 1]
  Depth depth = Depth::kSocial;
  Day since = kNoDay;
  Day last_touch = kNoDay;
};

struct Interaction {
  Day on = kNoDay;
  Channel channel = Channel::kCall;
  RepIndex rep = kNoIndex;
  AccountIndex account = kNoIndex;
  ContactIndex contact = kNoIndex;  // kNoIndex: with the account as a whole
  Note note = kNoNote;
};

struct Deal {
  std::string id;
  AccountIndex account = kNoIndex;
  RepIndex owner = kNoIndex;  // kNoIndex: the account's owner
  DealStage stage = DealStage::kProspecting;
  double amount = 0;
  Day close_on = kNoDay;
  std::string next_step;
};

struct Complaint {
  std::string id;
  AccountIndex account = kNoIndex;
  Day opened_on = kNoDay;
  Day closed_on = kNoDay;  // kNoDay while open
  Severity severity = Severity::kMedium;
  std::string summary;

  bool open() const { return closed_on == kNoDay; }
};

// A product an account holds; one per (account, product).
struct ProductHolding {
  AccountIndex account = kNoIndex;
  Tag product = kNoTag;
  std::int64_t quantity = 0;
};

}  // namespace baton

#endif  // BATON_RECORDS_HPP_
