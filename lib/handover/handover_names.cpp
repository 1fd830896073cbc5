// Names of the handover enumerations, as messages and outputs write them.
#include <array>

#include "baton/handover.hpp"

namespace baton {
namespace {

template <typename Enum, std::size_t N>
std::string_view Lookup(const std::array<std::string_view, N>& names, Enum value) {
  const auto i = static_cast<std::size_t>(value);
  return i < N ? names[i] : std::string_view("unknown");
}

constexpr std::array<std::string_view, 13> kTaskKinds = {
    "notify_customer",      "handover_meeting", "open_deals",
    "unwritten_agreements", "key_players",      "products_and_complaints",
    "goals_progress",       "expansion",        "churn_reasons",
    "move_records",         "deal_review",      "exit_interview",
    "revoke_access"};
constexpr std::array<std::string_view, 3> kRoles = {"leaver", "successor", "manager"};
constexpr std::array<std::string_view, 3> kStatuses = {"open", "done", "skipped"};

}  // namespace

std::string_view NameOf(HandoverTaskKind kind) { return Lookup(kTaskKinds, kind); }
std::string_view NameOf(HandoverRole role) { return Lookup(kRoles, role); }
std::string_view NameOf(HandoverTaskStatus status) { return Lookup(kStatuses, status); }

}  // namespace baton
