#include "lib/model/applier.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <functional>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "lib/model/org_access.hpp"
#include "lib/model/org_index.hpp"
#include "lib/model/record_checks.hpp"
#include "lib/model/status_macros.hpp"
#include "lib/model/strings.hpp"

namespace baton::internal {
namespace {

using K = EntityKind;

// How a message names the record a spec describes, spelled out only when
// something fails: building it for every row cost an import more than the
// look-ups themselves (an interaction's formatted date alone was 15% of
// importing 100 k accounts).
using Subject = absl::FunctionRef<std::string()>;

// Records grouped by one of their references (a relationship by its
// contact, a seat or product by its account), newest first: a linked list
// per group. Pair-keyed records are found by walking their group, a few
// records long, where a hash map of 10 M relationships cost 27 bytes each
// (270 MB of a 1 M-account import) and a cache miss per row.
//
// Only records from `record_base` on are chained, and groups below
// `group_base` (those that existed before the batch) keep their heads in a
// small map, so a batch of a few changes to a large organisation allocates
// for what it adds. An import into an empty one uses two arrays, 4 bytes a
// record and 4 a group, sized once from the capacity its tables reserved
// (the arrays would otherwise regrow, and briefly double, as the tables
// fill).
class Chains {
 public:
  void SetBases(Index group_base, Index record_base) {
    group_base_ = group_base;
    record_base_ = record_base;
  }
  Index first(Index group) const {
    if (group < group_base_) {
      const auto it = old_heads_.find(group);
      return it == old_heads_.end() ? kNoIndex : it->second;
    }
    const std::size_t g = group - group_base_;
    return g < heads_.size() ? heads_[g] : kNoIndex;
  }
  Index next(Index record) const { return next_[record - record_base_]; }
  // `groups` and `records` are how many there may be in all (the tables'
  // capacities), used when nothing came before the batch.
  void Push(Index group, Index record, std::size_t groups, std::size_t records) {
    Index* head;
    if (group < group_base_) {
      head = &old_heads_.try_emplace(group, kNoIndex).first->second;
    } else {
      const std::size_t g = group - group_base_;
      if (g >= heads_.size()) {
        if (group_base_ == 0) heads_.reserve(std::max(groups, g + 1));
        heads_.resize(g + 1, kNoIndex);
      }
      head = &heads_[g];
    }
    const std::size_t r = record - record_base_;
    if (r >= next_.size()) {
      if (record_base_ == 0) next_.reserve(std::max(records, r + 1));
      next_.resize(r + 1, kNoIndex);
    }
    next_[r] = *head;
    *head = record;
  }
  // Undoes the last Push of `record`, which must be first in its group.
  void Pop(Index group, Index record) {
    const Index after = next(record);
    if (group < group_base_) {
      old_heads_[group] = after;
    } else {
      heads_[group - group_base_] = after;
    }
  }

 private:
  Index group_base_ = 0;
  Index record_base_ = 0;
  absl::flat_hash_map<Index, Index> old_heads_;
  std::vector<Index> heads_;
  std::vector<Index> next_;
};

}  // namespace

class Applier::Impl {
 public:
  Impl(OrgState* state, bool keep_undo, const OrgIndex* index)
      : s_(*state),
        keep_undo_(keep_undo),
        index_(index),
        tags_at_start_(s_.tags.size()),
        notes_at_start_(s_.notes.size()) {
    for (int k = 0; k < kEntityKindCount; ++k)
      size_at_start_[k] = s_.count(EntityKind(k));
    // Without an index, SeedPairs chains every record from 0.
    const auto at_start = [&](EntityKind kind) {
      return index_ == nullptr
                 ? Index{0}
                 : static_cast<Index>(size_at_start_[static_cast<int>(kind)]);
    };
    relationships_by_contact_.SetBases(at_start(K::kContact), at_start(K::kRelationship));
    seats_by_account_.SetBases(at_start(K::kAccount), at_start(K::kAccountTeam));
    products_by_account_.SetBases(at_start(K::kAccount), at_start(K::kProduct));
  }

  absl::Status Apply(const Change& change);

  void Prefetch(const Change& change) const;

  absl::Status Finish(std::uint32_t* dirty_kinds);

  void Rollback() {
    for (auto it = undo_.rbegin(); it != undo_.rend(); ++it) (*it)();
    undo_.clear();
    s_.tags.Truncate(tags_at_start_);
    s_.notes.Truncate(notes_at_start_);
    for (auto& removed : removed_by_) removed.clear();
    dirty_ = 0;
    ForgetFound();
  }

 private:
  // --- verbs -----------------------------------------------------------------
  template <typename Spec>
  absl::Status Dispatch(Change::Verb verb, const Spec& spec);
  template <typename Spec>
  absl::Status Put(const Spec& spec, bool is_add);
  absl::Status Remove(const RecordKey& key);
  absl::Status ChangeOwner(const OwnerChange& change);
  absl::Status Depart(const Departure& departure);

  // --- resolving specs into records -------------------------------------------
  absl::StatusOr<Team> Resolve(const TeamSpec& spec);
  absl::StatusOr<Rep> Resolve(const RepSpec& spec);
  absl::StatusOr<TierPolicy> Resolve(const TierSpec& spec);
  absl::StatusOr<Account> Resolve(const AccountSpec& spec);
  absl::StatusOr<AccountTeamMember> Resolve(const AccountTeamSpec& spec);
  absl::StatusOr<Contact> Resolve(const ContactSpec& spec);
  absl::StatusOr<Relationship> Resolve(const RelationshipSpec& spec);
  absl::StatusOr<Interaction> Resolve(const InteractionSpec& spec);
  absl::StatusOr<Deal> Resolve(const DealSpec& spec);
  absl::StatusOr<Complaint> Resolve(const ComplaintSpec& spec);
  absl::StatusOr<ProductHolding> Resolve(const ProductSpec& spec);

