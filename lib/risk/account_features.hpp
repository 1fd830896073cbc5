// The built-in risk features of one account, computed from the organisation
// as a scenario sees it: as of a day, with what-if leavers and owners.
#ifndef BATON_LIB_RISK_ACCOUNT_FEATURES_HPP_
#define BATON_LIB_RISK_ACCOUNT_FEATURES_HPP_

#include <cstdint>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "baton/org.hpp"
#include "baton/risk.hpp"

namespace baton::internal {

// In the order of AccountRiskFeatures().
enum BuiltinFeature : int {
  kOwnerShare,
  kUnowned,
  kDepartedShare,
  kCompetitorShare,
  kRepsInContact90d,
  kSingleThreaded,
  kKeyPlayerCoverage,
  kDeepestDepth,
  kMeanDepth,
  kDaysSinceInteraction,
  kInteractionTrend,
  kOpenComplaints,
  kWorstOpenSeverity,
  kDaysToRenewal,
  kTenureDays,
  kLogAnnualValue,
  kTierWeight,
  kBuiltinFeatureCount,
};

// The windows and caps of docs/risk.md.
inline constexpr Day kRecentDays = 90;
inline constexpr Day kEarlierDays = 270;
inline constexpr Day kDayCap = 730;
inline constexpr double kTieHalfLifeDays = 180;

// The organisation as a scenario sees it. Built once per scoring run:
// O(reps + owner changes).
class RiskView {
 public:
  static absl::StatusOr<RiskView> Make(const Org& org, const RiskOptions& options);

  const Org& org() const { return *org_; }
  Day as_of() const { return as_of_; }
  bool active(RepIndex rep) const { return rep_state_[rep] == kActive; }
  bool to_competitor(RepIndex rep) const { return rep_state_[rep] == kCompetitor; }
  // The owner the scenario gives the account, or kNoIndex when it has none
  // or its owner has gone.
  RepIndex owner(AccountIndex account) const;

 private:
  enum State : std::uint8_t { kActive, kDeparted, kCompetitor };

  const Org* org_ = nullptr;
  Day as_of_ = kNoDay;
  std::vector<std::uint8_t> rep_state_;
  absl::flat_hash_map<AccountIndex, RepIndex> owners_;
};

// Everything scoring and the reasons need to know about an account.
struct AccountFacts {
  AccountIndex account = kNoIndex;
  double features[kBuiltinFeatureCount] = {};
  RepIndex owner = kNoIndex;
  RepIndex only_rep_in_contact = kNoIndex;  // when exactly one is
  // The only active rep tied to a contact (kNoIndex: none or several).
  RepIndex sole_tied_rep = kNoIndex;
  bool any_active_tie = false;
  int key_players = 0;
  int key_players_covered = 0;
  int interactions_recent = 0;   // in the last 90 days
  int interactions_earlier = 0;  // in the 270 days before those
};

// Per-thread buffers, so that computing facts allocates nothing in the loop.
struct FactsScratch {
  std::vector<RepIndex> reps;
};

void ComputeFacts(const RiskView& view, AccountIndex account, FactsScratch& scratch,
                  AccountFacts* facts);

// The BuiltinFeature named `name`, or -1.
int BuiltinFeatureOf(std::string_view name);

// A contact whose ties count double and whose coverage matters.
bool IsKeyPlayer(const Contact& contact);

}  // namespace baton::internal

#endif  // BATON_LIB_RISK_ACCOUNT_FEATURES_HPP_
