// baton-demo: loads an organisation from a CSV directory and prints what a
// sales manager would ask first: who is on the books, where the value sits,
// how full each owner's book is, which valuable accounts hang on one rep, and
// who would take over if the rep with the most valuable book left.
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

namespace {

using baton::AccountIndex;
using baton::Org;
using baton::RepIndex;

// --- text layout -----------------------------------------------------------------

// Terminal columns a UTF-8 string takes: East Asian wide characters take two.
// Enough for names (no combining marks or emoji handling).
bool IsWide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

// Decodes the code point starting at text[*i] and advances *i past it.
char32_t NextCodePoint(std::string_view text, std::size_t* i) {
  const auto byte = static_cast<unsigned char>(text[*i]);
  const int length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
  char32_t c = length == 1 ? byte : byte & (0x7F >> length);
  for (int k = 1; k < length && *i + k < text.size(); ++k) {
    c = (c << 6) | (static_cast<unsigned char>(text[*i + k]) & 0x3F);
  }
  *i += length;
  return c;
}

std::size_t DisplayWidth(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();)
    width += IsWide(NextCodePoint(text, &i)) ? 2 : 1;
  return width;
}

// Cuts `text` to at most `width` columns, marking the cut with "…".
std::string Fit(std::string_view text, std::size_t width) {
  if (DisplayWidth(text) <= width) return std::string(text);
  std::string out;
  std::size_t used = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const std::size_t w = IsWide(NextCodePoint(text, &i)) ? 2 : 1;
    if (used + w + 1 > width) break;
    out.append(text.substr(start, i - start));
    used += w;
  }
  return out + "…";
}

// 1234567.4 -> "1,234,567".
std::string Grouped(double value) {
  const auto whole = static_cast<long long>(std::llround(value));
  std::string digits = std::to_string(whole < 0 ? -whole : whole);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return whole < 0 ? "-" + out : out;
}

std::string Percent(double part, double whole) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f%%", whole > 0 ? 100 * part / whole : 0.0);
  return buffer;
}

// Rows of cells printed in aligned columns; numeric columns align right.
class Table {
 public:
  Table(std::vector<std::string> headers, std::string right_aligned)
      : rows_{std::move(headers)}, right_(std::move(right_aligned)) {}

  void Add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }

  void Print() const {
    std::vector<std::size_t> widths(rows_[0].size(), 0);
    for (const auto& row : rows_) {
      for (std::size_t c = 0; c < row.size(); ++c) {
        widths[c] = std::max(widths[c], DisplayWidth(row[c]));
      }
    }
    const bool headless = std::all_of(rows_[0].begin(), rows_[0].end(),
                                      [](const std::string& h) { return h.empty(); });
    for (std::size_t r = headless ? 1 : 0; r < rows_.size(); ++r) {
      const std::vector<std::string>& row = rows_[r];
      std::string line = " ";
      for (std::size_t c = 0; c < row.size(); ++c) {
        const std::string pad(widths[c] - DisplayWidth(row[c]), ' ');
        const bool right = c < right_.size() && right_[c] == 'r';
        line += "  " + (right ? pad + row[c] : row[c] + pad);
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      std::printf("%s\n", line.c_str());
    }
  }

 private:
  std::vector<std::vector<std::string>> rows_;
  std::string right_;  // 'r' for each right-aligned column
};

std::string RepLabel(const Org& org, RepIndex rep) {
  if (rep == baton::kNoIndex) return "(nobody)";
  return org.reps()[rep].id + " " + Fit(org.reps()[rep].name, 22);
}

// --- the summary -------------------------------------------------------------

void PrintCounts(const Org& org) {
  std::size_t departed = 0, to_competitor = 0;
  for (const baton::Rep& rep : org.reps()) {
    departed += !rep.active();
    to_competitor += !rep.active() && rep.to_competitor;
  }
  std::size_t open_deals = 0, open_complaints = 0;
  for (const baton::Deal& deal : org.deals()) open_deals += baton::IsOpen(deal.stage);
  for (const baton::Complaint& c : org.complaints()) open_complaints += c.open();
  Table table({"", "", ""}, "lr");
  auto row = [&table](const char* what, std::size_t n, std::string note = {}) {
    table.Add({what, Grouped(static_cast<double>(n)), std::move(note)});
  };
  row("reps", org.reps().size(),
      Grouped(org.reps().size() - departed) + " active, " + Grouped(departed) +
          " departed (" + Grouped(to_competitor) + " to a competitor)");
  row("teams", org.teams().size());
  row("accounts", org.accounts().size(),
      Grouped(org.AccountsWithoutOwner().size()) + " without an owner");
  row("contacts", org.contacts().size());
  row("relationships", org.relationships().size());
  row("interactions", org.interactions().size());
  row("deals", org.deals().size(), Grouped(open_deals) + " open");
  row("complaints", org.complaints().size(), Grouped(open_complaints) + " open");
  table.Print();
}

