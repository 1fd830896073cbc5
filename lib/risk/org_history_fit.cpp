// Fitting a risk model on an organisation's own history: the features of
// its accounts as of a past day, against whether each lapsed afterwards.
#include "absl/strings/str_cat.h"
#include "baton/risk_fit.hpp"

namespace baton {

absl::StatusOr<FitReport> FitRiskModel(const Org& org, const RiskOptions& options,
                                       const std::vector<std::string>& features,
                                       absl::Span<const AccountIndex> accounts,
                                       absl::Span<const std::uint8_t> lapsed,
                                       const FitOptions& fit) {
  if (accounts.size() != lapsed.size()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "risk fit: ", accounts.size(), " accounts but ", lapsed.size(), " outcomes"));
  }
  // A model of the features with neutral terms tells the scorer what to
  // compute; the fit replaces every term.
  RiskModel shape;
  shape.features = features;
  shape.centre.assign(features.size(), 0.0);
  shape.scale.assign(features.size(), 1.0);
  shape.weight.assign(features.size(), 0.0);
  RiskScorer scorer(org, std::move(shape));
  scorer.SetOptions(options);
  auto rows = scorer.FeatureRows(accounts);
  if (!rows.ok()) return rows.status();

  TrainingTable table;
  table.columns = features;
  table.values = *std::move(rows);
  table.lapsed.assign(lapsed.begin(), lapsed.end());
  for (const AccountIndex a : accounts)
    table.row_ids.push_back(a < org.accounts().size() ? org.accounts()[a].id : "");
  return FitLogistic(table, fit);
}

}  // namespace baton
