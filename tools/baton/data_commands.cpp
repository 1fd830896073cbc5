// generate, import, export and summary: organisations in and out, and what
// is in one.
#include <algorithm>
#include <numeric>

#include "absl/strings/str_cat.h"
#include "baton/baton.hpp"
#include "tools/baton/command.hpp"
#include "tools/baton/org_file.hpp"

namespace baton::cli {
namespace {

void AddCounts(const Org& org, Report& report) {
  std::size_t departed = 0, open_deals = 0, open_complaints = 0;
  for (const Rep& r : org.reps()) departed += !r.active();
  for (const Deal& d : org.deals()) open_deals += IsOpen(d.stage);
  for (const Complaint& c : org.complaints()) open_complaints += c.open();
  report.AddFact("reps", "reps", org.reps().size(), Show::kCount);
  report.AddFact("departed_reps", "departed reps", departed, Show::kCount);
  report.AddFact("teams", "teams", org.teams().size(), Show::kCount);
  report.AddFact("accounts", "accounts", org.accounts().size(), Show::kCount);
  report.AddFact("accounts_without_owner", "accounts without an owner",
                 org.AccountsWithoutOwner().size(), Show::kCount);
  report.AddFact("contacts", "contacts", org.contacts().size(), Show::kCount);
  report.AddFact("relationships", "relationships", org.relationships().size(),
                 Show::kCount);
  report.AddFact("interactions", "interactions", org.interactions().size(), Show::kCount);
  report.AddFact("open_deals", "open deals", open_deals, Show::kCount);
  report.AddFact("open_complaints", "open complaints", open_complaints, Show::kCount);
}

void AddTiers(const Org& org, Report& report) {
  std::vector<std::size_t> count(org.tiers().size());
  std::vector<double> value(org.tiers().size());
  double total = 0;
  for (const Account& a : org.accounts()) {
    ++count[a.tier];
    value[a.tier] += a.annual_value;
    total += a.annual_value;
  }
  ReportTable& table = report.AddTable("tiers", "Accounts per tier",
                                       {{"tier"},
                                        {"accounts", Show::kCount},
                                        {"annual_value", Show::kMoney},
                                        {"share", Show::kShare},
                                        {"load_weight", Show::kCount},
                                        {"min_seniority", Show::kCount}});
  for (std::size_t t = 0; t < org.tiers().size(); ++t) {
    const TierPolicy& tier = org.tiers()[t];
    table.Add({tier.id, count[t], value[t], total > 0 ? value[t] / total : 0.0,
               tier.load_weight, tier.min_seniority});
  }
}

void AddOwners(const Org& org, std::size_t top, Report& report) {
  std::vector<RepIndex> owners;
  std::vector<double> value(org.reps().size());
  std::vector<std::int64_t> load(org.reps().size());
  for (RepIndex r = 0; r < org.reps().size(); ++r) {
    for (AccountIndex a : org.AccountsOwnedBy(r)) {
      value[r] += org.accounts()[a].annual_value;
      load[r] += org.tiers()[org.accounts()[a].tier].load_weight;
    }
    if (!org.AccountsOwnedBy(r).empty()) owners.push_back(r);
  }
  std::stable_sort(owners.begin(), owners.end(),
                   [&](RepIndex x, RepIndex y) { return value[x] > value[y]; });
  owners.resize(std::min(owners.size(), top));
  ReportTable& table = report.AddTable(
      "owners", absl::StrCat("Top ", owners.size(), " owners by annual value"),
      {{"rep"},
       {"name"},
       {"team"},
       {"accounts", Show::kCount},
       {"annual_value", Show::kMoney},
       {"load", Show::kCount},
       {"capacity", Show::kCount},
       {"use", Show::kShare}});
  for (RepIndex r : owners) {
    const Rep& rep = org.reps()[r];
    table.Add({rep.id, rep.name, rep.team == kNoIndex ? "" : org.teams()[rep.team].id,
               org.AccountsOwnedBy(r).size(), value[r], load[r], rep.capacity,
               rep.capacity > 0 ? static_cast<double>(load[r]) / rep.capacity : 0.0});
  }
}

// Accounts whose relationships all rest on one rep, most valuable first.
void AddSingleThreaded(const Org& org, std::size_t top, Report& report) {
  std::vector<std::pair<AccountIndex, RepIndex>> single;
  std::vector<RelationshipIndex> ties;
  for (AccountIndex a = 0; a < org.accounts().size(); ++a) {
    ties.clear();
    org.RelationshipsOfAccount(a, &ties);
    if (ties.empty()) continue;
    const RepIndex first = org.relationships()[ties[0]].rep;
    if (std::all_of(ties.begin(), ties.end(), [&](RelationshipIndex t) {
          return org.relationships()[t].rep == first;
        }))
      single.emplace_back(a, first);
  }
  report.AddFact("single_threaded_accounts", "accounts resting on a single rep",
                 single.size(), Show::kCount);
  std::stable_sort(single.begin(), single.end(), [&](const auto& x, const auto& y) {
    return org.accounts()[x.first].annual_value > org.accounts()[y.first].annual_value;
  });
  single.resize(std::min(single.size(), top));
  ReportTable& table = report.AddTable(
      "single_threaded",
      absl::StrCat("The ", single.size(), " most valuable accounts resting on one rep"),
      {{"account"},
       {"name"},
       {"tier"},
       {"annual_value", Show::kMoney},
       {"owner"},
       {"the_one_rep"}});
  for (const auto& [a, rep] : single) {
    const Account& account = org.accounts()[a];
    table.Add({account.id, account.name, org.tiers()[account.tier].id,
               account.annual_value,
               account.owner == kNoIndex ? "" : org.reps()[account.owner].id,
               org.reps()[rep].id});
  }
}

void AddGenerate(CLI::App& app, const Context& context, Commands& commands) {
  struct Options {
    SampleOptions sample;
    std::string csv, snapshot, today;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("generate", "Write a generated sample organisation");
  cmd->add_option("--accounts", o->sample.accounts, "Accounts (default 2000)")
      ->check(CLI::Range(1, 10'000'000));
  cmd->add_option("--reps", o->sample.reps, "Reps (default: one per 40 accounts)");
  cmd->add_option("--seed", o->sample.seed, "Seed: the same seed, the same organisation");
  cmd->add_option("--relationships", o->sample.relationships_per_account,
                  "Mean relationships per account (default 4)")
      ->check(CLI::Range(0.0, 100.0));
  cmd->add_option("--interactions", o->sample.interactions_per_account,
                  "Mean interactions per account over two years (default 12)")
      ->check(CLI::Range(0.0, 1000.0));
  AddDayOption(*cmd, "--today", o->today, "The day it is as of (default 2026-11-01)");
  CLI::Option_group* where =
      cmd->add_option_group("output", "Where to write it (one or both)");
  where->add_option("--csv", o->csv, "Write it as a CSV directory");
  where->add_option("--snapshot", o->snapshot, "Write it as a snapshot");
  where->require_option(1, 2);
  cmd->footer("Example: baton generate --accounts 100000 --snapshot big.snapshot");
  commands.emplace_back(cmd, [o, &context] {
    if (o->csv.empty() && o->snapshot.empty())
      return absl::InvalidArgumentError(
          "name where to write it: --csv DIR or --snapshot FILE");
    if (!o->today.empty()) o->sample.today = DayOrToday(o->today);
    auto org = GenerateSampleOrg(o->sample);
    if (!org.ok()) return org.status();
    if (!o->csv.empty())
      if (absl::Status s = ExportCsv(*org, o->csv); !s.ok()) return s;
    if (!o->snapshot.empty())
      if (absl::Status s = SaveSnapshot(*org, o->snapshot); !s.ok()) return s;
    Report report;
    AddCounts(*org, report);
    report.AddFact("state_hash", "state hash", absl::StrCat(absl::Hex(org->StateHash())));
    Emit(report, context);
    return absl::OkStatus();
  });
}

void AddImportExport(CLI::App& app, const Context& context, Commands& commands) {
  struct Options {
    std::string from, to;
  };
  auto in = std::make_shared<Options>();
  CLI::App* import = app.add_subcommand("import", "Read a CSV directory into a snapshot");
  import->add_option("DIR", in->from, "CSV directory (docs/csv.md)")->required();
  import->add_option("--out", in->to, "Snapshot to write")->required();
  import->footer("Example: baton import examples/sample --out sample.snapshot");
  commands.emplace_back(import, [in, &context] {
    Org org;
    if (absl::Status s = ImportCsv(in->from, org); !s.ok()) return s;
    if (absl::Status s = SaveSnapshot(org, in->to); !s.ok()) return s;
    Report report;
    AddCounts(org, report);
    report.AddFact("snapshot", "written to", in->to);
    report.AddFact("state_hash", "state hash", absl::StrCat(absl::Hex(org.StateHash())));
    Emit(report, context);
    return absl::OkStatus();
  });

  auto out = std::make_shared<Options>();
  CLI::App* exp =
      app.add_subcommand("export", "Write an organisation as a CSV directory");
  exp->add_option("ORG", out->from, "Snapshot or CSV directory")->required();
  exp->add_option("--out", out->to, "Directory to write (created if missing)")
      ->required();
  exp->footer("Example: baton export sample.snapshot --out /tmp/sample-csv");
  commands.emplace_back(exp, [out, &context] {
    auto file = OpenOrg(out->from);
    if (!file.ok()) return file.status();
    if (absl::Status s = ExportCsv(file->org, out->to); !s.ok()) return s;
    Report report;
    AddCounts(file->org, report);
    report.AddFact("directory", "written to", out->to);
    Emit(report, context);
    return absl::OkStatus();
  });
}

void AddSummary(CLI::App& app, const Context& context, Commands& commands) {
  struct Options {
    std::string org;
    std::size_t top = 10;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd =
      app.add_subcommand("summary", "Who is on the books and where the value sits");
  cmd->add_option("ORG", o->org, "Snapshot or CSV directory")->required();
  cmd->add_option("--top", o->top, "Rows per table (default 10)")
      ->check(CLI::Range(1, 1'000'000));
  cmd->footer("Example: baton summary examples/sample --format markdown");
  commands.emplace_back(cmd, [o, &context] {
    auto file = OpenOrg(o->org);
    if (!file.ok()) return file.status();
    Report report;
    AddCounts(file->org, report);
    AddTiers(file->org, report);
    AddOwners(file->org, o->top, report);
    AddSingleThreaded(file->org, o->top, report);
    report.AddFact("handover_plans", "handover plans", file->book.plans().size(),
                   Show::kCount);
    Emit(report, context);
    return absl::OkStatus();
  });
}

}  // namespace

void AddDataCommands(CLI::App& app, const Context& context, Commands& commands) {
  AddGenerate(app, context, commands);
  AddImportExport(app, context, commands);
  AddSummary(app, context, commands);
}

}  // namespace baton::cli