  // Resolves `id` of `kind` for `field` of `subject`; "" gives kNoIndex.
  absl::Status Ref(Subject subject, std::string_view field, EntityKind kind,
                   const std::string& id, Index* out) const;
  absl::Status RequiredRef(Subject subject, std::string_view field, EntityKind kind,
                           const std::string& id, Index* out) const {
    if (id.empty()) return InvalidField(subject(), field, "is required");
    return Ref(subject, field, kind, id, out);
  }
  // An owner newly given to a record must not have departed.
  absl::Status CheckActiveOwner(Subject subject, std::string_view field,
                                RepIndex owner) const;

  // --- record look-up -----------------------------------------------------------
  IdIndex* IdsOf(EntityKind kind);
  const IdIndex* IdsOf(EntityKind kind) const {
    return const_cast<Impl*>(this)->IdsOf(kind);
  }
  bool Removed(EntityKind kind, Index i) const {
    const auto& removed = removed_by_[static_cast<int>(kind)];
    return i < removed.size() && removed[i] != 0;
  }
  // The ids of the records of `kind`, for IdIndex's calls.
  auto IdsOfKind(EntityKind kind) const {
    return [this, kind](Index i) -> const std::string& { return *IdAt(kind, i); };
  }
  std::optional<Index> Find(EntityKind kind, std::string_view id) const {
    // Rows of a file come grouped (a contact's relationships, an account's
    // interactions), so the id found last is often asked for again; the
    // comparison saves a hash and a cache miss into a map of millions.
    LastFound& last = last_found_[static_cast<int>(kind)];
    if (last.index != kNoIndex && last.size == id.size() &&
        std::memcmp(last.id, id.data(), id.size()) == 0) {
      if (Removed(kind, last.index)) return std::nullopt;
      return last.index;
    }
    // Files exported in table order refer to records in order too: try the
    // record after the last one found. A live record holding the id is the
    // one the map holds (live ids are unique), and reading the next row of
    // a table is cheap where the map's slot would be a miss.
    std::optional<Index> found;
    if (last.index != kNoIndex) {
      const Index next = last.index + 1;
      const std::string* next_id = IdAt(kind, next);
      if (next_id != nullptr && *next_id == id && !Removed(kind, next)) found = next;
    }
    if (!found) {
      found = IdsOf(kind)->Find(id, IdsOfKind(kind));
      if (!found || Removed(kind, *found)) return std::nullopt;
    }
    if (id.size() <= sizeof last.id) {
      std::memcpy(last.id, id.data(), id.size());
      last.size = id.size();
      last.index = *found;
    }
    return found;
  }
  // The id of record i of `kind`; null past the end of its table.
  const std::string* IdAt(EntityKind kind, Index i) const {
    const auto at = [i](const auto& table) -> const std::string* {
      return i < table.size() ? &table[i].id : nullptr;
    };
    switch (kind) {
      case K::kTeam:
        return at(s_.teams);
      case K::kRep:
        return at(s_.reps);
      case K::kTier:
        return at(s_.tiers);
      case K::kAccount:
        return at(s_.accounts);
      case K::kContact:
        return at(s_.contacts);
      case K::kDeal:
        return at(s_.deals);
      case K::kComplaint:
        return at(s_.complaints);
      default:
        return nullptr;
    }
  }
  // Forgets what Find found last, for when an id map changes other than by
  // adding an id.
  void ForgetFound() {
    for (LastFound& last : last_found_) last.index = kNoIndex;
  }
  // Records keyed by a pair: relationships (rep, contact), seats (account,
  // rep), products (account, product).
  std::optional<Index> FindRelationship(RepIndex rep, ContactIndex contact);
  std::optional<Index> FindSeat(AccountIndex account, RepIndex rep);
  std::optional<Index> FindProduct(AccountIndex account, Tag product);
  void SeedPairs(EntityKind kind);

  template <typename Record>
  std::vector<Record>& TableOf();
  template <typename Record>
  Index KeyIndexOf(const Record& record, bool* found);
  template <typename Record>
  void RememberKey(const Record& record, Index i);
  void Chain(Chains& chains, Index group, Index i, std::size_t groups,
             std::size_t records);

  void OnUndo(std::function<void()> undo) {
    if (keep_undo_) undo_.push_back(std::move(undo));
  }
  void DropLastUndo() {
    if (keep_undo_) undo_.pop_back();
  }
  void MarkRemoved(EntityKind kind, Index i, std::uint32_t change);

  // --- finishing ------------------------------------------------------------------
  void Cascade();
  absl::Status CheckRemovalsLeaveNoReferences() const;
  void Compact();

