#include "lib/model/org_index.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <optional>

#include "lib/model/org_access.hpp"
#include "lib/model/side_task.hpp"

namespace baton::internal {
namespace {

// Relationships from which the graph is built on a thread of its own; below
// this a thread costs more than it saves.
constexpr std::size_t kGraphBesideFrom = std::size_t{1} << 16;

// An index with one row per `rows` record, listing `items` records, is
// stale when the number of rows or any item changed.
constexpr std::uint32_t Bits(EntityKind rows, EntityKind items) {
  return GrownBit(rows) | KindBit(items) | GrownBit(items);
}

// Rebuilds `slot` when any kind it depends on is dirty, else shares it.
template <typename T, typename Make>
void Refresh(std::shared_ptr<const T>* slot, const std::shared_ptr<const T>* previous,
             std::uint32_t dirty, std::uint32_t depends_on, Make make) {
  if (previous != nullptr && *previous && (dirty & depends_on) == 0) {
    *slot = *previous;
  } else {
    *slot = std::make_shared<const T>(make());
  }
}

template <typename Record>
Csr ByAccount(const OrgState& s, const std::vector<Record>& table) {
  return Csr::Group(s.accounts.size(), table.size(),
                    [&](std::size_t i) { return table[i].account; });
}

// Fills `csr` if the log is in (account, day) order, as the importer and
// the generator write it: then each account's timeline is a run of the
// table, found in one pass that also copies the days and reps. Returns
// false if it is not, leaving `csr` for the caller to fill again.
bool FillTimelineOfOrderedLog(const OrgState& s, InteractionTimeline& csr) {
  const std::size_t n = s.interactions.size();
  ResizeOnHugePages(csr.offsets, s.accounts.size() + 1);
  ResizeOnHugePages(csr.days, n);
  ResizeOnHugePages(csr.reps, n);
  AccountIndex previous_account = 0;
  Day previous_day = std::numeric_limits<Day>::min();
  for (std::size_t i = 0; i < n; ++i) {
    const Interaction& interaction = s.interactions[i];
    const AccountIndex a = interaction.account;
    if (a >= s.accounts.size() || a < previous_account ||
        (a == previous_account && interaction.on < previous_day)) {
      return false;
    }
    ++csr.offsets[a + 1];
    csr.days[i] = interaction.on;
    csr.reps[i] = interaction.rep;
    previous_account = a;
    previous_day = interaction.on;
  }
  for (std::size_t a = 0; a < s.accounts.size(); ++a)
    csr.offsets[a + 1] += csr.offsets[a];
  ResizeOnHugePages(csr.items, n);
  std::iota(csr.items.begin(), csr.items.end(), Index{0});
  return true;
}

InteractionTimeline InteractionsByAccount(const OrgState& s) {
  InteractionTimeline csr;
  if (FillTimelineOfOrderedLog(s, csr)) return csr;
  static_cast<Csr&>(csr) = ByAccount(s, s.interactions);
  for (std::size_t a = 0; a < s.accounts.size(); ++a) {
    auto first = csr.items.begin() + csr.offsets[a];
    auto last = csr.items.begin() + csr.offsets[a + 1];
    // Already ascending by index; a stable sort by day keeps that as the
    // tie-break. Logs are mostly recorded in order: check before sorting.
    const auto by_day = [&](Index x, Index y) {
      return s.interactions[x].on < s.interactions[y].on;
    };
    if (!std::is_sorted(first, last, by_day)) std::stable_sort(first, last, by_day);
  }
  ResizeOnHugePages(csr.days, csr.items.size());
  ResizeOnHugePages(csr.reps, csr.items.size());
  for (std::size_t k = 0; k < csr.items.size(); ++k) {
    csr.days[k] = s.interactions[csr.items[k]].on;
    csr.reps[k] = s.interactions[csr.items[k]].rep;
  }
  return csr;
}

}  // namespace

std::shared_ptr<const OrgIndex> OrgIndex::Build(const OrgState& s, const OrgIndex* prev,
                                                std::uint32_t dirty) {
  using K = EntityKind;
  auto index = std::make_shared<OrgIndex>();
  auto from = [&](auto member) { return prev ? &(prev->*member) : nullptr; };

  const auto graph = [&] {
    Refresh(&index->relationships, from(&OrgIndex::relationships), dirty,
            Bits(K::kRep, K::kRelationship) | Bits(K::kContact, K::kRelationship), [&] {
              return RelationshipGraph(s.reps.size(), s.contacts.size(), s.relationships);
            });
  };
  // The graph takes about as long as all the other indexes together (0.3 s
  // each at 10 M relationships and 12 M interactions, 2026-12-03), so a
  // large one is built beside them; it places its two sides on two threads
  // of its own, and the system shares the two cores out among the three.
  // Each side writes its own members of `index`.
  std::optional<SideTask> graph_beside;
  if (s.relationships.size() >= kGraphBesideFrom) {
    graph_beside.emplace(graph);
  } else {
    graph();
  }

  Refresh(&index->reps_of_team, from(&OrgIndex::reps_of_team), dirty,
          Bits(K::kTeam, K::kRep), [&] {
            return Csr::Group(s.teams.size(), s.reps.size(),
                              [&](std::size_t i) { return s.reps[i].team; });
          });
  Refresh(&index->accounts_of_owner, from(&OrgIndex::accounts_of_owner), dirty,
          Bits(K::kRep, K::kAccount), [&] {
            const Index unowned = static_cast<Index>(s.reps.size());
            return Csr::Group(s.reps.size() + 1, s.accounts.size(), [&](std::size_t i) {
              const RepIndex owner = s.accounts[i].owner;
              return owner == kNoIndex ? unowned : owner;
            });
          });
  Refresh(&index->team_of_account, from(&OrgIndex::team_of_account), dirty,
          Bits(K::kAccount, K::kAccountTeam),
          [&] { return ByAccount(s, s.account_team); });
  Refresh(&index->seats_of_rep, from(&OrgIndex::seats_of_rep), dirty,
          Bits(K::kRep, K::kAccountTeam), [&] {
            return Csr::Group(s.reps.size(), s.account_team.size(),
                              [&](std::size_t i) { return s.account_team[i].rep; });
          });
  Refresh(&index->contacts_of_account, from(&OrgIndex::contacts_of_account), dirty,
          Bits(K::kAccount, K::kContact), [&] { return ByAccount(s, s.contacts); });
  Refresh(&index->interactions_of_account, from(&OrgIndex::interactions_of_account),
          dirty, Bits(K::kAccount, K::kInteraction),
          [&] { return InteractionsByAccount(s); });
  Refresh(&index->deals_of_account, from(&OrgIndex::deals_of_account), dirty,
          Bits(K::kAccount, K::kDeal), [&] { return ByAccount(s, s.deals); });
  Refresh(&index->complaints_of_account, from(&OrgIndex::complaints_of_account), dirty,
          Bits(K::kAccount, K::kComplaint), [&] { return ByAccount(s, s.complaints); });
  Refresh(&index->products_of_account, from(&OrgIndex::products_of_account), dirty,
          Bits(K::kAccount, K::kProduct), [&] { return ByAccount(s, s.products); });
  if (graph_beside) graph_beside->Join();
  return index;
}

std::size_t OrgIndex::MemoryBytes() const {
  std::size_t bytes = sizeof(OrgIndex) + relationships->MemoryBytes() +
                      interactions_of_account->MemoryBytes();
  for (const auto* csr : {&reps_of_team, &accounts_of_owner, &team_of_account,
                          &seats_of_rep, &contacts_of_account, &deals_of_account,
                          &complaints_of_account, &products_of_account}) {
    bytes += (*csr)->MemoryBytes();
  }
  return bytes;
}

}  // namespace baton::internal
