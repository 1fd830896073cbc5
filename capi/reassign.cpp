// The C API of the Reassigner: options checked and converted, the run with
// its progress callback, plans read out, and plans applied to the
// organisation they were made from (and only to it, unchanged).
#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "baton/reassign.hpp"
#include "capi/c_text.hpp"
#include "capi/guard.hpp"
#include "capi/handles.hpp"

namespace baton::capi {
namespace {

static_assert(BATON_REASSIGN_OFFBOARD == static_cast<int>(ReassignMode::kOffboard) &&
              BATON_REASSIGN_ASSIGN_UNOWNED ==
                  static_cast<int>(ReassignMode::kAssignUnowned) &&
              BATON_REASSIGN_REBALANCE == static_cast<int>(ReassignMode::kRebalance));
static_assert(BATON_ELIGIBLE_ANY == kAnyRep && BATON_ELIGIBLE_SAME_TEAM == kSameTeam &&
              BATON_ELIGIBLE_SAME_TERRITORY == kSameTerritory &&
              BATON_ELIGIBLE_SAME_SEGMENT == kSameSegment);
static_assert(BATON_UNASSIGNED_NONE == static_cast<int>(UnassignedReason::kNone) &&
              BATON_UNASSIGNED_NO_ELIGIBLE_REP ==
                  static_cast<int>(UnassignedReason::kNoEligibleRep) &&
              BATON_UNASSIGNED_CAPACITY_EXHAUSTED ==
                  static_cast<int>(UnassignedReason::kCapacityExhausted) &&
              BATON_UNASSIGNED_TIER_LIMIT ==
                  static_cast<int>(UnassignedReason::kTierLimit));
static_assert(BATON_REASSIGN_OPTIONS_VERSION == ReassignOptions::kVersion);
static_assert(BATON_NO_INDEX == kNoIndex);

constexpr std::uint32_t kEligibilityFlags = BATON_ELIGIBLE_SAME_TEAM |
                                            BATON_ELIGIBLE_SAME_TERRITORY |
                                            BATON_ELIGIBLE_SAME_SEGMENT;

std::string Field(const char* name) { return std::string("options->") + name; }
std::string Element(const char* name, std::size_t k) {
  return Field(name) + "[" + std::to_string(k) + "]";
}

// `count` ids of the array `name`. A list longer than the organisation's
// `limit` records of that kind is refused before anything is allocated or
// read: a count beyond the caller's array cannot be caught later.
int CopyIds(const char* const* ids, std::size_t count, const char* name,
            const char* count_name, std::size_t limit, std::vector<std::string>* out) {
  return ReadTexts(ids, count, limit, Field(name), Field(count_name), out);
}

int RequireFinite(double value, const char* name) {
  if (std::isfinite(value)) return BATON_OK;
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return ArgError(Field(name) + ": " + text + " is not a finite number");
}

// The C options as the core's, checking what the C side can get wrong; the
// core checks the values against the organisation.
int Convert(const baton_reassign_options& c, const Org& org, ReassignOptions* o) {
  if (c.version < 1 || c.version > BATON_REASSIGN_OPTIONS_VERSION) {
    return ArgError("options->version is " + std::to_string(c.version) +
                    "; initialise the options with BATON_REASSIGN_OPTIONS_INIT or "
                    "baton_reassign_options_init() (version 1.." +
                    std::to_string(BATON_REASSIGN_OPTIONS_VERSION) + ")");
  }
  if (c.mode < BATON_REASSIGN_OFFBOARD || c.mode > BATON_REASSIGN_REBALANCE) {
    return ArgError("options->mode: " + std::to_string(c.mode) +
                    " is not a valid value (expected 0..2: BATON_REASSIGN_OFFBOARD, "
                    "_ASSIGN_UNOWNED or _REBALANCE)");
  }
  if ((c.eligibility & ~kEligibilityFlags) != 0) {
    return ArgError("options->eligibility: " + std::to_string(c.eligibility) +
                    " has flags other than BATON_ELIGIBLE_SAME_TEAM (1), "
                    "_SAME_TERRITORY (2) and _SAME_SEGMENT (4)");
  }
  BATON_RETURN_IF_ERROR(RequireFinite(c.key_player_factor, "key_player_factor"));
  BATON_RETURN_IF_ERROR(RequireFinite(c.value_per_point, "value_per_point"));
  o->mode = static_cast<ReassignMode>(c.mode);
  const std::size_t reps = org.reps().size(), accounts = org.accounts().size();
  BATON_RETURN_IF_ERROR(CopyIds(c.departing, c.departing_count, "departing",
                                "departing_count", reps, &o->departing));
  BATON_RETURN_IF_ERROR(ReadText(c.team, Field("team"), &o->team));
  o->today = c.today;
  o->eligibility = c.eligibility;
  BATON_RETURN_IF_ERROR(CopyIds(c.excluded, c.excluded_count, "excluded",
                                "excluded_count", reps, &o->excluded_reps));
  std::vector<std::string> pinned;
  BATON_RETURN_IF_ERROR(CopyIds(c.pin_accounts, c.pin_count, "pin_accounts", "pin_count",
                                accounts, &pinned));
  o->pins.resize(c.pin_count);
  for (std::size_t k = 0; k < c.pin_count; ++k) {
    o->pins[k].account = std::move(pinned[k]);
    if (c.pin_reps != nullptr) {
      BATON_RETURN_IF_ERROR(
          ReadText(c.pin_reps[k], Element("pin_reps", k), &o->pins[k].rep));
    }
  }
  o->move_cost = c.move_cost;
  o->max_moves = c.max_moves;
  o->max_candidates = c.max_candidates;
  o->stranger_cost = c.stranger_cost;
  o->relationship_points = c.relationship_points;
  o->key_player_factor = c.key_player_factor;
  o->recency_half_life_days = c.recency_half_life_days;
  o->account_team_points = c.account_team_points;
  o->group_points = c.group_points;
  o->territory_points = c.territory_points;
  o->segment_points = c.segment_points;
  o->team_points = c.team_points;
  o->seniority_excess_points = c.seniority_excess_points;
  o->lambda = c.lambda;
  o->unassigned_points = c.unassigned_points;
  o->value_per_point = c.value_per_point;
  return BATON_OK;
}

std::string RepId(const Org& org, RepIndex rep) {
  return rep == kNoIndex ? std::string() : org.reps()[rep].id;
}

// Takes `result` into a new handle with everything it needs once `org` has
// changed: ids, the batch, the organisation's fingerprint.
int Publish(baton_reassignment** out, const Org& org, Reassignment result) {
  auto handle = std::make_unique<baton_reassignment>();
  handle->state_hash = org.StateHash();
  handle->batch = result.ToBatch(org);
  const std::size_t accounts = result.accounts.size();
  handle->account_ids.reserve(accounts);
  handle->from_ids.reserve(accounts);
  handle->to_ids.reserve(accounts);
  for (const AccountReassignment& a : result.accounts) {
    handle->account_ids.push_back(org.accounts()[a.account].id);
    handle->from_ids.push_back(RepId(org, a.from));
    handle->to_ids.push_back(RepId(org, a.to));
  }
  handle->rep_ids.reserve(result.reps.size());
  for (const RepLoad& load : result.reps) handle->rep_ids.push_back(RepId(org, load.rep));
  handle->result = std::move(result);
  *out = handle.release();
  return BATON_OK;
}

// BATON_ENOTFOUND unless index < count: "reason index 3 is out of range (2
// reasons)".
int CheckIndex(std::size_t index, std::size_t count, const char* what) {
  if (index < count) return BATON_OK;
  return CallError(BATON_ENOTFOUND, std::string(what) + " index " +
                                        std::to_string(index) + " is out of range (" +
                                        std::to_string(count) + " " + what + "s)");
}

int CheckAccount(const baton_reassignment* r, std::size_t index) {
  BATON_RETURN_IF_ERROR(CheckReassignment(r));
  return CheckIndex(index, r->result.accounts.size(), "account");
}

void Fill(baton_load_balance* out, const LoadBalance& balance) {
  out->min_utilisation = balance.min_utilisation;
  out->max_utilisation = balance.max_utilisation;
  out->mean_utilisation = balance.mean_utilisation;
  out->stddev_utilisation = balance.stddev_utilisation;
  out->max_min_ratio = balance.max_min_ratio;
}

}  // namespace
}  // namespace baton::capi

