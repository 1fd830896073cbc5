// GenerateSampleOrg: a realistic organisation of any size, from a seed.
//
// The generator fills the tables of an internal::OrgState directly (a million
// accounts make some 30 million records; building them as Changes would cost
// a string id and a hash look-up per reference) and hands the state to
// internal::OrgFromState, which checks every invariant and builds the
// indexes, so a generator bug cannot produce an organisation Apply would
// refuse.
//
// The shape follows the seed articles: teams of about eight reps under a
// senior manager, each team serving one segment in one city; heavy-tailed
// account values graded A/B/C by quantile; high tiers owned by senior reps,
// groups of accounts held by one owner; several contacts per account, owner
// relationships first, some accounts resting on their owner alone and some on
// deep personal ties; interactions dated within the relationships they
// belong to, so stale ties have no recent interactions.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "baton/sample.hpp"
#include "lib/model/huge_pages.hpp"
#include "lib/model/org_access.hpp"
#include "lib/model/org_state.hpp"
#include "lib/sample/names.hpp"
#include "lib/sample/random.hpp"

namespace baton {
namespace {

using internal::OrgState;
using sample::Culture;
using sample::Random;

constexpr std::size_t kMaxAccounts = 10'000'000;
constexpr std::size_t kMaxReps = 1'000'000;
constexpr std::size_t kAccountsPerRep = 40;
constexpr std::size_t kRepsPerTeam = 8;
constexpr Day kHistoryDays = 730;  // two years of history before today
constexpr Day kHorizonDays = 365;  // renewals and closes ahead of today
constexpr Day kStaleDays = 180;    // a relationship not touched for longer is stale

enum Segment : std::uint8_t { kEnterprise, kMidMarket, kSmb };
constexpr int kSegmentCount = 3;
constexpr std::string_view kSegmentTags[] = {"enterprise", "mid_market", "smb"};
constexpr std::string_view kSegmentLabels[] = {"Enterprise", "Mid-market", "SMB"};
constexpr double kSegmentShare[] = {0.12, 0.33, 0.55};
// Pareto scale (the smallest annual value) per segment.
constexpr double kSegmentMinValue[] = {40000, 12000, 2500};
// Seniority 1..4 per segment; enterprise teams are senior.
constexpr double kSeniorityMix[kSegmentCount][4] = {
    {0, 0.25, 0.45, 0.30}, {0.15, 0.35, 0.35, 0.15}, {0.40, 0.35, 0.20, 0.05}};
// Capacity relative to a seniority-2 rep, by seniority 1..4.
constexpr double kCapacityFactor[] = {0.8, 1.0, 1.15, 1.2};

// Tier A holds the most valuable 10% of accounts, B the next 30%, C the rest.
struct TierShape {
  std::string_view id;
  int load_weight;
  int min_seniority;
  double share;
};
constexpr TierShape kTierShapes[] = {
    {"A", 5, 3, 0.10}, {"B", 2, 2, 0.30}, {"C", 1, 1, 0.60}};
constexpr int kTierCount = 3;
constexpr TierIndex kTierA = 0;

// Per tier A, B, C.
constexpr double kSingleThreaded[] = {0.10, 0.13, 0.17};
constexpr double kDeepOwnerOnly = 0.05;
constexpr double kAccountTeam[] = {0.60, 0.35, 0.22};
constexpr double kInteractionWeight[] = {2.5, 1.3, 0.75};  // mean 1.09 over the mix
constexpr double kOpenDeal[] = {0.35, 0.25, 0.15};
constexpr double kClosedDeal = 0.08;
constexpr double kComplaint[] = {0.12, 0.09, 0.07};
constexpr int kContactsMin[] = {3, 2, 1};
constexpr int kContactsMax[] = {6, 5, 4};

constexpr double kGroupStart = 0.015;  // puts about 5% of accounts in groups
constexpr double kUnowned = 0.015;
constexpr double kDepartedShare = 0.025;

// A run of consecutive accounts placed together: one account, or a parent
// group whose accounts share segment, city and owner.
struct Unit {
  AccountIndex first;
  AccountIndex end;
  Segment segment;
  std::uint8_t territory;
  TeamIndex home_team;
};

struct TeamPlan {
  Segment segment;
  std::uint8_t territory;
  RepIndex first;  // the manager
  RepIndex end;
};

std::string MakeId(std::string_view prefix, std::size_t number, int width) {
  char digits[24];
  int length = 0;
  do {
    digits[length++] = static_cast<char>('0' + number % 10);
    number /= 10;
  } while (number != 0);
  std::string id(prefix);
  if (width > length) id.append(static_cast<std::size_t>(width - length), '0');
  while (length > 0) id += digits[--length];
  return id;
}

int DigitsOf(std::size_t n, int at_least) {
  int digits = 1;
  while (n >= 10) {
    n /= 10;
    ++digits;
  }
  return std::max(digits, at_least);
}

// Rounds to a multiple of `step` (values stay whole and print cleanly).
// std::round is exact, and nothing here adds to a product (see random.hpp).
double RoundTo(double value, double step) { return std::round(value / step) * step; }

absl::Status CheckOptions(const SampleOptions& o) {
  auto bad = [](const char* field, auto... what) {
    return absl::InvalidArgumentError(
        absl::StrCat("SampleOptions.", field, ": ", what...));
  };
  if (o.accounts < 1 || o.accounts > kMaxAccounts) {
    return bad("accounts", "expected 1 to ", kMaxAccounts, ", got ", o.accounts);
  }
  if (o.reps > kMaxReps)
    return bad("reps", "expected at most ", kMaxReps, ", got ", o.reps);
  if (!(o.relationships_per_account >= 0 && o.relationships_per_account <= 50)) {
    return bad("relationships_per_account", "expected 0 to 50, got ",
               o.relationships_per_account);
  }
  if (!(o.interactions_per_account >= 0 && o.interactions_per_account <= 500)) {
    return bad("interactions_per_account", "expected 0 to 500, got ",
               o.interactions_per_account);
  }
  if (!IsValidDay(o.today) || !IsValidDay(o.today - kHistoryDays) ||
      !IsValidDay(o.today + kHorizonDays)) {
    return bad("today", "expected a day with two years before and one after within ",
               FormatDay(kFirstDay), "..", FormatDay(kLastDay));
  }
  return absl::OkStatus();
}

class Generator {
 public:
  explicit Generator(const SampleOptions& options)
      : options_(options), random_(options.seed), today_(options.today) {}

