// baton: the command line over Baton's C++ API. Each subcommand reads an
// organisation (a snapshot, or a CSV directory), does one job and prints a
// report as an aligned table, JSON, CSV or Markdown. docs/cli.md has them all.
#include <iostream>
#include <map>
#include <string>

#include "baton/version.hpp"
#include "tools/baton/command.hpp"

namespace {

constexpr const char* kExitCodes =
    "Exit codes: 0 done; 1 failed (I/O, internal); 2 bad arguments; 3 invalid input\n"
    "file or data; 4 unknown rep, plan, task or file; 5 refused by the state (e.g. the\n"
    "plan is not a draft). Errors go to stderr and say what to fix.";

}  // namespace

int main(int argc, char** argv) {
  using namespace baton::cli;
  CLI::App app("Baton: keep the customers when a sales rep leaves.", "baton");
  app.require_subcommand(1);
  app.fallthrough();
  app.footer(kExitCodes);
  app.set_version_flag("--version", std::to_string(baton::kVersionMajor) + "." +
                                        std::to_string(baton::kVersionMinor) + "." +
                                        std::to_string(baton::kVersionPatch));
  Context context;
  const std::map<std::string, Format> formats = {{"table", Format::kTable},
                                                 {"json", Format::kJson},
                                                 {"csv", Format::kCsv},
                                                 {"markdown", Format::kMarkdown}};
  std::string format = "table";
  app.add_option("--format", format, "Output: table (default), json, csv or markdown")
      ->check(CLI::IsMember({"table", "json", "csv", "markdown"}));

  Commands commands;
  AddDataCommands(app, context, commands);
  AddRiskCommand(app, context, commands);
  AddReassignCommands(app, context, commands);
  AddPlanCommands(app, context, commands);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  context.format = formats.at(format);
  for (const auto& [command, run] : commands) {
    if (!command->parsed()) continue;
    const absl::Status status = run();
    if (status.ok()) return kExitOk;
    const CLI::App* parent = command->get_parent();
    std::cerr << "baton " << (parent != &app ? parent->get_name() + " " : "")
              << command->get_name() << ": " << status.message() << "\n";
    return ExitCodeOf(status);
  }
  std::cerr << app.help();
  return kExitUsage;
}
