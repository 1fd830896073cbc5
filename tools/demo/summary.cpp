#include "tools/demo/summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <set>
#include <string>
#include <vector>

#include "baton/baton.hpp"
#include "tools/demo/text_table.hpp"

namespace baton::demo {
namespace {

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

}  // namespace

baton::Day AsOf(const Org& org) {
  baton::Day day = baton::kNoDay;
  for (const baton::Interaction& i : org.interactions()) day = std::max(day, i.on);
  return day == baton::kNoDay ? baton::DayFromCivil(2026, 11, 1) : day;
}

void PrintSummary(const Org& org, Day as_of) {
  PrintCounts(org);
  PrintTiers(org);
  PrintTopOwners(org);
  PrintSingleThreaded(org);
  PrintRisk(org, as_of);
}

}  // namespace baton::demo