  absl::StatusOr<Org> Run() {
    InternTags();
    DrawAccounts();
    GradeAccounts();
    PlanTeams();
    AddTeamsAndReps();
    AddTiers();
    PlaceUnits();
    AssignOwners();
    NameAccounts();
    ReserveTables();
    for (AccountIndex a = 0; a < state_.accounts.size(); ++a) FillAccount(a);
    ReleaseScratch();
    return internal::OrgFromState(std::move(state_));
  }

 private:
  // --- accounts: value, tier, segment -----------------------------------------

  void InternTags() {
    for (int s = 0; s < kSegmentCount; ++s)
      segment_tags_[s] = state_.tags.Intern(kSegmentTags[s]);
    for (std::size_t t = 0; t < sample::kTerritoryCount; ++t) {
      territory_tags_[t] = state_.tags.Intern(sample::kTerritories[t].name);
    }
  }

  // Segments and heavy-tailed values, account by account; now and then a
  // parent group of 2-5 accounts of one segment.
  void DrawAccounts() {
    const std::size_t n = options_.accounts;
    state_.accounts.resize(n);
    for (std::size_t first = 0; first < n;) {
      std::size_t size = random_.Chance(kGroupStart) ? random_.Between(2, 5) : 1;
      size = std::min(size, n - first);
      const auto segment = static_cast<Segment>(random_.Pick(kSegmentShare));
      units_.push_back({static_cast<AccountIndex>(first),
                        static_cast<AccountIndex>(first + size), segment, 0, 0});
      for (std::size_t a = first; a < first + size; ++a) {
        const double minimum = kSegmentMinValue[segment];
        const double value = std::min(random_.Pareto(minimum), 400 * minimum);
        state_.accounts[a].annual_value = RoundTo(value, 10);
        state_.accounts[a].segment = segment_tags_[segment];
      }
      first += size;
    }
  }

  // Tiers by value quantile, ties broken by index so the grading is unique.
  void GradeAccounts() {
    const std::size_t n = state_.accounts.size();
    std::vector<AccountIndex> order(n);
    for (std::size_t a = 0; a < n; ++a) order[a] = static_cast<AccountIndex>(a);
    std::sort(order.begin(), order.end(), [&](AccountIndex x, AccountIndex y) {
      const double vx = state_.accounts[x].annual_value;
      const double vy = state_.accounts[y].annual_value;
      return vx != vy ? vx > vy : x < y;
    });
    const std::size_t a_end = (n + 9) / 10;
    const std::size_t b_end = std::min(n, a_end + (3 * n + 5) / 10);
    for (std::size_t rank = 0; rank < n; ++rank) {
      state_.accounts[order[rank]].tier = rank < a_end ? 0 : rank < b_end ? 1 : 2;
    }
  }

  int Weight(AccountIndex a) const {
    return kTierShapes[state_.accounts[a].tier].load_weight;
  }

  // --- teams and reps ---------------------------------------------------------

  // Splits the reps into teams of about eight, gives each segment teams in
  // proportion to the load its accounts bring, and spreads teams over the
  // cities by weight (smooth weighted round robin, so small organisations
  // still span Polish, Chinese and English-speaking cities).
  void PlanTeams() {
    const std::size_t reps =
        options_.reps != 0
            ? options_.reps
            : std::max<std::size_t>(4, options_.accounts / kAccountsPerRep);
    const std::size_t teams =
        std::max<std::size_t>(1, (reps + kRepsPerTeam / 2) / kRepsPerTeam);
    std::array<double, kSegmentCount> load{};
    for (const Account& account : state_.accounts) {
      load[SegmentOf(account)] += kTierShapes[account.tier].load_weight;
    }
    const std::array<std::size_t, kSegmentCount> per_segment = SplitTeams(teams, load);
    std::array<double, sample::kTerritoryCount> current{};
    double total_weight = 0;
    for (const auto& t : sample::kTerritories) total_weight += t.weight;
    std::size_t rep = 0;
    for (int s = 0; s < kSegmentCount; ++s) {
      for (std::size_t k = 0; k < per_segment[s]; ++k) {
        std::size_t best = 0;
        for (std::size_t t = 0; t < sample::kTerritoryCount; ++t) {
          current[t] += sample::kTerritories[t].weight;
          if (current[t] > current[best]) best = t;
        }
        current[best] -= total_weight;
        const std::size_t index = team_plans_.size();
        const std::size_t size = reps / teams + (index < reps % teams ? 1 : 0);
        team_plans_.push_back({static_cast<Segment>(s), static_cast<std::uint8_t>(best),
                               static_cast<RepIndex>(rep),
                               static_cast<RepIndex>(rep + size)});
        rep += size;
      }
    }
  }

  Segment SegmentOf(const Account& account) const {
    for (int s = 0; s < kSegmentCount; ++s) {
      if (account.segment == segment_tags_[s]) return static_cast<Segment>(s);
    }
    return kSmb;
  }

  // Largest-remainder split of `teams` by `load`; every segment gets a team
  // when there are enough.
  static std::array<std::size_t, kSegmentCount> SplitTeams(
      std::size_t teams, const std::array<double, kSegmentCount>& load) {
    const double total = load[0] + load[1] + load[2];
    std::array<std::size_t, kSegmentCount> count{};
    std::array<double, kSegmentCount> quota{};
    std::size_t given = 0;
    for (int s = 0; s < kSegmentCount; ++s) {
      quota[s] = total > 0 ? teams * load[s] / total : 0;
      count[s] = static_cast<std::size_t>(quota[s]);
      given += count[s];
    }
    while (given < teams) {
      int best = 0;
      for (int s = 1; s < kSegmentCount; ++s) {
        if (quota[s] - count[s] > quota[best] - count[best]) best = s;
      }
      ++count[best];
      ++given;
    }
    for (int s = 0; teams >= kSegmentCount && s < kSegmentCount; ++s) {
      if (count[s] > 0) continue;
      *std::max_element(count.begin(), count.end()) -= 1;
      count[s] = 1;
    }
    return count;
  }