void PrintTiers(const Org& org) {
  std::vector<std::size_t> count(org.tiers().size());
  std::vector<double> value(org.tiers().size());
  double total = 0;
  for (const baton::Account& account : org.accounts()) {
    ++count[account.tier];
    value[account.tier] += account.annual_value;
    total += account.annual_value;
  }
  std::printf("\nAccounts per tier\n");
  Table table({"tier", "accounts", "annual value", "share", "weight", "min seniority"},
              "lrrrrr");
  for (std::size_t t = 0; t < org.tiers().size(); ++t) {
    const baton::TierPolicy& tier = org.tiers()[t];
    table.Add({tier.id, Grouped(static_cast<double>(count[t])), Grouped(value[t]),
               Percent(value[t], total), std::to_string(tier.load_weight),
               std::to_string(tier.min_seniority)});
  }
  table.Add({"all", Grouped(static_cast<double>(org.accounts().size())), Grouped(total),
             Percent(total, total), "", ""});
  table.Print();
}

// The tier mix of an owner's book, as "A 3 · B 9 · C 14".
std::string TierMix(const Org& org, const std::vector<std::size_t>& count) {
  std::string mix;
  for (std::size_t t = 0; t < count.size(); ++t) {
    if (!mix.empty()) mix += "  ";
    mix += org.tiers()[t].id + " " + std::to_string(count[t]);
  }
  return mix;
}

void PrintTopOwners(const Org& org) {
  struct Book {
    RepIndex rep;
    double value = 0;
    std::int64_t load = 0;
    std::vector<std::size_t> tiers;
  };
  std::vector<Book> books;
  for (RepIndex r = 0; r < org.reps().size(); ++r) {
    Book book{r, 0, 0, std::vector<std::size_t>(org.tiers().size())};
    for (AccountIndex a : org.AccountsOwnedBy(r)) {
      const baton::Account& account = org.accounts()[a];
      book.value += account.annual_value;
      book.load += org.tiers()[account.tier].load_weight;
      ++book.tiers[account.tier];
    }
    if (!org.AccountsOwnedBy(r).empty()) books.push_back(std::move(book));
  }
  std::sort(books.begin(), books.end(), [](const Book& x, const Book& y) {
    return x.value != y.value ? x.value > y.value : x.rep < y.rep;
  });
  if (books.size() > 10) books.resize(10);
  std::printf("\nTop %zu owners by annual value\n", books.size());
  Table table(
      {"owner", "team", "accounts", "tier mix", "annual value", "load / capacity", "use"},
      "llrlrrr");
  for (const Book& book : books) {
    const baton::Rep& rep = org.reps()[book.rep];
    const std::size_t accounts = org.AccountsOwnedBy(book.rep).size();
    const std::string team =
        rep.team == baton::kNoIndex ? "" : Fit(org.teams()[rep.team].name, 24);
    table.Add(
        {RepLabel(org, book.rep), team, Grouped(static_cast<double>(accounts)),
         TierMix(org, book.tiers), Grouped(book.value),
         std::to_string(book.load) + " / " + std::to_string(rep.capacity),
         Percent(static_cast<double>(book.load), static_cast<double>(rep.capacity))});
  }
  table.Print();
}

// The one rep tied to the account's contacts, or kNoIndex when none or several.
RepIndex SoleRep(const Org& org, AccountIndex account,
                 std::vector<baton::RelationshipIndex>* scratch) {
  scratch->clear();
  org.RelationshipsOfAccount(account, scratch);
  if (scratch->empty()) return baton::kNoIndex;
  const RepIndex first = org.relationships()[scratch->front()].rep;
  for (baton::RelationshipIndex r : *scratch) {
    if (org.relationships()[r].rep != first) return baton::kNoIndex;
  }
  return first;
}

