// A small organisation with at least one record of every kind, for tests.
#ifndef BATON_TESTS_CORE_SMALL_ORG_HPP_
#define BATON_TESTS_CORE_SMALL_ORG_HPP_

#include "baton/batch.hpp"
#include "baton/day.hpp"
#include "baton/org.hpp"

namespace baton::testing {

inline Day D(int y, int m, int d) { return DayFromCivil(y, m, d); }

// Two teams, four reps (one departed to a competitor), tiers A/B/C, three
// accounts (one without owner), contacts, relationships, interactions,
// deals, complaints, products, an account team.
inline Batch SmallOrgBatch() {
  Batch b;
  b.Add(TeamSpec{"t-north", "North", ""});
  b.Add(TeamSpec{"t-south", "Południe 南", ""});
  b.Add(RepSpec{"r-anna", "Anna Kowalska", "t-north", "", 3, 40, "north", "enterprise"});
  b.Add(RepSpec{"r-ben", "Ben Okafor", "t-north", "r-anna", 2, 30, "north", "smb"});
  b.Add(RepSpec{"r-chen", "陈静", "t-south", "", 4, 50, "深圳", "enterprise"});
  b.Add(RepSpec{"r-dora", "Dora Nowak", "t-south", "r-chen", 1, 20, "south", "smb"});
  b.Update(TeamSpec{"t-north", "North", "r-anna"});
  b.Add(TierSpec{"A", 5, 3, 4});
  b.Add(TierSpec{"B", 2, 2, 0});
  b.Add(TierSpec{"C", 1, 0, 0});
  b.Add(AccountSpec{"a-fx", "纷享销客", "A", 1'250'000.5, D(2019, 3, 1), D(2027, 1, 15),
                    "深圳", "enterprise", "g-fx", "r-chen"});
  b.Add(AccountSpec{"a-lodz", "Łódź Logistics", "B", 84'000, D(2022, 6, 1),
                    D(2026, 12, 1), "north", "smb", "", "r-anna"});
  b.Add(AccountSpec{"a-orphan", "Orphan Ltd", "C", 9'500, kNoDay, kNoDay, "south", "smb",
                    "", ""});
  b.Add(AccountTeamSpec{"a-fx", "r-dora", AccountRole::kCustomerSuccess});
  b.Add(ContactSpec{"c-wang", "a-fx", "王伟", ContactRole::kDecisionMaker, true,
                    Attitude::kSupporter});
  b.Add(
      ContactSpec{"c-li", "a-fx", "李娜", ContactRole::kUser, false, Attitude::kNeutral});
  b.Add(ContactSpec{"c-ewa", "a-lodz", "Ewa \"CFO\" Zielińska", ContactRole::kFinance,
                    true, Attitude::kSkeptic});
  b.Add(RelationshipSpec{"r-chen", "c-wang", 0.9, Depth::kSharedValues, D(2019, 3, 1),
                         D(2026, 10, 20)});
  b.Add(RelationshipSpec{"r-dora", "c-li", 0.4, Depth::kSharedInterests, D(2023, 1, 1),
                         D(2026, 5, 1)});
  b.Add(RelationshipSpec{"r-anna", "c-ewa", 0.7, Depth::kEmotionalTrust, D(2022, 6, 1),
                         D(2026, 10, 30)});
  b.Add(InteractionSpec{D(2026, 10, 20), Channel::kVisit, "r-chen", "a-fx", "c-wang",
                        "QBR, on site"});
  b.Add(InteractionSpec{D(2026, 9, 2), Channel::kEmail, "r-dora", "a-fx", "",
                        "renewal, quote"});
  b.Add(InteractionSpec{D(2026, 10, 30), Channel::kCall, "r-anna", "a-lodz", "c-ewa",
                        "line1\nline2, \"quoted\""});
  b.Add(DealSpec{"d-1", "a-fx", "", DealStage::kNegotiation, 300'000, D(2026, 12, 20),
                 "send contract"});
  b.Add(DealSpec{"d-2", "a-lodz", "r-anna", DealStage::kWon, 12'000, D(2026, 8, 1), ""});
  b.Add(ComplaintSpec{"k-1", "a-lodz", D(2026, 10, 1), kNoDay, Severity::kHigh,
                      "late deliveries"});
  b.Add(ComplaintSpec{"k-2", "a-fx", D(2026, 1, 5), D(2026, 1, 20), Severity::kLow, ""});
  b.Add(ProductSpec{"a-fx", "crm-suite", 250});
  b.Add(ProductSpec{"a-lodz", "fleet-tracker", 40});
  b.Depart("r-ben", D(2026, 11, 15), "Rival Corp", true);
  return b;
}

inline Org SmallOrg() {
  Org org;
  const absl::Status status = org.Apply(SmallOrgBatch());
  if (!status.ok()) std::abort();
  return org;
}

}  // namespace baton::testing

#endif  // BATON_TESTS_CORE_SMALL_ORG_HPP_