  void AddTeamsAndReps() {
    const std::size_t reps = team_plans_.back().end;
    const int team_width = DigitsOf(team_plans_.size(), 2);
    const int rep_width = DigitsOf(reps, 3);
    absl::flat_hash_map<std::string, int> names_used;
    state_.reps.resize(reps);
    for (std::size_t t = 0; t < team_plans_.size(); ++t) {
      const TeamPlan& plan = team_plans_[t];
      std::string name(kSegmentLabels[plan.segment]);
      (name += ' ') += sample::kTerritories[plan.territory].name;
      if (int n = ++names_used[name]; n > 1) absl::StrAppend(&name, " ", n);
      state_.teams.push_back(
          {MakeId("t", t + 1, team_width), std::move(name), plan.first});
      for (RepIndex r = plan.first; r < plan.end; ++r) {
        AddRep(static_cast<TeamIndex>(t), r, rep_width);
      }
    }
    DepartSome();
    for (const Rep& rep : state_.reps) departed_on_.push_back(rep.departed_on);
    SetCapacities();
  }

  void AddRep(TeamIndex t, RepIndex r, int width) {
    const TeamPlan& plan = team_plans_[t];
    Rep& rep = state_.reps[r];
    rep.id = MakeId("r", r + 1, width);
    rep.name = sample::PersonName(random_, sample::kTerritories[plan.territory].culture);
    rep.team = t;
    const bool manager = r == plan.first;
    // Team managers report to the head of sales, who manages team 1.
    rep.manager = manager ? (t == 0 ? kNoIndex : 0) : plan.first;
    rep.seniority =
        manager ? 4 : 1 + static_cast<int>(random_.Pick(kSeniorityMix[plan.segment]));
    rep.territory = territory_tags_[plan.territory];
    rep.segment = segment_tags_[plan.segment];
  }

  // About 2.5% of reps (never a manager) left within the last year, most of
  // them for a competitor. They own nothing now; their old ties remain.
  void DepartSome() {
    std::vector<RepIndex> candidates;
    for (const TeamPlan& plan : team_plans_) {
      for (RepIndex r = plan.first + 1; r < plan.end; ++r) candidates.push_back(r);
    }
    const std::size_t reps = state_.reps.size();
    std::size_t count =
        reps >= 10 ? static_cast<std::size_t>(std::ceil(reps * kDepartedShare)) : 0;
    count = std::min(count, candidates.size());
    departed_of_team_.resize(state_.teams.size());
    for (std::size_t i = 0; i < count; ++i) {
      std::swap(candidates[i], candidates[i + random_.Below(candidates.size() - i)]);
      Rep& rep = state_.reps[candidates[i]];
      rep.departed_on = today_ - static_cast<Day>(random_.Between(7, 365));
      rep.to_competitor = i == 0 || random_.Chance(0.6);
      rep.destination = rep.to_competitor ? random_.OneOf(sample::kCompetitors)
                                          : random_.OneOf(sample::kOtherDestinations);
      departed_of_team_[rep.team].push_back(candidates[i]);
      departed_.push_back(candidates[i]);
    }
    std::sort(departed_.begin(), departed_.end());
    for (auto& list : departed_of_team_) std::sort(list.begin(), list.end());
  }

  // Capacity in load units, so that the active reps of each segment could
  // carry its book at about 85% use; managers carry half a book. Each rep
  // also gets an appetite: how full the owner assignment below will fill
  // them, so some reps end up over capacity and some have room.
  void SetCapacities() {
    const std::array<double, kSegmentCount> unit =
        RatioPerSegment([](const Account& a) { return kTierShapes[a.tier].load_weight; },
                        [this](RepIndex r) { return CapacityFactor(r); });
    target_.resize(state_.reps.size());
    load_.assign(state_.reps.size(), 0);
    tier_a_.assign(state_.reps.size(), 0);
    for (RepIndex r = 0; r < state_.reps.size(); ++r) {
      const double base = unit[team_plans_[state_.reps[r].team].segment] / 0.85;
      const double capacity = std::max(5.0, RoundTo(CapacityFactor(r) * base, 1));
      state_.reps[r].capacity = static_cast<std::int64_t>(capacity);
      target_[r] = capacity * static_cast<double>(random_.Between(70, 110)) / 100;
    }
  }

  double CapacityFactor(RepIndex r) const {
    const Rep& rep = state_.reps[r];
    const bool manager = state_.teams[rep.team].manager == r;
    return kCapacityFactor[rep.seniority - 1] * (manager ? 0.5 : 1.0);
  }

  // Per segment, what its accounts need over what its active reps offer;
  // the organisation-wide ratio where a segment lacks either (small
  // organisations, whose few teams serve several segments).
  template <typename NeedOf, typename OfferOf>
  std::array<double, kSegmentCount> RatioPerSegment(NeedOf need_of,
                                                    OfferOf offer_of) const {
    std::array<double, kSegmentCount + 1> need{}, offer{};  // the last: everyone
    for (const Account& account : state_.accounts) {
      const double n = need_of(account);
      need[SegmentOf(account)] += n;
      need[kSegmentCount] += n;
    }
    for (RepIndex r = 0; r < state_.reps.size(); ++r) {
      if (!state_.reps[r].active()) continue;
      const double o = offer_of(r);
      offer[team_plans_[state_.reps[r].team].segment] += o;
      offer[kSegmentCount] += o;
    }
    bool staffed = true;
    for (int s = 0; s < kSegmentCount; ++s) staffed &= need[s] == 0 || offer[s] > 0;
    const double overall =
        offer[kSegmentCount] > 0 ? need[kSegmentCount] / offer[kSegmentCount] : 1;
    std::array<double, kSegmentCount> ratio{};
    for (int s = 0; s < kSegmentCount; ++s) {
      ratio[s] = staffed && need[s] > 0 ? need[s] / offer[s] : overall;
    }
    return ratio;
  }

