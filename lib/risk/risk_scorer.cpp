// Scoring every account, on several threads, and explaining one.
#include <algorithm>
#include <cmath>
#include <exception>
#include <thread>

#include "absl/strings/str_cat.h"
#include "baton/risk.hpp"
#include "lib/risk/account_features.hpp"
#include "lib/risk/model_columns.hpp"
#include "lib/risk/risk_reasons.hpp"

namespace baton {
namespace {

using internal::AccountFacts;
using internal::FactsScratch;
using internal::ModelColumns;
using internal::RiskView;

double Logistic(double logit) { return 1.0 / (1.0 + std::exp(-logit)); }

// The rep an account rests on alone: the only active rep tied to it, or its
// owner when no active rep is.
RepIndex SoleRep(const AccountFacts& f) {
  return f.any_active_tie ? f.sole_tied_rep : f.owner;
}

int ThreadCount(int requested, std::size_t work) {
  int threads =
      requested > 0 ? requested : static_cast<int>(std::thread::hardware_concurrency());
  const std::size_t useful = std::max<std::size_t>(1, work / 4096);
  return static_cast<int>(
      std::clamp<std::size_t>(threads, 1, std::min<std::size_t>(useful, 64)));
}

// Runs body(begin, end) over [0, n) in one contiguous block per thread.
// Running out of memory in a block, or while starting a thread, comes back
// as the exception on the calling thread once every thread started is
// joined: an exception leaving a thread, or a joinable std::thread
// destroyed, would end the process.
template <typename Body>
void InBlocks(std::size_t n, int requested_threads, Body body) {
  const int threads = ThreadCount(requested_threads, n);
  std::vector<std::exception_ptr> errors(threads);
  auto block = [&](int t, std::size_t begin, std::size_t end) {
    try {
      body(begin, end);
    } catch (...) {
      errors[t] = std::current_exception();
    }
  };
  std::vector<std::thread> workers;
  try {
    workers.reserve(threads - 1);
    for (int t = 1; t < threads; ++t)
      workers.emplace_back(block, t, n * t / threads, n * (t + 1) / threads);
  } catch (...) {
    errors[0] = std::current_exception();
  }
  if (!errors[0]) block(0, 0, n / threads);
  for (std::thread& w : workers) w.join();
  for (const std::exception_ptr& error : errors) {
    if (error) std::rethrow_exception(error);
  }
}

struct Bound {
  RiskView view;
  ModelColumns columns;
};

absl::StatusOr<Bound> BindRun(const Org& org, const RiskModel& model,
                              const RiskOptions& options) {
  auto view = RiskView::Make(org, options);
  if (!view.ok()) return view.status();
  auto columns = ModelColumns::Bind(org, model, options.signals);
  if (!columns.ok()) return columns.status();
  return Bound{*std::move(view), *std::move(columns)};
}

void Aggregate(const Org& org, const RiskView& view, absl::Span<const RepIndex> sole,
               RiskScores* scores) {
  scores->reps.resize(org.reps().size());
  for (std::size_t r = 0; r < scores->reps.size(); ++r) scores->reps[r].rep = r;
  scores->teams.resize(org.teams().size());
  for (std::size_t t = 0; t < scores->teams.size(); ++t) scores->teams[t].team = t;
  const auto accounts = org.accounts();
  for (std::size_t a = 0; a < accounts.size(); ++a) {
    const double value = accounts[a].annual_value;
    const double at_risk = scores->value_at_risk[a];
    scores->total_value += value;
    scores->total_value_at_risk += at_risk;
    if (sole[a] != kNoIndex) scores->reps[sole[a]].sole_value += value;
    const RepIndex owner = view.owner(a);
    if (owner == kNoIndex) continue;
    RepRisk& rep = scores->reps[owner];
    ++rep.accounts;
    rep.value += value;
    rep.value_at_risk += at_risk;
    const TeamIndex team = org.reps()[owner].team;
    if (team == kNoIndex) continue;
    ++scores->teams[team].accounts;
    scores->teams[team].value += value;
    scores->teams[team].value_at_risk += at_risk;
  }
}

}  // namespace

RiskScorer::RiskScorer(const Org& org, RiskModel model)
    : org_(org), model_(std::move(model)) {}

absl::StatusOr<RiskScores> RiskScorer::Score() const {
  auto bound = BindRun(org_, model_, options_);
  if (!bound.ok()) return bound.status();
  const std::size_t n = org_.accounts().size();
  RiskScores scores;
  scores.risk.resize(n);
  scores.value_at_risk.resize(n);
  std::vector<RepIndex> sole(n);
  InBlocks(n, options_.threads, [&](std::size_t begin, std::size_t end) {
    FactsScratch scratch;
    AccountFacts facts;
    std::vector<double> row(bound->columns.size());
    for (std::size_t a = begin; a < end; ++a) {
      internal::ComputeFacts(bound->view, a, scratch, &facts);
      bound->columns.Row(a, facts, row.data());
      const double risk = Logistic(model_.Logit(row));
      scores.risk[a] = risk;
      scores.value_at_risk[a] = risk * org_.accounts()[a].annual_value;
      sole[a] = SoleRep(facts);
    }
  });
  Aggregate(org_, bound->view, sole, &scores);
  return scores;
}

absl::StatusOr<AccountRisk> RiskScorer::Explain(AccountIndex account) const {
  auto one = Explain(absl::MakeConstSpan(&account, 1));
  if (!one.ok()) return one.status();
  return std::move(one->front());
}

absl::StatusOr<std::vector<AccountRisk>> RiskScorer::Explain(
    absl::Span<const AccountIndex> accounts) const {
  for (std::size_t i = 0; i < accounts.size(); ++i)
    if (accounts[i] >= org_.accounts().size())
      return absl::InvalidArgumentError(
          absl::StrCat("no account with index ", accounts[i]));
  auto bound = BindRun(org_, model_, options_);
  if (!bound.ok()) return bound.status();
  FactsScratch scratch;
  AccountFacts facts;
  std::vector<AccountRisk> explained(accounts.size());
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    AccountRisk& out = explained[i];
    out.account = accounts[i];
    internal::ComputeFacts(bound->view, out.account, scratch, &facts);
    out.features.resize(bound->columns.size());
    bound->columns.Row(out.account, facts, out.features.data());
    out.logit = model_.Logit(out.features);
    out.risk = Logistic(out.logit);
    for (std::size_t f = 0; f < out.features.size(); ++f)
      out.contributions.push_back(model_.weight[f] *
                                  (out.features[f] - model_.centre[f]) / model_.scale[f]);
    out.reasons = internal::RiskReasons(bound->view, model_, facts, out.features,
                                        out.contributions, std::max(0, options_.reasons));
  }
  return explained;
}

absl::StatusOr<std::vector<double>> RiskScorer::FeatureRows(
    absl::Span<const AccountIndex> accounts) const {
  auto bound = BindRun(org_, model_, options_);
  if (!bound.ok()) return bound.status();
  for (std::size_t i = 0; i < accounts.size(); ++i)
    if (accounts[i] >= org_.accounts().size())
      return absl::InvalidArgumentError(
          absl::StrCat("accounts[", i, "]: no account with index ", accounts[i]));
  const std::size_t width = bound->columns.size();
  std::vector<double> rows(accounts.size() * width);
  InBlocks(accounts.size(), options_.threads, [&](std::size_t begin, std::size_t end) {
    FactsScratch scratch;
    AccountFacts facts;
    for (std::size_t i = begin; i < end; ++i) {
      internal::ComputeFacts(bound->view, accounts[i], scratch, &facts);
      bound->columns.Row(accounts[i], facts, rows.data() + i * width);
    }
  });
  return rows;
}

}  // namespace baton
