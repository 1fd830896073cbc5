// Building the handover plan: the leavers' accounts with their successors
// and risk, each with its tasks, due days and the facts they need.
#include <algorithm>
#include <cmath>
#include <set>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "baton/handover.hpp"
#include "lib/handover/handover_facts.hpp"

namespace baton {
namespace {

using internal::RepLabel;

struct Leaving {
  RepIndex rep = kNoIndex;
  Day last_day = kNoDay;
  bool to_competitor = false;
};

absl::StatusOr<std::vector<Leaving>> CheckLeavers(const Org& org,
                                                  const HandoverOptions& options) {
  if (!IsValidDay(options.today))
    return absl::InvalidArgumentError("handover options: today: a day is required");
  if (options.leavers.empty())
    return absl::InvalidArgumentError("handover options: leavers: name a rep");
  std::vector<Leaving> leaving;
  for (std::size_t i = 0; i < options.leavers.size(); ++i) {
    const HandoverLeaver& l = options.leavers[i];
    const std::string at =
        absl::StrCat("handover options: leavers[", i, "] (", l.rep, "): ");
    const auto rep = org.FindRep(l.rep);
    if (!rep) return absl::InvalidArgumentError(at + "no rep with this id");
    if (!IsValidDay(l.last_day))
      return absl::InvalidArgumentError(at + "last_day is required");
    if (l.last_day < options.today) {
      return absl::InvalidArgumentError(
          absl::StrCat(at, "last day ", FormatDay(l.last_day), " is before today, ",
                       FormatDay(options.today)));
    }
    leaving.push_back({*rep, l.last_day, l.to_competitor});
  }
  return leaving;
}

// How many tier load weights lie below the account's: 0 for the lowest tier.
int TierLevel(const Org& org, AccountIndex account) {
  const TierIndex tier = org.accounts()[account].tier;
  if (tier == kNoIndex) return 0;
  std::set<int> below;
  for (const TierPolicy& t : org.tiers())
    if (t.load_weight < org.tiers()[tier].load_weight) below.insert(t.load_weight);
  return static_cast<int>(below.size());
}

int TopTierLevel(const Org& org) {
  std::set<int> weights;
  for (const TierPolicy& t : org.tiers()) weights.insert(t.load_weight);
  return std::max(0, static_cast<int>(weights.size()) - 1);
}

HandoverTask Task(HandoverTaskKind kind, HandoverRole role, RepIndex rep, Day due,
                  std::string title, std::vector<std::string> details = {}) {
  HandoverTask task;
  task.kind = kind;
  task.role = role;
  task.rep = rep;
  task.due = due;
  task.title = std::move(title);
  task.details = std::move(details);
  return task;
}

// The tasks of one account. Lead time before the last day: 5 days, 3 more per
// tier level, and up to 10 more as the risk rises.
void AddAccountTasks(const Org& org, const HandoverPlan& plan, Day last_day,
                     int top_level, AccountHandover* h) {
  const Account& account = org.accounts()[h->account];
  const int level = TierLevel(org, h->account);
  const Day lead = 5 + 3 * level + static_cast<Day>(std::lround(10 * h->risk));
  const Day notify = std::max(plan.today, last_day - lead);
  const Day meeting = std::min(last_day, notify + 2);
  const std::string successor = RepLabel(org, h->successor);
  const std::string name = account.name.empty() ? account.id : account.name;
  using K = HandoverTaskKind;
  using R = HandoverRole;
  std::vector<std::string> notify_details = h->successor_reasons;
  if (account.renewal_on != kNoDay)
    notify_details.push_back(absl::StrCat("renewal on ", FormatDay(account.renewal_on)));
  auto& tasks = h->tasks;
  tasks.push_back(
      Task(K::kOpenDeals, R::kLeaver, h->leaver, notify,
           "Write down the real state of every open deal, its buying committee "
           "and next steps",
           internal::OpenDealLines(org, h->account)));
  tasks.push_back(Task(K::kUnwrittenAgreements, R::kLeaver, h->leaver, notify,
                       "Write down unwritten agreements and what " + name + " expects"));
  tasks.push_back(
      Task(K::kKeyPlayers, R::kLeaver, h->leaver, notify,
           "Describe the key players, their attitudes and concerns",
           internal::KeyPlayerLines(org, h->account, h->leaver, h->successor)));
  tasks.push_back(Task(K::kProductsAndComplaints, R::kLeaver, h->leaver, notify,
                       "Hand over problems with the products held and open complaints",
                       internal::ProductAndComplaintLines(org, h->account)));
  tasks.push_back(Task(K::kGoalsProgress, R::kLeaver, h->leaver, notify,
                       "Report progress toward the goals that made them buy"));
  tasks.push_back(Task(K::kChurnReasons, R::kLeaver, h->leaver, notify,
                       "Name the reasons they might leave", h->risk_reasons));
  tasks.push_back(Task(K::kNotifyCustomer, R::kLeaver, h->leaver, notify,
                       "Tell " + name + " and introduce " + successor, notify_details));
  const bool top = level == top_level && top_level > 0;
  tasks.push_back(Task(K::kHandoverMeeting, top ? R::kManager : R::kLeaver,
                       top ? h->manager : h->leaver, meeting,
                       top ? "Hold the handover meeting face to face, with the manager"
                           : "Hold the handover meeting with " + successor));
  tasks.push_back(
      Task(K::kMoveRecords, R::kManager, h->manager, last_day,
           "Move the account, its contacts, deals and open tasks to " + successor));
  tasks.push_back(Task(K::kExpansion, R::kSuccessor, h->successor, last_day + 30,
                       "Review cross-sell and upsell openings"));
  std::stable_sort(
      tasks.begin(), tasks.end(),
      [](const HandoverTask& a, const HandoverTask& b) { return a.due < b.due; });
}

LeaverHandover LeaverTasks(const Org& org, const Leaving& l, Day today) {
  LeaverHandover out;
  out.rep = l.rep;
  out.last_day = l.last_day;
  const RepIndex manager = org.reps()[l.rep].manager;
  using K = HandoverTaskKind;
  using R = HandoverRole;
  out.tasks.push_back(
      Task(K::kDealReview, R::kManager, manager, std::max(today, l.last_day - 5),
           "Review the deals won and lost in the last three months with " +
               RepLabel(org, l.rep),
           internal::ClosedDealLines(org, l.rep, today - 91, today)));
  out.tasks.push_back(Task(K::kExitInterview, R::kManager, manager,
                           std::max(today, l.last_day - 1),
                           "Exit interview: what helped them sell, what should change"));
  out.tasks.push_back(Task(K::kRevokeAccess, R::kManager, manager, l.last_day,
                           "Revoke " + RepLabel(org, l.rep) + "'s access"));
  return out;
}

}  // namespace

absl::StatusOr<HandoverPlan> PlanHandover(const Org& org, const HandoverOptions& options,
                                          const Reassignment& reassignment,
                                          const RiskModel& model) {
  auto leaving = CheckLeavers(org, options);
  if (!leaving.ok()) return leaving.status();
  RiskOptions scenario;
  scenario.as_of = options.today;
  for (const Leaving& l : *leaving) scenario.leavers.push_back({l.rep, l.to_competitor});
  absl::flat_hash_map<AccountIndex, const AccountReassignment*> successor_of;
  for (const AccountReassignment& a : reassignment.accounts) {
    successor_of[a.account] = &a;
    if (a.to != kNoIndex) scenario.owners.push_back({a.account, a.to});
  }
  RiskScorer scorer(org, model);
  scorer.SetOptions(scenario);

  HandoverPlan plan;
  plan.today = options.today;
  const int top_level = TopTierLevel(org);
  for (const Leaving& l : *leaving) {
    plan.leavers.push_back(LeaverTasks(org, l, options.today));
    const auto owned = org.AccountsOwnedBy(l.rep);
    auto risks = scorer.Explain(owned);
    if (!risks.ok()) return risks.status();
    for (std::size_t k = 0; k < owned.size(); ++k) {
      const AccountIndex a = owned[k];
      const AccountRisk& risk = (*risks)[k];
      AccountHandover h;
      h.account = a;
      h.leaver = l.rep;
      h.manager = org.reps()[l.rep].manager;
      h.value = org.accounts()[a].annual_value;
      const auto it = successor_of.find(a);
      if (it != successor_of.end()) {
        h.successor = it->second->to;
        h.successor_reasons = it->second->reasons;
      }
      h.risk = risk.risk;
      h.value_at_risk = h.value * h.risk;
      h.risk_reasons = risk.reasons;
      AddAccountTasks(org, plan, l.last_day, top_level, &h);
      plan.accounts.push_back(std::move(h));
    }
  }
  std::stable_sort(plan.accounts.begin(), plan.accounts.end(),
                   [](const AccountHandover& x, const AccountHandover& y) {
                     return x.value_at_risk > y.value_at_risk;
                   });
  return plan;
}

}  // namespace baton