  // Tier A's per-rep maximum leaves a quarter more room than the busiest
  // segment's senior reps need on average.
  void AddTiers() {
    const std::array<double, kSegmentCount> per_senior = RatioPerSegment(
        [](const Account& a) { return a.tier == kTierA ? 1.0 : 0.0; },
        [this](RepIndex r) {
          return state_.reps[r].seniority >= kTierShapes[kTierA].min_seniority ? 1.0
                                                                               : 0.0;
        });
    const double busiest = *std::max_element(per_senior.begin(), per_senior.end());
    const int max_a = std::max(3, static_cast<int>(std::ceil(1.25 * busiest)));
    for (int t = 0; t < kTierCount; ++t) {
      const TierShape& shape = kTierShapes[t];
      state_.tiers.push_back({std::string(shape.id), shape.load_weight,
                              shape.min_seniority, t == kTierA ? max_a : 0});
    }
  }

  // --- placing accounts with owners -------------------------------------------

  // Each unit goes to a home team of its segment; it lies in that team's
  // city nine times in ten.
  void PlaceUnits() {
    std::array<std::vector<TeamIndex>, kSegmentCount> of_segment;
    for (TeamIndex t = 0; t < team_plans_.size(); ++t) {
      of_segment[team_plans_[t].segment].push_back(t);
      teams_of_key_[Key(team_plans_[t].segment, team_plans_[t].territory)].push_back(t);
    }
    for (Unit& unit : units_) {
      const auto& local = of_segment[unit.segment];
      unit.home_team = local.empty() ? random_.Below(team_plans_.size())
                                     : local[random_.Below(local.size())];
      unit.territory =
          random_.Chance(0.9)
              ? team_plans_[unit.home_team].territory
              : static_cast<std::uint8_t>(random_.Below(sample::kTerritoryCount));
      for (AccountIndex a = unit.first; a < unit.end; ++a) {
        state_.accounts[a].territory = territory_tags_[unit.territory];
      }
    }
    teams_of_segment_ = std::move(of_segment);
  }

  static int Key(Segment segment, std::uint8_t territory) {
    return segment * 256 + territory;
  }

  // Units holding A accounts choose first, then B, then C, so that senior
  // reps' room goes to the accounts that need seniority.
  void AssignOwners() {
    std::vector<bool> unowned(units_.size());
    for (std::size_t u = 0; u < units_.size(); ++u) unowned[u] = random_.Chance(kUnowned);
    for (TierIndex tier = 0; tier < kTierCount; ++tier) {
      for (std::size_t u = 0; u < units_.size(); ++u) {
        if (!unowned[u] && BestTier(units_[u]) == tier) AssignOwner(units_[u]);
      }
    }
  }

  TierIndex BestTier(const Unit& unit) const {
    TierIndex best = kTierCount;
    for (AccountIndex a = unit.first; a < unit.end; ++a) {
      best = std::min(best, state_.accounts[a].tier);
    }
    return best;
  }

  struct Demand {
    int weight = 0;
    int tier_a = 0;
    int min_seniority = 0;
  };

  void AssignOwner(const Unit& unit) {
    Demand demand;
    for (AccountIndex a = unit.first; a < unit.end; ++a) {
      const TierShape& shape = kTierShapes[state_.accounts[a].tier];
      demand.weight += shape.load_weight;
      demand.tier_a += state_.accounts[a].tier == kTierA;
      demand.min_seniority = std::max(demand.min_seniority, shape.min_seniority);
    }
    RepIndex owner = ChooseOwner(unit, demand);
    load_[owner] += demand.weight;
    tier_a_[owner] += demand.tier_a;
    for (AccountIndex a = unit.first; a < unit.end; ++a) state_.accounts[a].owner = owner;
  }

  // Looks at up to three teams of the unit's segment and city, then two
  // more of its segment, and takes the rep with the most room among those
  // who may own the unit; failing that, the least loaded rep senior enough.
  RepIndex ChooseOwner(const Unit& unit, const Demand& demand) {
    Choice choice;
    auto key = teams_of_key_.find(Key(unit.segment, unit.territory));
    const std::vector<TeamIndex> home = {unit.home_team};
    const std::vector<TeamIndex>& local = key != teams_of_key_.end() ? key->second : home;
    const std::size_t start = random_.Below(local.size());
    for (std::size_t i = 0; i < std::min<std::size_t>(3, local.size()); ++i) {
      Consider(local[(start + i) % local.size()], demand, &choice);
    }
    if (choice.fitting != kNoIndex) return choice.fitting;
    // A little over target at home beats a move to another city.
    if (choice.eligible != kNoIndex && choice.eligible_use <= 1.25)
      return choice.eligible;
    const auto& wide = teams_of_segment_[unit.segment];
    for (int i = 0; i < 2 && !wide.empty(); ++i) {
      Consider(wide[random_.Below(wide.size())], demand, &choice);
    }
    if (choice.fitting != kNoIndex) return choice.fitting;
    if (choice.eligible != kNoIndex) return choice.eligible;
    for (TeamIndex t = 0; t < team_plans_.size(); ++t) Consider(t, demand, &choice);
    if (choice.fitting != kNoIndex) return choice.fitting;
    return choice.eligible != kNoIndex ? choice.eligible
                                       : team_plans_[unit.home_team].first;
  }

  struct Choice {
    RepIndex fitting = kNoIndex;  // has room and may own the unit
    double fitting_use = 0;
    RepIndex eligible = kNoIndex;  // may own it, though over their target
    double eligible_use = 0;
  };

