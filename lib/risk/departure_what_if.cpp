// What a departure does to risk: the same accounts scored three times, as
// they are, once the leavers have gone, and under the successors' plan.
#include <algorithm>
#include <cmath>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "baton/risk.hpp"

namespace baton {
namespace {

// The accounts the leavers own or whose contacts they are tied to, ascending.
std::vector<AccountIndex> AffectedAccounts(const Org& org,
                                           absl::Span<const Leaver> leavers) {
  std::vector<AccountIndex> accounts;
  for (const Leaver& d : leavers) {
    const auto owned = org.AccountsOwnedBy(d.rep);
    accounts.insert(accounts.end(), owned.begin(), owned.end());
    for (const RelationshipIndex r : org.RelationshipsOfRep(d.rep))
      accounts.push_back(org.contacts()[org.relationships()[r].contact].account);
  }
  std::sort(accounts.begin(), accounts.end());
  accounts.erase(std::unique(accounts.begin(), accounts.end()), accounts.end());
  return accounts;
}

absl::StatusOr<std::vector<double>> Risks(const Org& org, const RiskModel& model,
                                          RiskOptions options,
                                          absl::Span<const AccountIndex> accounts) {
  RiskScorer scorer(org, model);
  scorer.SetOptions(std::move(options));
  auto rows = scorer.FeatureRows(accounts);
  if (!rows.ok()) return rows.status();
  const std::size_t width = model.features.size();
  std::vector<double> risks(accounts.size());
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    const double logit =
        model.Logit(absl::MakeConstSpan(rows->data() + i * width, width));
    risks[i] = 1.0 / (1.0 + std::exp(-logit));
  }
  return risks;
}

absl::Status CheckLeavers(const Org& org, absl::Span<const Leaver> leavers) {
  if (leavers.empty()) return absl::InvalidArgumentError("what-if: leavers: name a rep");
  for (std::size_t i = 0; i < leavers.size(); ++i)
    if (leavers[i].rep >= org.reps().size())
      return absl::InvalidArgumentError(
          absl::StrCat("what-if: leavers[", i, "]: no rep with index ", leavers[i].rep));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<DepartureWhatIf> WhatIfDeparture(const Org& org, const RiskModel& model,
                                                const RiskOptions& options,
                                                const Reassignment* plan) {
  if (absl::Status s = CheckLeavers(org, options.leavers); !s.ok()) return s;
  const std::vector<AccountIndex> accounts = AffectedAccounts(org, options.leavers);
  RiskOptions before = options;
  before.leavers.clear();
  RiskOptions planned = options;
  if (plan != nullptr)
    for (const AccountReassignment& a : plan->accounts)
      if (a.to != kNoIndex) planned.owners.push_back({a.account, a.to});
  auto risk_before = Risks(org, model, before, accounts);
  auto risk_after = Risks(org, model, options, accounts);
  auto risk_planned = Risks(org, model, planned, accounts);
  for (const auto* r : {&risk_before, &risk_after, &risk_planned})
    if (!r->ok()) return r->status();

  absl::flat_hash_map<AccountIndex, RepIndex> successor;
  for (const NewOwner& c : planned.owners) successor[c.account] = c.owner;
  DepartureWhatIf out;
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    DepartureRisk d;
    d.account = accounts[i];
    d.owner_before = org.accounts()[d.account].owner;
    const auto it = successor.find(d.account);
    const bool leaves =
        std::any_of(options.leavers.begin(), options.leavers.end(),
                    [&](const Leaver& l) { return l.rep == d.owner_before; });
    d.owner_after = it != successor.end() ? it->second
                    : leaves              ? kNoIndex
                                          : d.owner_before;
    d.value = org.accounts()[d.account].annual_value;
    d.before = (*risk_before)[i];
    d.after_departure = (*risk_after)[i];
    d.after_plan = (*risk_planned)[i];
    out.value_at_risk_before += d.value * d.before;
    out.value_at_risk_after_departure += d.value * d.after_departure;
    out.value_at_risk_after_plan += d.value * d.after_plan;
    out.accounts.push_back(d);
  }
  std::stable_sort(out.accounts.begin(), out.accounts.end(),
                   [](const DepartureRisk& a, const DepartureRisk& b) {
                     return a.value * a.after_departure > b.value * b.after_departure;
                   });
  return out;
}

}  // namespace baton
