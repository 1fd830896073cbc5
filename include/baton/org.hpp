// The organisation: reps, teams, accounts and everything that ties them
// together, with the queries reassignment and risk scoring are built on.
#ifndef BATON_ORG_HPP_
#define BATON_ORG_HPP_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "baton/batch.hpp"
#include "baton/records.hpp"

namespace baton {

namespace internal {
struct OrgState;
struct OrgIndex;
}  // namespace internal

// An organisation. Records live in one table per kind and are addressed by
// dense indices (records.hpp) or by their external ids (Find*). Indices and
// the spans returned here stay valid until the next successful Apply.
//
// Every change goes through Apply, which validates a whole batch and applies
// it entirely or not at all. Derived indexes (accounts of a rep, contacts of
// an account, the rep-contact relationship graph, ...) are rebuilt for the
// kinds a batch touched, so a batch costs O(changes + size of those tables):
// gather many changes into one batch.
//
// Thread safety: const methods may run concurrently; Apply needs exclusive
// access. Copies are independent (derived indexes are shared until changed).
// A moved-from Org may only be destroyed or assigned to.
class Org {
 public:
  Org();
  ~Org();
  Org(const Org& other);
  Org& operator=(const Org& other);
  Org(Org&& other) noexcept;
  Org& operator=(Org&& other) noexcept;

  // Applies every change of `batch` in order, or none. On error the
  // organisation is exactly as it was, and the message names the change, the
  // record id and the field ("change 3 (add account a17): owner: rep r9 has
  // departed"). Errors: InvalidArgument (bad value, unknown or departed
  // reference), AlreadyExists (duplicate id or pair), NotFound (update or
  // remove of a missing record), FailedPrecondition (removing a rep still in
  // use), ResourceExhausted (out of memory).
  absl::Status Apply(const Batch& batch);

  // Tables, in index order.
  absl::Span<const Team> teams() const;
  absl::Span<const Rep> reps() const;
  absl::Span<const TierPolicy> tiers() const;
  absl::Span<const Account> accounts() const;
  absl::Span<const AccountTeamMember> account_team() const;
  absl::Span<const Contact> contacts() const;
  absl::Span<const Relationship> relationships() const;
  absl::Span<const Interaction> interactions() const;
  absl::Span<const Deal> deals() const;
  absl::Span<const Complaint> complaints() const;
  absl::Span<const ProductHolding> products() const;
  std::size_t count(EntityKind kind) const;

  // The text of an interned territory, segment, group or product ("" for
  // kNoTag), and of an interaction's note ("" for kNoNote).
  std::string_view tag(Tag tag) const;
  std::string_view note(Note note) const;

  // Look-ups by external id, O(1) expected.
  std::optional<TeamIndex> FindTeam(std::string_view id) const;
  std::optional<RepIndex> FindRep(std::string_view id) const;
  std::optional<TierIndex> FindTier(std::string_view id) const;
  std::optional<AccountIndex> FindAccount(std::string_view id) const;
  std::optional<ContactIndex> FindContact(std::string_view id) const;
  std::optional<DealIndex> FindDeal(std::string_view id) const;
  std::optional<ComplaintIndex> FindComplaint(std::string_view id) const;
  // O(relationships of the contact).
  std::optional<RelationshipIndex> FindRelationship(RepIndex rep,
                                                    ContactIndex contact) const;

  // Graph queries. Each is O(1) plus the size of its answer; results are in
  // index order unless said otherwise.
  absl::Span<const RepIndex> RepsOfTeam(TeamIndex team) const;
  absl::Span<const AccountIndex> AccountsOwnedBy(RepIndex rep) const;
  absl::Span<const AccountIndex> AccountsWithoutOwner() const;
  absl::Span<const AccountTeamIndex> AccountTeamOf(AccountIndex account) const;
  absl::Span<const AccountTeamIndex> AccountTeamSeatsOf(RepIndex rep) const;
  absl::Span<const ContactIndex> ContactsOf(AccountIndex account) const;
  absl::Span<const RelationshipIndex> RelationshipsOfRep(RepIndex rep) const;
  absl::Span<const RelationshipIndex> RelationshipsOfContact(ContactIndex contact) const;
  // Oldest first (by day, then by index).
  absl::Span<const InteractionIndex> InteractionsOf(AccountIndex account) const;
  // The days and the reps of InteractionsOf(account), in the same order: a
  // window of days is found by binary search without touching the records.
  absl::Span<const Day> InteractionDaysOf(AccountIndex account) const;
  absl::Span<const RepIndex> InteractionRepsOf(AccountIndex account) const;
  absl::Span<const DealIndex> DealsOf(AccountIndex account) const;
  absl::Span<const ComplaintIndex> ComplaintsOf(AccountIndex account) const;
  absl::Span<const ProductIndex> ProductsOf(AccountIndex account) const;

  // Appends to `out` the relationships of every contact of `account`, contact
  // by contact. O(contacts + their relationships).
  void RelationshipsOfAccount(AccountIndex account,
                              std::vector<RelationshipIndex>* out) const;

  // Appends to `out`, ascending and without repeats, the reps in contact with
  // `account` on or after `since`: by a recorded interaction or by a
  // relationship with one of its contacts last touched since then.
  // O(contacts + relationships + interactions since `since`).
  void RepsInContactSince(AccountIndex account, Day since,
                          std::vector<RepIndex>* out) const;

  // A 64-bit fingerprint of everything the organisation holds, independent
  // of how it was built (batches, CSV, snapshot). Equal organisations give
  // equal hashes on any machine.
  std::uint64_t StateHash() const;

  // Bytes held by the tables and derived indexes (an estimate that counts
  // vector capacity and string heap buffers).
  std::size_t MemoryBytes() const;

 private:
  friend internal::OrgState& internal_state(Org& org);
  friend const internal::OrgState& internal_state(const Org& org);
  friend const internal::OrgIndex& internal_index(const Org& org);
  friend void internal_rebuild_index(Org& org, std::uint32_t dirty_kinds);

  std::unique_ptr<internal::OrgState> state_;
  std::shared_ptr<const internal::OrgIndex> index_;
};

}  // namespace baton

#endif  // BATON_ORG_HPP_