  void Consider(TeamIndex t, const Demand& demand, Choice* choice) const {
    const int max_a = state_.tiers[kTierA].max_per_rep;
    for (RepIndex r = team_plans_[t].first; r < team_plans_[t].end; ++r) {
      const Rep& rep = state_.reps[r];
      if (!rep.active() || rep.seniority < demand.min_seniority) continue;
      if (demand.tier_a > 0 && tier_a_[r] + demand.tier_a > max_a) continue;
      const double use = (load_[r] + demand.weight) / target_[r];
      if (use <= 1 && (choice->fitting == kNoIndex || use < choice->fitting_use)) {
        choice->fitting = r;
        choice->fitting_use = use;
      }
      if (choice->eligible == kNoIndex || use < choice->eligible_use) {
        choice->eligible = r;
        choice->eligible_use = use;
      }
    }
  }

  // Names in the language of the account's city; a group's accounts share a
  // brand and the group is named after it.
  void NameAccounts() {
    absl::flat_hash_map<std::string, int> groups_named;
    const int width = DigitsOf(state_.accounts.size(), 4);
    for (const Unit& unit : units_) {
      const sample::Territory& city = sample::kTerritories[unit.territory];
      std::string brand = sample::Brand(random_, city.culture);
      Tag group = kNoTag;
      if (unit.end - unit.first > 1) {
        std::string name = sample::GroupName(brand, city.culture);
        if (int n = ++groups_named[name]; n > 1) absl::StrAppend(&name, " ", n);
        group = state_.tags.Intern(name);
      }
      for (AccountIndex a = unit.first; a < unit.end; ++a) {
        Account& account = state_.accounts[a];
        account.id = MakeId("a", a + 1, width);
        account.group = group;
        if (unit.end - unit.first == 1 || a > unit.first)
          brand = sample::Brand(random_, city.culture);
        account.name = sample::CompanyName(random_, brand, city.culture, city.name);
        culture_.push_back(city.culture);
      }
    }
  }

  // Frees the generator's own tables before the indexes are built.
  void ReleaseScratch() {
    units_ = {};
    culture_ = {};
    departed_on_ = {};
    target_ = {};
    load_ = {};
    tier_a_ = {};
  }

  // --- everything that hangs off an account -----------------------------------

  // Reserves each table for its expected size plus 1% (counts are sums of
  // many small draws, so they stray far less than that), since a vector
  // outgrowing its reservation would briefly need twice the memory.
  void ReserveTables() {
    const double n = static_cast<double>(state_.accounts.size());
    const auto expect = [n](double per_account) {
      return static_cast<std::size_t>(per_account * n * 1.01) + 1024;
    };
    internal::ReserveOnHugePages(state_.contacts, expect(3.0));
    // Multi-threaded accounts get at least two ties, so small means run over.
    internal::ReserveOnHugePages(
        state_.relationships, expect(std::max(2.0, options_.relationships_per_account)));
    internal::ReserveOnHugePages(state_.interactions,
                                 expect(options_.interactions_per_account));
    internal::ReserveOnHugePages(state_.account_team, expect(0.4));
    internal::ReserveOnHugePages(state_.deals, expect(0.28));
    internal::ReserveOnHugePages(state_.complaints, expect(0.082));
    internal::ReserveOnHugePages(state_.products, expect(1.8));
    contact_width_ = DigitsOf(state_.accounts.size() * 6, 5);
    deal_width_ = DigitsOf(state_.accounts.size(), 4);
  }

  void FillAccount(AccountIndex a) {
    Account& account = state_.accounts[a];
    account.renewal_on = today_ + static_cast<Day>(random_.Between(1, kHorizonDays));
    const auto first_contact = static_cast<ContactIndex>(state_.contacts.size());
    AddContacts(a);
    const auto first_seat = static_cast<AccountTeamIndex>(state_.account_team.size());
    AddAccountTeam(a);
    const auto first_relationship =
        static_cast<RelationshipIndex>(state_.relationships.size());
    AddRelationships(a, first_contact, first_seat);
    account.customer_since = CustomerSince(first_relationship);
    AddInteractions(a, first_relationship);
    AddDeals(a, first_seat);
    AddComplaint(a);
    AddProducts(a);
  }

  // The account became a customer when its first tie began (a new customer
  // has only recent ties, so no interaction predates it).
  Day CustomerSince(RelationshipIndex first_relationship) {
    Day since = kNoDay;
    for (std::size_t r = first_relationship; r < state_.relationships.size(); ++r) {
      const Day day = state_.relationships[r].since;
      since = since == kNoDay ? day : std::min(since, day);
    }
    return since != kNoDay ? since
                           : today_ - static_cast<Day>(random_.Between(30, kHistoryDays));
  }

  void AddContacts(AccountIndex a) {
    static constexpr double kRoles[] = {0, 0, 0.15, 0.35, 0.15, 0.15, 0.10, 0.10};
    static constexpr double kAttitudes[] = {0.12, 0.35, 0.33, 0.14, 0.06};
    const TierIndex tier = state_.accounts[a].tier;
    const int count =
        static_cast<int>(random_.Between(kContactsMin[tier], kContactsMax[tier]));
    for (int i = 0; i < count; ++i) {
      Contact contact;
      contact.id = MakeId("c", state_.contacts.size() + 1, contact_width_);
      contact.account = a;
      contact.name = sample::PersonName(random_, culture_[a]);
      if (i == 0) {
        contact.role = ContactRole::kDecisionMaker;
      } else if (i == 1) {
        contact.role =
            random_.Chance(0.6) ? ContactRole::kChampion : ContactRole::kInfluencer;
      } else {
        contact.role = static_cast<ContactRole>(random_.Pick(kRoles));
      }
      const bool key = contact.role == ContactRole::kDecisionMaker ||
                       contact.role == ContactRole::kChampion;
      contact.key_player = key ? random_.Chance(0.95) : random_.Chance(0.1);
      contact.attitude = contact.role == ContactRole::kChampion
                             ? Attitude::kSupporter
                             : static_cast<Attitude>(random_.Pick(kAttitudes));
      state_.contacts.push_back(std::move(contact));
    }
  }

