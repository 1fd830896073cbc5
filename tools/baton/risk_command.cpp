// risk: the accounts with the most revenue at risk and why, and each rep's
// and team's exposure, now or as if some reps had left.
#include <algorithm>
#include <numeric>

#include "absl/strings/str_cat.h"
#include "baton/baton.hpp"
#include "tools/baton/command.hpp"
#include "tools/baton/org_file.hpp"

namespace baton::cli {
namespace {

struct RiskArgs {
  std::string org, as_of, model;
  std::vector<std::string> departing;
  std::size_t top = 20;
};

template <typename Index>
std::vector<Index> TopBy(std::size_t n, std::size_t top,
                         const std::function<double(Index)>& key) {
  std::vector<Index> order(n);
  std::iota(order.begin(), order.end(), Index{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](Index x, Index y) { return key(x) > key(y); });
  order.resize(std::min(order.size(), top));
  return order;
}

absl::Status RunRisk(const RiskArgs& args, const Context& context) {
  auto file = OpenOrg(args.org);
  if (!file.ok()) return file.status();
  const Org& org = file->org;
  auto model = RiskModelFor(*file, args.model);
  if (!model.ok()) return model.status();
  RiskOptions options;
  options.as_of = DayOrToday(args.as_of);
  for (const std::string& id : args.departing) {
    const auto rep = org.FindRep(id);
    if (!rep) return absl::NotFoundError(absl::StrCat("--departing: no rep ", id));
    options.leavers.push_back({*rep, false});
  }
  RiskScorer scorer(org, *model);
  scorer.SetOptions(options);
  auto scores = scorer.Score();
  if (!scores.ok()) return scores.status();

  Report report;
  report.AddFact("as_of", "as of", FormatDay(options.as_of));
  report.AddFact("total_value", "annual value", scores->total_value, Show::kMoney);
  report.AddFact("value_at_risk", "revenue at risk", scores->total_value_at_risk,
                 Show::kMoney);
  report.AddFact(
      "share_at_risk", "share at risk",
      scores->total_value > 0 ? scores->total_value_at_risk / scores->total_value : 0.0,
      Show::kShare);
  if (!args.departing.empty())
    report.AddFact("as_if_departed", "as if departed", args.departing);

  const auto accounts =
      TopBy<AccountIndex>(org.accounts().size(), args.top,
                          [&](AccountIndex a) { return scores->value_at_risk[a]; });
  auto why = scorer.Explain(accounts);
  if (!why.ok()) return why.status();
  ReportTable& table = report.AddTable(
      "accounts",
      absl::StrCat("The ", accounts.size(), " accounts with the most revenue at risk"),
      {{"account"},
       {"name"},
       {"owner"},
       {"annual_value", Show::kMoney},
       {"risk", Show::kShare},
       {"value_at_risk", Show::kMoney},
       {"reasons"}});
  for (std::size_t k = 0; k < accounts.size(); ++k) {
    const Account& a = org.accounts()[accounts[k]];
    table.Add({a.id, a.name, a.owner == kNoIndex ? "" : org.reps()[a.owner].id,
               a.annual_value, scores->risk[accounts[k]],
               scores->value_at_risk[accounts[k]], (*why)[k].reasons});
  }

  const auto reps = TopBy<RepIndex>(org.reps().size(), args.top, [&](RepIndex r) {
    return scores->reps[r].value_at_risk;
  });
  ReportTable& exposure = report.AddTable(
      "reps", "Reps by revenue at risk in their book, and revenue resting on them alone",
      {{"rep"},
       {"name"},
       {"accounts", Show::kCount},
       {"annual_value", Show::kMoney},
       {"value_at_risk", Show::kMoney},
       {"sole_value", Show::kMoney}});
  for (RepIndex r : reps) {
    const RepRisk& rr = scores->reps[r];
    exposure.Add({org.reps()[r].id, org.reps()[r].name, rr.accounts, rr.value,
                  rr.value_at_risk, rr.sole_value});
  }

  ReportTable& teams = report.AddTable("teams", "Teams",
                                       {{"team"},
                                        {"name"},
                                        {"accounts", Show::kCount},
                                        {"annual_value", Show::kMoney},
                                        {"value_at_risk", Show::kMoney}});
  for (const TeamRisk& t : scores->teams)
    teams.Add({org.teams()[t.team].id, org.teams()[t.team].name, t.accounts, t.value,
               t.value_at_risk});
  Emit(report, context);
  return absl::OkStatus();
}

}  // namespace

void AddRiskCommand(CLI::App& app, const Context& context, Commands& commands) {
  auto args = std::make_shared<RiskArgs>();
  CLI::App* cmd =
      app.add_subcommand("risk", "Revenue at risk: which accounts, why, whose");
  cmd->add_option("ORG", args->org, "Snapshot or CSV directory")->required();
  AddDayOption(*cmd, "--as-of", args->as_of, "The day to score for (default: today)");
  cmd->add_option("--top", args->top, "Accounts and reps to list (default 20)")
      ->check(CLI::Range(1, 10'000'000));
  cmd->add_option("--model", args->model,
                  "Risk model file (default: the snapshot's, else the built-in one)");
  cmd->add_option("--departing", args->departing, "Score as if these reps had left");
  cmd->footer(
      "Example: baton risk examples/sample --as-of 2026-11-01 --top 10 --departing r017");
  commands.emplace_back(cmd, [args, &context] { return RunRisk(*args, context); });
}

}  // namespace baton::cli
