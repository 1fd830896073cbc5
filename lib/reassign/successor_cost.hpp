// What a successor costs for an account, and why: the preferences of
// ReassignOptions applied to one (account, rep) pair.
#ifndef BATON_LIB_REASSIGN_SUCCESSOR_COST_HPP_
#define BATON_LIB_REASSIGN_SUCCESSOR_COST_HPP_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "baton/reassign.hpp"
#include "lib/reassign/reassign_scope.hpp"

namespace baton::internal {

// A rep already tied to an account.
struct Tie {
  RepIndex rep = kNoIndex;
  double relationship_points = 0;  // the discount their relationships earn
  bool on_account_team = false;
  AccountRole role = AccountRole::kBackup;
  int group_accounts = 0;  // other accounts of the group they own and keep
};

class SuccessorPricer {
 public:
  SuccessorPricer(const Org& org, const ReassignOptions& options,
                  const ReassignScope& scope);

  // The reps tied to `account`, ascending, into `out` (cleared first).
  // O(contacts + their relationships + account team + group owners).
  void TiesOf(AccountIndex account, std::vector<Tie>* out) const;

  // The hard rules other than capacity and tier maxima: a taker, senior
  // enough for the tier, and eligible by options.eligibility.
  bool Eligible(AccountIndex account, RepIndex rep) const;

  // `tie` is the rep's tie to the account, or null when there is none.
  SuccessorCost Cost(AccountIndex account, RepIndex rep, const Tie* tie) const;

  // The reasons of AccountReassignment::reasons for giving `account` to
  // `rep`, strongest first. O(ties of the account).
  std::vector<std::string> Reasons(AccountIndex account, RepIndex rep) const;

 private:
  double RelationshipPoints(const Relationship& relationship) const;
  int GroupAccounts(AccountIndex account, RepIndex rep) const;

  const Org& org_;
  const ReassignOptions& options_;
  const ReassignScope& scope_;
  // Per group with accounts in the run: who keeps its other accounts, how many.
  absl::flat_hash_map<Tag, std::vector<std::pair<RepIndex, int>>> group_owners_;
};

}  // namespace baton::internal

#endif  // BATON_LIB_REASSIGN_SUCCESSOR_COST_HPP_
