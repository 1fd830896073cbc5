// baton-demo: loads an organisation from a CSV directory and prints what a
// sales manager would ask first: who is on the books, where the value sits,
// how full each owner's book is, which valuable accounts hang on one rep, the
// revenue at risk, and the story of the departure that would put the most of
// it at risk: who takes over, the handover plan, the risk once it is applied.
//
//   baton-demo [DIR]                  summarise DIR (default examples/sample)
//   baton-demo --generate DIR [--accounts N] [--seed S] [--reps R]
//              [--relationships PER_ACCOUNT] [--interactions PER_ACCOUNT]
//                                     write a generated sample organisation
//   baton-demo --assign PROBLEM_DIR   solve an assignment problem
//                                     (docs/assignment-format.md): the plan
//                                     as CSV on stdout, its costs on stderr
//
// A client of the public C++ API only.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "baton/baton.hpp"
#include "tools/demo/departure_story.hpp"
#include "tools/demo/summary.hpp"
#include "tools/demo/text_table.hpp"

namespace {

using baton::AccountIndex;
using baton::Org;
using baton::RepIndex;
using baton::demo::Grouped;

int Summarise(const std::string& directory) {
  Org org;
  if (absl::Status status = baton::ImportCsv(directory, org); !status.ok()) {
    std::fprintf(stderr, "baton-demo: %s\n", std::string(status.message()).c_str());
    return 1;
  }
  std::printf("Baton %d.%d.%d: the organisation in %s\n\n", baton::kVersionMajor,
              baton::kVersionMinor, baton::kVersionPatch, directory.c_str());
  const baton::Day as_of = baton::demo::AsOf(org);
  baton::demo::PrintSummary(org, as_of);
  baton::demo::PrintDepartureStory(org, as_of);
  return 0;
}

// --- generating ------------------------------------------------------------------

bool ParseNumber(const char* text, double* out) {
  char* end = nullptr;
  const double value = std::strtod(text, &end);
  if (end == text || *end != '\0' || !(value >= 0)) return false;
  *out = value;
  return true;
}

int Usage() {
  std::fprintf(
      stderr,
      "usage: baton-demo [DIR]\n"
      "       baton-demo --generate DIR [--accounts N] [--seed S] [--reps R]\n"
      "                  [--relationships PER_ACCOUNT] [--interactions PER_ACCOUNT]\n"
      "       baton-demo --assign PROBLEM_DIR\n");
  return 2;
}

int Generate(int argc, char** argv) {
  if (argc < 3) return Usage();
  const std::string directory = argv[2];
  baton::SampleOptions options;
  for (int i = 3; i < argc; i += 2) {
    const std::string_view flag = argv[i];
    double value = 0;
    if (i + 1 >= argc || !ParseNumber(argv[i + 1], &value)) return Usage();
    const bool whole = value == std::floor(value) && value < 1e15;
    if (flag == "--accounts" && whole) {
      options.accounts = static_cast<std::size_t>(value);
    } else if (flag == "--seed" && whole) {
      options.seed = static_cast<std::uint64_t>(value);
    } else if (flag == "--reps" && whole) {
      options.reps = static_cast<std::size_t>(value);
    } else if (flag == "--relationships") {
      options.relationships_per_account = value;
    } else if (flag == "--interactions") {
      options.interactions_per_account = value;
    } else {
      return Usage();
    }
  }
  absl::StatusOr<Org> org = baton::GenerateSampleOrg(options);
  absl::Status status = org.ok() ? baton::ExportCsv(*org, directory) : org.status();
  if (!status.ok()) {
    std::fprintf(stderr, "baton-demo: %s\n", std::string(status.message()).c_str());
    return 1;
  }
  std::printf("wrote %s reps and %s accounts to %s\n",
              Grouped(static_cast<double>(org->reps().size())).c_str(),
              Grouped(static_cast<double>(org->accounts().size())).c_str(),
              directory.c_str());
  return 0;
}

// Solves the assignment problem in `directory` (docs/assignment-format.md):
// the outcome and costs on stderr, the plan as CSV (account,rep; rep empty
// when unassigned) on stdout.
int Assign(const std::string& directory) {
  absl::StatusOr<baton::AssignmentProblem> problem = baton::ReadProblemCsv(directory);
  absl::StatusOr<baton::AssignmentSolution> plan =
      problem.ok() ? baton::AssignmentSolver(*problem).Run() : problem.status();
  if (!plan.ok()) {
    std::fprintf(stderr, "baton-demo: %s\n",
                 std::string(plan.status().message()).c_str());
    return 1;
  }
  const bool optimal = plan->outcome == baton::AssignmentSolution::Outcome::kOptimal;
  std::fprintf(stderr,
               "%s: objective %lld (arcs %lld, load %lld, unassigned %lld), lower bound "
               "%lld, gap %.4f%%\n",
               optimal ? "optimal" : "feasible", static_cast<long long>(plan->objective),
               static_cast<long long>(plan->arc_cost),
               static_cast<long long>(plan->load_cost),
               static_cast<long long>(plan->penalty_cost),
               static_cast<long long>(plan->lower_bound), 100 * plan->relative_gap);
  std::printf("account,rep\n");
  for (std::size_t i = 0; i < plan->rep_of.size(); ++i) {
    const std::uint32_t rep = plan->rep_of[i];
    const std::string& id = problem->accounts[i].id;
    const bool quote = id.find_first_of(",\"\n\r") != std::string::npos;
    std::string field = id;
    if (quote) {
      field = "\"";
      for (char c : id) field += c == '"' ? std::string("\"\"") : std::string(1, c);
      field += "\"";
    }
    std::printf("%s,%s\n", field.c_str(),
                rep == baton::AssignmentSolution::kUnassigned
                    ? ""
                    : problem->reps[rep].id.c_str());
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && std::string_view(argv[1]) == "--generate") return Generate(argc, argv);
  if (argc == 3 && std::string_view(argv[1]) == "--assign") return Assign(argv[2]);
  if (argc > 2 || (argc == 2 && argv[1][0] == '-')) return Usage();
  return Summarise(argc == 2 ? argv[1] : "examples/sample");
}