void PrintSingleThreaded(const Org& org) {
  std::vector<std::pair<AccountIndex, RepIndex>> single;
  std::vector<baton::RelationshipIndex> scratch;
  double single_value = 0, total = 0;
  for (AccountIndex a = 0; a < org.accounts().size(); ++a) {
    total += org.accounts()[a].annual_value;
    const RepIndex rep = SoleRep(org, a, &scratch);
    if (rep == baton::kNoIndex) continue;
    single.emplace_back(a, rep);
    single_value += org.accounts()[a].annual_value;
  }
  std::printf(
      "\n%s accounts (%s of annual value) rest on a single rep; the ten most valuable:\n",
      Grouped(static_cast<double>(single.size())).c_str(),
      Percent(single_value, total).c_str());
  std::sort(single.begin(), single.end(), [&org](const auto& x, const auto& y) {
    const double vx = org.accounts()[x.first].annual_value;
    const double vy = org.accounts()[y.first].annual_value;
    return vx != vy ? vx > vy : x.first < y.first;
  });
  if (single.size() > 10) single.resize(10);
  Table table({"account", "name", "tier", "annual value", "owner", "the one rep",
               "deepest tie", "last touch"},
              "lllrllll");
  for (const auto& [a, rep] : single) {
    const baton::Account& account = org.accounts()[a];
    std::string one = account.owner == rep ? "the owner" : RepLabel(org, rep);
    if (!org.reps()[rep].active()) one += " (departed)";
    scratch.clear();
    org.RelationshipsOfAccount(a, &scratch);
    baton::Depth deepest = baton::Depth::kSocial;
    baton::Day last_touch = baton::kNoDay;
    for (baton::RelationshipIndex r : scratch) {
      deepest = std::max(deepest, org.relationships()[r].depth);
      last_touch = std::max(last_touch, org.relationships()[r].last_touch);
    }
    table.Add({account.id, Fit(account.name, 30), org.tiers()[account.tier].id,
               Grouped(account.annual_value), RepLabel(org, account.owner), one,
               std::string(baton::NameOf(deepest)), baton::FormatDay(last_touch)});
  }
  table.Print();
}

// --- who takes over -----------------------------------------------------------

// The day the organisation is "as of": its latest interaction.
baton::Day AsOf(const Org& org) {
  baton::Day day = baton::kNoDay;
  for (const baton::Interaction& i : org.interactions()) day = std::max(day, i.on);
  return day == baton::kNoDay ? baton::DayFromCivil(2026, 11, 1) : day;
}

RepIndex MostValuableBook(const Org& org) {
  RepIndex best = baton::kNoIndex;
  double best_value = -1;
  for (RepIndex r = 0; r < org.reps().size(); ++r) {
    if (!org.reps()[r].active()) continue;
    double value = 0;
    for (AccountIndex a : org.AccountsOwnedBy(r)) value += org.accounts()[a].annual_value;
    if (value > best_value) best = r, best_value = value;
  }
  return best;
}

void PrintSuccessors(const Org& org, const baton::Reassignment& plan) {
  std::vector<const baton::AccountReassignment*> moved;
  for (const auto& a : plan.accounts) moved.push_back(&a);
  std::sort(moved.begin(), moved.end(), [&org](const auto* x, const auto* y) {
    const double vx = org.accounts()[x->account].annual_value;
    const double vy = org.accounts()[y->account].annual_value;
    return vx != vy ? vx > vy : x->account < y->account;
  });
  if (moved.size() > 10) moved.resize(10);
  Table table({"account", "tier", "annual value", "successor", "why"}, "llrll");
  for (const auto* a : moved) {
    const baton::Account& account = org.accounts()[a->account];
    table.Add({account.id + " " + Fit(account.name, 24), org.tiers()[account.tier].id,
               Grouped(account.annual_value), RepLabel(org, a->to),
               a->reasons.empty() ? "" : Fit(a->reasons.front(), 70)});
  }
  table.Print();
}

// --- who is at risk ------------------------------------------------------------

