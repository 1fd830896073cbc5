#include "baton/org.hpp"

#include <algorithm>
#include <memory>
#include <new>
#include <optional>

#include "lib/model/applier.hpp"
#include "lib/model/org_access.hpp"
#include "lib/model/org_index.hpp"
#include "lib/model/org_state.hpp"
#include "lib/model/strings.hpp"

namespace baton {

using internal::Cat;
using internal::OrgIndex;
using internal::OrgState;

Org::Org()
    : state_(std::make_unique<OrgState>()),
      index_(OrgIndex::Build(*state_, nullptr, internal::kAllKinds)) {}
Org::~Org() = default;
Org::Org(const Org& other)
    : state_(std::make_unique<OrgState>(*other.state_)), index_(other.index_) {}
Org& Org::operator=(const Org& other) {
  if (this != &other) *this = Org(other);
  return *this;
}
// A moved-from Org may only be destroyed or assigned to.
Org::Org(Org&& other) noexcept = default;
Org& Org::operator=(Org&& other) noexcept {
  std::swap(state_, other.state_);
  std::swap(index_, other.index_);
  return *this;
}

namespace {

std::string_view VerbName(Change::Verb verb) {
  switch (verb) {
    case Change::Verb::kAdd:
      return "add";
    case Change::Verb::kUpdate:
      return "update";
    case Change::Verb::kRemove:
      return "remove";
    case Change::Verb::kChangeOwner:
      return "change owner";
    case Change::Verb::kDepart:
      return "depart";
  }
  return "?";
}

absl::Status Prefixed(const absl::Status& status, std::string_view prefix) {
  absl::Status out(status.code(), Cat(prefix, status.message()));
  status.ForEachPayload([&](absl::string_view url, const absl::Cord& payload) {
    out.SetPayload(url, payload);
  });
  return out;
}

}  // namespace

absl::Status Org::Apply(const Batch& batch) {
  const auto& changes = batch.changes();
  // A batch that removes records renumbers the tables when it finishes, which
  // no undo log takes back, so it is applied to a copy of the state that
  // replaces this one only once everything is built. The copy costs no more
  // than a removal does anyway (every table is walked and compacted, the
  // index rebuilt whole). Other batches are applied in place and rolled back.
  const bool removes = std::any_of(changes.begin(), changes.end(), [](const Change& c) {
    return c.verb == Change::Verb::kRemove;
  });
  std::unique_ptr<OrgState> scratch;
  std::optional<internal::Applier> applier;
  std::uint32_t dirty = 0;
  std::shared_ptr<const OrgIndex> index;
  try {
    if (removes) scratch = std::make_unique<OrgState>(*state_);
    OrgState* target = removes ? scratch.get() : state_.get();
    applier.emplace(target, /*keep_undo=*/!removes, index_.get());
    for (std::size_t i = 0; i < changes.size(); ++i) {
      absl::Status status = applier->Apply(changes[i]);
      if (!status.ok()) {
        if (!removes) applier->Rollback();
        return Prefixed(status,
                        Cat("change ", i + 1, " (", VerbName(changes[i].verb), "): "));
      }
    }
    absl::Status status = applier->Finish(&dirty);
    if (!status.ok()) {
      if (!removes) applier->Rollback();
      return status;
    }
    // Built before anything is committed: running out of memory here used to
    // leave the changes applied (the state) under the old index, reported as
    // a failure.
    index = OrgIndex::Build(*target, index_.get(), dirty);
  } catch (const std::bad_alloc&) {
    if (applier && !removes) applier->Rollback();
    return absl::ResourceExhaustedError("out of memory while applying a batch");
  }
  if (removes) state_ = std::move(scratch);
  index_ = std::move(index);
  return absl::OkStatus();
}

absl::Span<const Team> Org::teams() const { return state_->teams; }
absl::Span<const Rep> Org::reps() const { return state_->reps; }
absl::Span<const TierPolicy> Org::tiers() const { return state_->tiers; }
absl::Span<const Account> Org::accounts() const { return state_->accounts; }
absl::Span<const AccountTeamMember> Org::account_team() const {
  return state_->account_team;
}
absl::Span<const Contact> Org::contacts() const { return state_->contacts; }
absl::Span<const Relationship> Org::relationships() const {
  return state_->relationships;
}
absl::Span<const Interaction> Org::interactions() const { return state_->interactions; }
absl::Span<const Deal> Org::deals() const { return state_->deals; }
absl::Span<const Complaint> Org::complaints() const { return state_->complaints; }
absl::Span<const ProductHolding> Org::products() const { return state_->products; }
std::size_t Org::count(EntityKind kind) const { return state_->count(kind); }
std::string_view Org::tag(Tag tag) const { return state_->tags.text(tag); }
std::string_view Org::note(Note note) const { return state_->notes.text(note); }

namespace {
template <typename Record>
std::optional<Index> FindIn(const internal::IdIndex& ids,
                            const std::vector<Record>& table, std::string_view id) {
  return ids.Find(id, internal::IdsIn(table));
}
}  // namespace

std::optional<TeamIndex> Org::FindTeam(std::string_view id) const {
  return FindIn(state_->team_ids, state_->teams, id);
}
std::optional<RepIndex> Org::FindRep(std::string_view id) const {
  return FindIn(state_->rep_ids, state_->reps, id);
}
std::optional<TierIndex> Org::FindTier(std::string_view id) const {
  return FindIn(state_->tier_ids, state_->tiers, id);
}
std::optional<AccountIndex> Org::FindAccount(std::string_view id) const {
  return FindIn(state_->account_ids, state_->accounts, id);
}
std::optional<ContactIndex> Org::FindContact(std::string_view id) const {
  return FindIn(state_->contact_ids, state_->contacts, id);
}
std::optional<DealIndex> Org::FindDeal(std::string_view id) const {
  return FindIn(state_->deal_ids, state_->deals, id);
}
std::optional<ComplaintIndex> Org::FindComplaint(std::string_view id) const {
  return FindIn(state_->complaint_ids, state_->complaints, id);
}
std::optional<RelationshipIndex> Org::FindRelationship(RepIndex rep,
                                                       ContactIndex contact) const {
  for (RelationshipIndex i : RelationshipsOfContact(contact)) {
    if (state_->relationships[i].rep == rep) return i;
  }
  return std::nullopt;
}

absl::Span<const RepIndex> Org::RepsOfTeam(TeamIndex team) const {
  return index_->reps_of_team->row(team);
}
absl::Span<const AccountIndex> Org::AccountsOwnedBy(RepIndex rep) const {
  return index_->accounts_of_owner->row(rep);
}
absl::Span<const AccountIndex> Org::AccountsWithoutOwner() const {
  return index_->accounts_of_owner->row(static_cast<Index>(state_->reps.size()));
}
absl::Span<const AccountTeamIndex> Org::AccountTeamOf(AccountIndex account) const {
  return index_->team_of_account->row(account);
}
absl::Span<const AccountTeamIndex> Org::AccountTeamSeatsOf(RepIndex rep) const {
  return index_->seats_of_rep->row(rep);
}
absl::Span<const ContactIndex> Org::ContactsOf(AccountIndex account) const {
  return index_->contacts_of_account->row(account);
}
absl::Span<const RelationshipIndex> Org::RelationshipsOfRep(RepIndex rep) const {
  return index_->relationships->OfRep(rep);
}
absl::Span<const RelationshipIndex> Org::RelationshipsOfContact(
    ContactIndex contact) const {
  return index_->relationships->OfContact(contact);
}
absl::Span<const InteractionIndex> Org::InteractionsOf(AccountIndex account) const {
  return index_->interactions_of_account->row(account);
}

absl::Span<const Day> Org::InteractionDaysOf(AccountIndex account) const {
  return index_->interactions_of_account->days_of_row(account);
}

absl::Span<const RepIndex> Org::InteractionRepsOf(AccountIndex account) const {
  return index_->interactions_of_account->reps_of_row(account);
}
absl::Span<const DealIndex> Org::DealsOf(AccountIndex account) const {
  return index_->deals_of_account->row(account);
}
absl::Span<const ComplaintIndex> Org::ComplaintsOf(AccountIndex account) const {
  return index_->complaints_of_account->row(account);
}
absl::Span<const ProductIndex> Org::ProductsOf(AccountIndex account) const {
  return index_->products_of_account->row(account);
}

void Org::RelationshipsOfAccount(AccountIndex account,
                                 std::vector<RelationshipIndex>* out) const {
  for (ContactIndex c : ContactsOf(account)) {
    const auto rels = RelationshipsOfContact(c);
    out->insert(out->end(), rels.begin(), rels.end());
  }
}

void Org::RepsInContactSince(AccountIndex account, Day since,
                             std::vector<RepIndex>* out) const {
  const std::size_t first = out->size();
  for (ContactIndex c : ContactsOf(account)) {
    for (RelationshipIndex r : RelationshipsOfContact(c)) {
      const Relationship& rel = state_->relationships[r];
      if (rel.last_touch != kNoDay && rel.last_touch >= since) out->push_back(rel.rep);
    }
  }
  // Interactions are sorted by day: walk back from the newest.
  const auto days = InteractionDaysOf(account);
  const auto reps = InteractionRepsOf(account);
  for (std::size_t i = days.size(); i > 0 && days[i - 1] >= since; --i) {
    out->push_back(reps[i - 1]);
  }
  std::sort(out->begin() + first, out->end());
  out->erase(std::unique(out->begin() + first, out->end()), out->end());
}

internal::OrgState& internal_state(Org& org) { return *org.state_; }
const internal::OrgState& internal_state(const Org& org) { return *org.state_; }
const internal::OrgIndex& internal_index(const Org& org) { return *org.index_; }
void internal_rebuild_index(Org& org, std::uint32_t dirty_kinds) {
  org.index_ = OrgIndex::Build(*org.state_, org.index_.get(), dirty_kinds);
}

}  // namespace baton
