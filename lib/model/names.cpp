// The names of Baton's enumerations, as written in files and messages.
#include <array>
#include <string_view>

#include "baton/records.hpp"

namespace baton {
namespace {

constexpr std::array<std::string_view, kEntityKindCount> kKindNames = {
    "team",         "rep",         "tier", "account",   "account_team", "contact",
    "relationship", "interaction", "deal", "complaint", "product"};
constexpr std::array<std::string_view, 5> kDepthNames = {
    "social", "shared_interests", "emotional_trust", "mutual_benefit", "shared_values"};
constexpr std::array<std::string_view, 8> kRoleNames = {
    "decision_maker", "champion",  "influencer", "user",
    "procurement",    "technical", "finance",    "other"};
constexpr std::array<std::string_view, 5> kAttitudeNames = {
    "unknown", "supporter", "neutral", "skeptic", "opponent"};
constexpr std::array<std::string_view, 7> kChannelNames = {
    "call", "email", "meeting", "visit", "message", "event", "other"};
constexpr std::array<std::string_view, 5> kAccountRoleNames = {
    "backup", "customer_success", "manager", "specialist", "executive_sponsor"};
constexpr std::array<std::string_view, 6> kStageNames = {
    "prospecting", "qualification", "proposal", "negotiation", "won", "lost"};
constexpr std::array<std::string_view, 4> kSeverityNames = {"low", "medium", "high",
                                                            "critical"};

// Each enum's names and the value of its first name.
template <typename Enum>
struct Names;
template <>
struct Names<EntityKind> {
  static constexpr const auto& names = kKindNames;
  static constexpr int first = 0;
};
template <>
struct Names<Depth> {
  static constexpr const auto& names = kDepthNames;
  static constexpr int first = 1;
};
template <>
struct Names<ContactRole> {
  static constexpr const auto& names = kRoleNames;
  static constexpr int first = 0;
};
template <>
struct Names<Attitude> {
  static constexpr const auto& names = kAttitudeNames;
  static constexpr int first = 0;
};
template <>
struct Names<Channel> {
  static constexpr const auto& names = kChannelNames;
  static constexpr int first = 0;
};
template <>
struct Names<AccountRole> {
  static constexpr const auto& names = kAccountRoleNames;
  static constexpr int first = 0;
};
template <>
struct Names<DealStage> {
  static constexpr const auto& names = kStageNames;
  static constexpr int first = 0;
};
template <>
struct Names<Severity> {
  static constexpr const auto& names = kSeverityNames;
  static constexpr int first = 1;
};

template <typename Enum>
std::string_view Lookup(Enum value) {
  const int i = static_cast<int>(value) - Names<Enum>::first;
  if (i < 0 || i >= static_cast<int>(Names<Enum>::names.size())) return "invalid";
  return Names<Enum>::names[i];
}

}  // namespace

std::string_view NameOf(EntityKind kind) { return Lookup(kind); }
std::string_view NameOf(Depth depth) { return Lookup(depth); }
std::string_view NameOf(ContactRole role) { return Lookup(role); }
std::string_view NameOf(Attitude attitude) { return Lookup(attitude); }
std::string_view NameOf(Channel channel) { return Lookup(channel); }
std::string_view NameOf(AccountRole role) { return Lookup(role); }
std::string_view NameOf(DealStage stage) { return Lookup(stage); }
std::string_view NameOf(Severity severity) { return Lookup(severity); }

template <typename Enum>
std::optional<Enum> EnumFromName(std::string_view name) {
  const auto& names = Names<Enum>::names;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name)
      return static_cast<Enum>(static_cast<int>(i) + Names<Enum>::first);
  }
  return std::nullopt;
}

template std::optional<EntityKind> EnumFromName<EntityKind>(std::string_view);
template std::optional<Depth> EnumFromName<Depth>(std::string_view);
template std::optional<ContactRole> EnumFromName<ContactRole>(std::string_view);
template std::optional<Attitude> EnumFromName<Attitude>(std::string_view);
template std::optional<Channel> EnumFromName<Channel>(std::string_view);
template std::optional<AccountRole> EnumFromName<AccountRole>(std::string_view);
template std::optional<DealStage> EnumFromName<DealStage>(std::string_view);
template std::optional<Severity> EnumFromName<Severity>(std::string_view);

}  // namespace baton
