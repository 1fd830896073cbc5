#include "lib/reassign/reassignment_report.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "lib/model/strings.hpp"

namespace baton {

std::string_view NameOf(UnassignedReason reason) {
  switch (reason) {
    case UnassignedReason::kNone:
      return "none";
    case UnassignedReason::kNoEligibleRep:
      return "no_eligible_rep";
    case UnassignedReason::kCapacityExhausted:
      return "capacity_exhausted";
    case UnassignedReason::kTierLimit:
      return "tier_limit";
  }
  return "unknown";
}

Batch Reassignment::ToBatch(const Org& org) const {
  Batch batch;
  for (const AccountReassignment& a : accounts) {
    if (a.to == kNoIndex || a.to == a.from) continue;
    batch.ChangeOwner(org.accounts()[a.account].id, org.reps()[a.to].id);
  }
  return batch;
}

namespace internal {
namespace {

constexpr std::uint32_t kUnassigned = AssignmentSolution::kUnassigned;

// The rules an account had to meet, for "nobody qualifies" messages.
std::string RulesOf(const Org& org, const ReassignOptions& options, AccountIndex a) {
  const Account& account = org.accounts()[a];
  std::vector<std::string> rules;
  if (account.tier != kNoIndex && org.tiers()[account.tier].min_seniority > 0) {
    rules.push_back(Cat("seniority ", org.tiers()[account.tier].min_seniority,
                        "+ for tier ", org.tiers()[account.tier].id));
  }
  if ((options.eligibility & kSameTeam) && account.owner != kNoIndex) {
    const TeamIndex team = org.reps()[account.owner].team;
    rules.push_back(Cat("team ", team == kNoIndex ? "(none)" : org.teams()[team].id));
  }
  if ((options.eligibility & kSameTerritory) && account.territory != kNoTag) {
    rules.push_back(Cat("territory ", org.tag(account.territory)));
  }
  if ((options.eligibility & kSameSegment) && account.segment != kNoTag) {
    rules.push_back(Cat("segment ", org.tag(account.segment)));
  }
  std::string text;
  for (const std::string& rule : rules)
    text = text.empty() ? rule : Cat(text, ", ", rule);
  return text.empty() ? "" : Cat(" (", text, ")");
}

std::string WhyNobody(const Org& org, const ReassignOptions& options, AccountIndex a,
                      UnassignedReason reason) {
  switch (reason) {
    case UnassignedReason::kNoEligibleRep:
      return Cat("no rep who may take accounts meets the rules",
                 RulesOf(org, options, a));
    case UnassignedReason::kTierLimit: {
      const TierPolicy& tier = org.tiers()[org.accounts()[a].tier];
      return Cat("every eligible rep with room already carries ", tier.max_per_rep,
                 " tier ", tier.id, " accounts, the most allowed");
    }
    default:
      return "every eligible rep's capacity is taken";
  }
}

LoadBalance BalanceOf(const Org& org, const ReassignScope& scope,
                      const std::vector<std::int64_t>& load) {
  LoadBalance b;
  std::vector<double> use;
  for (RepIndex r = 0; r < org.reps().size(); ++r) {
    if (scope.taker[r] && org.reps()[r].capacity > 0) {
      use.push_back(static_cast<double>(load[r]) /
                    static_cast<double>(org.reps()[r].capacity));
    }
  }
  if (use.empty()) return b;
  const auto [lo, hi] = std::minmax_element(use.begin(), use.end());
  b.min_utilisation = *lo;
  b.max_utilisation = *hi;
  double sum = 0, squares = 0;
  for (double u : use) sum += u;
  b.mean_utilisation = sum / static_cast<double>(use.size());
  for (double u : use) squares += (u - b.mean_utilisation) * (u - b.mean_utilisation);
  b.stddev_utilisation = std::sqrt(squares / static_cast<double>(use.size()));
  b.max_min_ratio = *lo > 0 ? *hi / *lo : std::numeric_limits<double>::infinity();
  return b;
}

// One account of the run: where it goes and why, or why nobody takes it.
class AccountExplainer {
 public:
  AccountExplainer(const Org& org, const ReassignOptions& options,
                   const ReassignScope& scope, const SuccessorPricer& pricer,
                   const ReassignProblem& problem,
                   const std::vector<std::uint32_t>& rep_of,
                   const std::vector<std::uint8_t>& tier_limited)
      : org_(org),
        options_(options),
        scope_(scope),
        pricer_(pricer),
        problem_(problem),
        rep_of_(rep_of),
        tier_limited_(tier_limited) {
    for (std::uint32_t i = 0; i < problem.units.size(); ++i) {
      for (AccountIndex a : problem.units[i].members) unit_of_[a] = i;
    }
  }

