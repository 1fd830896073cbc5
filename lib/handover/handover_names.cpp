// Names of the handover enumerations, as messages, outputs and the stored
// book write them, and the way back from a name.
#include "lib/handover/handover_names.hpp"

#include <array>

namespace baton {
namespace {

constexpr std::array<std::string_view, 13> kTaskKinds = {
    "notify_customer",      "handover_meeting", "open_deals",
    "unwritten_agreements", "key_players",      "products_and_complaints",
    "goals_progress",       "expansion",        "churn_reasons",
    "move_records",         "deal_review",      "exit_interview",
    "revoke_access"};
constexpr std::array<std::string_view, 3> kRoles = {"leaver", "successor", "manager"};
constexpr std::array<std::string_view, 3> kStatuses = {"open", "done", "skipped"};
constexpr std::array<std::string_view, 3> kStates = {"draft", "applied", "undone"};
constexpr std::array<std::string_view, 4> kRecords = {"account", "deal", "rep", "task"};
constexpr std::array<std::string_view, 4> kEvents = {"planned", "applied", "undone",
                                                     "task_status"};

template <typename Enum, std::size_t N>
std::string_view Lookup(const std::array<std::string_view, N>& names, Enum value) {
  const auto i = static_cast<std::size_t>(value);
  return i < N ? names[i] : std::string_view("unknown");
}

template <typename Enum, std::size_t N>
bool Find(const std::array<std::string_view, N>& names, std::string_view name,
          Enum* out) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == name) {
      *out = static_cast<Enum>(i);
      return true;
    }
  }
  return false;
}

}  // namespace

std::string_view NameOf(HandoverTaskKind kind) { return Lookup(kTaskKinds, kind); }
std::string_view NameOf(HandoverRole role) { return Lookup(kRoles, role); }
std::string_view NameOf(HandoverTaskStatus status) { return Lookup(kStatuses, status); }
std::string_view NameOf(HandoverState state) { return Lookup(kStates, state); }
std::string_view NameOf(RecordedChange::Record record) {
  return Lookup(kRecords, record);
}
std::string_view NameOf(HandoverEvent::Kind kind) { return Lookup(kEvents, kind); }

namespace internal {

bool FromName(std::string_view name, HandoverTaskKind* out) {
  return Find(kTaskKinds, name, out);
}
bool FromName(std::string_view name, HandoverRole* out) {
  return Find(kRoles, name, out);
}
bool FromName(std::string_view name, HandoverTaskStatus* out) {
  return Find(kStatuses, name, out);
}
bool FromName(std::string_view name, HandoverState* out) {
  return Find(kStates, name, out);
}
bool FromName(std::string_view name, RecordedChange::Record* out) {
  return Find(kRecords, name, out);
}
bool FromName(std::string_view name, HandoverEvent::Kind* out) {
  return Find(kEvents, name, out);
}

}  // namespace internal
}  // namespace baton
