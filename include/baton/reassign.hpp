// Who takes over: reassigning accounts on the organisation when reps leave,
// when accounts have no owner, or when a team's book is rebalanced.
//
// A Reassigner turns the organisation and its options into an assignment
// problem (assignment.hpp): one unit per account, or per parent group when
// several of the group's accounts are reassigned together; candidate arcs to
// the reps the hard rules allow, priced by the preferences below; each rep's
// load cost lambda * L^2 over the tier load weights they carry. It solves the
// problem, enforces the tiers' per-rep maxima, and explains every choice.
//
//   baton::Reassigner reassigner(org);
//   reassigner.SetOptions(options);  // mode, departing reps, today, ...
//   absl::StatusOr<baton::Reassignment> result = reassigner.Run();
//   org.Apply(result->ToBatch(org));  // all owner changes in one batch
#ifndef BATON_REASSIGN_HPP_
#define BATON_REASSIGN_HPP_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "baton/assignment.hpp"
#include "baton/batch.hpp"
#include "baton/org.hpp"

namespace baton {

// Which accounts a run reassigns.
enum class ReassignMode : std::uint8_t {
  // The accounts owned by the `departing` reps (when the list is empty: by
  // every departed rep who still owns accounts). Departing reps take none.
  kOffboard,
  // The accounts nobody owns.
  kAssignUnowned,
  // The accounts of the active reps of `team` (every active rep when `team`
  // is empty), each free to stay or to move at `move_cost` per move.
  kRebalance,
};

// Where a successor may come from, as bit flags; each flag that is set must
// hold. A flag about an attribute the account lacks (no previous owner, no
// territory, no segment) does not restrict it.
enum EligibilityRule : std::uint32_t {
  kAnyRep = 0,
  kSameTeam = 1,       // the previous owner's team
  kSameTerritory = 2,  // the account's territory
  kSameSegment = 4,    // the account's segment
};

// An account that must go to `rep`, or stay with its owner when `rep` is
// empty. Pins bypass eligibility and preferences, not the rule that the rep
// is active and not leaving; a pin on one account of a group pins the group.
struct Pin {
  std::string account;
  std::string rep;
};

// Settings of a run. Costs are in points: a successor's cost for an account
// is stranger_cost, less the discounts below, plus the surcharges; the plan
// minimises the sum of these costs, the load cost and the penalties of the
// accounts it leaves unassigned. New fields only ever go at the end.
struct ReassignOptions {
  static constexpr unsigned kVersion = 1;
  unsigned version = kVersion;

  ReassignMode mode = ReassignMode::kOffboard;
  std::vector<std::string> departing;  // rep ids (kOffboard)
  std::string team;                    // team id (kRebalance); empty: everyone
  // The day recency is measured from; required (Baton never reads a clock).
  Day today = kNoDay;

  // Hard rules beyond the ones always enforced (active, not leaving, the
  // tier's minimum seniority and per-rep maximum, capacity).
  std::uint32_t eligibility = kAnyRep;  // EligibilityRule flags
  std::vector<std::string> excluded_reps;
  std::vector<Pin> pins;

  // kRebalance: the cost of moving an account away from its owner, and the
  // most accounts that may move (-1: no limit). The limit is met by raising
  // the price of a move until the plan keeps it (up to 24 solves); repairs
  // for the tiers' per-rep maxima come after and may add moves.
  std::int64_t move_cost = 300;
  std::int64_t max_moves = -1;

  // Reps considered per account besides those already tied to it (by a
  // relationship, the account team, or owning the rest of its group): when
  // more are eligible, a deterministic spread of this many. Plans are optimal
  // over the candidates; raising it widens the search.
  int max_candidates = 24;

  // Preferences.
  std::int64_t stranger_cost = 1000;  // a successor nobody at the account knows
  // Discount for one tie of full strength and the deepest kind, touched
  // today, scaled by strength, depth / 5 and 2^(-age / recency_half_life_days).
  std::int64_t relationship_points = 600;
  double key_player_factor = 2.0;  // ties to key players weigh this much more
  int recency_half_life_days = 90;
  std::int64_t account_team_points = 300;
  std::int64_t group_points = 200;  // owns other accounts of the account's group
  std::int64_t territory_points = 100;
  std::int64_t segment_points = 50;
  std::int64_t team_points = 50;  // the previous owner's team
  // Surcharge per seniority level above the tier's minimum: keeps senior
  // reps free for the accounts that need them.
  std::int64_t seniority_excess_points = 20;
  std::int64_t lambda = 5;  // load balance: each rep's load cost is lambda * L^2
  // Penalty for leaving an account unassigned: this plus its annual value
  // divided by value_per_point. Value dominates, so that scarce capacity
  // goes to value: one account worth 1 M outweighs five worth 5 k each,
  // whatever their load; the flat part keeps every account worth more than
  // the few thousand points any successor costs.
  std::int64_t unassigned_points = 10'000;
  double value_per_point = 1;
};

// The terms of a successor's cost for an account, in points; discounts are
// negative. total() is the arc cost the plan pays.
struct SuccessorCost {
  std::int64_t stranger = 0;
  std::int64_t relationships = 0;
  std::int64_t account_team = 0;
  std::int64_t group = 0;
  std::int64_t territory = 0;
  std::int64_t segment = 0;
  std::int64_t team = 0;
  std::int64_t seniority = 0;
  std::int64_t move = 0;  // kRebalance: moving away from the owner

