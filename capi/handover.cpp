// The C API of handover plans: made from departures and a reassignment,
// read out task by task, carried out and undone on the organisation.
#include <string>
#include <vector>

#include "baton/handover.hpp"
#include "capi/c_text.hpp"
#include "capi/guard.hpp"
#include "capi/handles.hpp"
#include "capi/handover_handle.hpp"
#include "capi/risk_handles.hpp"

namespace baton::capi {
namespace {

int Convert(const Org& org, const baton_handover_options* c, HandoverOptions* o) {
  if (c == nullptr) return ArgError("options is NULL");
  if (c->version < 1 || c->version > BATON_HANDOVER_OPTIONS_VERSION) {
    return ArgError(
        "options->version is " + std::to_string(c->version) +
        "; initialise the options with BATON_HANDOVER_OPTIONS_INIT (version 1.." +
        std::to_string(BATON_HANDOVER_OPTIONS_VERSION) + ")");
  }
  std::vector<std::string> ids;
  BATON_RETURN_IF_ERROR(ReadTexts(c->leavers, c->leaver_count, org.reps().size(),
                                  "options->leavers", "options->leaver_count", &ids));
  if (c->leaver_count > 0 && c->last_days == nullptr)
    return ArgError("options->last_days is NULL but options->leaver_count is " +
                    std::to_string(c->leaver_count));
  for (std::size_t k = 0; k < ids.size(); ++k) {
    o->leavers.push_back({ids[k], c->last_days[k],
                          c->to_competitor != nullptr && c->to_competitor[k] != 0});
  }
  o->today = c->today;
  return BATON_OK;
}

void IndexTasks(baton_handover* h) {
  for (std::size_t a = 0; a < h->plan.accounts.size(); ++a) {
    AccountHandover& account = h->plan.accounts[a];
    for (HandoverTask& task : account.tasks)
      h->tasks.push_back({static_cast<std::uint32_t>(a), account.leaver, &task});
  }
  for (LeaverHandover& leaver : h->plan.leavers)
    for (HandoverTask& task : leaver.tasks)
      h->tasks.push_back({BATON_NO_INDEX, leaver.rep, &task});
}

int CheckTask(const baton_handover* h, std::size_t task) {
  BATON_RETURN_IF_ERROR(CheckPlan(h));
  if (task < h->tasks.size()) return BATON_OK;
  return CallError(BATON_ENOTFOUND, "task " + std::to_string(task) +
                                        " is out of range (" +
                                        std::to_string(h->tasks.size()) + " tasks)");
}

int CheckIndex(std::size_t index, std::size_t count, const char* what) {
  if (index < count) return BATON_OK;
  return CallError(BATON_ENOTFOUND, std::string(what) + " " + std::to_string(index) +
                                        " is out of range (" + std::to_string(count) +
                                        ")");
}

}  // namespace
}  // namespace baton::capi

using baton::capi::Guard;

BATON_API int baton_handover_plan(baton_handover** out, const baton_org* org,
                                  const baton_handover_options* options,
                                  const baton_reassignment* reassignment,
                                  const baton_risk_model* model) {
  return Guard(__func__, [&] {
    BATON_REQUIRE(out);
    BATON_RETURN_IF_ERROR(baton::capi::CheckOrg(org));
    BATON_RETURN_IF_ERROR(baton::capi::CheckReassignment(reassignment));
    if (model != nullptr) BATON_RETURN_IF_ERROR(baton::capi::Check(model, "model"));
    if (reassignment->state_hash != org->org.StateHash()) {
      return baton::capi::CallError(
          BATON_ESTATE,
          "the reassignment was made for another state of the organisation");
    }
    auto handle = std::make_unique<baton_handover>();
    BATON_RETURN_IF_ERROR(baton::capi::Convert(org->org, options, &handle->options));
    auto plan = baton::PlanHandover(
        org->org, handle->options, reassignment->result,
        model != nullptr ? model->model : baton::RiskModel::Default());
    if (!plan.ok()) return baton::capi::FromStatus(plan.status());
    handle->plan = *std::move(plan);
    handle->state_hash = org->org.StateHash();
    baton::capi::IndexTasks(handle.get());
    *out = handle.release();
    return BATON_OK;
  });
}

BATON_API void baton_handover_destroy(baton_handover* handover) {
  Guard(__func__, [&] {
    if (handover == nullptr) return BATON_OK;
    BATON_RETURN_IF_ERROR(baton::capi::CheckPlan(handover));
    handover->tag = baton::capi::kDeadTag;
    delete handover;
    return BATON_OK;
  });
}

BATON_API int baton_handover_accounts(uint32_t* account, uint32_t* leaver,
                                      uint32_t* successor, double* value, double* risk,
                                      uint32_t* reasons, size_t cap, size_t* needed,
                                      const baton_handover* handover) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(baton::capi::CheckPlan(handover));
    const auto& rows = handover->plan.accounts;
    if (needed != nullptr) *needed = rows.size();
    BATON_RETURN_IF_ERROR(baton::capi::CheckCapacity(cap, rows.size(), "elements"));
    for (std::size_t k = 0; k < rows.size(); ++k) {
      if (account != nullptr) account[k] = rows[k].account;
      if (leaver != nullptr) leaver[k] = rows[k].leaver;
      if (successor != nullptr) successor[k] = rows[k].successor;
      if (value != nullptr) value[k] = rows[k].value;
      if (risk != nullptr) risk[k] = rows[k].risk;
      if (reasons != nullptr)
        reasons[k] = static_cast<uint32_t>(rows[k].risk_reasons.size());
    }
    return BATON_OK;
  });
}

