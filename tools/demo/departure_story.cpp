#include "tools/demo/departure_story.hpp"

#include <algorithm>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "baton/baton.hpp"
#include "tools/demo/text_table.hpp"

namespace baton::demo {
namespace {

constexpr Day kNoticeDays = 21;  // the leaver's last day, from today

// The active rep whose departure to a competitor would raise the revenue at
// risk the most, with that what-if.
std::pair<RepIndex, DepartureWhatIf> RiskiestDeparture(const Org& org, Day as_of) {
  std::pair<RepIndex, DepartureWhatIf> best{kNoIndex, {}};
  double best_rise = -1;
  for (RepIndex r = 0; r < org.reps().size(); ++r) {
    if (!org.reps()[r].active() || org.AccountsOwnedBy(r).empty()) continue;
    RiskOptions options;
    options.as_of = as_of;
    options.leavers.push_back({r, /*to_competitor=*/true});
    auto what_if = WhatIfDeparture(org, RiskModel::Default(), options, nullptr);
    if (!what_if.ok()) continue;
    const double rise =
        what_if->value_at_risk_after_departure - what_if->value_at_risk_before;
    if (rise > best_rise) best = {r, *std::move(what_if)}, best_rise = rise;
  }
  return best;
}

void PrintSuccessors(const Org& org, const Reassignment& plan) {
  std::vector<const AccountReassignment*> moved;
  for (const auto& a : plan.accounts) moved.push_back(&a);
  std::sort(moved.begin(), moved.end(), [&org](const auto* x, const auto* y) {
    const double vx = org.accounts()[x->account].annual_value;
    const double vy = org.accounts()[y->account].annual_value;
    return vx != vy ? vx > vy : x->account < y->account;
  });
  if (moved.size() > 10) moved.resize(10);
  Table table({"account", "tier", "annual value", "successor", "why"}, "llrll");
  for (const auto* a : moved) {
    const Account& account = org.accounts()[a->account];
    table.Add({account.id + " " + Fit(account.name, 24), org.tiers()[account.tier].id,
               Grouped(account.annual_value), RepLabel(org, a->to),
               a->reasons.empty() ? "" : Fit(a->reasons.front(), 70)});
  }
  table.Print();
}

void PrintReassignment(const Org& org, RepIndex leaver, const Reassignment& plan,
                       Day last_day) {
  std::set<RepIndex> successors;
  for (const auto& a : plan.accounts)
    if (a.to != kNoIndex) successors.insert(a.to);
  std::printf(
      "\nIf %s leaves on %s: %zu accounts go to %zu reps (%lld left unassigned);\n"
      "load spread (std. dev. of utilisation) %.3f -> %.3f; objective %lld, within "
      "%.2f%% of the lower bound. The ten most valuable:\n",
      RepLabel(org, leaver).c_str(), FormatDay(last_day).c_str(), plan.accounts.size(),
      successors.size(), static_cast<long long>(plan.unassigned),
      plan.before.stddev_utilisation, plan.after.stddev_utilisation,
      static_cast<long long>(plan.objective), 100 * plan.relative_gap);
  PrintSuccessors(org, plan);
}

// The first tasks of the three accounts with the most revenue at risk.
void PrintHandover(const Org& org, const HandoverPlan& plan, Day last_day) {
  std::printf(
      "\nThe handover, %s's last day being %s: the three accounts with the most "
      "revenue at risk, and what to do first:\n",
      RepLabel(org, plan.leavers.front().rep).c_str(), FormatDay(last_day).c_str());
  const std::size_t shown = std::min<std::size_t>(3, plan.accounts.size());
  for (std::size_t k = 0; k < shown; ++k) {
    const AccountHandover& h = plan.accounts[k];
    const Account& account = org.accounts()[h.account];
    std::printf("\n  %s %s: %s at risk (%s); to %s\n", account.id.c_str(),
                Fit(account.name, 30).c_str(), Grouped(h.value_at_risk).c_str(),
                Percent(h.risk, 1).c_str(), RepLabel(org, h.successor).c_str());
    Table table({"due", "who", "task", "what Baton knows"}, "llll");
    for (const HandoverTask& t : h.tasks) {
      // The customer, the meeting, and the deals and key players Baton knows of.
      const bool facts = t.kind == HandoverTaskKind::kOpenDeals ||
                         t.kind == HandoverTaskKind::kKeyPlayers;
      const bool steps = t.kind == HandoverTaskKind::kNotifyCustomer ||
                         t.kind == HandoverTaskKind::kHandoverMeeting;
      if (!steps && !(facts && !t.details.empty())) continue;
      table.Add({FormatDay(t.due), std::string(NameOf(t.role)), Fit(t.title, 56),
                 t.details.empty() ? "" : Fit(t.details.front(), 60)});
    }
    table.Print();
  }
}

// Carries the handover out on a copy and scores the leaver's accounts again,
// with the leaver gone: the departure is recorded for their last day, and
// until then their ties would still count.
void PrintAfterApply(const Org& org, const HandoverPlan& plan,
                     const HandoverOptions& options, const DepartureWhatIf& before,
                     Day as_of) {
  auto batches = HandoverChanges(org, plan, options);
  Org after = org;
  if (!batches.ok() || !after.Apply(batches->apply).ok()) return;
  RiskOptions scoring;
  scoring.as_of = as_of;
  for (const LeaverHandover& l : plan.leavers) scoring.leavers.push_back({l.rep, true});
  RiskScorer scorer(after, RiskModel::Default());
  auto scores = scorer.SetOptions(scoring).Score();
  if (!scores.ok()) return;
  double at_risk = 0;
  for (const DepartureRisk& d : before.accounts)
    at_risk += scores->value_at_risk[d.account];
  const bool restored =
      after.Apply(batches->undo).ok() && after.StateHash() == org.StateHash();
  std::printf(
      "\nRevenue at risk on the %zu accounts %s owns or is tied to: %s today, %s if they "
      "leave for a competitor and nobody takes over, %s once they have gone with the "
      "handover above applied (%zu tasks). Undone, the organisation is %s.\n",
      before.accounts.size(), RepLabel(org, plan.leavers.front().rep).c_str(),
      Grouped(before.value_at_risk_before).c_str(),
      Grouped(before.value_at_risk_after_departure).c_str(), Grouped(at_risk).c_str(),
      [&] {
        std::size_t tasks = plan.leavers.front().tasks.size();
        for (const AccountHandover& h : plan.accounts) tasks += h.tasks.size();
        return tasks;
      }(),
      restored ? "exactly as before (same state hash)" : "NOT as before");
}

}  // namespace

void PrintDepartureStory(const Org& org, Day as_of) {
  const auto [leaver, what_if] = RiskiestDeparture(org, as_of);
  if (leaver == kNoIndex) return;
  std::printf(
      "\nThe departure that would put the most revenue at risk: %s (%s -> %s if "
      "they left for a competitor).\n",
      RepLabel(org, leaver).c_str(), Grouped(what_if.value_at_risk_before).c_str(),
      Grouped(what_if.value_at_risk_after_departure).c_str());
  ReassignOptions reassign;
  reassign.departing = {org.reps()[leaver].id};
  reassign.today = as_of;
  auto plan = Reassigner(org).SetOptions(reassign).Run();
  if (!plan.ok()) {
    std::printf("\nReassignment failed: %s\n",
                std::string(plan.status().message()).c_str());
    return;
  }
  PrintReassignment(org, leaver, *plan, as_of + kNoticeDays);
  HandoverOptions options;
  options.leavers = {{org.reps()[leaver].id, as_of + kNoticeDays, true}};
  options.today = as_of;
  auto handover = PlanHandover(org, options, *plan, RiskModel::Default());
  if (!handover.ok()) {
    std::printf("\nHandover failed: %s\n",
                std::string(handover.status().message()).c_str());
    return;
  }
  PrintHandover(org, *handover, as_of + kNoticeDays);
  PrintAfterApply(org, *handover, options, what_if, as_of);
}

}  // namespace baton::demo