  AccountReassignment Explain(AccountIndex a) {
    AccountReassignment out;
    out.account = a;
    out.from = org_.accounts()[a].owner;
    if (auto pin = scope_.pinned_to.find(a); pin != scope_.pinned_to.end()) {
      out.to = pin->second;
      out.pinned = true;
      out.reasons.push_back("pinned");
      return out;
    }
    const std::uint32_t unit = unit_of_.at(a);
    if (rep_of_[unit] == kUnassigned) {
      out.unassigned = tier_limited_[unit] ? UnassignedReason::kTierLimit
                       : problem_.units[unit].stuck != UnassignedReason::kNone
                           ? problem_.units[unit].stuck
                           : UnassignedReason::kCapacityExhausted;
      out.reasons.push_back(WhyNobody(org_, options_, a, out.unassigned));
      return out;
    }
    out.to = problem_.takers[rep_of_[unit]];
    pricer_.TiesOf(a, &ties_);
    auto tie = std::find_if(ties_.begin(), ties_.end(),
                            [&](const Tie& t) { return t.rep == out.to; });
    out.cost = pricer_.Cost(a, out.to, tie == ties_.end() ? nullptr : &*tie);
    out.reasons = pricer_.Reasons(a, out.to);
    return out;
  }

 private:
  const Org& org_;
  const ReassignOptions& options_;
  const ReassignScope& scope_;
  const SuccessorPricer& pricer_;
  const ReassignProblem& problem_;
  const std::vector<std::uint32_t>& rep_of_;
  const std::vector<std::uint8_t>& tier_limited_;
  absl::flat_hash_map<AccountIndex, std::uint32_t> unit_of_;
  std::vector<Tie> ties_;  // scratch
};

}  // namespace

void ReportPlan(const Org& org, const ReassignOptions& options,
                const ReassignScope& scope, const SuccessorPricer& pricer,
                const ReassignProblem& problem, const std::vector<std::uint32_t>& rep_of,
                const std::vector<std::uint8_t>& tier_limited, Reassignment* result) {
  AccountExplainer explainer(org, options, scope, pricer, problem, rep_of, tier_limited);
  std::vector<std::int64_t> after = scope.current_load;
  result->accounts.reserve(scope.accounts.size());
  for (AccountIndex a : scope.accounts) {
    const AccountReassignment& out = result->accounts.emplace_back(explainer.Explain(a));
    if (out.to == kNoIndex) ++result->unassigned;
    if (out.to == kNoIndex || out.to == out.from) continue;
    ++result->moves;
    const std::int64_t weight = LoadWeight(org, a);
    if (out.from != kNoIndex) after[out.from] -= weight;
    after[out.to] += weight;
  }
  for (AccountReassignment& out : result->accounts) {
    if (out.to == kNoIndex) continue;
    const Rep& rep = org.reps()[out.to];
    out.reasons.push_back(Cat(rep.name, "'s load ", scope.current_load[out.to], " -> ",
                              after[out.to], " of ", rep.capacity));
  }
  for (RepIndex r = 0; r < org.reps().size(); ++r) {
    if (scope.taker[r] || scope.leaving[r]) {
      result->reps.push_back(
          {r, scope.current_load[r], after[r], org.reps()[r].capacity});
    }
  }
  result->before = BalanceOf(org, scope, scope.current_load);
  result->after = BalanceOf(org, scope, after);
}

}  // namespace internal
}  // namespace baton
