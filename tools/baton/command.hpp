// What every subcommand of `baton` shares: the output format, how a
// subcommand is registered and run, dates, the clock, the progress bar, and
// exit codes.
#ifndef BATON_TOOLS_BATON_COMMAND_HPP_
#define BATON_TOOLS_BATON_COMMAND_HPP_

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/status/status.h"
#include "baton/day.hpp"
#include "baton/org.hpp"
#include "tools/baton/report.hpp"

namespace baton::cli {

struct Context {
  Format format = Format::kTable;
};

// The leaf subcommands and what runs each once its options are parsed.
using Run = std::function<absl::Status()>;
using Commands = std::vector<std::pair<CLI::App*, Run>>;

void AddDataCommands(CLI::App& app, const Context& context, Commands& commands);
void AddRiskCommand(CLI::App& app, const Context& context, Commands& commands);
void AddReassignCommands(CLI::App& app, const Context& context, Commands& commands);
void AddPlanCommands(CLI::App& app, const Context& context, Commands& commands);

// Exit codes (docs/cli.md).
enum ExitCode : int {
  kExitOk = 0,
  kExitFailed = 1,    // anything else: I/O, an internal error
  kExitUsage = 2,     // bad arguments or options
  kExitBadInput = 3,  // a file or its contents are invalid
  kExitNotFound = 4,  // an unknown rep, plan, task or file
  kExitRefused = 5,   // the state forbids it (e.g. the plan is not a draft)
};
int ExitCodeOf(const absl::Status& status);

// An option that takes a day written YYYY-MM-DD, checked while parsing.
CLI::Option* AddDayOption(CLI::App& app, const std::string& name, std::string& text,
                          const std::string& help);
// The day in `text`, or today's date (UTC) when it is empty.
Day DayOrToday(const std::string& text);
// The time for the audit log: $SOURCE_DATE_EPOCH if set, else the clock, in
// Unix seconds; and such a time as 2026-12-01T09:30:00Z.
std::int64_t Now();
std::string TimeText(std::int64_t seconds);

// "r017 郭志强", or "" for nobody.
std::string RepName(const Org& org, const std::string& id);

// Draws "label [#####     ] 45%" on stderr when it is a terminal; never
// cancels. Clears its line when destroyed.
class ProgressBar {
 public:
  explicit ProgressBar(std::string label);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;
  bool operator()(double done);

 private:
  std::string label_;
  bool shown_;
  int drawn_ = -1;
};

void Emit(const Report& report, const Context& context);

}  // namespace baton::cli

#endif  // BATON_TOOLS_BATON_COMMAND_HPP_
