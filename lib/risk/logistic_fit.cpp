// Fitting a TrainingTable: validation, standardisation, Newton's method,
// and k-fold cross-validation.
#include <cmath>
#include <numeric>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "baton/risk_fit.hpp"
#include "lib/risk/logistic_newton.hpp"

namespace baton {
namespace {

using Rows = std::vector<std::size_t>;

std::string RowName(const TrainingTable& table, std::size_t row) {
  if (row < table.row_ids.size())
    return absl::StrCat("row ", row + 1, " (", table.row_ids[row], ")");
  return absl::StrCat("row ", row + 1);
}

absl::Status CheckTable(const TrainingTable& table) {
  const std::size_t width = table.columns.size(), n = table.rows();
  if (n == 0) return absl::InvalidArgumentError("training table: no rows");
  if (width == 0) return absl::InvalidArgumentError("training table: no columns");
  if (table.values.size() != n * width) {
    return absl::InvalidArgumentError(
        absl::StrCat("training table: ", table.values.size(), " values for ", n,
                     " rows of ", width, " columns"));
  }
  // The columns become the model's features: names it can carry.
  RiskModel names;
  names.features = table.columns;
  names.centre.assign(width, 0.0);
  names.scale.assign(width, 1.0);
  names.weight.assign(width, 0.0);
  if (absl::Status s = names.Validate(); !s.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("training table: ", absl::StripPrefix(s.message(), "risk model: ")));
  }
  std::size_t lapsed = 0;
  for (std::size_t r = 0; r < n; ++r) {
    if (table.lapsed[r] > 1)
      return absl::InvalidArgumentError(absl::StrCat(
          "training table: ", RowName(table, r), ": outcome must be 0 or 1"));
    lapsed += table.lapsed[r];
    for (std::size_t c = 0; c < width; ++c) {
      if (!std::isfinite(table.values[r * width + c])) {
        return absl::InvalidArgumentError(
            absl::StrCat("training table: ", RowName(table, r), ", column ",
                         table.columns[c], ": value is missing or not finite"));
      }
    }
  }
  if (lapsed == 0 || lapsed == n) {
    return absl::InvalidArgumentError(absl::StrCat(
        "training table: every one of the ", n, " rows has outcome ", lapsed ? 1 : 0,
        "; fitting needs rows that lapsed and rows that stayed"));
  }
  return absl::OkStatus();
}

absl::Status CheckOptions(const FitOptions& o) {
  if (!(o.l2 >= 0) || !std::isfinite(o.l2))
    return absl::InvalidArgumentError("fit options: l2 must be finite and not negative");
  if (o.max_iterations < 1)
    return absl::InvalidArgumentError("fit options: max_iterations must be at least 1");
  if (!(o.tolerance > 0) || !std::isfinite(o.tolerance))
    return absl::InvalidArgumentError(
        "fit options: tolerance must be positive and finite");
  if (o.folds < 0)
    return absl::InvalidArgumentError("fit options: folds must not be negative");
  if (o.calibration_bins < 0 || o.calibration_bins > 1000)
    return absl::InvalidArgumentError("fit options: calibration_bins must be 0 to 1000");
  return absl::OkStatus();
}

// Mean and population standard deviation of each column over `rows`. A
// constant column is an error when `strict` (the whole table); within a
// cross-validation fold it gets scale 1, as scikit-learn's StandardScaler.
absl::Status Standardise(const TrainingTable& table, const Rows& rows, bool strict,
                         RiskModel* model) {
  const std::size_t width = table.columns.size();
  model->features = table.columns;
  model->centre.assign(width, 0);
  model->scale.assign(width, 0);
  for (std::size_t c = 0; c < width; ++c) {
    double mean = 0, m2 = 0, count = 0;
    for (const std::size_t r : rows) {  // Welford's update
      const double x = table.values[r * width + c];
      count += 1;
      const double delta = x - mean;
      mean += delta / count;
      m2 += delta * (x - mean);
    }
    const double sd = std::sqrt(m2 / count);
    const bool constant = !(sd > 1e-12 * std::max(1.0, std::abs(mean)));
    if (constant && strict) {
      return absl::InvalidArgumentError(
          absl::StrCat("training table: column ", table.columns[c], " is constant (",
                       mean, "): it cannot inform the model"));
    }
    model->centre[c] = mean;
    model->scale[c] = constant ? 1.0 : sd;
  }
  return absl::OkStatus();
}

Eigen::MatrixXd Design(const TrainingTable& table, const Rows& rows,
                       const RiskModel& model) {
  const std::size_t width = table.columns.size();
  Eigen::MatrixXd design(rows.size(), width + 1);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const double* x = table.values.data() + rows[i] * width;
    for (std::size_t c = 0; c < width; ++c)
      design(i, c) = (x[c] - model.centre[c]) / model.scale[c];
    design(i, width) = 1.0;
  }
  return design;
}

