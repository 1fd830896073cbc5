// Handover plans kept with the organisation: each one's lifecycle (draft,
// then applied, then undone), its task statuses, and an audit log of what
// changed, when and by which plan. The book travels in the organisation's
// snapshot as the section kHandoverBookSection.
//
//   baton::HandoverBook book;
//   std::string id = book.Add(org, plan, options, now);   // "H1", a draft
//   book.Apply(id, org, now);    // every ownership change as one batch
//   book.SetTaskStatus(id, "a0042/notify_customer", HandoverTaskStatus::kDone, now);
//   book.Undo(id, org, now);     // the organisation exactly as before
//
// Plans are kept by ids, not indices, so they stay meaningful while the
// organisation changes around them. Times (`at`) are whatever the caller
// counts in, e.g. Unix seconds; Baton never reads the clock.
#ifndef BATON_HANDOVER_BOOK_HPP_
#define BATON_HANDOVER_BOOK_HPP_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "baton/handover.hpp"
#include "baton/org.hpp"
#include "baton/snapshot.hpp"

namespace baton {

enum class HandoverState : std::uint8_t { kDraft, kApplied, kUndone };
std::string_view NameOf(HandoverState state);

struct StoredTask {
  std::string id;  // "<account or leaver id>/<kind>", unique in its plan
  HandoverTaskKind kind = HandoverTaskKind::kNotifyCustomer;
  HandoverRole role = HandoverRole::kLeaver;
  std::string rep;  // who does it; empty: nobody
  Day due = kNoDay;
  HandoverTaskStatus status = HandoverTaskStatus::kOpen;
  std::string title;
  std::vector<std::string> details;
};

struct StoredAccountHandover {
  std::string account;
  std::string leaver;
  std::string successor;  // empty: left unassigned
  std::string manager;
  double value = 0;
  double risk = 0;
  double value_at_risk = 0;
  std::vector<std::string> risk_reasons;
  std::vector<std::string> successor_reasons;
  std::vector<StoredTask> tasks;
};

struct StoredLeaver {
  HandoverLeaver leaver;
  std::vector<StoredTask> tasks;  // the deal review, exit interview, access
};

struct StoredHandover {
  std::string id;  // "H1", "H2", ... in the order plans were added
  HandoverState state = HandoverState::kDraft;
  Day today = kNoDay;
  std::vector<StoredLeaver> leavers;
  std::vector<StoredAccountHandover> accounts;  // by revenue at risk, descending
};

// One field of one record, before and after, written as the CSV files write
// it. A task's changes are to its "rep" or "status".
struct RecordedChange {
  enum class Record : std::uint8_t { kAccount, kDeal, kRep, kTask };
  Record record = Record::kAccount;
  std::string id;
  std::string field;
  std::string before;
  std::string after;
};
std::string_view NameOf(RecordedChange::Record record);

struct HandoverEvent {
  enum class Kind : std::uint8_t { kPlanned, kApplied, kUndone, kTaskStatus };
  Kind kind = Kind::kPlanned;
  std::int64_t at = 0;
  std::string plan;
  std::vector<RecordedChange> changes;
};
std::string_view NameOf(HandoverEvent::Kind kind);

inline constexpr std::string_view kHandoverBookSection = "baton.handovers";

class HandoverBook {
 public:
  // Keeps `plan`, made by PlanHandover on `org` with `options`, as a draft
  // and returns its id.
  std::string Add(const Org& org, const HandoverPlan& plan,
                  const HandoverOptions& options, std::int64_t at);

  // Carries out a draft as one batch: every account of a leaver to its
  // successor (no owner where the plan left it unassigned), every deal a
  // leaver owns to its account's successor, each departure on its last day,
  // and every open task of a leaver to the account's successor or, failing
  // that, the leaver's manager. Afterwards nothing is owned by a departed
  // rep. FailedPrecondition if the plan is not a draft or an account has
  // changed owner since it was planned; the organisation's own errors if the
  // batch is refused. On error neither the organisation nor the book changes.
  absl::Status Apply(std::string_view plan, Org& org, std::int64_t at);

  // Reverses an applied plan field by field, so the organisation is exactly
  // as before if nothing else changed since. FailedPrecondition naming the
  // record if one of the fields the plan changed has changed again.
  absl::Status Undo(std::string_view plan, Org& org, std::int64_t at);

  // NotFound for an unknown plan or task; FailedPrecondition for an undone plan.
  absl::Status SetTaskStatus(std::string_view plan, std::string_view task,
                             HandoverTaskStatus status, std::int64_t at);

  const StoredHandover* Find(std::string_view plan) const;
  absl::Span<const StoredHandover> plans() const { return plans_; }
  absl::Span<const HandoverEvent> log() const { return log_; }
  bool empty() const { return plans_.empty(); }

  // The book as JSON (docs/handover.md), and back with every field checked:
  // InvalidArgument naming the plan, task or event and the field.
  std::string ToJson() const;
  static absl::StatusOr<HandoverBook> FromJson(std::string_view json);

 private:
  StoredHandover* FindMutable(std::string_view plan);

  std::vector<StoredHandover> plans_;
  std::vector<HandoverEvent> log_;
};

// The rule Apply keeps: FailedPrecondition naming the first account or deal
// owned by a departed rep, or open task of an applied plan assigned to one.
absl::Status CheckNothingOwnedByDeparted(const Org& org, const HandoverBook& book);

// The book as a snapshot section, and the book a snapshot's sections carry
// (empty if none).
SnapshotSection ToSection(const HandoverBook& book);
absl::StatusOr<HandoverBook> HandoverBookOf(absl::Span<const SnapshotSection> sections);

}  // namespace baton

#endif  // BATON_HANDOVER_BOOK_HPP_