  // About 30% of owned accounts have one or two more reps attached: the
  // owner's manager on A accounts, a team-mate as backup, or someone from
  // another team of the segment as customer success or specialist.
  void AddAccountTeam(AccountIndex a) {
    const Account& account = state_.accounts[a];
    if (account.owner == kNoIndex || !random_.Chance(kAccountTeam[account.tier])) return;
    const Rep& owner = state_.reps[account.owner];
    const int seats = random_.Chance(0.3) ? 2 : 1;
    const auto first = state_.account_team.size();
    for (int i = 0; i < seats; ++i) {
      RepIndex rep = kNoIndex;
      AccountRole role = AccountRole::kBackup;
      if (i == 0 && account.tier == kTierA && owner.manager != kNoIndex) {
        rep = owner.manager;
        role = account.annual_value > 40 * kSegmentMinValue[kEnterprise]
                   ? AccountRole::kExecutiveSponsor
                   : AccountRole::kManager;
      } else if (random_.Chance(0.5)) {
        rep = TeamMate(owner.team);
      } else {
        rep = OtherTeamRep(SegmentOf(account));
        role = random_.Chance(0.6) ? AccountRole::kCustomerSuccess
                                   : AccountRole::kSpecialist;
      }
      if (rep == kNoIndex || rep == account.owner || OnAccountTeam(first, rep)) continue;
      state_.account_team.push_back({a, rep, role});
    }
  }

  bool OnAccountTeam(std::size_t first_seat, RepIndex rep) const {
    for (std::size_t s = first_seat; s < state_.account_team.size(); ++s) {
      if (state_.account_team[s].rep == rep) return true;
    }
    return false;
  }

  // A random active member of team `t`, or kNoIndex.
  RepIndex TeamMate(TeamIndex t) {
    const TeamPlan& plan = team_plans_[t];
    for (int tries = 0; tries < 4; ++tries) {
      const RepIndex r = plan.first + random_.Below(plan.end - plan.first);
      if (departed_on_[r] == kNoDay) return r;
    }
    return kNoIndex;
  }

  RepIndex OtherTeamRep(Segment segment) {
    const auto& teams = teams_of_segment_[segment];
    return teams.empty() ? kNoIndex : TeamMate(teams[random_.Below(teams.size())]);
  }

  // --- relationships ------------------------------------------------------------

  enum class Thread : std::uint8_t { kSingle, kDeepOwnerOnly, kMulti };

  // Who has ties to an account's contacts: the owner first, then the account
  // team, a departed former owner now and then, the owner's manager on high
  // tiers, and team-mates.
  std::vector<RepIndex> RepPool(AccountIndex a, AccountTeamIndex first_seat) {
    const Account& account = state_.accounts[a];
    std::vector<RepIndex> pool;
    auto add = [&pool](RepIndex r) {
      if (r != kNoIndex && std::find(pool.begin(), pool.end(), r) == pool.end()) {
        pool.push_back(r);
      }
    };
    if (account.owner == kNoIndex) {
      // Mostly the book of someone who left and was never handed over.
      if (!departed_.empty() && random_.Chance(0.8)) {
        add(departed_[random_.Below(departed_.size())]);
      }
      if (pool.empty()) add(OtherTeamRep(SegmentOf(account)));
      return pool;
    }
    const Rep& owner = state_.reps[account.owner];
    add(account.owner);
    for (std::size_t s = first_seat; s < state_.account_team.size(); ++s) {
      add(state_.account_team[s].rep);
    }
    const auto& left = departed_of_team_[owner.team];
    if (!left.empty() && random_.Chance(0.05)) add(left[random_.Below(left.size())]);
    static constexpr double kManagerTies[] = {0.5, 0.2, 0.05};
    if (random_.Chance(kManagerTies[account.tier])) add(owner.manager);
    return pool;
  }

  Thread DrawThread(const Account& account) {
    if (account.owner == kNoIndex) return Thread::kMulti;
    const double u = random_.Uniform();
    if (u < kSingleThreaded[account.tier]) return Thread::kSingle;
    if (u < kSingleThreaded[account.tier] + kDeepOwnerOnly) return Thread::kDeepOwnerOnly;
    return Thread::kMulti;
  }

  // The relationships of account `a`: about relationships_per_account of
  // them on average. Shortfalls (few contacts, few reps) carry over to later
  // accounts so the mean holds.
  void AddRelationships(AccountIndex a, ContactIndex first_contact,
                        AccountTeamIndex first_seat) {
    const int contacts = static_cast<int>(state_.contacts.size() - first_contact);
    const Account& account = state_.accounts[a];
    const Thread thread = DrawThread(account);
    std::vector<RepIndex> pool = RepPool(a, first_seat);
    if (options_.relationships_per_account <= 0 || pool.empty()) return;
    if (thread == Thread::kSingle) {
      const int n = std::min(contacts, random_.Chance(0.4) ? 2 : 1);
      for (int c = 0; c < n; ++c)
        AddTie(pool[0], first_contact + c, /*owner=*/true, false);
      return;
    }
    const double single_share = 0.15;
    const double mean =
        (options_.relationships_per_account - single_share * 1.4) / (1 - single_share);
    int wanted = random_.Count(std::max(0.0, mean)) + carry_;
    if (options_.relationships_per_account >= 2) wanted = std::max(wanted, 2);
    if (wanted <= 0) {  // a sparse organisation: this account goes without
      carry_ = std::max(wanted, -50);
      return;
    }
    // Team-mates first; when the team runs out, reps of other teams of the
    // segment (specialists, customer success).
    for (int tries = 0;
         tries < 24 && pool.size() < 10 &&
         (pool.size() < 2 || static_cast<int>(pool.size()) * contacts < wanted);
         ++tries) {
      const RepIndex mate = account.owner != kNoIndex && tries < 12
                                ? TeamMate(state_.reps[account.owner].team)
                                : OtherTeamRep(SegmentOf(account));
      if (mate != kNoIndex && std::find(pool.begin(), pool.end(), mate) == pool.end()) {
        pool.push_back(mate);
      }
    }
    const int made =
        TieContacts(pool, first_contact, contacts, wanted,
                    thread == Thread::kDeepOwnerOnly, account.owner != kNoIndex);
    carry_ = std::min(wanted - made, 50);
  }

