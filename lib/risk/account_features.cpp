#include "lib/risk/account_features.hpp"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"

namespace baton {

absl::Span<const RiskFeatureInfo> AccountRiskFeatures() {
  static constexpr RiskFeatureInfo kFeatures[] = {
      {"owner_share", "share",
       "share of the account's relationship weight held by its owner (0: no owner)"},
      {"unowned", "flag", "1 when no active rep owns the account"},
      {"departed_share", "share",
       "share of the relationship weight held by reps who have left"},
      {"competitor_share", "share",
       "share of the relationship weight held by reps who left for a competitor"},
      {"reps_in_contact_90d", "count",
       "active reps who met, called or wrote to the account in the last 90 days"},
      {"single_threaded", "flag",
       "1 when fewer than two active reps were in contact in 90 days"},
      {"key_player_coverage", "share",
       "share of key players (decision makers, champions, flagged) tied to an active rep "
       "other than the owner"},
      {"deepest_depth", "depth 0-5",
       "deepest tie an active rep has with a contact (0: none)"},
      {"mean_depth", "depth 0-5", "mean depth of the active reps' ties (0: none)"},
      {"days_since_interaction", "days", "days since the last interaction (730 at most)"},
      {"interaction_trend", "-1..1",
       "(r90 - r270) / (r90 + r270) of daily interaction rates: the last 90 days against "
       "the "
       "270 before"},
      {"open_complaints", "count", "complaints open on the day"},
      {"worst_open_severity", "severity 0-4",
       "worst open complaint (0: none, 4: critical)"},
      {"days_to_renewal", "days", "days to the renewal date, 0 to 730 (730: none)"},
      {"tenure_days", "days", "days since the account became a customer (0: unknown)"},
      {"log_annual_value", "ln(value)", "ln(1 + annual value)"},
      {"tier_weight", "load weight", "the tier's load weight"},
  };
  static_assert(std::size(kFeatures) == internal::kBuiltinFeatureCount);
  return kFeatures;
}

namespace internal {

absl::StatusOr<RiskView> RiskView::Make(const Org& org, const RiskOptions& options) {
  RiskView view;
  view.org_ = &org;
  view.as_of_ = options.as_of;
  if (!IsValidDay(options.as_of))
    return absl::InvalidArgumentError("risk options: as_of: a day is required");
  const auto reps = org.reps();
  view.rep_state_.resize(reps.size(), kActive);
  for (std::size_t r = 0; r < reps.size(); ++r) {
    if (reps[r].active() || reps[r].departed_on > options.as_of) continue;
    view.rep_state_[r] = reps[r].to_competitor ? kCompetitor : kDeparted;
  }
  for (std::size_t i = 0; i < options.leavers.size(); ++i) {
    const Leaver& d = options.leavers[i];
    if (d.rep >= reps.size())
      return absl::InvalidArgumentError(
          absl::StrCat("risk options: leavers[", i, "]: no rep with index ", d.rep));
    if (view.rep_state_[d.rep] == kActive || d.to_competitor)
      view.rep_state_[d.rep] = d.to_competitor ? kCompetitor : kDeparted;
  }
  for (std::size_t i = 0; i < options.owners.size(); ++i) {
    const NewOwner& change = options.owners[i];
    if (change.account >= org.accounts().size())
      return absl::InvalidArgumentError(absl::StrCat(
          "risk options: owners[", i, "]: no account with index ", change.account));
    if (change.owner != kNoIndex && change.owner >= reps.size())
      return absl::InvalidArgumentError(absl::StrCat(
          "risk options: owners[", i, "] (account ", org.accounts()[change.account].id,
          "): no rep with index ", change.owner));
    view.owners_[change.account] = change.owner;
  }
  return view;
}

RepIndex RiskView::owner(AccountIndex account) const {
  RepIndex owner = org_->accounts()[account].owner;
  if (!owners_.empty()) {
    const auto it = owners_.find(account);
    if (it != owners_.end()) owner = it->second;
  }
  return owner != kNoIndex && active(owner) ? owner : kNoIndex;
}

int BuiltinFeatureOf(std::string_view name) {
  const auto infos = AccountRiskFeatures();
  for (std::size_t f = 0; f < infos.size(); ++f)
    if (infos[f].name == name) return static_cast<int>(f);
  return -1;
}

bool IsKeyPlayer(const Contact& contact) {
  return contact.key_player || contact.role == ContactRole::kDecisionMaker ||
         contact.role == ContactRole::kChampion;
}

namespace {

// 2^(-age / kTieHalfLifeDays) for whole days, looked up for the ages that
// matter: exp2 was a sixth of the scoring time.
constexpr Day kDecayDays = 4096;
const std::vector<double> kDecay = [] {
  std::vector<double> table(kDecayDays);
  for (Day d = 0; d < kDecayDays; ++d) table[d] = std::exp2(-d / kTieHalfLifeDays);
  return table;
}();

double Decay(Day age) {
  return age < kDecayDays ? kDecay[age] : std::exp2(-age / kTieHalfLifeDays);
}

// Relationship weight: strength * depth / 5, twice for key players, halved
// every kTieHalfLifeDays since it was last touched.
double TieWeight(const Relationship& r, bool key, Day as_of) {
  const Day touched = r.last_touch != kNoDay ? r.last_touch : r.since;
  const Day age = touched == kNoDay ? 0 : std::max(0, as_of - touched);
  return r.strength * (static_cast<int>(r.depth) * 0.2) * (key ? 2.0 : 1.0) * Decay(age);
}

void AddRepInContact(RepIndex rep, std::vector<RepIndex>& reps) {
  if (std::find(reps.begin(), reps.end(), rep) == reps.end()) reps.push_back(rep);
}

// Shares, depths, key-player coverage, and the reps whose ties are recent.
void RelationshipFacts(const RiskView& view, AccountIndex account, FactsScratch& scratch,
                       AccountFacts* f) {
  const Org& org = view.org();
  const Day as_of = view.as_of();
  const auto contacts = org.contacts();
  const auto relationships = org.relationships();
  double total = 0, owned = 0, departed = 0, competitor = 0, depth_sum = 0;
  int deepest = 0, active_ties = 0;
  bool several_tied = false;
  for (const ContactIndex c : org.ContactsOf(account)) {
    const Contact& contact = contacts[c];
    const bool key = IsKeyPlayer(contact);
    bool covered = false;
    for (const RelationshipIndex ri : org.RelationshipsOfContact(c)) {
      const Relationship& r = relationships[ri];
      if (r.since != kNoDay && r.since > as_of) continue;
      const double w = TieWeight(r, key, as_of);
      total += w;
      if (!view.active(r.rep)) {
        departed += w;
        if (view.to_competitor(r.rep)) competitor += w;
        continue;
      }
      if (r.rep == f->owner) owned += w;
      covered |= r.rep != f->owner;
      const int depth = static_cast<int>(r.depth);
      deepest = std::max(deepest, depth);
      depth_sum += depth;
      ++active_ties;
      if (f->any_active_tie && f->sole_tied_rep != r.rep) several_tied = true;
      f->any_active_tie = true;
      f->sole_tied_rep = r.rep;
      if (r.last_touch != kNoDay && r.last_touch <= as_of &&
          as_of - r.last_touch < kRecentDays)
        AddRepInContact(r.rep, scratch.reps);
    }
    f->key_players += key;
    f->key_players_covered += key && covered;
  }
  if (several_tied) f->sole_tied_rep = kNoIndex;
  double* x = f->features;
  x[kOwnerShare] = total > 0 ? owned / total : 0;
  x[kUnowned] = f->owner == kNoIndex ? 1 : 0;
  x[kDepartedShare] = total > 0 ? departed / total : 0;
  x[kCompetitorShare] = total > 0 ? competitor / total : 0;
  x[kKeyPlayerCoverage] =
      f->key_players > 0 ? static_cast<double>(f->key_players_covered) / f->key_players
                         : 0;
  x[kDeepestDepth] = deepest;
  x[kMeanDepth] = active_ties > 0 ? depth_sum / active_ties : 0;
}

// Recency and trend of interactions, from the days sorted alongside them;
// only the recent ones are read, for their reps.
void InteractionFacts(const RiskView& view, AccountIndex account, FactsScratch& scratch,
                      AccountFacts* f) {
  const Org& org = view.org();
  const Day as_of = view.as_of();
  const auto days = org.InteractionDaysOf(account);
  const auto end = std::upper_bound(days.begin(), days.end(), as_of);
  const auto recent = std::upper_bound(days.begin(), end, as_of - kRecentDays);
  const auto earlier =
      std::upper_bound(days.begin(), recent, as_of - kRecentDays - kEarlierDays);
  f->interactions_recent = static_cast<int>(end - recent);
  f->interactions_earlier = static_cast<int>(recent - earlier);
  const auto reps = org.InteractionRepsOf(account);
  for (auto i = recent - days.begin(); i < end - days.begin(); ++i) {
    if (reps[i] != kNoIndex && view.active(reps[i]))
      AddRepInContact(reps[i], scratch.reps);
  }
  const double r90 = f->interactions_recent / double{kRecentDays};
  const double r270 = f->interactions_earlier / double{kEarlierDays};
  double* x = f->features;
  x[kDaysSinceInteraction] =
      end == days.begin() ? kDayCap : std::min(kDayCap, as_of - end[-1]);
  x[kInteractionTrend] = r90 + r270 > 0 ? (r90 - r270) / (r90 + r270) : 0;
}

void ComplaintFacts(const Org& org, AccountIndex account, Day as_of, double* x) {
  int open = 0, worst = 0;
  for (const ComplaintIndex c : org.ComplaintsOf(account)) {
    const Complaint& complaint = org.complaints()[c];
    if (complaint.opened_on > as_of) continue;
    if (!complaint.open() && complaint.closed_on <= as_of) continue;
    ++open;
    worst = std::max(worst, static_cast<int>(complaint.severity));
  }
  x[kOpenComplaints] = open;
  x[kWorstOpenSeverity] = worst;
}

void AccountRecordFacts(const Org& org, AccountIndex account, Day as_of, double* x) {
  const Account& a = org.accounts()[account];
  x[kDaysToRenewal] =
      a.renewal_on == kNoDay ? kDayCap : std::clamp(a.renewal_on - as_of, 0, kDayCap);
  x[kTenureDays] = a.customer_since == kNoDay ? 0 : std::max(0, as_of - a.customer_since);
  x[kLogAnnualValue] = std::log1p(std::max(0.0, a.annual_value));
  x[kTierWeight] = a.tier == kNoIndex ? 0 : org.tiers()[a.tier].load_weight;
}

}  // namespace

void ComputeFacts(const RiskView& view, AccountIndex account, FactsScratch& scratch,
                  AccountFacts* facts) {
  *facts = AccountFacts{};
  facts->account = account;
  facts->owner = view.owner(account);
  scratch.reps.clear();
  RelationshipFacts(view, account, scratch, facts);
  InteractionFacts(view, account, scratch, facts);
  ComplaintFacts(view.org(), account, view.as_of(), facts->features);
  AccountRecordFacts(view.org(), account, view.as_of(), facts->features);
  const int in_contact = static_cast<int>(scratch.reps.size());
  facts->features[kRepsInContact90d] = in_contact;
  facts->features[kSingleThreaded] = in_contact < 2 ? 1 : 0;
  if (in_contact == 1) facts->only_rep_in_contact = scratch.reps[0];
}

}  // namespace internal
}  // namespace baton
