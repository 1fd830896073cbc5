// The trainer: recovery of a known model, quality figures, the Telco data,
// fitting on an organisation's history, and every input it must refuse.
#include <cmath>
#include <random>

#include "baton/risk_fit.hpp"
#include "baton/sample.hpp"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace baton {
namespace {

using ::testing::HasSubstr;

std::string Message(const absl::Status& status) { return std::string(status.message()); }

// Rows of standard normal columns whose outcome follows logistic(true_logit).
TrainingTable Synthetic(std::size_t rows, const std::vector<double>& weights, double bias,
                        std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal;
  std::uniform_real_distribution<double> uniform;
  TrainingTable table;
  for (std::size_t c = 0; c < weights.size(); ++c)
    table.columns.push_back("x" + std::to_string(c));
  for (std::size_t r = 0; r < rows; ++r) {
    double logit = bias;
    for (const double w : weights) {
      const double x = normal(rng);
      table.values.push_back(x);
      logit += w * x;
    }
    table.lapsed.push_back(uniform(rng) < 1 / (1 + std::exp(-logit)));
  }
  return table;
}

TEST(LogisticFitTest, RecoversAKnownModel) {
  const std::vector<double> weights = {1.5, -0.8, 0.0, 0.3};
  const TrainingTable table = Synthetic(100000, weights, -1.0, 7);
  FitOptions options;
  options.folds = 0;
  const auto fit = FitLogistic(table, options);
  ASSERT_TRUE(fit.ok()) << fit.status();
  EXPECT_LT(fit->iterations, 12);
  for (std::size_t c = 0; c < weights.size(); ++c) {
    // Weights are per standard deviation, and these columns have sd ~1.
    EXPECT_NEAR(fit->model.weight[c] / fit->model.scale[c], weights[c], 0.05) << c;
  }
  EXPECT_GT(fit->training.auc, 0.8);
  EXPECT_TRUE(fit->folds.empty());
}

TEST(LogisticFitTest, QualityFiguresOnAKnownCase) {
  const std::vector<double> predicted = {0.1, 0.4, 0.35, 0.8};
  const std::vector<std::uint8_t> lapsed = {0, 0, 1, 1};
  const FitQuality q = MeasureFit(predicted, lapsed, 2);
  EXPECT_DOUBLE_EQ(q.auc, 0.75);  // 3 of the 4 (lapsed, stayed) pairs ranked right
  EXPECT_NEAR(q.log_loss,
              -(std::log(0.9) + std::log(0.6) + std::log(0.35) + std::log(0.8)) / 4,
              1e-12);
  EXPECT_NEAR(q.brier, (0.01 + 0.16 + 0.4225 + 0.04) / 4, 1e-12);
  ASSERT_EQ(q.calibration.size(), 2u);
  EXPECT_EQ(q.calibration[0].rows, 3);
  EXPECT_NEAR(q.calibration[0].observed, 1.0 / 3, 1e-12);
  EXPECT_EQ(q.calibration[1].rows, 1);
  const std::vector<double> tied = {0.5, 0.5};
  EXPECT_DOUBLE_EQ(MeasureFit(tied, std::vector<std::uint8_t>{0, 1}, 0).auc, 0.5);
}

TEST(LogisticFitTest, CrossValidationIsDeterministicAndOutOfFold) {
  const TrainingTable table = Synthetic(5003, {1.0, 0.5}, 0.2, 11);
  const auto a = FitLogistic(table, FitOptions{});
  const auto b = FitLogistic(table, FitOptions{});
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_EQ(a->folds.size(), 5u);
  EXPECT_EQ(a->mean_fold_auc, b->mean_fold_auc);
  EXPECT_EQ(a->model.weight, b->model.weight);
  // Out-of-fold predictions are a little worse than in-sample ones.
  EXPECT_LT(a->cross_validated.auc, a->training.auc + 1e-9);
  EXPECT_GT(a->cross_validated.auc, a->training.auc - 0.02);
}

TEST(LogisticFitTest, RefusesWhatCannotBeFitted) {
  TrainingTable table = Synthetic(200, {1.0, 0.5}, 0.0, 3);
  TrainingTable constant = table;
  for (std::size_t r = 0; r < constant.rows(); ++r) constant.values[r * 2 + 1] = 4.0;
  EXPECT_THAT(Message(FitLogistic(constant, {}).status()),
              HasSubstr("column x1 is constant"));
  TrainingTable one_class = table;
  one_class.lapsed.assign(table.rows(), 1);
  EXPECT_THAT(Message(FitLogistic(one_class, {}).status()),
              HasSubstr("every one of the 200"));
  TrainingTable missing = table;
  missing.values[7 * 2] = std::nan("");
  missing.row_ids.assign(table.rows(), "acme");
  EXPECT_THAT(Message(FitLogistic(missing, {}).status()),
              HasSubstr("row 8 (acme), column x0: value is missing"));
  EXPECT_THAT(Message(FitLogistic(TrainingTable{}, {}).status()), HasSubstr("no rows"));
  TrainingTable twice = table;
  twice.columns[1] = "x0";
  EXPECT_THAT(Message(FitLogistic(twice, {}).status()),
              HasSubstr("training table: feature 1 (x0): listed twice"));
  TrainingTable spaced = table;
  spaced.columns[0] = " x0";
  EXPECT_THAT(Message(FitLogistic(spaced, {}).status()),
              HasSubstr("leading or trailing"));
  FitOptions bad;
  bad.l2 = -1;
  EXPECT_THAT(Message(FitLogistic(table, bad).status()), HasSubstr("l2"));
}

std::string TelcoPath() {
  return std::string(BATON_SOURCE_DIR) + "/../shared/data/telco/Telco-Customer-Churn.csv";
}

TableSpec TelcoSpec() {
  TableSpec spec;
  spec.numeric = {"SeniorCitizen", "tenure", "MonthlyCharges", "TotalCharges"};
  spec.categorical = {"gender",         "Partner",          "Dependents",
                      "PhoneService",   "MultipleLines",    "InternetService",
                      "OnlineSecurity", "OnlineBackup",     "DeviceProtection",
                      "TechSupport",    "StreamingTV",      "StreamingMovies",
                      "Contract",       "PaperlessBilling", "PaymentMethod"};
  spec.outcome = "Churn";
  spec.positive = "Yes";
  spec.id = "customerID";
  return spec;
}

TEST(TrainingTableTest, TelcoNamesTheBlankTotalCharges) {
  const auto table = ReadTrainingTable(TelcoPath(), TelcoSpec());
  ASSERT_FALSE(table.ok());
  EXPECT_THAT(Message(table.status()),
              HasSubstr("Telco-Customer-Churn.csv:490:20: TotalCharges: empty value"));
}

TEST(TrainingTableTest, TelcoFitsAsPublished) {
  TableSpec spec = TelcoSpec();
  spec.skip_incomplete_rows = true;
  std::int64_t skipped = 0;
  const auto table = ReadTrainingTable(TelcoPath(), spec, &skipped);
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(skipped, 11);
  EXPECT_EQ(table->rows(), 7032u);
  EXPECT_EQ(table->columns.size(), 4u + 41u);  // 15 categorical columns, 41 levels
  EXPECT_EQ(table->columns[4], "gender=Female");
  const auto fit = FitLogistic(*table, FitOptions{});
  ASSERT_TRUE(fit.ok()) << fit.status();
  // PROVENANCE.md: a plain L2 logistic regression reaches AUC 0.845 +/- 0.01.
  EXPECT_NEAR(fit->mean_fold_auc, 0.845, 0.01);
}

TEST(TrainingTableTest, BadFilesNameTheirPlace) {
  const std::string dir = ::testing::TempDir();
  const auto write = [&](const std::string& name, const std::string& text) {
    const std::string path = dir + "/" + name;
    std::FILE* f = std::fopen(path.c_str(), "w");
    std::fputs(text.c_str(), f);
    std::fclose(f);
    return path;
  };
  TableSpec spec;
  spec.numeric = {"x"};
  spec.categorical = {"k"};
  spec.outcome = "y";
  spec.positive = "yes";
  EXPECT_THAT(Message(ReadTrainingTable(write("t1.csv", "x,y\n1,yes\n"), spec).status()),
              HasSubstr("t1.csv:1: no column \"k\""));
  EXPECT_THAT(
      Message(ReadTrainingTable(write("t2.csv", "x,k,y\n1,a,yes\nabc,b,no\n"), spec)
                  .status()),
      HasSubstr("t2.csv:3:1: x: not a finite number: \"abc\""));
  EXPECT_THAT(Message(ReadTrainingTable(
                          write("t3.csv", "x,k,y\n1,a,yes\n2,b,no\n3,c,maybe\n"), spec)
                          .status()),
              HasSubstr("t3.csv:4:3: outcome \"maybe\" is neither \"yes\" nor \"no\""));
  EXPECT_THAT(Message(ReadTrainingTable(write("t4.csv", "x,k,y\n1,a\n"), spec).status()),
              HasSubstr("t4.csv:2"));
  const auto ok = ReadTrainingTable(write("t5.csv", "x,k,y\n1,b,yes\n2,a,no\n"), spec);
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(ok->columns, (std::vector<std::string>{"x", "k=a", "k=b"}));
  EXPECT_EQ(ok->values, (std::vector<double>{1, 0, 1, 2, 1, 0}));
}

TEST(OrgHistoryFitTest, FitsTheFeaturesOfAnOrganisation) {
  SampleOptions sample;
  sample.accounts = 4000;
  const auto org = GenerateSampleOrg(sample);
  ASSERT_TRUE(org.ok());
  // Outcomes drawn from the default model, so a fit must find its signs.
  const RiskModel truth = RiskModel::Default();
  RiskOptions options;
  options.as_of = sample.today;
  RiskScorer scorer(*org, truth);
  scorer.SetOptions(options);
  const auto scores = scorer.Score();
  ASSERT_TRUE(scores.ok());
  std::vector<AccountIndex> accounts;
  std::vector<std::uint8_t> lapsed;
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> uniform;
  for (AccountIndex a = 0; a < org->accounts().size(); ++a) {
    accounts.push_back(a);
    lapsed.push_back(uniform(rng) < scores->risk[a]);
  }
  const std::vector<std::string> features = {"single_threaded", "days_since_interaction",
                                             "days_to_renewal"};
  const auto fit = FitRiskModel(*org, options, features, accounts, lapsed, FitOptions{});
  ASSERT_TRUE(fit.ok()) << fit.status();
  EXPECT_EQ(fit->model.features, features);
  EXPECT_GT(fit->model.weight[1], 0);  // stale contact raises risk
  EXPECT_LT(fit->model.weight[2], 0);  // a distant renewal lowers it
  EXPECT_GT(fit->mean_fold_auc, 0.6);
  EXPECT_THAT(
      Message(FitRiskModel(*org, options, {"nonsense"}, accounts, lapsed, {}).status()),
      HasSubstr("nonsense: not an account feature"));
  lapsed.pop_back();
  EXPECT_THAT(
      Message(FitRiskModel(*org, options, features, accounts, lapsed, {}).status()),
      HasSubstr("outcomes"));
}

}  // namespace
}  // namespace baton