absl::StatusOr<RiskModel> FitRows(const TrainingTable& table, const Rows& rows,
                                  bool strict, const FitOptions& options,
                                  int* iterations) {
  RiskModel model;
  if (absl::Status s = Standardise(table, rows, strict, &model); !s.ok()) return s;
  Eigen::VectorXd y(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) y[i] = table.lapsed[rows[i]];
  auto fit = internal::FitNewton(Design(table, rows, model), y, options.l2,
                                 options.max_iterations, options.tolerance);
  if (!fit.ok()) return fit.status();
  const std::size_t width = table.columns.size();
  model.weight.assign(fit->beta.data(), fit->beta.data() + width);
  model.bias = fit->beta[width];
  if (iterations != nullptr) *iterations = fit->iterations;
  return model;
}

void Predict(const TrainingTable& table, const Rows& rows, const RiskModel& model,
             std::vector<double>* out) {
  const std::size_t width = table.columns.size();
  for (const std::size_t r : rows) {
    const double logit =
        model.Logit(absl::MakeConstSpan(table.values.data() + r * width, width));
    (*out)[r] = 1.0 / (1.0 + std::exp(-logit));
  }
}

// Fold f holds rows [begin, end) as scikit-learn's KFold(folds) cuts them.
std::pair<std::size_t, std::size_t> FoldBounds(std::size_t n, int folds, int f) {
  const std::size_t base = n / folds, extra = n % folds;
  const std::size_t begin = f * base + std::min<std::size_t>(f, extra);
  return {begin, begin + base + (static_cast<std::size_t>(f) < extra ? 1 : 0)};
}

absl::Status CrossValidate(const TrainingTable& table, const FitOptions& options,
                           FitReport* report) {
  const std::size_t n = table.rows();
  std::vector<double> out_of_fold(n);
  double auc_sum = 0;
  for (int f = 0; f < options.folds; ++f) {
    const auto [begin, end] = FoldBounds(n, options.folds, f);
    Rows train, test;
    for (std::size_t r = 0; r < n; ++r)
      (r >= begin && r < end ? test : train).push_back(r);
    auto model = FitRows(table, train, /*strict=*/false, options, nullptr);
    if (!model.ok()) {
      return absl::Status(
          model.status().code(),
          absl::StrCat("cross-validation fold ", f + 1, ": ", model.status().message()));
    }
    Predict(table, test, *model, &out_of_fold);
    std::vector<std::uint8_t> lapsed;
    for (const std::size_t r : test) lapsed.push_back(table.lapsed[r]);
    report->folds.push_back(
        MeasureFit(absl::MakeConstSpan(out_of_fold).subspan(begin, end - begin), lapsed,
                   options.calibration_bins));
    auc_sum += report->folds.back().auc;
  }
  report->cross_validated =
      MeasureFit(out_of_fold, table.lapsed, options.calibration_bins);
  report->mean_fold_auc = auc_sum / options.folds;
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<FitReport> FitLogistic(const TrainingTable& table,
                                      const FitOptions& options) {
  if (absl::Status s = CheckOptions(options); !s.ok()) return s;
  if (absl::Status s = CheckTable(table); !s.ok()) return s;
  FitReport report;
  Rows all(table.rows());
  std::iota(all.begin(), all.end(), 0);
  auto model = FitRows(table, all, /*strict=*/true, options, &report.iterations);
  if (!model.ok()) return model.status();
  report.model = *std::move(model);
  std::vector<double> predicted(table.rows());
  Predict(table, all, report.model, &predicted);
  report.training = MeasureFit(predicted, table.lapsed, options.calibration_bins);
  if (options.folds >= 2) {
    if (table.rows() < static_cast<std::size_t>(options.folds)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "fit options: ", options.folds, " folds for ", table.rows(), " rows"));
    }
    if (absl::Status s = CrossValidate(table, options, &report); !s.ok()) return s;
  }
  return report;
}

}  // namespace baton
