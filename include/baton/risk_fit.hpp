// Fitting risk models: L2-regularised logistic regression by Newton's method
// (IRLS, with Eigen's Cholesky factorisation), its quality figures, and
// deterministic k-fold cross-validation, over any table of numeric and
// categorical columns, or over an organisation's history.
//
// The objective is the one scikit-learn's LogisticRegression minimises with
// C = 1 / l2: sum of log-losses + l2 / 2 * |weights|^2, the bias not
// penalised, after standardising every column (population standard
// deviation) and one-hot encoding categorical ones (a column per level,
// levels sorted).
#ifndef BATON_RISK_FIT_HPP_
#define BATON_RISK_FIT_HPP_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "baton/org.hpp"
#include "baton/risk.hpp"

namespace baton {

// Rows of numeric columns with a 0/1 outcome: the trainer's input.
struct TrainingTable {
  std::vector<std::string> columns;
  std::vector<double> values;        // row-major, rows * columns.size()
  std::vector<std::uint8_t> lapsed;  // per row: 1 lapsed (churned), 0 stayed
  std::vector<std::string> row_ids;  // optional: names rows in messages

  std::size_t rows() const { return lapsed.size(); }
};

// How to read a CSV file into a TrainingTable. Columns not named are ignored.
struct TableSpec {
  std::vector<std::string> numeric;      // parsed as numbers
  std::vector<std::string> categorical;  // one 0/1 column "name=level" per level
  std::string outcome;                   // the outcome column
  std::string positive;                  // the outcome's value meaning "lapsed"
  std::string id;                        // optional: a column naming rows
  // Skip rows with an empty value instead of rejecting the file.
  bool skip_incomplete_rows = false;
};

// Errors name the file, line and column: a missing column, an empty or
// non-numeric value, an outcome that is neither `positive` nor the one other
// value seen. `skipped`, if not null, receives the number of rows skipped.
absl::StatusOr<TrainingTable> ReadTrainingTable(const std::string& path,
                                                const TableSpec& spec,
                                                std::int64_t* skipped = nullptr);

struct FitOptions {
  static constexpr int kVersion = 1;

  double l2 = 1.0;  // scikit-learn's 1 / C
  int max_iterations = 100;
  double tolerance = 1e-10;  // on the largest Newton step, in logit units
  int folds = 5;             // cross-validation folds; 0 or 1: none
  int calibration_bins = 10;
};

// One row of a calibration table: rows whose predicted risk falls in
// [low, high), their mean prediction and the share that lapsed.
struct CalibrationBin {
  double low = 0;
  double high = 0;
  std::int64_t rows = 0;
  double mean_predicted = 0;
  double observed = 0;
};

struct FitQuality {
  double auc = 0;       // area under the ROC curve, ties counted half
  double log_loss = 0;  // mean
  double brier = 0;     // mean squared error of the probability
  std::vector<CalibrationBin> calibration;
};

struct FitReport {
  RiskModel model;
  int iterations = 0;
  FitQuality training;  // of the model on the rows it was fitted to
  // Out-of-fold figures: folds are consecutive blocks of rows (the first
  // rows % folds blocks one row longer, as scikit-learn's KFold), each
  // standardised and fitted on the other folds.
  std::vector<FitQuality> folds;
  FitQuality cross_validated;  // of every row's out-of-fold prediction
  double mean_fold_auc = 0;
};

// InvalidArgument naming the column or row for a table with no rows, a
// constant column, a value that is not finite, a single-class outcome or bad
// options; FailedPrecondition if Newton's method does not converge.
absl::StatusOr<FitReport> FitLogistic(const TrainingTable& table,
                                      const FitOptions& options);

// The quality of any predictions against outcomes.
FitQuality MeasureFit(absl::Span<const double> predicted,
                      absl::Span<const std::uint8_t> lapsed, int calibration_bins);

// Fits the features of `features` (built-in names or "signal:<name>") on an
// organisation's history: the features of `accounts` as of `options.as_of`
// and whether each lapsed within the horizon that followed.
absl::StatusOr<FitReport> FitRiskModel(const Org& org, const RiskOptions& options,
                                       const std::vector<std::string>& features,
                                       absl::Span<const AccountIndex> accounts,
                                       absl::Span<const std::uint8_t> lapsed,
                                       const FitOptions& fit);

}  // namespace baton

#endif  // BATON_RISK_FIT_HPP_