BATON_API int baton_handover_reason(char* buf, size_t cap, size_t* needed,
                                    const baton_handover* handover, size_t index,
                                    size_t k) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(baton::capi::CheckPlan(handover));
    const auto& rows = handover->plan.accounts;
    BATON_RETURN_IF_ERROR(baton::capi::CheckIndex(index, rows.size(), "account"));
    const auto& reasons = rows[index].risk_reasons;
    BATON_RETURN_IF_ERROR(baton::capi::CheckIndex(k, reasons.size(), "reason"));
    return baton::capi::CopyText(buf, cap, needed, reasons[k]);
  });
}

BATON_API int baton_handover_tasks(uint32_t* account, uint32_t* leaver, int32_t* kind,
                                   int32_t* role, uint32_t* rep, int32_t* due,
                                   int32_t* status, uint32_t* details, size_t cap,
                                   size_t* needed, const baton_handover* handover) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(baton::capi::CheckPlan(handover));
    const auto& tasks = handover->tasks;
    if (needed != nullptr) *needed = tasks.size();
    BATON_RETURN_IF_ERROR(baton::capi::CheckCapacity(cap, tasks.size(), "elements"));
    for (std::size_t k = 0; k < tasks.size(); ++k) {
      const baton::HandoverTask& t = *tasks[k].task;
      if (account != nullptr) account[k] = tasks[k].account;
      if (leaver != nullptr) leaver[k] = tasks[k].leaver;
      if (kind != nullptr) kind[k] = static_cast<int32_t>(t.kind);
      if (role != nullptr) role[k] = static_cast<int32_t>(t.role);
      if (rep != nullptr) rep[k] = t.rep;
      if (due != nullptr) due[k] = t.due;
      if (status != nullptr) status[k] = static_cast<int32_t>(t.status);
      if (details != nullptr) details[k] = static_cast<uint32_t>(t.details.size());
    }
    return BATON_OK;
  });
}

BATON_API int baton_handover_task_title(char* buf, size_t cap, size_t* needed,
                                        const baton_handover* handover, size_t task) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(baton::capi::CheckTask(handover, task));
    return baton::capi::CopyText(buf, cap, needed, handover->tasks[task].task->title);
  });
}

BATON_API int baton_handover_task_detail(char* buf, size_t cap, size_t* needed,
                                         const baton_handover* handover, size_t task,
                                         size_t k) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(baton::capi::CheckTask(handover, task));
    const auto& details = handover->tasks[task].task->details;
    BATON_RETURN_IF_ERROR(baton::capi::CheckIndex(k, details.size(), "detail"));
    return baton::capi::CopyText(buf, cap, needed, details[k]);
  });
}

BATON_API int baton_handover_set_task_status(baton_handover* handover, size_t task,
                                             int32_t status) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(baton::capi::CheckTask(handover, task));
    BATON_RETURN_IF_ERROR(baton::capi::CheckTaskStatus(status));
    handover->tasks[task].task->status = static_cast<baton::HandoverTaskStatus>(status);
    return BATON_OK;
  });
}

BATON_API int baton_handover_state(int32_t* state, const baton_handover* handover) {
  return Guard(__func__, [&] {
    BATON_REQUIRE(state);
    BATON_RETURN_IF_ERROR(baton::capi::CheckPlan(handover));
    *state = handover->state;
    return BATON_OK;
  });
}

BATON_API int baton_org_apply_handover(baton_org* org, baton_handover* handover) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(baton::capi::CheckOrg(org));
    BATON_RETURN_IF_ERROR(baton::capi::CheckPlan(handover));
    BATON_RETURN_IF_ERROR(baton::capi::CheckDraftFor(*org, *handover));
    auto batches = baton::HandoverChanges(org->org, handover->plan, handover->options);
    if (!batches.ok()) return baton::capi::FromStatus(batches.status());
    BATON_RETURN_IF_ERROR(baton::capi::FromStatus(org->org.Apply(batches->apply)));
    org->DropPendingBytes();
    handover->undo = std::move(batches->undo);
    handover->state = BATON_HANDOVER_APPLIED;
    handover->state_hash = org->org.StateHash();
    return BATON_OK;
  });
}

BATON_API int baton_org_undo_handover(baton_org* org, baton_handover* handover) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(baton::capi::CheckOrg(org));
    BATON_RETURN_IF_ERROR(baton::capi::CheckPlan(handover));
    if (handover->state != BATON_HANDOVER_APPLIED)
      return baton::capi::CallError(BATON_ESTATE, "the plan is not applied");
    if (handover->state_hash != org->org.StateHash()) {
      return baton::capi::CallError(
          BATON_ESTATE, "the organisation has changed since the plan was applied");
    }
    BATON_RETURN_IF_ERROR(baton::capi::FromStatus(org->org.Apply(handover->undo)));
    org->DropPendingBytes();
    handover->state = BATON_HANDOVER_UNDONE;
    return BATON_OK;
  });
}
