// Risk models: the default, validation, the text form and files.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "baton/risk.hpp"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace baton {
namespace {

using ::testing::HasSubstr;

std::string Message(const absl::Status& status) { return std::string(status.message()); }

TEST(RiskModelTest, DefaultListsEveryBuiltinFeature) {
  const RiskModel model = RiskModel::Default();
  ASSERT_TRUE(model.Validate().ok());
  ASSERT_EQ(model.features.size(), AccountRiskFeatures().size());
  for (std::size_t f = 0; f < model.features.size(); ++f) {
    EXPECT_EQ(model.features[f], AccountRiskFeatures()[f].name);
    EXPECT_FALSE(AccountRiskFeatures()[f].unit.empty());
  }
}

TEST(RiskModelTest, TextRoundTripsExactly) {
  RiskModel model = RiskModel::Default();
  model.weight[0] = 0.1 + 0.2;  // not exactly representable in short decimal
  model.features.push_back("PaymentMethod=Bank transfer (automatic)");
  model.centre.push_back(1.0 / 3);
  model.scale.push_back(2.5e-7);
  model.weight.push_back(-3);
  const auto back = RiskModelFromText(RiskModelToText(model));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->features, model.features);
  EXPECT_EQ(back->centre, model.centre);
  EXPECT_EQ(back->scale, model.scale);
  EXPECT_EQ(back->weight, model.weight);
  EXPECT_EQ(back->bias, model.bias);
}

TEST(RiskModelTest, BadTextIsRejectedWithItsLine) {
  EXPECT_THAT(Message(RiskModelFromText("").status()), HasSubstr("line 1"));
  EXPECT_THAT(Message(RiskModelFromText("baton-risk-model 2\n").status()),
              HasSubstr("format version 2 is not 1"));
  EXPECT_THAT(Message(RiskModelFromText("baton-risk-model 1\nbias x\n").status()),
              HasSubstr("line 2: bias: not a finite number"));
  EXPECT_THAT(
      Message(
          RiskModelFromText("baton-risk-model 1\nbias 0\nfeature 1 nan 1 f\n").status()),
      HasSubstr("line 3: scale"));
  EXPECT_THAT(
      Message(
          RiskModelFromText("baton-risk-model 1\nbias 0\nfeature 1 0 1 f\n").status()),
      HasSubstr("feature 0 (f): scale must be positive"));
  EXPECT_THAT(
      Message(RiskModelFromText("baton-risk-model 1\nfeature 1 1 1 f\n").status()),
      HasSubstr("no bias"));
  EXPECT_THAT(Message(RiskModelFromText("baton-risk-model 1\nbias 0\nfeature 1 1 1 f\n"
                                        "feature 1 1 1 f\n")
                          .status()),
              HasSubstr("listed twice"));
}

TEST(RiskModelTest, LoadChecksTheFeatureList) {
  const std::string path = ::testing::TempDir() + "/risk_model_test.model";
  RiskModel model = RiskModel::Default();
  ASSERT_TRUE(SaveRiskModel(model, path).ok());
  EXPECT_TRUE(LoadRiskModel(path, model.features).ok());
  std::vector<std::string> expected = model.features;
  expected[3] = "tenure_days";
  EXPECT_THAT(Message(LoadRiskModel(path, expected).status()),
              HasSubstr("feature 3 is competitor_share where tenure_days was expected"));
  expected = model.features;
  expected.push_back("signal:usage");
  EXPECT_THAT(Message(LoadRiskModel(path, expected).status()),
              HasSubstr("is (nothing) where signal:usage was expected"));
  EXPECT_THAT(Message(LoadRiskModel(path + ".missing").status()),
              HasSubstr("cannot open"));
  std::remove(path.c_str());
}

TEST(RiskModelTest, AFailedSaveLeavesTheOldFile) {
  const std::string path = ::testing::TempDir() + "/risk_model_keep.model";
  ASSERT_TRUE(SaveRiskModel(RiskModel::Default(), path).ok());
  RiskModel broken = RiskModel::Default();
  broken.weight[0] = std::nan("");
  EXPECT_FALSE(SaveRiskModel(broken, path).ok());
  EXPECT_FALSE(SaveRiskModel(RiskModel::Default(), "/nonexistent-dir/x.model").ok());
  EXPECT_TRUE(LoadRiskModel(path).ok());
  std::remove(path.c_str());
}

// Two threads saving to one path used to share the temporary "<path>.tmp.<pid>":
// one renamed the other's half-written file or found it gone.
TEST(RiskModelTest, SavesFromTwoThreadsToOnePathLeaveOneWholeModel) {
  const std::string directory = ::testing::TempDir() + "/risk_model_threads";
  std::filesystem::remove_all(directory);
  std::filesystem::create_directory(directory);
  const std::string path = directory + "/shared.model";
  RiskModel other = RiskModel::Default();
  other.bias = 0.25;
  const RiskModel models[2] = {RiskModel::Default(), other};
  int failures[2] = {0, 0};
  auto save = [&](int which) {
    for (int round = 0; round < 50; ++round) {
      if (!SaveRiskModel(models[which], path).ok()) ++failures[which];
    }
  };
  std::thread first(save, 0), second(save, 1);
  first.join();
  second.join();
  EXPECT_EQ(failures[0] + failures[1], 0);
  absl::StatusOr<RiskModel> loaded = LoadRiskModel(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  const std::string text = RiskModelToText(*loaded);
  EXPECT_TRUE(text == RiskModelToText(models[0]) || text == RiskModelToText(models[1]));
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    ++files;
    EXPECT_EQ(entry.path().filename(), "shared.model");
  }
  EXPECT_EQ(files, 1);
  std::filesystem::remove_all(directory);
}

}  // namespace
}  // namespace baton
