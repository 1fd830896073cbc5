// The model: its default, its validation and its logit.
#include <cmath>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "baton/risk.hpp"
#include "lib/risk/account_features.hpp"

namespace baton {
namespace {

// centre, scale, weight of each built-in feature (docs/risk.md explains
// the choices): weights are logits per scale unit, from the practice.
struct DefaultTerm {
  double centre, scale, weight;
};
constexpr DefaultTerm kDefaultTerms[] = {
    {0.5, 0.35, 0.35},  // owner_share: one rep holds the account
    {0.0, 1.0, 1.00},   // unowned: nobody looks after it
    {0.0, 0.5, 0.60},   // departed_share: ties that walked out
    {0.0, 0.5, 0.50},   // competitor_share: ... to a competitor
    {2.0, 1.5, -0.30},  // reps_in_contact_90d
    {0.5, 0.5, 0.45},   // single_threaded
    {0.5, 0.4, -0.45},  // key_player_coverage
    {3.0, 1.2, -0.35},  // deepest_depth
    {2.5, 1.0, -0.15},  // mean_depth
    {45, 120, 0.50},    // days_since_interaction
    {0.0, 0.5, -0.30},  // interaction_trend
    {0.0, 1.0, 0.40},   // open_complaints
    {0.0, 1.5, 0.30},   // worst_open_severity
    {180, 90, -0.50},   // days_to_renewal
    {730, 600, -0.25},  // tenure_days
    {10, 1.5, -0.10},   // log_annual_value
    {2.0, 1.5, -0.05},  // tier_weight
};
static_assert(std::size(kDefaultTerms) == internal::kBuiltinFeatureCount);
constexpr double kDefaultBias = -2.2;

}  // namespace

RiskModel RiskModel::Default() {
  RiskModel model;
  model.bias = kDefaultBias;
  const auto infos = AccountRiskFeatures();
  for (std::size_t f = 0; f < infos.size(); ++f) {
    model.features.emplace_back(infos[f].name);
    model.centre.push_back(kDefaultTerms[f].centre);
    model.scale.push_back(kDefaultTerms[f].scale);
    model.weight.push_back(kDefaultTerms[f].weight);
  }
  return model;
}

absl::Status RiskModel::Validate() const {
  const std::size_t n = features.size();
  if (centre.size() != n || scale.size() != n || weight.size() != n) {
    return absl::InvalidArgumentError(
        absl::StrCat("risk model: ", n, " features but ", centre.size(), " centres, ",
                     scale.size(), " scales and ", weight.size(), " weights"));
  }
  if (!std::isfinite(bias))
    return absl::InvalidArgumentError("risk model: bias is not finite");
  absl::flat_hash_set<std::string_view> seen;
  for (std::size_t f = 0; f < n; ++f) {
    const std::string& name = features[f];
    const auto bad = [&](absl::string_view what) {
      return absl::InvalidArgumentError(
          absl::StrCat("risk model: feature ", f, " (", name, "): ", what));
    };
    if (name.empty() || name.front() == ' ' || name.back() == ' ' ||
        name.find_first_of("\n\r") != std::string::npos)
      return bad("a name must be one line without leading or trailing spaces");
    if (!seen.insert(name).second) return bad("listed twice");
    if (!std::isfinite(centre[f])) return bad("centre is not finite");
    if (!(scale[f] > 0) || !std::isfinite(scale[f])) return bad("scale must be positive");
    if (!std::isfinite(weight[f])) return bad("weight is not finite");
  }
  return absl::OkStatus();
}

double RiskModel::Logit(absl::Span<const double> values) const {
  double logit = bias;
  for (std::size_t f = 0; f < features.size() && f < values.size(); ++f)
    logit += weight[f] * (values[f] - centre[f]) / scale[f];
  return logit;
}

}  // namespace baton
