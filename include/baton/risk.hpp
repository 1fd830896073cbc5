// Churn risk: the probability that an account lapses, with its reasons, from
// what the organisation graph says about it (DOMAIN.md, "churn early
// warning"), and what a departure does to it.
//
//   baton::RiskOptions options;
//   options.as_of = today;
//   baton::RiskScorer scorer(org, baton::RiskModel::Default());
//   auto scores = scorer.SetOptions(options).Score();  // accounts, reps, teams
//   auto why = scorer.Explain(account);  // features, contributions, words
//
// Risk = logistic(bias + sum of weight * (feature - centre) / scale), over
// the features of docs/risk.md. The default model's weights come from the
// practice, not from data; FitRiskModel (risk_fit.hpp) fits them to a
// company's own history.
#ifndef BATON_RISK_HPP_
#define BATON_RISK_HPP_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "baton/org.hpp"
#include "baton/reassign.hpp"
#include "baton/snapshot.hpp"

namespace baton {

// A feature Baton computes for an account from the organisation graph.
struct RiskFeatureInfo {
  std::string_view name;         // "owner_share", as models and messages name it
  std::string_view unit;         // "share", "days", "count", "flag", ...
  std::string_view description;  // one line, for docs and tooling
};

// The built-in account features, in the order models list them.
absl::Span<const RiskFeatureInfo> AccountRiskFeatures();

// A numeric signal the caller supplies per account (product usage, NPS, ...),
// used by a model as the feature "signal:<name>".
struct AccountSignal {
  std::string name;
  std::vector<double> values;  // one per account, in index order
};

// A logistic model over named features. Features are the built-in names or
// "signal:<name>"; centre and scale standardise each one.
struct RiskModel {
  static constexpr int kFormatVersion = 1;

  std::vector<std::string> features;
  std::vector<double> centre;
  std::vector<double> scale;   // > 0
  std::vector<double> weight;  // per standardised unit
  double bias = 0;

  // Every built-in feature with documented weights, centres and scales
  // (docs/risk.md), so that Baton scores out of the box.
  static RiskModel Default();

  // InvalidArgument naming the feature for an unknown or repeated name,
  // mismatched lengths, a scale <= 0 or a value that is not finite.
  absl::Status Validate() const;

  // The logit of a row of raw feature values, in `features` order.
  double Logit(absl::Span<const double> values) const;
};

// A plain text form ("baton-risk-model 1", then one line per feature), and
// files holding it. Loading checks the version and every value, and, when
// `expected_features` is not empty, that the model has exactly those
// features in that order (InvalidArgument naming the first difference).
std::string RiskModelToText(const RiskModel& model);
absl::StatusOr<RiskModel> RiskModelFromText(
    std::string_view text, absl::Span<const std::string> expected_features = {});
absl::Status SaveRiskModel(const RiskModel& model, const std::string& path);
absl::StatusOr<RiskModel> LoadRiskModel(
    const std::string& path, absl::Span<const std::string> expected_features = {});

// A model kept in an organisation's snapshot, as its text in the section
// "risk-model":
//   SaveSnapshot(org, path, {RiskModelSection(model)});
//   std::vector<SnapshotSection> sections;
//   auto org = LoadSnapshot(path, &sections);
//   auto model = RiskModelFromSections(sections);
// NotFound when the snapshot holds no model.
inline constexpr std::string_view kRiskModelSection = "risk-model";
SnapshotSection RiskModelSection(const RiskModel& model);
absl::StatusOr<RiskModel> RiskModelFromSections(
    absl::Span<const SnapshotSection> sections,
    absl::Span<const std::string> expected_features = {});

// A rep who leaves in a what-if, as of RiskOptions::as_of.
struct Leaver {
  RepIndex rep = kNoIndex;
  bool to_competitor = false;
};

// A new owner for an account, as a reassignment plan gives it.
struct NewOwner {
  AccountIndex account = kNoIndex;
  RepIndex owner = kNoIndex;  // kNoIndex: nobody
};

struct RiskOptions {
  static constexpr int kVersion = 1;