  std::int64_t total() const {
    return stranger + relationships + account_team + group + territory + segment + team +
           seniority + move;
  }
};

enum class UnassignedReason : std::uint8_t {
  kNone,               // it has a successor
  kNoEligibleRep,      // no rep passes the hard rules
  kCapacityExhausted,  // eligible reps exist, none has room left
  kTierLimit,          // the eligible reps with room carry their tier's maximum
};
std::string_view NameOf(UnassignedReason reason);

struct AccountReassignment {
  AccountIndex account = kNoIndex;
  RepIndex from = kNoIndex;  // the owner before (kNoIndex: none)
  RepIndex to = kNoIndex;    // the successor (kNoIndex: unassigned; == from: stays)
  bool pinned = false;
  SuccessorCost cost;  // of `to`; zero when unassigned or pinned
  // Why `to`, in words, strongest first: "knows Anna Nowak, decision maker
  // (shared values, 12 days ago)", "on the account team (backup)", "same
  // territory (Warszawa)". Or why nobody.
  std::vector<std::string> reasons;
  UnassignedReason unassigned = UnassignedReason::kNone;
};

// A rep's load (sum of tier load weights) before and after the plan.
struct RepLoad {
  RepIndex rep = kNoIndex;
  std::int64_t before = 0;
  std::int64_t after = 0;
  std::int64_t capacity = 0;
};

// How evenly load sits on the reps who may take accounts, as utilisation
// (load / capacity; reps without capacity are left out).
struct LoadBalance {
  double min_utilisation = 0;
  double max_utilisation = 0;
  double mean_utilisation = 0;
  double stddev_utilisation = 0;  // population standard deviation
  // max / min utilisation; +infinity when some rep carries nothing.
  double max_min_ratio = 0;
};

struct Reassignment {
  enum class Outcome {
    kOptimal,    // proven optimal over the candidate arcs
    kFeasible,   // a valid plan; objective - lower_bound bounds its gap
    kCancelled,  // stopped by the progress callback; no plan
  };
  Outcome outcome = Outcome::kCancelled;
  // The accounts of the run, in index order.
  std::vector<AccountReassignment> accounts;
  // The reps who may take accounts and the departing reps, in index order.
  std::vector<RepLoad> reps;
  LoadBalance before;
  LoadBalance after;
  std::int64_t objective = 0;
  std::int64_t lower_bound = 0;
  double relative_gap = 0;  // (objective - lower_bound) / max(1, |objective|)
  std::int64_t moves = 0;   // accounts whose owner changes
  std::int64_t unassigned = 0;

  // The owner changes of the plan as one batch (accounts left unassigned
  // keep their owner), for Org::Apply on the organisation it was made from.
  Batch ToBatch(const Org& org) const;
};

// Reassignment on an organisation, LEMON-style: construct, set options, Run.
// The Reassigner keeps a reference to `org`, which must outlive it and not
// change while it runs. Run is const and may be called from several threads.
//
// Cost: O(A * (k + ties)) to build the problem for A accounts with k
// candidates, then the solver's time (assignment.hpp).
class Reassigner {
 public:
  explicit Reassigner(const Org& org) : org_(org) {}

  Reassigner& SetOptions(ReassignOptions options) {
    options_ = std::move(options);
    return *this;
  }
  Reassigner& SetProgress(ProgressCallback progress) {
    progress_ = std::move(progress);
    return *this;
  }
  const ReassignOptions& options() const { return options_; }

  // InvalidArgument for options that name unknown or unfit reps, teams or
  // accounts, or a missing `today`; an infeasible or partial plan and a
  // cancelled run are results, not errors.
  absl::StatusOr<Reassignment> Run() const;

 private:
  const Org& org_;
  ReassignOptions options_;
  ProgressCallback progress_;
};

}  // namespace baton

#endif  // BATON_REASSIGN_HPP_