using baton::capi::CheckOrg;
using baton::capi::CheckReassignment;
using baton::capi::FromStatus;
using baton::capi::Guard;

extern "C" {

BATON_API void baton_reassign_options_init(baton_reassign_options* options) {
  Guard(__func__, [&] {
    const baton_reassign_options defaults = BATON_REASSIGN_OPTIONS_INIT;
    if (options != nullptr) *options = defaults;
    return BATON_OK;
  });
}

BATON_API int baton_reassign(baton_reassignment** out, const baton_org* org,
                             const baton_reassign_options* options,
                             baton_progress_fn progress, void* payload) {
  return Guard(__func__, [&] {
    BATON_REQUIRE(out);
    BATON_RETURN_IF_ERROR(CheckOrg(org));
    BATON_REQUIRE(options);
    baton::ReassignOptions converted;
    BATON_RETURN_IF_ERROR(baton::capi::Convert(*options, org->org, &converted));
    baton::Reassigner reassigner(org->org);
    reassigner.SetOptions(std::move(converted));
    if (progress != nullptr) {
      reassigner.SetProgress(
          [progress, payload](double done) { return progress(done, payload) != 0; });
    }
    absl::StatusOr<baton::Reassignment> result = reassigner.Run();
    if (!result.ok()) return FromStatus(result.status());
    if (result->outcome == baton::Reassignment::Outcome::kCancelled) {
      return baton::capi::CallError(BATON_ECANCELLED,
                                    "cancelled by the progress callback");
    }
    return baton::capi::Publish(out, org->org, std::move(*result));
  });
}

BATON_API void baton_reassignment_destroy(baton_reassignment* reassignment) {
  Guard(__func__, [&] {
    if (reassignment == nullptr) return BATON_OK;
    BATON_RETURN_IF_ERROR(CheckReassignment(reassignment));
    reassignment->tag = baton::capi::kDeadTag;
    delete reassignment;
    return BATON_OK;
  });
}

BATON_API int baton_org_apply_reassignment(baton_org* org,
                                           const baton_reassignment* reassignment) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(CheckOrg(org));
    BATON_RETURN_IF_ERROR(CheckReassignment(reassignment));
    if (org->org.StateHash() != reassignment->state_hash) {
      return baton::capi::CallError(
          BATON_ESTATE, "the organisation changed since this reassignment was made");
    }
    absl::Status status = org->org.Apply(reassignment->batch);
    if (status.ok()) org->DropPendingBytes();
    return FromStatus(status);
  });
}

