#include "tools/baton/command.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <iostream>

namespace baton::cli {

int ExitCodeOf(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kOk:
      return kExitOk;
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kDataLoss:
    case absl::StatusCode::kOutOfRange:
      return kExitBadInput;
    case absl::StatusCode::kNotFound:
      return kExitNotFound;
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kAlreadyExists:
      return kExitRefused;
    default:
      return kExitFailed;
  }
}

CLI::Option* AddDayOption(CLI::App& app, const std::string& name, std::string& text,
                          const std::string& help) {
  CLI::Validator day(
      [](std::string& value) {
        const auto parsed = ParseDay(value);
        return parsed.ok()
                   ? std::string()
                   : "not a day (YYYY-MM-DD): " + std::string(parsed.status().message());
      },
      "YYYY-MM-DD");
  return app.add_option(name, text, help)->check(day);
}

Day DayOrToday(const std::string& text) {
  if (!text.empty()) return *ParseDay(text);  // checked by AddDayOption
  const std::time_t now = static_cast<std::time_t>(Now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  return DayFromCivil(utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday);
}

std::int64_t Now() {
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) {
    char* end = nullptr;
    const long long seconds = std::strtoll(epoch, &end, 10);
    if (end != epoch && *end == '\0') return seconds;
  }
  return static_cast<std::int64_t>(std::time(nullptr));
}

std::string TimeText(std::int64_t seconds) {
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm utc{};
  if (gmtime_r(&t, &utc) == nullptr) return std::to_string(seconds);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

std::string RepName(const Org& org, const std::string& id) {
  if (id.empty()) return "";
  const auto rep = org.FindRep(id);
  if (!rep || org.reps()[*rep].name.empty()) return id;
  return id + " " + org.reps()[*rep].name;
}

ProgressBar::ProgressBar(std::string label)
    : label_(std::move(label)), shown_(::isatty(STDERR_FILENO) == 1) {}

ProgressBar::~ProgressBar() {
  if (shown_ && drawn_ >= 0) std::fprintf(stderr, "\r\033[K");
}

bool ProgressBar::operator()(double done) {
  const int percent = static_cast<int>(100 * std::min(1.0, std::max(0.0, done)));
  if (!shown_ || percent == drawn_) return true;
  drawn_ = percent;
  const int filled = percent / 5;
  std::fprintf(stderr, "\r%s [%.*s%*s] %3d%%", label_.c_str(), filled,
               "####################", 20 - filled, "", percent);
  std::fflush(stderr);
  return true;
}

void Emit(const Report& report, const Context& context) {
  Print(report, context.format, std::cout);
}

}  // namespace baton::cli
