// offboard, rebalance and assign: who takes over when reps leave, a fairer
// spread of a team's accounts, and the raw solver on a problem directory.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "baton/baton.hpp"
#include "baton/handover_book.hpp"
#include "tools/baton/command.hpp"
#include "tools/baton/org_file.hpp"

namespace baton::cli {
namespace {

std::string IdOf(const Org& org, RepIndex rep) {
  return rep == kNoIndex ? "" : org.reps()[rep].id;
}

const std::map<std::string, EligibilityRule> kEligibility = {
    {"team", kSameTeam}, {"territory", kSameTerritory}, {"segment", kSameSegment}};

void AddOutcome(const Reassignment& r, Report& report) {
  report.AddFact("outcome", "outcome",
                 r.outcome == Reassignment::Outcome::kOptimal ? "optimal" : "feasible");
  report.AddFact("objective", "objective", r.objective, Show::kCount);
  report.AddFact("lower_bound", "lower bound", r.lower_bound, Show::kCount);
  report.AddFact("gap", "gap", r.relative_gap, Show::kShare);
  report.AddFact("moves", "accounts moved", r.moves, Show::kCount);
  report.AddFact("unassigned", "accounts left unassigned", r.unassigned, Show::kCount);
}

absl::StatusOr<Reassignment> Reassign(const Org& org, const ReassignOptions& options) {
  ProgressBar bar("reassigning");
  auto result = Reassigner(org)
                    .SetOptions(options)
                    .SetProgress([&bar](double done) { return bar(done); })
                    .Run();
  if (result.ok() && result->outcome == Reassignment::Outcome::kCancelled)
    return absl::CancelledError("the reassignment was cancelled");
  return result;
}

struct OffboardArgs {
  std::string org, last_day, today, out, model;
  std::vector<std::string> reps, same;
  bool to_competitor = false;
  std::size_t top = 10;
};

void AddPlanTables(const Org& org, const StoredHandover& plan, std::size_t top,
                   Report& report) {
  ReportTable& accounts = report.AddTable(
      "accounts",
      absl::StrCat("The ", std::min(top, plan.accounts.size()),
                   " accounts with the most revenue at risk, and who takes each"),
      {{"account"},
       {"name"},
       {"annual_value", Show::kMoney},
       {"risk", Show::kShare},
       {"value_at_risk", Show::kMoney},
       {"successor"},
       {"why_the_successor"},
       {"risk_reasons"}});
  for (std::size_t k = 0; k < std::min(top, plan.accounts.size()); ++k) {
    const StoredAccountHandover& a = plan.accounts[k];
    const auto index = org.FindAccount(a.account);
    accounts.Add({a.account, index ? org.accounts()[*index].name : "", a.value, a.risk,
                  a.value_at_risk,
                  a.successor.empty() ? "(unassigned)" : RepName(org, a.successor),
                  a.successor_reasons, a.risk_reasons});
  }
}

absl::Status RunOffboard(const OffboardArgs& args, const Context& context) {
  auto file = OpenOrg(args.org);
  if (!file.ok()) return file.status();
  if (absl::Status s = file->CheckWritable(args.out); !s.ok()) return s;
  const Org& org = file->org;
  for (const std::string& rep : args.reps) {
    const auto index = org.FindRep(rep);
    if (!index)
      return absl::NotFoundError(absl::StrCat("no rep ", rep, " in ", args.org,
                                              " (`baton summary` lists the owners)"));
    if (!org.reps()[*index].active())
      return absl::FailedPreconditionError(
          absl::StrCat("rep ", rep, " has already left"));
  }
  ReassignOptions options;
  options.departing = args.reps;
  options.today = DayOrToday(args.today);
  for (const std::string& rule : args.same) options.eligibility |= kEligibility.at(rule);
  auto reassignment = Reassign(org, options);
  if (!reassignment.ok()) return reassignment.status();
  auto model = RiskModelFor(*file, args.model);
  if (!model.ok()) return model.status();

  HandoverOptions handover;
  handover.today = options.today;
  RiskOptions scenario;
  scenario.as_of = options.today;
  for (const std::string& rep : args.reps) {
    handover.leavers.push_back({rep, *ParseDay(args.last_day), args.to_competitor});
    scenario.leavers.push_back({*org.FindRep(rep), args.to_competitor});
  }
  auto plan = PlanHandover(org, handover, *reassignment, *model);
  if (!plan.ok()) return plan.status();
  auto what_if = WhatIfDeparture(org, *model, scenario, &*reassignment);
  if (!what_if.ok()) return what_if.status();
  const std::string id = file->book.Add(org, *plan, handover, Now());
  const std::string stored = args.out.empty() ? file->path : args.out;
  if (absl::Status s = file->Save(args.out); !s.ok()) return s;

  Report report;
  report.AddFact("plan", "handover plan", id);
  report.AddFact("stored_in", "stored in", stored);
  report.AddFact("leavers", "leaving", args.reps);
  report.AddFact("last_day", "last day", args.last_day);
  report.AddFact("handover_accounts", "accounts to hand over", plan->accounts.size(),
                 Show::kCount);
  report.AddFact("value_at_risk_now", "revenue at risk now",
                 what_if->value_at_risk_before, Show::kMoney);
  report.AddFact("value_at_risk_if_nobody_takes_over",
                 "revenue at risk if nobody takes over",
                 what_if->value_at_risk_after_departure, Show::kMoney);
  report.AddFact("value_at_risk_under_the_plan", "revenue at risk under the plan",
                 what_if->value_at_risk_after_plan, Show::kMoney);
  AddOutcome(*reassignment, report);
  AddPlanTables(org, *file->book.Find(id), args.top, report);
  report.notes.push_back(absl::StrCat("Draft ", id, " is stored in ", stored,
                                      ". Next: baton plan show ", stored, " ", id,
                                      ", then baton plan apply ", stored, " ", id, "."));
  Emit(report, context);
  return absl::OkStatus();
}

void AddOffboard(CLI::App& app, const Context& context, Commands& commands) {
  auto args = std::make_shared<OffboardArgs>();
  CLI::App* cmd = app.add_subcommand(
      "offboard", "Reassign the accounts of leaving reps and plan the handover");
  cmd->add_option("ORG", args->org, "Snapshot (the plan is stored in it)")->required();
  cmd->add_option("REP", args->reps, "Ids of the leaving reps")->required();
  AddDayOption(*cmd, "--last-day", args->last_day, "Their last day")->required();
  AddDayOption(*cmd, "--today", args->today, "The day the plan starts (default: today)");
  cmd->add_flag("--to-competitor", args->to_competitor, "They leave for a competitor");
  cmd->add_option("--same", args->same, "Successors must share: team, territory, segment")
      ->check(CLI::IsMember({"team", "territory", "segment"}));
  cmd->add_option("--model", args->model, "Risk model file (default: the snapshot's)");
  cmd->add_option("--out", args->out, "Write the snapshot here instead of over ORG");
  cmd->add_option("--top", args->top, "Accounts to list (default 10)")
      ->check(CLI::Range(1, 10'000'000));
  cmd->footer("Example: baton offboard sample.snapshot r017 --last-day 2026-12-18");
  commands.emplace_back(cmd, [args, &context] { return RunOffboard(*args, context); });
}

struct RebalanceArgs {
  std::string org, team, today, out;
  std::int64_t max_moves = -1, move_cost = 300;
  bool apply = false;
  std::size_t top = 20;
};

absl::Status RunRebalance(const RebalanceArgs& args, const Context& context) {
  auto file = OpenOrg(args.org);
  if (!file.ok()) return file.status();
  if (absl::Status s = file->CheckWritable(args.out); args.apply && !s.ok()) return s;
  ReassignOptions options;
  options.mode = ReassignMode::kRebalance;
  options.team = args.team;
  options.today = DayOrToday(args.today);
  options.max_moves = args.max_moves;
  options.move_cost = args.move_cost;
  if (!args.team.empty() && !file->org.FindTeam(args.team))
    return absl::NotFoundError(absl::StrCat("no team ", args.team, " in ", args.org));
  auto result = Reassign(file->org, options);
  if (!result.ok()) return result.status();
  const Org& org = file->org;
  Report report;
  AddOutcome(*result, report);
  report.AddFact("max_min_before", "max/min load before", result->before.max_min_ratio,
                 Show::kNumber);
  report.AddFact("max_min_after", "max/min load after", result->after.max_min_ratio,
                 Show::kNumber);
  report.AddFact("stddev_before", "spread of use before",
                 result->before.stddev_utilisation, Show::kShare);
  report.AddFact("stddev_after", "spread of use after", result->after.stddev_utilisation,
                 Show::kShare);
  ReportTable& moves = report.AddTable("moved_accounts", "Accounts that move",
                                       {{"account"}, {"from"}, {"to"}, {"reasons"}});
  for (const AccountReassignment& a : result->accounts) {
    if (a.to == a.from || moves.rows.size() >= args.top) continue;
    moves.Add(
        {org.accounts()[a.account].id, IdOf(org, a.from), IdOf(org, a.to), a.reasons});
  }
  ReportTable& reps = report.AddTable("reps", "Loads",
                                      {{"rep"},
                                       {"before", Show::kCount},
                                       {"after", Show::kCount},
                                       {"capacity", Show::kCount}});
  for (const RepLoad& l : result->reps)
    reps.Add({IdOf(org, l.rep), l.before, l.after, l.capacity});
  if (args.apply) {
    if (absl::Status s = file->org.Apply(result->ToBatch(org)); !s.ok()) return s;
    if (absl::Status s = file->Save(args.out); !s.ok()) return s;
    report.notes.push_back("Applied and saved to " +
                           (args.out.empty() ? file->path : args.out) + ".");
  }
  Emit(report, context);
  return absl::OkStatus();
}

void AddRebalance(CLI::App& app, const Context& context, Commands& commands) {
  auto args = std::make_shared<RebalanceArgs>();
  CLI::App* cmd = app.add_subcommand("rebalance", "Spread a team's accounts more evenly");
  cmd->add_option("ORG", args->org, "Snapshot or CSV directory")->required();
  cmd->add_option("--team", args->team, "Team id (default: the whole organisation)");
  AddDayOption(*cmd, "--today", args->today, "The day it is (default: today)");
  cmd->add_option("--max-moves", args->max_moves, "Move at most this many accounts")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{1} << 40));
  cmd->add_option("--move-cost", args->move_cost,
                  "Cost of moving an account (default 300)")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{1} << 40));
  cmd->add_flag("--apply", args->apply, "Apply the moves and save the snapshot");
  cmd->add_option("--out", args->out, "With --apply: write the snapshot here");
  cmd->add_option("--top", args->top, "Moves to list (default 20)")
      ->check(CLI::Range(1, 10'000'000));
  cmd->footer("Example: baton rebalance sample.snapshot --team t03 --max-moves 10");
  commands.emplace_back(cmd, [args, &context] { return RunRebalance(*args, context); });
}

