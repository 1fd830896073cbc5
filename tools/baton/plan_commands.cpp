// plan show, apply, undo, task and log: the stored handover plans of a
// snapshot, their lifecycle, and the audit log.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "baton/baton.hpp"
#include "baton/handover_book.hpp"
#include "tools/baton/command.hpp"
#include "tools/baton/org_file.hpp"

namespace baton::cli {
namespace {

struct PlanArgs {
  std::string org, plan, task, status, out;
  std::size_t top = 10;
  bool changes = false;
};

absl::StatusOr<const StoredHandover*> FindPlan(const OrgFile& file,
                                               const std::string& id) {
  const StoredHandover* plan = file.book.Find(id);
  if (plan == nullptr) {
    return absl::NotFoundError(absl::StrCat("no handover plan ", id, " in ", file.path,
                                            " (`baton plan show ", file.path,
                                            "` lists them)"));
  }
  return plan;
}

void ListPlans(const OrgFile& file, Report& report) {
  ReportTable& table = report.AddTable("plans", "Handover plans",
                                       {{"plan"},
                                        {"state"},
                                        {"today"},
                                        {"leavers"},
                                        {"accounts", Show::kCount},
                                        {"value_at_risk", Show::kMoney},
                                        {"open_tasks", Show::kCount}});
  for (const StoredHandover& plan : file.book.plans()) {
    std::vector<std::string> leavers;
    double at_risk = 0;
    std::size_t open = 0;
    for (const StoredLeaver& l : plan.leavers) {
      leavers.push_back(l.leaver.rep);
      for (const StoredTask& t : l.tasks) open += t.status == HandoverTaskStatus::kOpen;
    }
    for (const StoredAccountHandover& a : plan.accounts) {
      at_risk += a.value_at_risk;
      for (const StoredTask& t : a.tasks) open += t.status == HandoverTaskStatus::kOpen;
    }
    table.Add({plan.id, NameOf(plan.state), FormatDay(plan.today), leavers,
               plan.accounts.size(), at_risk, open});
  }
}

void AddTasks(const Org& org, const std::vector<StoredTask>& tasks, ReportTable& table) {
  for (const StoredTask& t : tasks)
    table.Add({FormatDay(t.due), t.id, NameOf(t.role), RepName(org, t.rep),
               NameOf(t.status), t.title, t.details});
}

void ShowPlan(const OrgFile& file, const StoredHandover& plan, std::size_t top,
              Report& report) {
  const Org& org = file.org;
  report.AddFact("plan", "handover plan", plan.id);
  report.AddFact("state", "state", NameOf(plan.state));
  report.AddFact("today", "planned on", FormatDay(plan.today));
  std::vector<std::string> leavers;
  for (const StoredLeaver& l : plan.leavers)
    leavers.push_back(RepName(org, l.leaver.rep) + ", last day " +
                      FormatDay(l.leaver.last_day));
  report.AddFact("leavers", "leaving", leavers);
  report.AddFact("handover_accounts", "accounts", plan.accounts.size(), Show::kCount);
  const std::size_t shown = std::min(top, plan.accounts.size());
  ReportTable& accounts =
      report.AddTable("accounts",
                      absl::StrCat("Accounts by revenue at risk (", shown, " of ",
                                   plan.accounts.size(), ")"),
                      {{"account"},
                       {"leaver"},
                       {"successor"},
                       {"annual_value", Show::kMoney},
                       {"risk", Show::kShare},
                       {"value_at_risk", Show::kMoney},
                       {"why_the_successor"},
                       {"risk_reasons"}});
  std::vector<StoredTask> tasks;
  for (const StoredLeaver& l : plan.leavers)
    tasks.insert(tasks.end(), l.tasks.begin(), l.tasks.end());
  for (std::size_t k = 0; k < shown; ++k) {
    const StoredAccountHandover& a = plan.accounts[k];
    accounts.Add({a.account, a.leaver, a.successor.empty() ? "(unassigned)" : a.successor,
                  a.value, a.risk, a.value_at_risk, a.successor_reasons, a.risk_reasons});
    tasks.insert(tasks.end(), a.tasks.begin(), a.tasks.end());
  }
  std::stable_sort(
      tasks.begin(), tasks.end(),
      [](const StoredTask& x, const StoredTask& y) { return x.due < y.due; });
  ReportTable& table = report.AddTable(
      "tasks", "Tasks of the leavers and of these accounts, by due day",
      {{"due"}, {"task"}, {"role"}, {"owner"}, {"status"}, {"title"}, {"details"}});
  AddTasks(org, tasks, table);
}

// How many changes of each record kind an event holds.
void AddChangeCounts(const HandoverEvent& event, Report& report) {
  std::size_t count[4] = {0, 0, 0, 0};
  for (const RecordedChange& c : event.changes) ++count[static_cast<int>(c.record)];
  report.AddFact("accounts_moved", "accounts", count[0], Show::kCount);
  report.AddFact("deals_moved", "deals", count[1], Show::kCount);
  report.AddFact("rep_fields", "rep fields (departures)", count[2], Show::kCount);
  report.AddFact("tasks_passed_on", "tasks passed on", count[3], Show::kCount);
}

enum class Step { kApply, kUndo };

absl::Status RunStep(const PlanArgs& args, Step step, const Context& context) {
  auto file = OpenOrg(args.org);
  if (!file.ok()) return file.status();
  if (absl::Status s = file->CheckWritable(args.out); !s.ok()) return s;
  if (auto plan = FindPlan(*file, args.plan); !plan.ok()) return plan.status();
  const std::uint64_t before = file->org.StateHash();
  const absl::Status done = step == Step::kApply
                                ? file->book.Apply(args.plan, file->org, Now())
                                : file->book.Undo(args.plan, file->org, Now());
  if (!done.ok()) return done;
  if (absl::Status s = CheckNothingOwnedByDeparted(file->org, file->book); !s.ok())
    return absl::InternalError(absl::StrCat("not saved: ", s.message()));
  if (absl::Status s = file->Save(args.out); !s.ok()) return s;
  Report report;
  report.AddFact("plan", "handover plan", args.plan);
  report.AddFact("state", "state", NameOf(file->book.Find(args.plan)->state));
  AddChangeCounts(file->book.log().back(), report);
  report.AddFact("state_hash_before", "state hash before",
                 absl::StrCat(absl::Hex(before)));
  report.AddFact("state_hash_after", "state hash after",
                 absl::StrCat(absl::Hex(file->org.StateHash())));
  report.AddFact("saved_to", "saved to", args.out.empty() ? file->path : args.out);
  Emit(report, context);
  return absl::OkStatus();
}

absl::Status RunTask(const PlanArgs& args, const Context& context) {
  auto file = OpenOrg(args.org);
  if (!file.ok()) return file.status();
  if (absl::Status s = file->CheckWritable(args.out); !s.ok()) return s;
  const HandoverTaskStatus status = args.status == "done" ? HandoverTaskStatus::kDone
                                    : args.status == "open"
                                        ? HandoverTaskStatus::kOpen
                                        : HandoverTaskStatus::kSkipped;
  if (absl::Status s = file->book.SetTaskStatus(args.plan, args.task, status, Now());
      !s.ok())
    return s;
  if (absl::Status s = file->Save(args.out); !s.ok()) return s;
  Report report;
  report.AddFact("plan", "handover plan", args.plan);
  report.AddFact("task", "task", args.task);
  report.AddFact("status", "status", args.status);
  Emit(report, context);
  return absl::OkStatus();
}

absl::Status RunLog(const PlanArgs& args, const Context& context) {
  auto file = OpenOrg(args.org);
  if (!file.ok()) return file.status();
  if (!args.plan.empty())
    if (auto plan = FindPlan(*file, args.plan); !plan.ok()) return plan.status();
  Report report;
  ReportTable& events = report.AddTable(
      "events", "Audit log", {{"at"}, {"plan"}, {"event"}, {"changes", Show::kCount}});
  ReportTable* changes =
      args.changes
          ? &report.AddTable(
                "changes", "What changed",
                {{"at"}, {"plan"}, {"record"}, {"id"}, {"field"}, {"before"}, {"after"}})
          : nullptr;
  for (const HandoverEvent& e : file->book.log()) {
    if (!args.plan.empty() && e.plan != args.plan) continue;
    events.Add({TimeText(e.at), e.plan, NameOf(e.kind), e.changes.size()});
    if (changes == nullptr) continue;
    for (const RecordedChange& c : e.changes)
      changes->Add(
          {TimeText(e.at), e.plan, NameOf(c.record), c.id, c.field, c.before, c.after});
  }
  Emit(report, context);
  return absl::OkStatus();
}

CLI::App* AddPlanSubcommand(CLI::App& plan, const char* name, const char* help,
                            PlanArgs& args, bool needs_plan) {
  CLI::App* cmd = plan.add_subcommand(name, help);
  cmd->add_option("ORG", args.org, "Snapshot holding the plans")->required();
  CLI::Option* id = cmd->add_option("PLAN", args.plan, "Plan id (H1, H2, ...)");
  if (needs_plan) id->required();
  return cmd;
}

}  // namespace

void AddPlanCommands(CLI::App& app, const Context& context, Commands& commands) {
  CLI::App* plan =
      app.add_subcommand("plan", "Show, apply or undo stored handover plans");
  plan->require_subcommand(1);

  auto show = std::make_shared<PlanArgs>();
  CLI::App* cmd =
      AddPlanSubcommand(*plan, "show", "List the plans, or show one", *show, false);
  cmd->add_option("--top", show->top, "Accounts to show (default 10)")
      ->check(CLI::Range(1, 10'000'000));
  cmd->footer("Example: baton plan show sample.snapshot H1 --format markdown");
  commands.emplace_back(cmd, [show, &context]() -> absl::Status {
    auto file = OpenOrg(show->org);
    if (!file.ok()) return file.status();
    Report report;
    if (show->plan.empty()) {
      ListPlans(*file, report);
    } else {
      auto found = FindPlan(*file, show->plan);
      if (!found.ok()) return found.status();
      ShowPlan(*file, **found, show->top, report);
    }
    Emit(report, context);
    return absl::OkStatus();
  });

  for (const Step step : {Step::kApply, Step::kUndo}) {
    auto args = std::make_shared<PlanArgs>();
    const bool apply = step == Step::kApply;
    cmd = AddPlanSubcommand(*plan, apply ? "apply" : "undo",
                            apply ? "Carry out a draft: every ownership change at once"
                                  : "Take an applied plan back, exactly",
                            *args, true);
    cmd->add_option("--out", args->out, "Write the snapshot here instead of over ORG");
    cmd->footer(apply ? "Example: baton plan apply sample.snapshot H1"
                      : "Example: baton plan undo sample.snapshot H1");
    commands.emplace_back(
        cmd, [args, step, &context] { return RunStep(*args, step, context); });
  }

  auto task = std::make_shared<PlanArgs>();
  cmd = AddPlanSubcommand(*plan, "task", "Set a task's status", *task, true);
  cmd->add_option("TASK", task->task, "Task id, as plan show lists it")->required();
  cmd->add_option("STATUS", task->status, "open, done or skipped")
      ->required()
      ->check(CLI::IsMember({"open", "done", "skipped"}));
  cmd->add_option("--out", task->out, "Write the snapshot here instead of over ORG");
  cmd->footer("Example: baton plan task sample.snapshot H1 a0042/notify_customer done");
  commands.emplace_back(cmd, [task, &context] { return RunTask(*task, context); });

  auto log = std::make_shared<PlanArgs>();
  cmd = AddPlanSubcommand(
      *plan, "log", "The audit log: what changed, when, by which plan", *log, false);
  cmd->add_flag("--changes", log->changes, "List every field each event changed");
  cmd->footer("Example: baton plan log sample.snapshot H1 --changes --format csv");
  commands.emplace_back(cmd, [log, &context] { return RunLog(*log, context); });
}

}  // namespace baton::cli