  Day as_of = kNoDay;  // required: the day features are computed for
  // Reps treated as departed on `as_of` (besides those who have left).
  std::vector<Leaver> leavers;
  // Owners that replace the recorded ones (a plan not yet applied).
  std::vector<NewOwner> owners;
  // Values for the model's "signal:<name>" features.
  std::vector<AccountSignal> signals;
  int reasons = 3;  // reasons in words kept per explained account
  int threads = 0;  // 0: one per core; the result does not depend on it
};

// Risk and revenue at risk summed over the accounts a rep owns, and the
// revenue that rests on the rep alone (key-person exposure): the value of
// accounts where the rep is the only active rep tied to any contact, or the
// owner of an account nobody active is tied to.
struct RepRisk {
  RepIndex rep = kNoIndex;
  std::int64_t accounts = 0;
  double value = 0;
  double value_at_risk = 0;
  double sole_value = 0;
};

struct TeamRisk {
  TeamIndex team = kNoIndex;
  std::int64_t accounts = 0;
  double value = 0;
  double value_at_risk = 0;
};

struct RiskScores {
  std::vector<double> risk;           // per account, in index order
  std::vector<double> value_at_risk;  // annual value * risk
  std::vector<RepRisk> reps;          // every rep, in index order
  std::vector<TeamRisk> teams;        // every team, in index order
  double total_value = 0;
  double total_value_at_risk = 0;
};

// One account's risk taken apart: raw features, their contributions to the
// logit (weight * standardised value) and the strongest reasons in words
// ("only Anna Nowak has been in touch in 90 days", "renewal in 21 days").
struct AccountRisk {
  AccountIndex account = kNoIndex;
  double risk = 0;
  double logit = 0;
  std::vector<double> features;       // in the model's order
  std::vector<double> contributions;  // in the model's order
  std::vector<std::string> reasons;
};

// Scoring over an organisation. The scorer keeps a reference to `org`, which
// must outlive it and not change while it scores. Score and Explain are const
// and safe from several threads at once.
class RiskScorer {
 public:
  RiskScorer(const Org& org, RiskModel model);

  RiskScorer& SetOptions(RiskOptions options) {
    options_ = std::move(options);
    return *this;
  }
  const RiskOptions& options() const { return options_; }
  const RiskModel& model() const { return model_; }

  // InvalidArgument for an invalid model, a missing `as_of`, an unknown rep
  // or account in the options, or a signal that is missing, of the wrong
  // length or not finite (naming the signal and the account).
  // O(accounts + contacts + relationships + recent interactions) / threads.
  absl::StatusOr<RiskScores> Score() const;
  absl::StatusOr<AccountRisk> Explain(AccountIndex account) const;
  // The same for many accounts, binding the scenario once.
  absl::StatusOr<std::vector<AccountRisk>> Explain(
      absl::Span<const AccountIndex> accounts) const;

  // The model's raw features of `accounts`, row by row (for fitting).
  absl::StatusOr<std::vector<double>> FeatureRows(
      absl::Span<const AccountIndex> accounts) const;

 private:
  const Org& org_;
  RiskModel model_;
  RiskOptions options_;
};

// What a departure does: for every account the leavers own or are tied to,
// its risk before, once they have gone (their accounts without an owner and
// their ties lost), and under the plan (the successors' own ties count).
struct DepartureRisk {
  AccountIndex account = kNoIndex;
  RepIndex owner_before = kNoIndex;
  RepIndex owner_after = kNoIndex;  // the plan's successor (kNoIndex: none)
  double value = 0;
  double before = 0;
  double after_departure = 0;
  double after_plan = 0;
};

struct DepartureWhatIf {
  std::vector<DepartureRisk> accounts;  // by value at risk after departure, descending
  double value_at_risk_before = 0;
  double value_at_risk_after_departure = 0;
  double value_at_risk_after_plan = 0;
};

// `options.leavers` names the leavers; `plan` (may be null) gives the
// successors; without one, "after plan" equals "after departure".
absl::StatusOr<DepartureWhatIf> WhatIfDeparture(const Org& org, const RiskModel& model,
                                                const RiskOptions& options,
                                                const Reassignment* plan);

}  // namespace baton

#endif  // BATON_RISK_HPP_
