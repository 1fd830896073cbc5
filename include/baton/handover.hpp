// The handover plan: for each account a departure moves, ordered by revenue
// at risk, the tasks that make the transfer safe (DOMAIN.md, "handover, per
// account"), who does each and by when, with what Baton already knows filled
// in: open deals, key contacts and their ties to the leaver and the
// successor, open complaints, the renewal date and the risk reasons.
//
//   baton::HandoverOptions options;
//   options.leavers = {{"r017", baton::DayFromCivil(2026, 11, 30)}};
//   options.today = baton::DayFromCivil(2026, 11, 1);
//   auto plan = baton::PlanHandover(org, options, reassignment,
//   baton::RiskModel::Default());
#ifndef BATON_HANDOVER_HPP_
#define BATON_HANDOVER_HPP_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "baton/org.hpp"
#include "baton/reassign.hpp"
#include "baton/risk.hpp"

namespace baton {

// What a task is about, in the order the practice does them.
enum class HandoverTaskKind : std::uint8_t {
  kNotifyCustomer,         // tell the customer, introduce the successor
  kHandoverMeeting,        // face to face with the manager for top-tier accounts
  kOpenDeals,              // the real state of every open deal, its committee, next steps
  kUnwrittenAgreements,    // promises and expectations nobody wrote down
  kKeyPlayers,             // who decides, their attitudes and concerns
  kProductsAndComplaints,  // problems with products held, open complaints
  kGoalsProgress,          // progress toward the goals that made them buy
  kExpansion,              // cross-sell and upsell openings
  kChurnReasons,           // reasons they might leave
  kMoveRecords,            // the account, contacts, deals and open tasks to the successor
  // Once per leaver:
  kDealReview,     // deals won and lost in the last three months
  kExitInterview,  // what helped them sell, what should change
  kRevokeAccess,   // on the last day
};
std::string_view NameOf(HandoverTaskKind kind);

enum class HandoverRole : std::uint8_t { kLeaver, kSuccessor, kManager };
std::string_view NameOf(HandoverRole role);

enum class HandoverTaskStatus : std::uint8_t { kOpen, kDone, kSkipped };
std::string_view NameOf(HandoverTaskStatus status);

struct HandoverTask {
  HandoverTaskKind kind = HandoverTaskKind::kNotifyCustomer;
  HandoverRole role = HandoverRole::kLeaver;
  RepIndex rep = kNoIndex;  // who does it (kNoIndex: nobody in that role)
  Day due = kNoDay;
  HandoverTaskStatus status = HandoverTaskStatus::kOpen;
  std::string title;                 // "Tell 王伟 that Anna Nowak takes over"
  std::vector<std::string> details;  // what Baton knows that the task needs
};

struct AccountHandover {
  AccountIndex account = kNoIndex;
  RepIndex leaver = kNoIndex;
  RepIndex successor = kNoIndex;  // kNoIndex: the plan left it unassigned
  RepIndex manager = kNoIndex;    // the leaver's manager
  double value = 0;
  double risk = 0;  // once the leaver has gone, under the plan
  double value_at_risk = 0;
  std::vector<std::string> risk_reasons;
  std::vector<std::string> successor_reasons;
  std::vector<HandoverTask> tasks;  // by due day
};

// A leaver's own tasks: the deal review, the exit interview, access.
struct LeaverHandover {
  RepIndex rep = kNoIndex;
  Day last_day = kNoDay;
  std::vector<HandoverTask> tasks;
};

struct HandoverPlan {
  Day today = kNoDay;
  std::vector<LeaverHandover> leavers;
  std::vector<AccountHandover> accounts;  // by revenue at risk, descending
};

struct HandoverLeaver {
  std::string rep;  // the rep's id
  Day last_day = kNoDay;
  bool to_competitor = false;
};

struct HandoverOptions {
  static constexpr int kVersion = 1;

  std::vector<HandoverLeaver> leavers;
  Day today = kNoDay;  // due days are never before it
};

// The plan for the accounts the leavers own, with the successors of
// `reassignment` (made for the same departures on the same organisation).
// Due days count back from the last day: earlier for higher tiers and for
// riskier accounts (docs/handover.md). InvalidArgument naming the leaver for
// an unknown rep, a missing or bad day, a last day before `today`.
absl::StatusOr<HandoverPlan> PlanHandover(const Org& org, const HandoverOptions& options,
                                          const Reassignment& reassignment,
                                          const RiskModel& model);

// The plan carried out, as one batch for Org::Apply, and the batch that
// undoes it on the organisation `apply` produced (restoring it exactly: the
// same state hash). `apply` gives every account of the leavers to its
// successor (no owner when the plan left it unassigned), every deal a leaver
// owns to its account's successor, then records each departure on its last
// day: afterwards nothing is owned by a leaver. `undo` restores the reps, the
// owners and the deals as they were.
struct HandoverBatches {
  Batch apply;
  Batch undo;
};
absl::StatusOr<HandoverBatches> HandoverChanges(const Org& org, const HandoverPlan& plan,
                                                const HandoverOptions& options);

}  // namespace baton

#endif  // BATON_HANDOVER_HPP_
