// The C API of the handover book: plans stored with the organisation (and so
// in its snapshot), carried out and undone there with an audit log.
#include <string>

#include "baton/handover_book.hpp"
#include "capi/c_text.hpp"
#include "capi/guard.hpp"
#include "capi/handles.hpp"
#include "capi/handover_handle.hpp"

namespace baton::capi {
namespace {

// Applies or undoes (`step`) the stored plan named `plan`.
int StepStoredPlan(baton_org* org, const char* plan, std::int64_t at,
                   absl::Status (HandoverBook::*step)(std::string_view, Org&,
                                                      std::int64_t)) {
  BATON_RETURN_IF_ERROR(CheckOrg(org));
  BATON_REQUIRE(plan);
  std::string id;
  BATON_RETURN_IF_ERROR(ReadText(plan, "plan", &id));
  BATON_RETURN_IF_ERROR(FromStatus((org->book.*step)(id, org->org, at)));
  org->DropPendingBytes();
  return BATON_OK;
}

}  // namespace
}  // namespace baton::capi

using baton::capi::CheckOrg;
using baton::capi::FromStatus;
using baton::capi::Guard;

BATON_API int baton_org_store_handover(char* id, size_t cap, size_t* needed,
                                       baton_org* org, const baton_handover* handover,
                                       int64_t at) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(CheckOrg(org));
    BATON_RETURN_IF_ERROR(baton::capi::CheckPlan(handover));
    BATON_RETURN_IF_ERROR(baton::capi::CheckDraftFor(*org, *handover));
    // The id Add will give, so that a buffer too small changes nothing.
    const std::string next = "H" + std::to_string(org->book.plans().size() + 1);
    if (needed != nullptr) *needed = next.size() + 1;
    BATON_RETURN_IF_ERROR(baton::capi::CheckCapacity(cap, next.size() + 1, "bytes"));
    BATON_REQUIRE(id);
    const std::string stored =
        org->book.Add(org->org, handover->plan, handover->options, at);
    org->DropPendingBytes();
    return baton::capi::CopyText(id, cap, needed, stored);
  });
}

BATON_API int baton_org_apply_stored_handover(baton_org* org, const char* plan,
                                              int64_t at) {
  return Guard(__func__, [&] {
    return baton::capi::StepStoredPlan(org, plan, at, &baton::HandoverBook::Apply);
  });
}

BATON_API int baton_org_undo_stored_handover(baton_org* org, const char* plan,
                                             int64_t at) {
  return Guard(__func__, [&] {
    return baton::capi::StepStoredPlan(org, plan, at, &baton::HandoverBook::Undo);
  });
}

BATON_API int baton_org_set_stored_task_status(baton_org* org, const char* plan,
                                               const char* task, int32_t status,
                                               int64_t at) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(CheckOrg(org));
    BATON_REQUIRE(plan);
    BATON_REQUIRE(task);
    std::string id, task_id;
    BATON_RETURN_IF_ERROR(baton::capi::ReadText(plan, "plan", &id));
    BATON_RETURN_IF_ERROR(baton::capi::ReadText(task, "task", &task_id));
    BATON_RETURN_IF_ERROR(baton::capi::CheckTaskStatus(status));
    BATON_RETURN_IF_ERROR(FromStatus(org->book.SetTaskStatus(
        id, task_id, static_cast<baton::HandoverTaskStatus>(status), at)));
    org->DropPendingBytes();
    return BATON_OK;
  });
}

BATON_API int baton_org_handover_book(char* buf, size_t cap, size_t* needed,
                                      const baton_org* org) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(CheckOrg(org));
    return baton::capi::CopyText(buf, cap, needed, org->book.ToJson());
  });
}