BATON_API int baton_reassignment_summary(baton_reassign_summary* out,
                                         const baton_reassignment* reassignment) {
  return Guard(__func__, [&] {
    BATON_REQUIRE(out);
    BATON_RETURN_IF_ERROR(
        baton::capi::CheckInfoVersion(out, BATON_REASSIGN_SUMMARY_VERSION));
    BATON_RETURN_IF_ERROR(CheckReassignment(reassignment));
    const baton::Reassignment& r = reassignment->result;
    out->outcome = r.outcome == baton::Reassignment::Outcome::kOptimal
                       ? BATON_REASSIGN_OPTIMAL
                       : BATON_REASSIGN_FEASIBLE;
    out->objective = r.objective;
    out->lower_bound = r.lower_bound;
    out->relative_gap = r.relative_gap;
    out->moves = r.moves;
    out->unassigned = r.unassigned;
    out->accounts = r.accounts.size();
    out->reps = r.reps.size();
    baton::capi::Fill(&out->before, r.before);
    baton::capi::Fill(&out->after, r.after);
    out->state_hash = reassignment->state_hash;
    return BATON_OK;
  });
}

BATON_API int baton_reassignment_account(baton_account_reassignment* out,
                                         const baton_reassignment* reassignment,
                                         size_t index) {
  return Guard(__func__, [&] {
    BATON_REQUIRE(out);
    BATON_RETURN_IF_ERROR(
        baton::capi::CheckInfoVersion(out, BATON_ACCOUNT_REASSIGNMENT_VERSION));
    BATON_RETURN_IF_ERROR(baton::capi::CheckAccount(reassignment, index));
    const baton::AccountReassignment& a = reassignment->result.accounts[index];
    out->account = a.account;
    out->from = a.from;
    out->to = a.to;
    out->pinned = a.pinned ? 1 : 0;
    out->unassigned = static_cast<int>(a.unassigned);
    out->stranger = a.cost.stranger;
    out->relationships = a.cost.relationships;
    out->account_team = a.cost.account_team;
    out->group = a.cost.group;
    out->territory = a.cost.territory;
    out->segment = a.cost.segment;
    out->team = a.cost.team;
    out->seniority = a.cost.seniority;
    out->move = a.cost.move;
    out->total = a.cost.total();
    out->reasons = static_cast<uint32_t>(a.reasons.size());
    return BATON_OK;
  });
}

