// Risk features, scores, reasons and what-ifs on hand-made and generated orgs.
#include <cmath>
#include <thread>

#include "baton/risk.hpp"
#include "baton/sample.hpp"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/core/small_org.hpp"

namespace baton {
namespace {

using ::baton::testing::D;
using ::baton::testing::SmallOrg;
using ::testing::Contains;
using ::testing::HasSubstr;

RiskOptions AsOf(Day day) {
  RiskOptions options;
  options.as_of = day;
  return options;
}

std::size_t FeatureIndex(const RiskModel& model, std::string_view name) {
  for (std::size_t f = 0; f < model.features.size(); ++f)
    if (model.features[f] == name) return f;
  ADD_FAILURE() << "no feature " << name;
  return 0;
}

TEST(RiskFeaturesTest, SingleThreadedAccountWithComplaintAndRenewal) {
  const Org org = SmallOrg();
  RiskScorer scorer(org, RiskModel::Default());
  scorer.SetOptions(AsOf(D(2026, 11, 10)));
  const auto risk = scorer.Explain(*org.FindAccount("a-lodz"));
  ASSERT_TRUE(risk.ok()) << risk.status();
  const RiskModel& m = scorer.model();
  const auto x = [&](std::string_view name) {
    return risk->features[FeatureIndex(m, name)];
  };
  EXPECT_DOUBLE_EQ(x("owner_share"), 1.0);
  EXPECT_DOUBLE_EQ(x("reps_in_contact_90d"), 1);
  EXPECT_DOUBLE_EQ(x("single_threaded"), 1);
  EXPECT_DOUBLE_EQ(x("key_player_coverage"), 0);
  EXPECT_DOUBLE_EQ(x("deepest_depth"), 3);
  EXPECT_DOUBLE_EQ(x("days_since_interaction"), 11);
  EXPECT_DOUBLE_EQ(x("interaction_trend"), 1);
  EXPECT_DOUBLE_EQ(x("open_complaints"), 1);
  EXPECT_DOUBLE_EQ(x("worst_open_severity"), 3);
  EXPECT_DOUBLE_EQ(x("days_to_renewal"), 21);
  EXPECT_THAT(risk->reasons, Contains("only Anna Kowalska has been in touch in 90 days"));
  EXPECT_THAT(risk->reasons, Contains("renewal in 21 days"));
  EXPECT_EQ(risk->reasons.size(), 3u);
}

TEST(RiskFeaturesTest, ContributionsAddUpToTheLogit) {
  const Org org = SmallOrg();
  RiskScorer scorer(org, RiskModel::Default());
  scorer.SetOptions(AsOf(D(2026, 11, 10)));
  for (AccountIndex a = 0; a < org.accounts().size(); ++a) {
    const auto risk = scorer.Explain(a);
    ASSERT_TRUE(risk.ok());
    double logit = scorer.model().bias;
    for (const double c : risk->contributions) logit += c;
    EXPECT_NEAR(logit, risk->logit, 1e-12);
    EXPECT_NEAR(risk->risk, 1 / (1 + std::exp(-logit)), 1e-12);
  }
}

TEST(RiskFeaturesTest, TheDayDecidesWhatIsKnown) {
  const Org org = SmallOrg();
  RiskScorer scorer(org, RiskModel::Default());
  // Before the complaint was opened and before the last call.
  scorer.SetOptions(AsOf(D(2026, 9, 15)));
  const auto risk = scorer.Explain(*org.FindAccount("a-lodz"));
  ASSERT_TRUE(risk.ok());
  const RiskModel& m = scorer.model();
  EXPECT_DOUBLE_EQ(risk->features[FeatureIndex(m, "open_complaints")], 0);
  EXPECT_DOUBLE_EQ(risk->features[FeatureIndex(m, "days_since_interaction")], 730);
}

TEST(RiskScoresTest, RevenueAtRiskAddsUpPerRepAndTeam) {
  SampleOptions sample;
  sample.accounts = 3000;
  const auto org = GenerateSampleOrg(sample);
  ASSERT_TRUE(org.ok());
  RiskScorer scorer(*org, RiskModel::Default());
  scorer.SetOptions(AsOf(sample.today));
  const auto scores = scorer.Score();
  ASSERT_TRUE(scores.ok()) << scores.status();
  double total = 0, by_rep = 0, by_team = 0, sole = 0, value = 0;
  for (AccountIndex a = 0; a < org->accounts().size(); ++a) {
    ASSERT_GT(scores->risk[a], 0);
    ASSERT_LT(scores->risk[a], 1);
    EXPECT_DOUBLE_EQ(scores->value_at_risk[a],
                     scores->risk[a] * org->accounts()[a].annual_value);
    total += scores->value_at_risk[a];
    value += org->accounts()[a].annual_value;
  }
  for (const RepRisk& r : scores->reps) {
    by_rep += r.value_at_risk;
    sole += r.sole_value;
  }
  for (const TeamRisk& t : scores->teams) by_team += t.value_at_risk;
  EXPECT_NEAR(scores->total_value_at_risk, total, 1e-6 * total);
  EXPECT_NEAR(scores->total_value, value, 1e-6 * value);
  EXPECT_LE(by_rep, total * (1 + 1e-9));  // accounts without an owner count for nobody
  EXPECT_LE(by_team, by_rep * (1 + 1e-9));
  EXPECT_GT(sole, 0);
  EXPECT_LT(sole, value);
}

TEST(RiskScoresTest, TheSameOnAnyNumberOfThreads) {
  SampleOptions sample;
  sample.accounts = 20000;
  const auto org = GenerateSampleOrg(sample);
  ASSERT_TRUE(org.ok());
  RiskScorer scorer(*org, RiskModel::Default());
  RiskOptions options = AsOf(sample.today);
  options.threads = 1;
  const auto one = scorer.SetOptions(options).Score();
  options.threads = 7;
  const auto seven = scorer.SetOptions(options).Score();
  ASSERT_TRUE(one.ok() && seven.ok());
  EXPECT_EQ(one->risk, seven->risk);
  EXPECT_EQ(one->total_value_at_risk, seven->total_value_at_risk);
}

TEST(RiskScoresTest, ConcurrentScoringOfAConstOrg) {
  SampleOptions sample;
  sample.accounts = 5000;
  const auto org = GenerateSampleOrg(sample);
  ASSERT_TRUE(org.ok());
  RiskScorer scorer(*org, RiskModel::Default());
  scorer.SetOptions(AsOf(sample.today));
  const auto reference = scorer.Score();
  ASSERT_TRUE(reference.ok());
  std::vector<std::vector<double>> results(4);
  std::vector<std::thread> threads;
  for (auto& result : results)
    threads.emplace_back([&] { result = scorer.Score()->risk; });
  for (auto& t : threads) t.join();
  for (const auto& result : results) EXPECT_EQ(result, reference->risk);
}

TEST(RiskScoresTest, SignalsFeedTheModelAndBadOnesAreNamed) {
  const Org org = SmallOrg();
  RiskModel model = RiskModel::Default();
  model.features.push_back("signal:usage");
  model.centre.push_back(50);
  model.scale.push_back(25);
  model.weight.push_back(-1.0);  // low usage, high risk
  RiskScorer scorer(org, model);
  RiskOptions options = AsOf(D(2026, 11, 10));
  EXPECT_THAT(std::string(scorer.SetOptions(options).Score().status().message()),
              HasSubstr("no signal named usage"));
  options.signals.push_back({"usage", {90, 5}});
  EXPECT_THAT(std::string(scorer.SetOptions(options).Score().status().message()),
              HasSubstr("2 values for 3 accounts"));
  options.signals[0].values = {90, 5, std::nan("")};
  EXPECT_THAT(std::string(scorer.SetOptions(options).Score().status().message()),
              HasSubstr("account a-orphan"));
  options.signals[0].values = {90, 5, 50};
  options.reasons = 5;
  const auto lodz = scorer.SetOptions(options).Explain(*org.FindAccount("a-lodz"));
  ASSERT_TRUE(lodz.ok());
  EXPECT_THAT(lodz->reasons, Contains("usage is 5 (usual: 50)"));
}

TEST(RiskScoresTest, BadOptionsAreNamed) {
  const Org org = SmallOrg();
  RiskScorer scorer(org, RiskModel::Default());
  EXPECT_THAT(std::string(scorer.Score().status().message()), HasSubstr("as_of"));
  RiskOptions options = AsOf(D(2026, 11, 10));
  options.leavers.push_back({99, false});
  EXPECT_THAT(std::string(scorer.SetOptions(options).Score().status().message()),
              HasSubstr("leavers[0]: no rep with index 99"));
  options.leavers.clear();
  options.owners.push_back({0, 42});
  EXPECT_THAT(std::string(scorer.SetOptions(options).Score().status().message()),
              HasSubstr("owners[0] (account a-fx): no rep with index 42"));
  RiskModel broken = RiskModel::Default();
  broken.scale[4] = 0;
  RiskScorer bad(org, broken);
  EXPECT_THAT(
      std::string(bad.SetOptions(AsOf(D(2026, 11, 10))).Score().status().message()),
      HasSubstr("feature 4 (reps_in_contact_90d): scale must be positive"));
}

TEST(WhatIfTest, TheOwnerLeavingRaisesRiskAndASuccessorWhoKnowsThemLowersIt) {
  const Org org = SmallOrg();
  const RepIndex chen = *org.FindRep("r-chen"), dora = *org.FindRep("r-dora");
  const AccountIndex fx = *org.FindAccount("a-fx");
  RiskOptions options = AsOf(D(2026, 11, 10));
  options.leavers.push_back({chen, true});
  Reassignment plan;
  AccountReassignment to_dora;
  to_dora.account = fx;
  to_dora.from = chen;
  to_dora.to = dora;
  plan.accounts.push_back(to_dora);
  const auto what_if = WhatIfDeparture(org, RiskModel::Default(), options, &plan);
  ASSERT_TRUE(what_if.ok()) << what_if.status();
  ASSERT_EQ(what_if->accounts.size(), 1u);
  const DepartureRisk& d = what_if->accounts[0];
  EXPECT_EQ(d.account, fx);
  EXPECT_EQ(d.owner_before, chen);
  EXPECT_EQ(d.owner_after, dora);
  EXPECT_GT(d.after_departure, d.before);
  EXPECT_LT(d.after_plan, d.after_departure);
  EXPECT_NEAR(what_if->value_at_risk_after_departure, d.value * d.after_departure, 1e-6);

  const auto no_plan = WhatIfDeparture(org, RiskModel::Default(), options, nullptr);
  ASSERT_TRUE(no_plan.ok());
  EXPECT_EQ(no_plan->accounts[0].owner_after, kNoIndex);
  EXPECT_EQ(no_plan->accounts[0].after_plan, no_plan->accounts[0].after_departure);
}

TEST(WhatIfTest, LeavingForACompetitorWeighsMore) {
  const Org org = SmallOrg();
  RiskOptions options = AsOf(D(2026, 11, 10));
  options.leavers.push_back({*org.FindRep("r-chen"), false});
  const auto quiet = WhatIfDeparture(org, RiskModel::Default(), options, nullptr);
  options.leavers[0].to_competitor = true;
  const auto rival = WhatIfDeparture(org, RiskModel::Default(), options, nullptr);
  ASSERT_TRUE(quiet.ok() && rival.ok());
  EXPECT_GT(rival->accounts[0].after_departure, quiet->accounts[0].after_departure);
  EXPECT_THAT(std::string(WhatIfDeparture(org, RiskModel::Default(),
                                          AsOf(D(2026, 11, 10)), nullptr)
                              .status()
                              .message()),
              HasSubstr("name a rep"));
}

}  // namespace
}  // namespace baton