  OrgState& s_;
  const bool keep_undo_;
  const OrgIndex* index_;
  const std::size_t tags_at_start_;
  const std::size_t notes_at_start_;
  std::array<std::size_t, kEntityKindCount> size_at_start_{};
  std::uint32_t change_number_ = 0;
  std::uint32_t dirty_ = 0;
  bool any_removal_ = false;
  std::vector<std::function<void()>> undo_;
  // removed_by_[kind][i]: the number of the change that removed record i, 0
  // while it is there. Sized on the first removal of the kind.
  std::array<std::vector<std::uint32_t>, kEntityKindCount> removed_by_;
  // Pair-keyed records added in this batch (or all of them when there is no
  // index to find the earlier ones).
  Chains relationships_by_contact_;
  Chains seats_by_account_;
  Chains products_by_account_;
  std::array<bool, kEntityKindCount> pairs_seeded_{};
  // The id and index Find returned last, per kind; index kNoIndex if none.
  // Only short ids are kept (nearly all are), so that keeping one costs a
  // copy of a few bytes.
  struct LastFound {
    char id[32];
    std::size_t size = 0;
    Index index = kNoIndex;
  };
  mutable std::array<LastFound, kEntityKindCount> last_found_;
};

// --- look-up ------------------------------------------------------------------

IdIndex* Applier::Impl::IdsOf(EntityKind kind) {
  switch (kind) {
    case K::kTeam:
      return &s_.team_ids;
    case K::kRep:
      return &s_.rep_ids;
    case K::kTier:
      return &s_.tier_ids;
    case K::kAccount:
      return &s_.account_ids;
    case K::kContact:
      return &s_.contact_ids;
    case K::kDeal:
      return &s_.deal_ids;
    case K::kComplaint:
      return &s_.complaint_ids;
    default:
      return nullptr;
  }
}

void Applier::Impl::SeedPairs(EntityKind kind) {
  // Without an index, the records from before this batch are found through
  // the same maps as new ones, filled once from the whole table.
  if (index_ != nullptr || pairs_seeded_[static_cast<int>(kind)]) return;
  pairs_seeded_[static_cast<int>(kind)] = true;
  const Index n = static_cast<Index>(size_at_start_[static_cast<int>(kind)]);
  for (Index i = 0; i < n; ++i) {
    if (kind == K::kRelationship) {
      relationships_by_contact_.Push(s_.relationships[i].contact, i,
                                     s_.contacts.capacity(), s_.relationships.capacity());
    } else if (kind == K::kAccountTeam) {
      seats_by_account_.Push(s_.account_team[i].account, i, s_.accounts.capacity(),
                             s_.account_team.capacity());
    } else {
      products_by_account_.Push(s_.products[i].account, i, s_.accounts.capacity(),
                                s_.products.capacity());
    }
  }
}

std::optional<Index> Applier::Impl::FindRelationship(RepIndex rep, ContactIndex contact) {
  SeedPairs(K::kRelationship);
  for (Index i = relationships_by_contact_.first(contact); i != kNoIndex;
       i = relationships_by_contact_.next(i)) {
    if (s_.relationships[i].rep == rep && !Removed(K::kRelationship, i)) return i;
  }
  if (index_ != nullptr && contact < size_at_start_[static_cast<int>(K::kContact)]) {
    for (Index i : index_->relationships->OfContact(contact)) {
      if (s_.relationships[i].rep == rep && !Removed(K::kRelationship, i)) return i;
    }
  }
  return std::nullopt;
}

std::optional<Index> Applier::Impl::FindSeat(AccountIndex account, RepIndex rep) {
  SeedPairs(K::kAccountTeam);
  for (Index i = seats_by_account_.first(account); i != kNoIndex;
       i = seats_by_account_.next(i)) {
    if (s_.account_team[i].rep == rep && !Removed(K::kAccountTeam, i)) return i;
  }
  if (index_ != nullptr && account < size_at_start_[static_cast<int>(K::kAccount)]) {
    for (Index i : index_->team_of_account->row(account)) {
      if (s_.account_team[i].rep == rep && !Removed(K::kAccountTeam, i)) return i;
    }
  }
  return std::nullopt;
}

std::optional<Index> Applier::Impl::FindProduct(AccountIndex account, Tag product) {
  SeedPairs(K::kProduct);
  for (Index i = products_by_account_.first(account); i != kNoIndex;
       i = products_by_account_.next(i)) {
    if (s_.products[i].product == product && !Removed(K::kProduct, i)) return i;
  }
  if (index_ != nullptr && account < size_at_start_[static_cast<int>(K::kAccount)]) {
    for (Index i : index_->products_of_account->row(account)) {
      if (s_.products[i].product == product && !Removed(K::kProduct, i)) return i;
    }
  }
  return std::nullopt;
}

absl::Status Applier::Impl::Ref(Subject subject, std::string_view field, EntityKind kind,
                                const std::string& id, Index* out) const {
  if (id.empty()) {
    *out = kNoIndex;
    return absl::OkStatus();
  }
  const std::optional<Index> found = Find(kind, id);
  if (!found) {
    return InvalidField(subject(), field, Cat("unknown ", NameOf(kind), " ", id));
  }
  *out = *found;
  return absl::OkStatus();
}

absl::Status Applier::Impl::CheckActiveOwner(Subject subject, std::string_view field,
                                             RepIndex owner) const {
  if (owner == kNoIndex || s_.reps[owner].active()) return absl::OkStatus();
  return InvalidField(subject(), field,
                      Cat("rep ", s_.reps[owner].id, " departed on ",
                          FormatDay(s_.reps[owner].departed_on)));
}

// --- resolving ----------------------------------------------------------------

absl::StatusOr<Team> Applier::Impl::Resolve(const TeamSpec& spec) {
  Team r{spec.id, spec.name, kNoIndex};
  const auto subject = [&] { return Cat("team ", spec.id); };
  BATON_RETURN_IF_ERROR(Ref(subject, "manager", K::kRep, spec.manager, &r.manager));
  return r;
}

absl::StatusOr<Rep> Applier::Impl::Resolve(const RepSpec& spec) {
  Rep r;
  r.id = spec.id;
  r.name = spec.name;
  const auto subject = [&] { return Cat("rep ", spec.id); };
  BATON_RETURN_IF_ERROR(Ref(subject, "team", K::kTeam, spec.team, &r.team));
  BATON_RETURN_IF_ERROR(Ref(subject, "manager", K::kRep, spec.manager, &r.manager));
  r.seniority = spec.seniority;
  r.capacity = spec.capacity;
  r.territory = s_.tags.Intern(spec.territory);
  r.segment = s_.tags.Intern(spec.segment);
  r.departed_on = spec.departed_on;
  r.destination = spec.destination;
  r.to_competitor = spec.to_competitor;
  return r;
}

absl::StatusOr<TierPolicy> Applier::Impl::Resolve(const TierSpec& spec) {
  return TierPolicy{spec.id, spec.load_weight, spec.min_seniority, spec.max_per_rep};
}

absl::StatusOr<Account> Applier::Impl::Resolve(const AccountSpec& spec) {
  Account r;
  r.id = spec.id;
  r.name = spec.name;
  const auto subject = [&] { return Cat("account ", spec.id); };
  if (spec.tier.empty()) return InvalidField(subject(), "tier", "is required");
  const std::optional<Index> tier = Find(K::kTier, spec.tier);
  if (!tier) return InvalidField(subject(), "tier", Cat("unknown tier ", spec.tier));
  r.tier = *tier;
  r.annual_value = spec.annual_value;
  r.customer_since = spec.customer_since;
  r.renewal_on = spec.renewal_on;
  r.territory = s_.tags.Intern(spec.territory);
  r.segment = s_.tags.Intern(spec.segment);
  r.group = s_.tags.Intern(spec.group);
  BATON_RETURN_IF_ERROR(Ref(subject, "owner", K::kRep, spec.owner, &r.owner));
  return r;
}

absl::StatusOr<AccountTeamMember> Applier::Impl::Resolve(const AccountTeamSpec& spec) {
  AccountTeamMember r;
  const auto subject = [&] {
    return Cat("account-team seat (account ", spec.account, ", rep ", spec.rep, ")");
  };
  BATON_RETURN_IF_ERROR(
      RequiredRef(subject, "account", K::kAccount, spec.account, &r.account));
  BATON_RETURN_IF_ERROR(RequiredRef(subject, "rep", K::kRep, spec.rep, &r.rep));
  r.role = spec.role;
  return r;
}

absl::StatusOr<Contact> Applier::Impl::Resolve(const ContactSpec& spec) {
  Contact r;
  r.id = spec.id;
  const auto subject = [&] { return Cat("contact ", spec.id); };
  BATON_RETURN_IF_ERROR(
      RequiredRef(subject, "account", K::kAccount, spec.account, &r.account));
  r.name = spec.name;
  r.role = spec.role;
  r.key_player = spec.key_player;
  r.attitude = spec.attitude;
  return r;
}

absl::StatusOr<Relationship> Applier::Impl::Resolve(const RelationshipSpec& spec) {
  Relationship r;
  const auto subject = [&] {
    return Cat("relationship (rep ", spec.rep, ", contact ", spec.contact, ")");
  };
  BATON_RETURN_IF_ERROR(RequiredRef(subject, "rep", K::kRep, spec.rep, &r.rep));
  BATON_RETURN_IF_ERROR(
      RequiredRef(subject, "contact", K::kContact, spec.contact, &r.contact));
  // Checked here, in double, so that NaN or 1e300 is not hidden by the float.
  if (!(spec.strength >= 0 && spec.strength <= 1)) {
    return InvalidField(subject(), "strength",
                        Cat("must be in [0, 1], got ", spec.strength));
  }
  r.strength = static_cast<float>(spec.strength);
  r.depth = spec.depth;
  r.since = spec.since;
  r.last_touch = spec.last_touch;
  return r;
}

absl::StatusOr<Interaction> Applier::Impl::Resolve(const InteractionSpec& spec) {
  Interaction r;
  const auto subject = [&] {
    return Cat("interaction (account ", spec.account, ", ", FormatDay(spec.on), ")");
  };
  r.on = spec.on;
  r.channel = spec.channel;
  BATON_RETURN_IF_ERROR(RequiredRef(subject, "rep", K::kRep, spec.rep, &r.rep));
  BATON_RETURN_IF_ERROR(
      RequiredRef(subject, "account", K::kAccount, spec.account, &r.account));
  BATON_RETURN_IF_ERROR(Ref(subject, "contact", K::kContact, spec.contact, &r.contact));
  r.note = s_.notes.Intern(spec.note);
  return r;
}

absl::StatusOr<Deal> Applier::Impl::Resolve(const DealSpec& spec) {
  Deal r;
  r.id = spec.id;
  const auto subject = [&] { return Cat("deal ", spec.id); };
  BATON_RETURN_IF_ERROR(
      RequiredRef(subject, "account", K::kAccount, spec.account, &r.account));
  BATON_RETURN_IF_ERROR(Ref(subject, "owner", K::kRep, spec.owner, &r.owner));
  r.stage = spec.stage;
  r.amount = spec.amount;
  r.close_on = spec.close_on;
  r.next_step = spec.next_step;
  return r;
}

absl::StatusOr<Complaint> Applier::Impl::Resolve(const ComplaintSpec& spec) {
  Complaint r;
  r.id = spec.id;
  const auto subject = [&] { return Cat("complaint ", spec.id); };
  BATON_RETURN_IF_ERROR(
      RequiredRef(subject, "account", K::kAccount, spec.account, &r.account));
  r.opened_on = spec.opened_on;
  r.closed_on = spec.closed_on;
  r.severity = spec.severity;
  r.summary = spec.summary;
  return r;
}

absl::StatusOr<ProductHolding> Applier::Impl::Resolve(const ProductSpec& spec) {
  ProductHolding r;
  const auto subject = [&] {
    return Cat("product ", spec.product, " of account ", spec.account);
  };
  BATON_RETURN_IF_ERROR(
      RequiredRef(subject, "account", K::kAccount, spec.account, &r.account));
  r.product = s_.tags.Intern(spec.product);
  r.quantity = spec.quantity;
  return r;
}

// --- tables ---------------------------------------------------------------------

template <>
std::vector<Team>& Applier::Impl::TableOf() {
  return s_.teams;
}
template <>
std::vector<Rep>& Applier::Impl::TableOf() {
  return s_.reps;
}
template <>
std::vector<TierPolicy>& Applier::Impl::TableOf() {
  return s_.tiers;
}
template <>
std::vector<Account>& Applier::Impl::TableOf() {
  return s_.accounts;
}
template <>
std::vector<AccountTeamMember>& Applier::Impl::TableOf() {
  return s_.account_team;
}
template <>
std::vector<Contact>& Applier::Impl::TableOf() {
  return s_.contacts;
}
template <>
std::vector<Relationship>& Applier::Impl::TableOf() {
  return s_.relationships;
}
template <>
std::vector<Interaction>& Applier::Impl::TableOf() {
  return s_.interactions;
}
template <>
std::vector<Deal>& Applier::Impl::TableOf() {
  return s_.deals;
}
template <>
std::vector<Complaint>& Applier::Impl::TableOf() {
  return s_.complaints;
}
template <>
std::vector<ProductHolding>& Applier::Impl::TableOf() {
  return s_.products;
}

template <typename Record>
constexpr EntityKind KindOf() {
  if constexpr (std::is_same_v<Record, Team>) return K::kTeam;
  if constexpr (std::is_same_v<Record, Rep>) return K::kRep;
  if constexpr (std::is_same_v<Record, TierPolicy>) return K::kTier;
  if constexpr (std::is_same_v<Record, Account>) return K::kAccount;
  if constexpr (std::is_same_v<Record, AccountTeamMember>) return K::kAccountTeam;
  if constexpr (std::is_same_v<Record, Contact>) return K::kContact;
  if constexpr (std::is_same_v<Record, Relationship>) return K::kRelationship;
  if constexpr (std::is_same_v<Record, Interaction>) return K::kInteraction;
  if constexpr (std::is_same_v<Record, Deal>) return K::kDeal;
  if constexpr (std::is_same_v<Record, Complaint>) return K::kComplaint;
  return K::kProduct;
}

// The index of the live record with the same key as `record`, if any.
template <typename Record>
Index Applier::Impl::KeyIndexOf(const Record& record, bool* found) {
  std::optional<Index> i;
  if constexpr (std::is_same_v<Record, Relationship>) {
    i = FindRelationship(record.rep, record.contact);
  } else if constexpr (std::is_same_v<Record, AccountTeamMember>) {
    i = FindSeat(record.account, record.rep);
  } else if constexpr (std::is_same_v<Record, ProductHolding>) {
    i = FindProduct(record.account, record.product);
  } else if constexpr (std::is_same_v<Record, Interaction>) {
    i = std::nullopt;
  } else {
    i = Find(KindOf<Record>(), record.id);
  }
  *found = i.has_value();
  return i.value_or(kNoIndex);
}

// A record added again after its removal in this batch goes first in its
// group, so a walk finds it before the removed one.
void Applier::Impl::Chain(Chains& chains, Index group, Index i, std::size_t groups,
                          std::size_t records) {
  chains.Push(group, i, groups, records);
  try {
    OnUndo([&chains, group, i] { chains.Pop(group, i); });
  } catch (...) {  // out of memory: the entry must not stay without its undo
    chains.Pop(group, i);
    throw;
  }
}

// Makes record i findable by its key.
template <typename Record>
void Applier::Impl::RememberKey(const Record& record, Index i) {
  if constexpr (std::is_same_v<Record, Relationship>) {
    Chain(relationships_by_contact_, record.contact, i, s_.contacts.capacity(),
          s_.relationships.capacity());
  } else if constexpr (std::is_same_v<Record, AccountTeamMember>) {
    Chain(seats_by_account_, record.account, i, s_.accounts.capacity(),
          s_.account_team.capacity());
  } else if constexpr (std::is_same_v<Record, ProductHolding>) {
    Chain(products_by_account_, record.account, i, s_.accounts.capacity(),
          s_.products.capacity());
  } else if constexpr (!std::is_same_v<Record, Interaction>) {
    IdIndex& ids = *IdsOf(KindOf<Record>());
    const auto& table = TableOf<Record>();
    auto [row, inserted] = ids.Insert(record.id, i, IdsIn(table));
    if (inserted) {
      try {
        OnUndo([&ids, &table, id = record.id] { ids.Erase(id, IdsIn(table)); });
      } catch (...) {  // out of memory: the id must not stay without its undo
        ids.Erase(record.id, IdsIn(table));
        throw;
      }
    } else {  // the id of a record removed earlier in this batch
      OnUndo([&ids, &table, id = record.id, old = *row] {
        *ids.Insert(id, old, IdsIn(table)).first = old;
      });
      *row = i;
      ForgetFound();
    }
  }
}

template <typename Spec>
absl::Status Applier::Impl::Put(const Spec& spec, bool is_add) {
  auto resolved = Resolve(spec);
  if (!resolved.ok()) return resolved.status();
  auto& record = *resolved;
  using Record = std::decay_t<decltype(record)>;
  constexpr EntityKind kind = KindOf<Record>();
  BATON_RETURN_IF_ERROR(CheckRecord(s_, record));

  bool exists = false;
  const Index existing = KeyIndexOf(record, &exists);
  auto& table = TableOf<Record>();
  const auto subject = [&] { return SubjectOf(s_, record); };
  if constexpr (std::is_same_v<Record, Account> || std::is_same_v<Record, Deal>) {
    const bool new_owner = !exists || table[existing].owner != record.owner;
    if (new_owner)
      BATON_RETURN_IF_ERROR(CheckActiveOwner(subject, "owner", record.owner));
  }
  if constexpr (std::is_same_v<Record, AccountTeamMember>) {
    if (!exists) BATON_RETURN_IF_ERROR(CheckActiveOwner(subject, "rep", record.rep));
  }
  if (is_add) {
    if (exists) {
      return FieldError(
          absl::StatusCode::kAlreadyExists, SubjectOf(s_, record),
          kind == K::kRelationship || kind == K::kAccountTeam ? "rep" : "id",
          "already exists");
    }
    const Index i = static_cast<Index>(table.size());
    if (i == kNoIndex) return absl::ResourceExhaustedError("too many records");
    // The undo first: should recording it run out of memory, the record was
    // never added (it used to stay, with no undo to take it back).
    OnUndo([&table] { table.pop_back(); });
    try {
      table.push_back(std::move(record));
    } catch (...) {
      DropLastUndo();
      throw;
    }
    RememberKey(table.back(), i);
    dirty_ |= GrownBit(kind);
  } else {
    if constexpr (std::is_same_v<Record, Interaction>) {
      return absl::InvalidArgumentError(
          "interactions are a log: record new ones, not updates");
    }
    if (!exists) {
      return FieldError(absl::StatusCode::kNotFound, SubjectOf(s_, record), "id",
                        "no such record to update");
    }
    // The old record copied, not moved, into the undo: should recording it
    // run out of memory, the record must still be there (a move left it
    // emptied, with nothing to restore it).
    OnUndo([&table, existing, old = table[existing]]() mutable {
      table[existing] = std::move(old);
    });
    table[existing] = std::move(record);
  }
  dirty_ |= KindBit(kind);
  return absl::OkStatus();
}

void Applier::Impl::MarkRemoved(EntityKind kind, Index i, std::uint32_t change) {
  auto& removed = removed_by_[static_cast<int>(kind)];
  if (removed.size() < s_.count(kind)) removed.resize(s_.count(kind), 0);
  if (removed[i] != 0) return;
  removed[i] = change;
  OnUndo([&removed, i] { removed[i] = 0; });
}

absl::Status Applier::Impl::Remove(const RecordKey& key) {
  const std::string subject =
      Cat(NameOf(key.kind), " ", key.id, key.second.empty() ? "" : " / ", key.second);
  std::optional<Index> found;
  switch (key.kind) {
    case K::kInteraction:
      return InvalidField(subject, "kind", "interactions cannot be removed one by one");
    case K::kRelationship: {
      auto rep = Find(K::kRep, key.id);
      auto contact = Find(K::kContact, key.second);
      if (rep && contact) found = FindRelationship(*rep, *contact);
      break;
    }
    case K::kAccountTeam: {
      auto account = Find(K::kAccount, key.id);
      auto rep = Find(K::kRep, key.second);
      if (account && rep) found = FindSeat(*account, *rep);
      break;
    }
    case K::kProduct: {
      auto account = Find(K::kAccount, key.id);
      auto product = s_.tags.Find(key.second);
      if (account && product) found = FindProduct(*account, *product);
      break;
    }
    default:
      if (NameOf(key.kind) == "invalid") {
        return InvalidField("remove", "kind", Cat("unknown kind ", int(key.kind)));
      }
      found = Find(key.kind, key.id);
  }
  if (!found) {
    return FieldError(absl::StatusCode::kNotFound, subject, "id",
                      "no such record to remove");
  }
  MarkRemoved(key.kind, *found, change_number_);
  any_removal_ = true;
  return absl::OkStatus();
}

absl::Status Applier::Impl::ChangeOwner(const OwnerChange& change) {
  const std::string subject = Cat("account ", change.account);
  const std::optional<Index> account = Find(K::kAccount, change.account);
  if (!account) {
    return FieldError(absl::StatusCode::kNotFound, subject, "id", "no such account");
  }
  RepIndex owner;
  const auto named = [&] { return subject; };
  BATON_RETURN_IF_ERROR(Ref(named, "owner", K::kRep, change.owner, &owner));
  RepIndex& slot = s_.accounts[*account].owner;
  if (owner == slot) return absl::OkStatus();
  BATON_RETURN_IF_ERROR(CheckActiveOwner(named, "owner", owner));
  OnUndo([&slot, old = slot] { slot = old; });
  slot = owner;
  dirty_ |= KindBit(K::kAccount);
  return absl::OkStatus();
}

absl::Status Applier::Impl::Depart(const Departure& departure) {
  const std::string subject = Cat("rep ", departure.rep);
  const std::optional<Index> rep = Find(K::kRep, departure.rep);
  if (!rep) return FieldError(absl::StatusCode::kNotFound, subject, "id", "no such rep");
  Rep changed = s_.reps[*rep];
  changed.departed_on = departure.on;
  changed.destination = departure.destination;
  changed.to_competitor = departure.to_competitor;
  if (departure.on == kNoDay) return InvalidField(subject, "departed_on", "is required");
  BATON_RETURN_IF_ERROR(CheckRecord(s_, changed));
  OnUndo(
      [this, i = *rep, old = s_.reps[*rep]]() mutable { s_.reps[i] = std::move(old); });
  s_.reps[*rep] = std::move(changed);
  dirty_ |= KindBit(K::kRep);
  return absl::OkStatus();
}

// --- finishing --------------------------------------------------------------------

void Applier::Impl::Cascade() {
  auto removed = [&](EntityKind kind, Index i) -> std::uint32_t {
    const auto& by = removed_by_[static_cast<int>(kind)];
    return i != kNoIndex && i < by.size() ? by[i] : 0;
  };
  auto cascade = [&](auto& table, EntityKind kind, auto cause) {
    for (Index i = 0; i < table.size(); ++i) {
      if (const std::uint32_t by = cause(table[i])) MarkRemoved(kind, i, by);
    }
  };
  auto by_account = [&](const auto& r) { return removed(K::kAccount, r.account); };
  cascade(s_.contacts, K::kContact, by_account);
  cascade(s_.account_team, K::kAccountTeam, [&](const AccountTeamMember& r) {
    return std::max(removed(K::kAccount, r.account), removed(K::kRep, r.rep));
  });
  cascade(s_.relationships, K::kRelationship, [&](const Relationship& r) {
    return std::max(removed(K::kRep, r.rep), removed(K::kContact, r.contact));
  });
  cascade(s_.interactions, K::kInteraction, [&](const Interaction& r) {
    return std::max({removed(K::kAccount, r.account), removed(K::kRep, r.rep),
                     removed(K::kContact, r.contact)});
  });
  cascade(s_.deals, K::kDeal, by_account);
  cascade(s_.complaints, K::kComplaint, by_account);
  cascade(s_.products, K::kProduct, by_account);
}

absl::Status Applier::Impl::CheckRemovalsLeaveNoReferences() const {
  auto gone = [&](EntityKind kind, Index i) { return i != kNoIndex && Removed(kind, i); };
  auto blocked = [&](EntityKind kind, Index i, std::string_view by_what) {
    const auto& by = removed_by_[static_cast<int>(kind)];
    std::string id = kind == K::kRep    ? s_.reps[i].id
                     : kind == K::kTeam ? s_.teams[i].id
                                        : s_.tiers[i].id;
    return FieldError(absl::StatusCode::kFailedPrecondition, Cat(NameOf(kind), " ", id),
                      "id",
                      Cat("cannot be removed (change ", by[i], ") while ", by_what));
  };
  for (Index i = 0; i < s_.accounts.size(); ++i) {
    const Account& a = s_.accounts[i];
    if (Removed(K::kAccount, i)) continue;
    if (gone(K::kRep, a.owner))
      return blocked(K::kRep, a.owner, "owner of account " + a.id);
    if (gone(K::kTier, a.tier))
      return blocked(K::kTier, a.tier, "tier of account " + a.id);
  }
  for (Index i = 0; i < s_.reps.size(); ++i) {
    const Rep& r = s_.reps[i];
    if (Removed(K::kRep, i)) continue;
    if (gone(K::kRep, r.manager))
      return blocked(K::kRep, r.manager, "manager of rep " + r.id);
    if (gone(K::kTeam, r.team)) return blocked(K::kTeam, r.team, "team of rep " + r.id);
  }
  for (Index i = 0; i < s_.teams.size(); ++i) {
    const Team& t = s_.teams[i];
    if (!Removed(K::kTeam, i) && gone(K::kRep, t.manager)) {
      return blocked(K::kRep, t.manager, "manager of team " + t.id);
    }
  }
  for (Index i = 0; i < s_.deals.size(); ++i) {
    const Deal& d = s_.deals[i];
    if (!Removed(K::kDeal, i) && gone(K::kRep, d.owner)) {
      return blocked(K::kRep, d.owner, "owner of deal " + d.id);
    }
  }
  return absl::OkStatus();
}

namespace {

// Drops removed records from `table` (kept order) and returns the old-to-new
// index map (kNoIndex for a removed record).
template <typename Record>
std::vector<Index> CompactTable(std::vector<Record>& table,
                                const std::vector<std::uint32_t>& removed_by) {
  std::vector<Index> remap(table.size(), kNoIndex);
  std::vector<Record> kept;
  kept.reserve(table.size());
  for (Index i = 0; i < table.size(); ++i) {
    if (i < removed_by.size() && removed_by[i] != 0) continue;
    remap[i] = static_cast<Index>(kept.size());
    kept.push_back(std::move(table[i]));
  }
  table = std::move(kept);
  return remap;
}

void Rewrite(Index& ref, const std::vector<Index>& remap) {
  if (ref != kNoIndex) ref = remap[ref];
}

}  // namespace

void Applier::Impl::Compact() {
  auto by = [&](EntityKind k) -> const std::vector<std::uint32_t>& {
    return removed_by_[static_cast<int>(k)];
  };
  const auto teams = CompactTable(s_.teams, by(K::kTeam));
  const auto reps = CompactTable(s_.reps, by(K::kRep));
  const auto tiers = CompactTable(s_.tiers, by(K::kTier));
  const auto accounts = CompactTable(s_.accounts, by(K::kAccount));
  CompactTable(s_.account_team, by(K::kAccountTeam));
  const auto contacts = CompactTable(s_.contacts, by(K::kContact));
  CompactTable(s_.relationships, by(K::kRelationship));
  CompactTable(s_.interactions, by(K::kInteraction));
  CompactTable(s_.deals, by(K::kDeal));
  CompactTable(s_.complaints, by(K::kComplaint));
  CompactTable(s_.products, by(K::kProduct));

  for (Team& r : s_.teams) Rewrite(r.manager, reps);
  for (Rep& r : s_.reps) Rewrite(r.team, teams), Rewrite(r.manager, reps);
  for (Account& r : s_.accounts) Rewrite(r.tier, tiers), Rewrite(r.owner, reps);
  for (auto& r : s_.account_team) Rewrite(r.account, accounts), Rewrite(r.rep, reps);
  for (Contact& r : s_.contacts) Rewrite(r.account, accounts);
  for (auto& r : s_.relationships) Rewrite(r.rep, reps), Rewrite(r.contact, contacts);
  for (auto& r : s_.interactions) {
    Rewrite(r.rep, reps), Rewrite(r.account, accounts), Rewrite(r.contact, contacts);
  }
  for (Deal& r : s_.deals) Rewrite(r.account, accounts), Rewrite(r.owner, reps);
  for (Complaint& r : s_.complaints) Rewrite(r.account, accounts);
  for (auto& r : s_.products) Rewrite(r.account, accounts);
  RebuildIdMaps(s_);  // ids are unique: every add checked them
}

absl::Status Applier::Impl::Finish(std::uint32_t* dirty_kinds) {
  if (any_removal_) {
    Cascade();
    BATON_RETURN_IF_ERROR(CheckRemovalsLeaveNoReferences());
    Compact();
    ForgetFound();
    dirty_ = kAllKinds;
  }
  // The undo log stays until the Applier goes: Org::Apply builds the index
  // after Finish and rolls back if that runs out of memory.
  *dirty_kinds = dirty_;
  return absl::OkStatus();
}

template <typename Spec>
absl::Status Applier::Impl::Dispatch(Change::Verb verb, const Spec& spec) {
  if constexpr (std::is_same_v<Spec, RecordKey>) {
    if (verb == Change::Verb::kRemove) return Remove(spec);
  } else if constexpr (std::is_same_v<Spec, OwnerChange>) {
    if (verb == Change::Verb::kChangeOwner) return ChangeOwner(spec);
  } else if constexpr (std::is_same_v<Spec, Departure>) {
    if (verb == Change::Verb::kDepart) return Depart(spec);
  } else {
    if (verb == Change::Verb::kAdd) return Put(spec, /*is_add=*/true);
    if (verb == Change::Verb::kUpdate) return Put(spec, /*is_add=*/false);
  }
  return absl::InvalidArgumentError("change: the verb does not fit its payload");
}

absl::Status Applier::Impl::Apply(const Change& change) {
  ++change_number_;
  return std::visit([&](const auto& payload) { return Dispatch(change.verb, payload); },
                    change.payload);
}

// --- Applier --------------------------------------------------------------------

// Starts fetching the slots of the ids Apply will look up for `change`: the
// record's own id (Apply checks it is new) and the ids it refers to.
void Applier::Impl::Prefetch(const Change& change) const {
  const auto fetch = [this](EntityKind kind, const std::string& id) {
    if (!id.empty()) IdsOf(kind)->Prefetch(id);
  };
  std::visit(
      [&](const auto& spec) {
        using Spec = std::decay_t<decltype(spec)>;
        if constexpr (std::is_same_v<Spec, AccountSpec>) {
          fetch(K::kAccount, spec.id);
          fetch(K::kRep, spec.owner);
        } else if constexpr (std::is_same_v<Spec, AccountTeamSpec>) {
          fetch(K::kAccount, spec.account);
          fetch(K::kRep, spec.rep);
        } else if constexpr (std::is_same_v<Spec, ContactSpec>) {
          fetch(K::kContact, spec.id);
          fetch(K::kAccount, spec.account);
        } else if constexpr (std::is_same_v<Spec, RelationshipSpec>) {
          fetch(K::kRep, spec.rep);
          fetch(K::kContact, spec.contact);
        } else if constexpr (std::is_same_v<Spec, InteractionSpec>) {
          fetch(K::kRep, spec.rep);
          fetch(K::kAccount, spec.account);
          fetch(K::kContact, spec.contact);
        } else if constexpr (std::is_same_v<Spec, DealSpec>) {
          fetch(K::kDeal, spec.id);
          fetch(K::kAccount, spec.account);
        } else if constexpr (std::is_same_v<Spec, ComplaintSpec>) {
          fetch(K::kComplaint, spec.id);
          fetch(K::kAccount, spec.account);
        } else if constexpr (std::is_same_v<Spec, ProductSpec>) {
          fetch(K::kAccount, spec.account);
        }
      },
      change.payload);
}

Applier::Applier(OrgState* state, bool keep_undo, const OrgIndex* index)
    : impl_(std::make_unique<Impl>(state, keep_undo, index)) {}
Applier::~Applier() = default;
absl::Status Applier::Apply(const Change& change) { return impl_->Apply(change); }
void Applier::Prefetch(const Change& change) const { impl_->Prefetch(change); }
absl::Status Applier::Finish(std::uint32_t* dirty_kinds) {
  return impl_->Finish(dirty_kinds);
}
void Applier::Rollback() { impl_->Rollback(); }

}  // namespace baton::internal