BATON_API int baton_reassignment_account_id(char* buf, size_t cap, size_t* needed,
                                            const baton_reassignment* reassignment,
                                            size_t index) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(baton::capi::CheckAccount(reassignment, index));
    return baton::capi::CopyText(buf, cap, needed, reassignment->account_ids[index]);
  });
}

BATON_API int baton_reassignment_from_rep_id(char* buf, size_t cap, size_t* needed,
                                             const baton_reassignment* reassignment,
                                             size_t index) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(baton::capi::CheckAccount(reassignment, index));
    return baton::capi::CopyText(buf, cap, needed, reassignment->from_ids[index]);
  });
}

BATON_API int baton_reassignment_to_rep_id(char* buf, size_t cap, size_t* needed,
                                           const baton_reassignment* reassignment,
                                           size_t index) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(baton::capi::CheckAccount(reassignment, index));
    return baton::capi::CopyText(buf, cap, needed, reassignment->to_ids[index]);
  });
}

BATON_API int baton_reassignment_reason(char* buf, size_t cap, size_t* needed,
                                        const baton_reassignment* reassignment,
                                        size_t index, size_t k) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(baton::capi::CheckAccount(reassignment, index));
    const std::vector<std::string>& reasons =
        reassignment->result.accounts[index].reasons;
    BATON_RETURN_IF_ERROR(baton::capi::CheckIndex(k, reasons.size(), "reason"));
    return baton::capi::CopyText(buf, cap, needed, reasons[k]);
  });
}

BATON_API int baton_reassignment_rep_loads(uint32_t* rep, int64_t* before, int64_t* after,
                                           int64_t* capacity, size_t cap, size_t* needed,
                                           const baton_reassignment* reassignment) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(CheckReassignment(reassignment));
    const std::vector<baton::RepLoad>& loads = reassignment->result.reps;
    if (needed != nullptr) *needed = loads.size();
    BATON_RETURN_IF_ERROR(baton::capi::CheckCapacity(cap, loads.size(), "elements"));
    for (std::size_t k = 0; k < loads.size(); ++k) {
      if (rep != nullptr) rep[k] = loads[k].rep;
      if (before != nullptr) before[k] = loads[k].before;
      if (after != nullptr) after[k] = loads[k].after;
      if (capacity != nullptr) capacity[k] = loads[k].capacity;
    }
    return BATON_OK;
  });
}

BATON_API int baton_reassignment_rep_id(char* buf, size_t cap, size_t* needed,
                                        const baton_reassignment* reassignment,
                                        size_t k) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(CheckReassignment(reassignment));
    BATON_RETURN_IF_ERROR(
        baton::capi::CheckIndex(k, reassignment->rep_ids.size(), "rep"));
    return baton::capi::CopyText(buf, cap, needed, reassignment->rep_ids[k]);
  });
}

}  // extern "C"