struct AssignArgs {
  std::string problem;
  bool assignments = false;
};

absl::Status RunAssign(const AssignArgs& args, const Context& context) {
  auto problem = ReadProblemCsv(args.problem);
  if (!problem.ok()) return problem.status();
  ProgressBar bar("solving");
  auto solution = AssignmentSolver(*problem)
                      .SetProgress([&bar](double done) { return bar(done); })
                      .Run();
  if (!solution.ok()) return solution.status();
  Report report;
  report.AddFact("outcome", "outcome",
                 solution->outcome == AssignmentSolution::Outcome::kOptimal ? "optimal"
                                                                            : "feasible");
  report.AddFact("objective", "objective", solution->objective, Show::kCount);
  report.AddFact("arc_cost", "arc cost", solution->arc_cost, Show::kCount);
  report.AddFact("load_cost", "load cost", solution->load_cost, Show::kCount);
  report.AddFact("penalty_cost", "unassigned penalty", solution->penalty_cost,
                 Show::kCount);
  report.AddFact("lower_bound", "lower bound", solution->lower_bound, Show::kCount);
  report.AddFact("gap", "gap", solution->relative_gap, Show::kShare);
  const auto unassigned = std::count(solution->rep_of.begin(), solution->rep_of.end(),
                                     AssignmentSolution::kUnassigned);
  report.AddFact("unassigned", "accounts left unassigned", unassigned, Show::kCount);
  ReportTable& reps = report.AddTable("reps", "Loads",
                                      {{"rep"},
                                       {"load_before", Show::kCount},
                                       {"added", Show::kCount},
                                       {"capacity", Show::kCount}});
  for (std::size_t j = 0; j < problem->reps.size(); ++j)
    reps.Add({problem->reps[j].id, problem->reps[j].load, solution->added_load[j],
              problem->reps[j].capacity});
  if (args.assignments) {
    ReportTable& plan =
        report.AddTable("assignments", "Assignments", {{"account"}, {"rep"}});
    for (std::size_t i = 0; i < problem->accounts.size(); ++i) {
      const std::uint32_t j = solution->rep_of[i];
      plan.Add({problem->accounts[i].id,
                j == AssignmentSolution::kUnassigned ? "" : problem->reps[j].id});
    }
  }
  Emit(report, context);
  return absl::OkStatus();
}

void AddAssign(CLI::App& app, const Context& context, Commands& commands) {
  auto args = std::make_shared<AssignArgs>();
  CLI::App* cmd = app.add_subcommand(
      "assign", "Solve an assignment problem directory (docs/assignment-format.md)");
  cmd->add_option("PROBLEM", args->problem,
                  "Directory with reps.csv, accounts.csv, arcs.csv")
      ->required();
  cmd->add_flag("--assignments", args->assignments, "Also list every account's rep");
  cmd->footer("Example: baton assign examples/assignment --assignments --format csv");
  commands.emplace_back(cmd, [args, &context] { return RunAssign(*args, context); });
}

}  // namespace

void AddReassignCommands(CLI::App& app, const Context& context, Commands& commands) {
  AddOffboard(app, context, commands);
  AddRebalance(app, context, commands);
  AddAssign(app, context, commands);
}

}  // namespace baton::cli
