#include "lib/reassign/candidate_pools.hpp"

#include <algorithm>

namespace baton::internal {
namespace {

// SplitMix64's finaliser: a well-mixed offset from an account index.
std::uint64_t Mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

CandidatePools::CandidatePools(const Org& org, const ReassignOptions& options,
                               const SuccessorPricer& pricer,
                               const std::vector<std::int64_t>& headroom)
    : org_(org), options_(options), pricer_(pricer), headroom_(headroom) {}

const CandidatePools::Pool& CandidatePools::PoolOf(AccountIndex a, bool own_territory) {
  const Account& account = org_.accounts()[a];
  const std::uint32_t rules =
      options_.eligibility | (own_territory ? std::uint32_t{kSameTerritory} : 0);
  const TeamIndex team = (rules & kSameTeam) && account.owner != kNoIndex
                             ? org_.reps()[account.owner].team
                             : kNoIndex;
  const Key key{team, (rules & kSameTerritory) ? account.territory : kNoTag,
                (rules & kSameSegment) ? account.segment : kNoTag,
                account.tier == kNoIndex ? 0 : org_.tiers()[account.tier].min_seniority};
  auto [it, fresh] = pools_.try_emplace(key);
  if (!fresh) return it->second;
  Pool& pool = it->second;
  auto consider = [&](RepIndex r) {
    if (!pricer_.Eligible(a, r)) return;
    if (own_territory && org_.reps()[r].territory != account.territory) return;
    pool.any_eligible = true;
    if (headroom_[r] > 0) pool.with_room.push_back(r);
  };
  if (team != kNoIndex) {
    for (RepIndex r : org_.RepsOfTeam(team)) consider(r);
  } else {
    for (RepIndex r = 0; r < org_.reps().size(); ++r) consider(r);
  }
  return pool;
}

void CandidatePools::SampleWindow(const std::vector<RepIndex>& reps, AccountIndex account,
                                  std::int64_t weight, std::size_t k,
                                  std::vector<RepIndex>* out) const {
  const std::size_t n = reps.size();
  const std::size_t start = n <= k ? 0 : Mix(account) % n;
  for (std::size_t i = 0; i < std::min(n, k); ++i) {
    const RepIndex r = reps[(start + i) % n];
    if (headroom_[r] >= weight) out->push_back(r);
  }
}

void CandidatePools::Sample(AccountIndex account, std::int64_t weight,
                            std::vector<RepIndex>* out) {
  const std::size_t k = static_cast<std::size_t>(options_.max_candidates);
  const std::vector<RepIndex>& all = PoolOf(account, false).with_room;
  const bool split = all.size() > k && org_.accounts()[account].territory != kNoTag &&
                     !(options_.eligibility & kSameTerritory);
  if (!split) {
    SampleWindow(all, account, weight, k, out);
    return;
  }
  const std::size_t first = out->size();
  SampleWindow(PoolOf(account, true).with_room, account, weight, k / 2, out);
  const std::size_t local = out->size() - first;
  // The rest from the whole pool, skipping reps already taken.
  std::vector<RepIndex> rest;
  SampleWindow(all, account, weight, k, &rest);
  for (RepIndex r : rest) {
    if (out->size() - first >= k) break;
    if (std::find(out->begin() + first, out->begin() + first + local, r) ==
        out->begin() + first + local) {
      out->push_back(r);
    }
  }
}

bool CandidatePools::AnyEligible(AccountIndex account) {
  return PoolOf(account, false).any_eligible;
}

}  // namespace baton::internal
