// The lifecycle of stored handover plans: adding a draft, applying it as one
// batch, undoing it field by field, and task statuses, each written to the
// audit log.
#include "baton/handover_book.hpp"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "lib/handover/record_specs.hpp"
#include "lib/model/strings.hpp"

namespace baton {
namespace {

using internal::IdOf;
using internal::SpecOf;
using Record = RecordedChange::Record;

std::string TaskId(std::string_view owner, HandoverTaskKind kind) {
  return internal::Cat(owner, "/", NameOf(kind));
}

StoredTask Stored(const Org& org, std::string_view owner, const HandoverTask& task) {
  return {TaskId(owner, task.kind),
          task.kind,
          task.role,
          IdOf(org, task.rep),
          task.due,
          task.status,
          task.title,
          task.details};
}

StoredAccountHandover Stored(const Org& org, const AccountHandover& h) {
  StoredAccountHandover out;
  out.account = org.accounts()[h.account].id;
  out.leaver = IdOf(org, h.leaver);
  out.successor = IdOf(org, h.successor);
  out.manager = IdOf(org, h.manager);
  out.value = h.value;
  out.risk = h.risk;
  out.value_at_risk = h.value_at_risk;
  out.risk_reasons = h.risk_reasons;
  out.successor_reasons = h.successor_reasons;
  for (const HandoverTask& t : h.tasks) out.tasks.push_back(Stored(org, out.account, t));
  return out;
}

// Calls fn(task, successor) for every task of `plan` (const or not); the
// successor is empty for a leaver's own tasks.
template <typename Plan, typename Fn>
void ForEachTask(Plan& plan, Fn fn) {
  for (auto& l : plan.leavers)
    for (auto& t : l.tasks) fn(t, std::string_view());
  for (auto& a : plan.accounts)
    for (auto& t : a.tasks) fn(t, std::string_view(a.successor));
}

// Grows `v` (geometrically) so that one more element goes in without
// allocating: an emplace into it then cannot fail.
template <typename Vector>
void MakeRoomForOne(Vector& v) {
  if (v.size() == v.capacity()) v.reserve(v.empty() ? 4 : 2 * v.size());
}

template <typename Plans>
auto* FindIn(Plans& plans, std::string_view id) {
  const auto it = std::find_if(plans.begin(), plans.end(),
                               [&](const StoredHandover& p) { return p.id == id; });
  return it == plans.end() ? nullptr : &*it;
}

absl::Status Refused(const StoredHandover& plan, std::string_view why) {
  return absl::FailedPreconditionError(
      internal::Cat("handover plan ", plan.id, ": ", why));
}

bool IsActiveRep(const Org& org, std::string_view id) {
  const auto rep = org.FindRep(id);
  return rep && org.reps()[*rep].active();
}

// What applying `plan` changes, and the batch that changes it; the tasks'
// changes are the book's own.
struct Application {
  Batch batch;
  std::vector<RecordedChange> changes;
};

absl::Status MoveAccounts(const Org& org, const StoredHandover& plan,
                          absl::flat_hash_map<std::string, std::string>* successor_of,
                          Application* out) {
  for (const StoredAccountHandover& a : plan.accounts) {
    const auto account = org.FindAccount(a.account);
    if (!account) return Refused(plan, internal::Cat("account ", a.account, " is gone"));
    const std::string owner = IdOf(org, org.accounts()[*account].owner);
    if (owner != a.leaver) {
      return Refused(plan, internal::Cat("account ", a.account, " is owned by ",
                                         owner.empty() ? "nobody" : owner,
                                         " now, not by ", a.leaver, "; plan again"));
    }
    out->batch.ChangeOwner(a.account, a.successor);
    out->changes.push_back({Record::kAccount, a.account, "owner", a.leaver, a.successor});
    (*successor_of)[a.account] = a.successor;
  }
  return absl::OkStatus();
}

void MoveDeals(const Org& org, const absl::flat_hash_set<std::string>& leavers,
               const absl::flat_hash_map<std::string, std::string>& successor_of,
               Application* out) {
  for (const Deal& deal : org.deals()) {
    if (deal.owner == kNoIndex || !leavers.contains(org.reps()[deal.owner].id)) continue;
    DealSpec moved = SpecOf(org, deal);
    const auto it = successor_of.find(moved.account);
    const std::string before = moved.owner;
    moved.owner = it != successor_of.end() ? it->second : "";
    out->changes.push_back({Record::kDeal, deal.id, "owner", before, moved.owner});
    out->batch.Update(std::move(moved));
  }
}

absl::Status RecordDepartures(const Org& org, const StoredHandover& plan,
                              Application* out) {
  for (const StoredLeaver& l : plan.leavers) {
    const auto rep = org.FindRep(l.leaver.rep);
    if (!rep) return Refused(plan, internal::Cat("rep ", l.leaver.rep, " is gone"));
    const Rep& r = org.reps()[*rep];
    if (!r.active()) continue;  // left already: their record stays as it is
    out->batch.Depart(r.id, l.leaver.last_day, r.destination, l.leaver.to_competitor);
    out->changes.push_back(
        {Record::kRep, r.id, "departed_on", "", FormatDay(l.leaver.last_day)});
    if (l.leaver.to_competitor != r.to_competitor) {
      out->changes.push_back({Record::kRep, r.id, "to_competitor",
                              r.to_competitor ? "true" : "false",
                              l.leaver.to_competitor ? "true" : "false"});
    }
  }
  return absl::OkStatus();
}

// Who takes over an open task of a leaver: the account's successor, else
// the leaver's manager, else nobody; never someone who is leaving too.
std::string TaskHeir(const Org& org, const absl::flat_hash_set<std::string>& leavers,
                     std::string_view successor, const std::string& leaver) {
  if (!successor.empty() && !leavers.contains(internal::AsAbsl(successor)) &&
      IsActiveRep(org, successor))
    return std::string(successor);
  const auto rep = org.FindRep(leaver);
  if (!rep) return {};
  // Held in a string: a view of IdOf's temporary was read after it was gone
  // (ASan: stack-use-after-scope).
  std::string manager = IdOf(org, org.reps()[*rep].manager);
  if (!manager.empty() && !leavers.contains(manager) && IsActiveRep(org, manager))
    return manager;
  return {};
}

// The organisation's side of undoing `changes`: the reps first, so a leaver
// is active again before they own their accounts again.
absl::Status UndoBatch(const Org& org, const StoredHandover& plan,
                       const std::vector<RecordedChange>& changes, Batch* batch) {
  std::vector<RepSpec> reps;
  Batch owners;
  auto changed_since = [&](const RecordedChange& c, std::string_view now) {
    return Refused(plan, internal::Cat(NameOf(c.record), " ", c.id, ": ", c.field, " is ",
                                       now.empty() ? "empty" : now, " now, not ",
                                       c.after.empty() ? "empty" : c.after,
                                       " as the plan left it; undo it by hand"));
  };
  for (const RecordedChange& c : changes) {
    if (c.record == Record::kAccount) {
      const auto account = org.FindAccount(c.id);
      if (!account) return Refused(plan, internal::Cat("account ", c.id, " is gone"));
      const std::string now = IdOf(org, org.accounts()[*account].owner);
      if (now != c.after) return changed_since(c, now);
      owners.ChangeOwner(c.id, c.before);
    } else if (c.record == Record::kDeal) {
      const auto deal = org.FindDeal(c.id);
      if (!deal) return Refused(plan, internal::Cat("deal ", c.id, " is gone"));
      DealSpec spec = SpecOf(org, org.deals()[*deal]);
      if (spec.owner != c.after) return changed_since(c, spec.owner);
      spec.owner = c.before;
      owners.Update(std::move(spec));
    } else if (c.record == Record::kRep) {
      const auto rep = org.FindRep(c.id);
      if (!rep) return Refused(plan, internal::Cat("rep ", c.id, " is gone"));
      if (reps.empty() || reps.back().id != c.id)
        reps.push_back(SpecOf(org, org.reps()[*rep]));
      RepSpec& spec = reps.back();
      if (c.field == "departed_on") {
        const std::string now =
            spec.departed_on == kNoDay ? "" : FormatDay(spec.departed_on);
        if (now != c.after) return changed_since(c, now);
        spec.departed_on = kNoDay;
      } else {
        const std::string now = spec.to_competitor ? "true" : "false";
        if (now != c.after) return changed_since(c, now);
        spec.to_competitor = c.before == "true";
      }
    }
  }
  for (RepSpec& spec : reps) batch->Update(std::move(spec));
  for (const Change& change : owners.changes()) {
    if (change.verb == Change::Verb::kChangeOwner)
      batch->ChangeOwner(std::get<OwnerChange>(change.payload).account,
                         std::get<OwnerChange>(change.payload).owner);
    else
      batch->Update(std::get<DealSpec>(change.payload));
  }
  return absl::OkStatus();
}

}  // namespace

std::string HandoverBook::Add(const Org& org, const HandoverPlan& plan,
                              const HandoverOptions& options, std::int64_t at) {
  StoredHandover stored;
  stored.id = absl::StrCat("H", plans_.size() + 1);
  stored.today = plan.today;
  for (const LeaverHandover& l : plan.leavers) {
    StoredLeaver out;
    const std::string rep = IdOf(org, l.rep);
    out.leaver.rep = rep;
    out.leaver.last_day = l.last_day;
    for (const HandoverLeaver& given : options.leavers)
      if (given.rep == rep) out.leaver.to_competitor = given.to_competitor;
    for (const HandoverTask& t : l.tasks) out.tasks.push_back(Stored(org, rep, t));
    stored.leavers.push_back(std::move(out));
  }
  for (const AccountHandover& h : plan.accounts)
    stored.accounts.push_back(Stored(org, h));
  // Both entries made and room for them found before either is added, so
  // that running out of memory adds neither.
  HandoverEvent planned{HandoverEvent::Kind::kPlanned, at, stored.id, {}};
  std::string id = stored.id;
  MakeRoomForOne(log_);
  MakeRoomForOne(plans_);
  log_.push_back(std::move(planned));
  plans_.push_back(std::move(stored));
  return id;
}

absl::Status HandoverBook::Apply(std::string_view id, Org& org, std::int64_t at) {
  StoredHandover* plan = FindMutable(id);
  if (plan == nullptr) return absl::NotFoundError(internal::Cat("no handover plan ", id));
  if (plan->state != HandoverState::kDraft)
    return Refused(*plan, internal::Cat("is ", NameOf(plan->state),
                                        "; only a draft can be applied"));
  absl::flat_hash_set<std::string> leavers;
  for (const StoredLeaver& l : plan->leavers) leavers.insert(l.leaver.rep);
  Application application;
  absl::flat_hash_map<std::string, std::string> successor_of;
  if (absl::Status s = MoveAccounts(org, *plan, &successor_of, &application); !s.ok())
    return s;
  MoveDeals(org, leavers, successor_of, &application);
  if (absl::Status s = RecordDepartures(org, *plan, &application); !s.ok()) return s;

  std::vector<std::pair<StoredTask*, std::string>> heirs;
  for (StoredLeaver& l : plan->leavers) {
    auto move = [&](StoredTask& t, std::string_view successor) {
      if (t.status != HandoverTaskStatus::kOpen || !leavers.contains(t.rep)) return;
      heirs.emplace_back(&t, TaskHeir(org, leavers, successor, l.leaver.rep));
    };
    for (StoredTask& t : l.tasks) move(t, {});
    for (StoredAccountHandover& a : plan->accounts)
      if (a.leaver == l.leaver.rep)
        for (StoredTask& t : a.tasks) move(t, a.successor);
  }
  // Everything that allocates is made before the organisation changes, so
  // that running out of memory leaves the organisation and the book as
  // they were; after org.Apply only moves into reserved room remain.
  for (const auto& [task, heir] : heirs)
    application.changes.push_back({Record::kTask, task->id, "rep", task->rep, heir});
  HandoverEvent applied{HandoverEvent::Kind::kApplied, at, plan->id, {}};
  MakeRoomForOne(log_);
  if (absl::Status s = org.Apply(application.batch); !s.ok()) {
    return absl::Status(s.code(),
                        internal::Cat("handover plan ", plan->id, ": ", s.message()));
  }
  for (auto& [task, heir] : heirs) task->rep = std::move(heir);
  plan->state = HandoverState::kApplied;
  applied.changes = std::move(application.changes);
  log_.push_back(std::move(applied));
  return absl::OkStatus();
}

absl::Status HandoverBook::Undo(std::string_view id, Org& org, std::int64_t at) {
  StoredHandover* plan = FindMutable(id);
  if (plan == nullptr) return absl::NotFoundError(internal::Cat("no handover plan ", id));
  if (plan->state != HandoverState::kApplied)
    return Refused(*plan, internal::Cat("is ", NameOf(plan->state),
                                        "; only an applied plan can be undone"));
  const auto applied =
      std::find_if(log_.rbegin(), log_.rend(), [&](const HandoverEvent& e) {
        return e.kind == HandoverEvent::Kind::kApplied && e.plan == plan->id;
      });
  if (applied == log_.rend())
    return absl::InternalError(internal::Cat("handover plan ", plan->id,
                                             ": applied, but the log does not say how"));
  Batch batch;
  if (absl::Status s = UndoBatch(org, *plan, applied->changes, &batch); !s.ok()) return s;
  // As in Apply: what allocates is made before the organisation changes.
  HandoverEvent undone{HandoverEvent::Kind::kUndone, at, plan->id, {}};
  std::vector<std::pair<StoredTask*, std::string>> reps;  // each task's rep again
  for (auto c = applied->changes.rbegin(); c != applied->changes.rend(); ++c) {
    undone.changes.push_back({c->record, c->id, c->field, c->after, c->before});
    if (c->record != Record::kTask) continue;
    ForEachTask(*plan, [&](StoredTask& t, std::string_view) {
      if (t.id == c->id) reps.emplace_back(&t, c->before);
    });
  }
  MakeRoomForOne(log_);
  if (absl::Status s = org.Apply(batch); !s.ok()) {
    return absl::Status(s.code(),
                        internal::Cat("handover plan ", plan->id, ": ", s.message()));
  }
  for (auto& [task, rep] : reps) task->rep = std::move(rep);
  plan->state = HandoverState::kUndone;
  log_.push_back(std::move(undone));
  return absl::OkStatus();
}

absl::Status HandoverBook::SetTaskStatus(std::string_view id, std::string_view task,
                                         HandoverTaskStatus status, std::int64_t at) {
  StoredHandover* plan = FindMutable(id);
  if (plan == nullptr) return absl::NotFoundError(internal::Cat("no handover plan ", id));
  if (plan->state == HandoverState::kUndone)
    return Refused(*plan, "is undone; its tasks are closed");
  StoredTask* found = nullptr;
  ForEachTask(*plan, [&](StoredTask& t, std::string_view) {
    if (t.id == task) found = &t;
  });
  if (found == nullptr) {
    return absl::NotFoundError(
        internal::Cat("handover plan ", plan->id, " has no task ", task));
  }
  if (found->status == status) return absl::OkStatus();
  log_.push_back({HandoverEvent::Kind::kTaskStatus,
                  at,
                  plan->id,
                  {{Record::kTask, found->id, "status",
                    std::string(NameOf(found->status)), std::string(NameOf(status))}}});
  found->status = status;
  return absl::OkStatus();
}

absl::Status CheckNothingOwnedByDeparted(const Org& org, const HandoverBook& book) {
  auto departed = [&](RepIndex rep) {
    return rep != kNoIndex && !org.reps()[rep].active();
  };
  for (const Account& a : org.accounts()) {
    if (departed(a.owner)) {
      return absl::FailedPreconditionError(internal::Cat(
          "account ", a.id, " is owned by ", org.reps()[a.owner].id, ", who has left"));
    }
  }
  for (const Deal& d : org.deals()) {
    if (departed(d.owner)) {
      return absl::FailedPreconditionError(internal::Cat(
          "deal ", d.id, " is owned by ", org.reps()[d.owner].id, ", who has left"));
    }
  }
  for (const StoredHandover& plan : book.plans()) {
    if (plan.state != HandoverState::kApplied) continue;
    absl::Status status;
    ForEachTask(plan, [&](const StoredTask& t, std::string_view) {
      const auto rep = org.FindRep(t.rep);
      if (status.ok() && t.status == HandoverTaskStatus::kOpen && rep && departed(*rep)) {
        status = absl::FailedPreconditionError(
            internal::Cat("handover plan ", plan.id, ": open task ", t.id,
                          " is assigned to ", t.rep, ", who has left"));
      }
    });
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

StoredHandover* HandoverBook::FindMutable(std::string_view plan) {
  return FindIn(plans_, plan);
}

const StoredHandover* HandoverBook::Find(std::string_view plan) const {
  return FindIn(plans_, plan);
}

}  // namespace baton