void PrintRisk(const Org& org, baton::Day as_of) {
  baton::RiskOptions options;
  options.as_of = as_of;
  baton::RiskScorer scorer(org, baton::RiskModel::Default());
  scorer.SetOptions(options);
  absl::StatusOr<baton::RiskScores> scores = scorer.Score();
  if (!scores.ok()) {
    std::printf("\nRisk scoring failed: %s\n",
                std::string(scores.status().message()).c_str());
    return;
  }
  std::vector<AccountIndex> order(org.accounts().size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](AccountIndex x, AccountIndex y) {
    return scores->value_at_risk[x] > scores->value_at_risk[y];
  });
  if (order.size() > 10) order.resize(10);
  std::printf(
      "\nRevenue at risk (default model, docs/risk.md, as of %s): %s of %s (%s). The ten "
      "accounts with the most:\n",
      baton::FormatDay(as_of).c_str(), Grouped(scores->total_value_at_risk).c_str(),
      Grouped(scores->total_value).c_str(),
      Percent(scores->total_value_at_risk, scores->total_value).c_str());
  Table table({"account", "owner", "annual value", "risk", "at risk", "why"}, "llrrrl");
  for (const AccountIndex a : order) {
    const baton::Account& account = org.accounts()[a];
    absl::StatusOr<baton::AccountRisk> why = scorer.Explain(a);
    std::string reasons;
    if (why.ok()) {
      for (const std::string& reason : why->reasons)
        reasons += (reasons.empty() ? "" : "; ") + reason;
    }
    table.Add({account.id + " " + Fit(account.name, 22), RepLabel(org, account.owner),
               Grouped(account.annual_value), Percent(scores->risk[a], 1),
               Grouped(scores->value_at_risk[a]), Fit(reasons, 64)});
  }
  table.Print();
}

// What the plan does to the risk of the leaver's accounts, had they gone to
// a competitor.
void PrintRiskOfDeparture(const Org& org, RepIndex leaver,
                          const baton::Reassignment& plan, baton::Day as_of) {
  baton::RiskOptions options;
  options.as_of = as_of;
  options.leavers.push_back({leaver, /*to_competitor=*/true});
  absl::StatusOr<baton::DepartureWhatIf> what_if =
      baton::WhatIfDeparture(org, baton::RiskModel::Default(), options, &plan);
  if (!what_if.ok()) return;
  std::printf(
      "\nRevenue at risk on the %zu accounts %s owns or is tied to, had they left for a "
      "competitor: %s now, %s once they have gone, %s with the successors above.\n",
      what_if->accounts.size(), RepLabel(org, leaver).c_str(),
      Grouped(what_if->value_at_risk_before).c_str(),
      Grouped(what_if->value_at_risk_after_departure).c_str(),
      Grouped(what_if->value_at_risk_after_plan).c_str());
}

void PrintOffboarding(const Org& org) {
  const RepIndex leaver = MostValuableBook(org);
  if (leaver == baton::kNoIndex) return;
  baton::ReassignOptions options;
  options.departing = {org.reps()[leaver].id};
  options.today = AsOf(org);
  absl::StatusOr<baton::Reassignment> plan =
      baton::Reassigner(org).SetOptions(options).Run();
  if (!plan.ok()) {
    std::printf("\nReassignment failed: %s\n",
                std::string(plan.status().message()).c_str());
    return;
  }
  std::set<RepIndex> successors;
  for (const auto& a : plan->accounts) {
    if (a.to != baton::kNoIndex) successors.insert(a.to);
  }
  std::printf(
      "\nIf %s leaves on %s: %zu accounts go to %zu reps (%lld left unassigned);\n"
      "load spread (std. dev. of utilisation) %.3f -> %.3f; objective %lld, within "
      "%.2f%% of the lower bound. The ten most valuable:\n",
      RepLabel(org, leaver).c_str(), baton::FormatDay(options.today).c_str(),
      plan->accounts.size(), successors.size(), static_cast<long long>(plan->unassigned),
      plan->before.stddev_utilisation, plan->after.stddev_utilisation,
      static_cast<long long>(plan->objective), 100 * plan->relative_gap);
  PrintSuccessors(org, *plan);
  PrintRiskOfDeparture(org, leaver, *plan, options.today);
}

int Summarise(const std::string& directory) {
  Org org;
  if (absl::Status status = baton::ImportCsv(directory, org); !status.ok()) {
    std::fprintf(stderr, "baton-demo: %s\n", std::string(status.message()).c_str());
    return 1;
  }
  std::printf("Baton %d.%d.%d: the organisation in %s\n\n", baton::kVersionMajor,
              baton::kVersionMinor, baton::kVersionPatch, directory.c_str());
  PrintCounts(org);
  PrintTiers(org);
  PrintTopOwners(org);
  PrintSingleThreaded(org);
  PrintRisk(org, AsOf(org));
  PrintOffboarding(org);
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
