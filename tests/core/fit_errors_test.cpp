// FitLogistic refuses every bad option and table shape a caller can give it,
// naming the option or row, and reports a fit that does not converge.
#include <cmath>
#include <limits>
#include <string>

#include "baton/risk_fit.hpp"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace baton {
namespace {

using ::testing::HasSubstr;

// Ten rows of two columns, five lapsed, not separable.
TrainingTable SmallTable() {
  TrainingTable table;
  table.columns = {"x", "y"};
  const double x[] = {0.1, 0.9, 0.4, 0.7, 0.2, 0.8, 0.3, 0.6, 0.5, 0.05};
  const double y[] = {1.0, 0.2, 0.5, 0.9, 0.3, 0.1, 0.8, 0.4, 0.6, 0.7};
  const std::uint8_t lapsed[] = {0, 1, 1, 0, 0, 1, 0, 1, 1, 0};
  for (int r = 0; r < 10; ++r) {
    table.values.push_back(x[r]);
    table.values.push_back(y[r]);
    table.lapsed.push_back(lapsed[r]);
  }
  return table;
}

absl::Status FitStatus(const TrainingTable& table, const FitOptions& options) {
  return FitLogistic(table, options).status();
}

TEST(FitErrors, TheSmallTableFits) {
  // The baseline the refusals below depart from by one field each.
  FitOptions options;
  options.folds = 2;
  EXPECT_TRUE(FitLogistic(SmallTable(), options).ok());
}

TEST(FitErrors, EveryBadOptionIsNamed) {
  const TrainingTable table = SmallTable();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  struct Case {
    const char* what;
    FitOptions options;
    const char* message;
  };
  FitOptions l2_nan, l2_inf, iterations, tolerance_zero, tolerance_nan, folds,
      bins_negative, bins_huge;
  l2_nan.l2 = nan;
  l2_inf.l2 = inf;
  iterations.max_iterations = 0;
  tolerance_zero.tolerance = 0;
  tolerance_nan.tolerance = nan;
  folds.folds = -1;
  bins_negative.calibration_bins = -1;
  bins_huge.calibration_bins = 1001;
  const Case cases[] = {
      {"l2 NaN", l2_nan, "fit options: l2 must be finite and not negative"},
      {"l2 infinite", l2_inf, "fit options: l2 must be finite and not negative"},
      {"no iterations", iterations, "fit options: max_iterations must be at least 1"},
      {"tolerance 0", tolerance_zero,
       "fit options: tolerance must be positive and finite"},
      {"tolerance NaN", tolerance_nan,
       "fit options: tolerance must be positive and finite"},
      {"folds -1", folds, "fit options: folds must not be negative"},
      {"bins -1", bins_negative, "fit options: calibration_bins must be 0 to 1000"},
      {"bins 1001", bins_huge, "fit options: calibration_bins must be 0 to 1000"},
  };
  for (const Case& c : cases) {
    const absl::Status status = FitStatus(table, c.options);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << c.what;
    EXPECT_EQ(status.message(), c.message) << c.what;
  }
}

TEST(FitErrors, TheCalibrationBinLimitsAreAccepted) {
  FitOptions none, most;
  none.calibration_bins = 0;
  most.calibration_bins = 1000;
  const auto with_none = FitLogistic(SmallTable(), none);
  ASSERT_TRUE(with_none.ok()) << with_none.status();
  EXPECT_TRUE(with_none->training.calibration.empty());
  EXPECT_TRUE(FitLogistic(SmallTable(), most).ok());
}

TEST(FitErrors, BadTableShapesAreNamed) {
  TrainingTable no_columns = SmallTable();
  no_columns.columns.clear();
  no_columns.values.clear();
  EXPECT_EQ(FitStatus(no_columns, {}).message(), "training table: no columns");

  TrainingTable short_values = SmallTable();
  short_values.values.pop_back();
  EXPECT_EQ(FitStatus(short_values, {}).message(),
            "training table: 19 values for 10 rows of 2 columns");

  TrainingTable bad_outcome = SmallTable();
  bad_outcome.lapsed[3] = 2;
  bad_outcome.row_ids = {"a0", "a1", "a2", "a3"};
  EXPECT_EQ(FitStatus(bad_outcome, {}).message(),
            "training table: row 4 (a3): outcome must be 0 or 1");

  TrainingTable infinite = SmallTable();
  infinite.values[5 * 2 + 1] = std::numeric_limits<double>::infinity();
  EXPECT_EQ(FitStatus(infinite, {}).message(),
            "training table: row 6, column y: value is missing or not finite");

  TrainingTable stayed = SmallTable();
  stayed.lapsed.assign(10, 0);
  EXPECT_THAT(std::string(FitStatus(stayed, {}).message()),
              HasSubstr("every one of the 10 rows has outcome 0"));
}

TEST(FitErrors, MoreFoldsThanRows) {
  FitOptions options;
  options.folds = 11;
  const absl::Status status = FitStatus(SmallTable(), options);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "fit options: 11 folds for 10 rows");
  options.folds = 10;  // one row per fold is allowed
  EXPECT_TRUE(FitLogistic(SmallTable(), options).ok());
}

TEST(FitErrors, AFoldThatCannotBeFittedIsNamed) {
  // Folds are consecutive blocks: with every lapsed row in the first half,
  // fold 1's training rows (the second half) never lapsed.
  TrainingTable table = SmallTable();
  table.lapsed = {1, 1, 1, 1, 1, 0, 0, 0, 0, 0};
  table.values = {0.1, 1.0, 0.9, 0.2, 0.4, 0.5, 0.7, 0.9, 0.2,  0.3,
                  0.8, 0.1, 0.3, 0.8, 0.6, 0.4, 0.5, 0.6, 0.05, 0.7};
  FitOptions options;
  options.folds = 2;
  options.max_iterations = 5;
  const absl::Status status = FitStatus(table, options);
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(std::string(status.message()), HasSubstr("cross-validation fold 1: "));
}

TEST(FitErrors, NotConvergingIsAFailedPrecondition) {
  FitOptions options;
  options.max_iterations = 1;
  options.tolerance = 1e-300;
  const absl::Status status = FitStatus(SmallTable(), options);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(status.message(),
            "logistic fit: Newton's method did not converge in 1 iterations "
            "(separable data? raise l2)");
}

}  // namespace
}  // namespace baton