  // Spreads `wanted` ties over the pool: the owner (pool[0], when `owned`)
  // knows every contact it can while leaving one tie for someone else; the
  // others share the rest, each with a random subset of contacts.
  int TieContacts(const std::vector<RepIndex>& pool, ContactIndex first_contact,
                  int contacts, int wanted, bool deep_owner_only, bool owned) {
    int made = 0;
    int rest = wanted;
    std::size_t next = 0;
    if (owned) {
      const int own =
          std::min(contacts, pool.size() > 1 ? std::max(1, wanted - 1) : wanted);
      for (int c = 0; c < own; ++c) {
        const bool deep =
            deep_owner_only && state_.contacts[first_contact + c].key_player;
        AddTie(pool[0], first_contact + c, true, deep);
      }
      made += own;
      rest -= own;
      next = 1;
    }
    std::array<int, 6> order = {0, 1, 2, 3, 4, 5};
    for (std::size_t p = next; p < pool.size() && rest > 0; ++p) {
      const int others_left = static_cast<int>(pool.size() - p);
      const int share = std::min(contacts, (rest + others_left - 1) / others_left);
      for (int i = 0; i < share; ++i) {
        std::swap(order[i], order[i + random_.Below(contacts - i)]);
      }
      for (int i = 0; i < share; ++i) {
        AddTie(pool[p], first_contact + order[i], false, false, deep_owner_only);
      }
      made += share;
      rest -= share;
    }
    return made;
  }

  // One rep-contact relationship. `deep`: a mutual-benefit or shared-values
  // tie; `shallow`: social or shared interests only.
  void AddTie(RepIndex r, ContactIndex c, bool owner, bool deep, bool shallow = false) {
    static constexpr double kOwnerDepth[] = {0.30, 0.32, 0.26, 0.09, 0.03};
    static constexpr double kOtherDepth[] = {0.50, 0.30, 0.15, 0.04, 0.01};
    static constexpr int kStrength[] = {15, 30, 50, 70, 85};
    Relationship tie;
    tie.rep = r;
    tie.contact = c;
    if (deep) {
      tie.depth = random_.Chance(0.6) ? Depth::kMutualBenefit : Depth::kSharedValues;
    } else if (shallow) {
      tie.depth = random_.Chance(0.6) ? Depth::kSocial : Depth::kSharedInterests;
    } else {
      tie.depth = static_cast<Depth>(1 + random_.Pick(owner ? kOwnerDepth : kOtherDepth));
    }
    Day age = 0;
    if (departed_on_[r] != kNoDay) {
      age = today_ - departed_on_[r] + static_cast<Day>(random_.Between(0, 90));
    } else {
      static constexpr double kOwnerRecency[] = {0.6, 0.3, 0.1};
      static constexpr double kOtherRecency[] = {0.35, 0.35, 0.30};
      const std::size_t band = random_.Pick(owner ? kOwnerRecency : kOtherRecency);
      age = band == 0   ? static_cast<Day>(random_.Between(0, 44))
            : band == 1 ? static_cast<Day>(random_.Between(45, kStaleDays))
                        : static_cast<Day>(random_.Between(kStaleDays + 1, 600));
    }
    tie.last_touch = today_ - std::min(age, kHistoryDays);
    tie.since = std::max(today_ - kHistoryDays,
                         tie.last_touch - static_cast<Day>(random_.Between(0, 600)));
    // In hundredths, so the stored float prints as two decimals.
    std::int64_t strength =
        kStrength[static_cast<int>(tie.depth) - 1] + random_.Between(-10, 10);
    if (age > kStaleDays) strength -= 10;
    tie.strength = static_cast<float>(
        static_cast<double>(std::clamp<std::int64_t>(strength, 1, 100)) / 100);
    state_.relationships.push_back(tie);
  }

  // --- interactions, deals, complaints, products -----------------------------------

  // Each interaction belongs to one relationship (owner ties weigh triple)
  // and falls within its span, so stale ties have no recent interactions.
  // An account nobody is tied to hears only from its owner. Drafts are
  // sorted by day before the records (with their strings) are made.
  void AddInteractions(AccountIndex a, RelationshipIndex first_relationship) {
    static constexpr double kChannels[] = {0.30, 0.33, 0.14, 0.08, 0.09, 0.03, 0.03};
    const Account& account = state_.accounts[a];
    const double mean =
        options_.interactions_per_account * kInteractionWeight[account.tier] / 1.09;
    const int count = random_.Count(mean);
    const std::size_t ties = state_.relationships.size() - first_relationship;
    if (ties == 0 && account.owner == kNoIndex) return;
    std::size_t owner_ties = 0;
    for (std::size_t i = 0; i < ties; ++i) {
      owner_ties += state_.relationships[first_relationship + i].rep == account.owner;
    }
    drafts_.clear();
    for (int i = 0; i < count; ++i) {
      InteractionDraft draft;
      draft.channel = static_cast<Channel>(random_.Pick(kChannels));
      if (ties == 0) {
        draft.rep = account.owner;
        draft.on = static_cast<Day>(random_.Between(account.customer_since, today_));
      } else {
        const Relationship& tie = state_.relationships[PickTie(
            account.owner, first_relationship, ties, owner_ties)];
        draft.rep = tie.rep;
        draft.contact = random_.Chance(0.9) ? tie.contact : kNoIndex;
        draft.on = static_cast<Day>(random_.Between(tie.since, tie.last_touch));
      }
      draft.note = Note(culture_[a]);
      drafts_.push_back(draft);
    }
    std::stable_sort(
        drafts_.begin(), drafts_.end(),
        [](const InteractionDraft& x, const InteractionDraft& y) { return x.on < y.on; });
    for (const InteractionDraft& d : drafts_) {
      state_.interactions.push_back(
          {d.on, d.channel, d.rep, a, d.contact, state_.notes.Intern(d.note)});
    }
  }

  struct InteractionDraft {
    Day on = kNoDay;
    Channel channel = Channel::kCall;
    RepIndex rep = kNoIndex;
    ContactIndex contact = kNoIndex;
    std::string_view note;
  };

