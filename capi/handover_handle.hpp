// The object behind a baton_handover handle, shared by the C API of plans
// (handover.cpp) and of the handover book (handover_book.cpp).
#ifndef BATON_CAPI_HANDOVER_HANDLE_HPP_
#define BATON_CAPI_HANDOVER_HANDLE_HPP_

#include <cstdint>
#include <string>
#include <vector>

#include "baton/handover.hpp"
#include "capi/handles.hpp"

namespace baton::capi {

inline constexpr std::uint32_t kHandoverTag = 0x484f5021;  // "HOP!"

static_assert(BATON_HANDOVER_OPTIONS_VERSION == HandoverOptions::kVersion);
static_assert(BATON_TASK_REVOKE_ACCESS ==
              static_cast<int>(HandoverTaskKind::kRevokeAccess));
static_assert(BATON_ROLE_MANAGER == static_cast<int>(HandoverRole::kManager));
static_assert(BATON_TASK_SKIPPED == static_cast<int>(HandoverTaskStatus::kSkipped));

}  // namespace baton::capi

// A plan, its tasks flattened (accounts' in plan order, then the leavers'),
// and what applying and undoing it needs.
struct baton_handover {
  std::uint32_t tag = baton::capi::kHandoverTag;
  baton::HandoverOptions options;
  baton::HandoverPlan plan;
  struct TaskRef {
    std::uint32_t account;  // position in plan.accounts, or BATON_NO_INDEX
    std::uint32_t leaver;   // rep index
    baton::HandoverTask* task;
  };
  std::vector<TaskRef> tasks;
  std::int32_t state = BATON_HANDOVER_DRAFT;
  std::uint64_t state_hash = 0;  // of the organisation the plan is for
  baton::Batch undo;             // once applied
};

namespace baton::capi {

inline int CheckPlan(const baton_handover* h) {
  return CheckHandle(h, kHandoverTag, "handover", "baton_handover");
}

// BATON_ESTATE unless `handover` is a draft made for `org` as it is now.
inline int CheckDraftFor(const baton_org& org, const baton_handover& handover) {
  if (handover.state != BATON_HANDOVER_DRAFT)
    return CallError(BATON_ESTATE, "the plan is not a draft");
  if (handover.state_hash != org.org.StateHash())
    return CallError(BATON_ESTATE,
                     "the plan was made for another state of the organisation");
  return BATON_OK;
}

inline int CheckTaskStatus(std::int32_t status) {
  if (status >= BATON_TASK_OPEN && status <= BATON_TASK_SKIPPED) return BATON_OK;
  return ArgError("status: " + std::to_string(status) +
                  " is not BATON_TASK_OPEN, _DONE or _SKIPPED (0..2)");
}

}  // namespace baton::capi

#endif  // BATON_CAPI_HANDOVER_HANDLE_HPP_