  // One of `count` relationships from `first`, the owner's weighing triple.
  RelationshipIndex PickTie(RepIndex owner, RelationshipIndex first, std::size_t count,
                            std::size_t owner_ties) {
    std::size_t x = random_.Below(count + 2 * owner_ties);
    for (std::size_t i = 0; i < count; ++i) {
      const std::size_t weight = state_.relationships[first + i].rep == owner ? 3 : 1;
      if (x < weight) return static_cast<RelationshipIndex>(first + i);
      x -= weight;
    }
    return static_cast<RelationshipIndex>(first + count - 1);
  }

  std::string_view Note(Culture culture) {
    if (random_.Chance(0.15)) return {};
    if (random_.Chance(0.2)) return random_.OneOf(sample::kCommonNotes);
    return sample::OneOfCulture(random_, sample::kNotes, culture);
  }

  void AddDeals(AccountIndex a, AccountTeamIndex first_seat) {
    static constexpr double kOpenStages[] = {0.25, 0.30, 0.25, 0.20};
    const Account& account = state_.accounts[a];
    if (account.owner == kNoIndex) return;
    if (random_.Chance(kOpenDeal[account.tier])) {
      Deal deal = NewDeal(a, first_seat);
      deal.stage = static_cast<DealStage>(random_.Pick(kOpenStages));
      deal.close_on = today_ + static_cast<Day>(random_.Between(7, 180));
      deal.next_step = sample::OneOfCulture(random_, sample::kNextSteps, culture_[a]);
      state_.deals.push_back(std::move(deal));
    }
    // Won and lost in the last quarter: what a handover reviews.
    if (random_.Chance(kClosedDeal)) {
      Deal deal = NewDeal(a, first_seat);
      deal.stage = random_.Chance(0.55) ? DealStage::kWon : DealStage::kLost;
      deal.close_on = today_ - static_cast<Day>(random_.Between(1, 90));
      state_.deals.push_back(std::move(deal));
    }
  }

  Deal NewDeal(AccountIndex a, AccountTeamIndex first_seat) {
    const Account& account = state_.accounts[a];
    Deal deal;
    deal.id = MakeId("d", state_.deals.size() + 1, deal_width_);
    deal.account = a;
    // Mostly the account owner's (kNoIndex); now and then an account-team
    // member runs it.
    if (state_.account_team.size() > first_seat && random_.Chance(0.15)) {
      deal.owner = state_.account_team[first_seat].rep;
    }
    deal.amount = std::max(
        100.0,
        RoundTo(account.annual_value * static_cast<double>(random_.Between(10, 60)) / 100,
                100));
    return deal;
  }

  void AddComplaint(AccountIndex a) {
    static constexpr double kSeverities[] = {0.40, 0.35, 0.20, 0.05};
    const Account& account = state_.accounts[a];
    if (!random_.Chance(kComplaint[account.tier])) return;
    Complaint complaint;
    complaint.id = MakeId("cp", state_.complaints.size() + 1, deal_width_);
    complaint.account = a;
    complaint.opened_on = today_ - static_cast<Day>(random_.Between(0, 365));
    if (random_.Chance(0.7)) {
      complaint.closed_on = std::min(
          today_, complaint.opened_on + static_cast<Day>(random_.Between(1, 60)));
    }
    complaint.severity = static_cast<Severity>(1 + random_.Pick(kSeverities));
    complaint.summary =
        sample::OneOfCulture(random_, sample::kComplaintSummaries, culture_[a]);
    state_.complaints.push_back(std::move(complaint));
  }

  // Everyone holds the core product; bigger tiers hold more of the catalogue,
  // in seat counts that grow with the segment.
  void AddProducts(AccountIndex a) {
    static constexpr int kMaxProducts[] = {5, 3, 2};
    static constexpr std::int64_t kSeats[kSegmentCount][2] = {
        {50, 2000}, {10, 300}, {1, 40}};
    const Account& account = state_.accounts[a];
    const int count = static_cast<int>(random_.Between(1, kMaxProducts[account.tier]));
    constexpr std::size_t kCatalogue =
        sizeof(sample::kProducts) / sizeof(sample::kProducts[0]);
    std::array<std::size_t, kCatalogue> order{};
    for (std::size_t i = 0; i < kCatalogue; ++i) order[i] = i;
    const Segment segment = SegmentOf(account);
    for (int i = 0; i < count; ++i) {
      if (i > 0) std::swap(order[i], order[i + random_.Below(kCatalogue - i)]);
      const std::int64_t seats = random_.Between(kSeats[segment][0], kSeats[segment][1]);
      state_.products.push_back(
          {a, state_.tags.Intern(sample::kProducts[order[i]]), seats});
    }
  }

  const SampleOptions& options_;
  Random random_;
  const Day today_;
  OrgState state_;

  std::array<Tag, kSegmentCount> segment_tags_{};
  std::array<Tag, sample::kTerritoryCount> territory_tags_{};
  std::vector<Unit> units_;
  std::vector<Culture> culture_;  // per account
  std::vector<TeamPlan> team_plans_;
  absl::flat_hash_map<int, std::vector<TeamIndex>> teams_of_key_;
  std::array<std::vector<TeamIndex>, kSegmentCount> teams_of_segment_;
  std::vector<std::vector<RepIndex>> departed_of_team_;
  std::vector<RepIndex> departed_;
  std::vector<Day> departed_on_;          // per rep: a compact copy for the hot paths
  std::vector<double> target_;            // load each rep is filled up to
  std::vector<std::int64_t> load_;        // load assigned so far
  std::vector<int> tier_a_;               // A accounts owned so far
  std::vector<InteractionDraft> drafts_;  // scratch for one account
  int carry_ = 0;                         // relationships still owed to the mean
  int contact_width_ = 5;
  int deal_width_ = 4;
};

}  // namespace

absl::StatusOr<Org> GenerateSampleOrg(const SampleOptions& options) {
  if (absl::Status status = CheckOptions(options); !status.ok()) return status;
  return Generator(options).Run();
}

}  // namespace baton
