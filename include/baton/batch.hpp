// Changes to an organisation, gathered into a batch that is applied whole or
// not at all (Org::Apply).
//
// A batch names records by their external string ids, so it can refer to
// records it adds itself. Specs mirror the stored records of records.hpp with
// every reference written as an id; an empty id means "none".
#ifndef BATON_BATCH_HPP_
#define BATON_BATCH_HPP_

#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "baton/day.hpp"
#include "baton/records.hpp"

namespace baton {

struct TeamSpec {
  std::string id;
  std::string name;
  std::string manager;  // rep id
};

struct RepSpec {
  std::string id;
  std::string name;
  std::string team;
  std::string manager;
  int seniority = 1;
  std::int64_t capacity = 0;
  std::string territory;
  std::string segment;
  Day departed_on = kNoDay;
  std::string destination;
  bool to_competitor = false;
};

struct TierSpec {
  std::string id;
  int load_weight = 1;
  int min_seniority = 0;
  int max_per_rep = 0;
};

struct AccountSpec {
  std::string id;
  std::string name;
  std::string tier;
  double annual_value = 0;
  Day customer_since = kNoDay;
  Day renewal_on = kNoDay;
  std::string territory;
  std::string segment;
  std::string group;
  std::string owner;
};

struct AccountTeamSpec {
  std::string account;
  std::string rep;
  AccountRole role = AccountRole::kBackup;
};

struct ContactSpec {
  std::string id;
  std::string account;
  std::string name;
  ContactRole role = ContactRole::kUser;
  bool key_player = false;
  Attitude attitude = Attitude::kUnknown;
};

struct RelationshipSpec {
  std::string rep;
  std::string contact;
  double strength = 0;
  Depth depth = Depth::kSocial;
  Day since = kNoDay;
  Day last_touch = kNoDay;
};

struct InteractionSpec {
  Day on = kNoDay;
  Channel channel = Channel::kCall;
  std::string rep;
  std::string account;
  std::string contact;  // optional; when set it must belong to `account`
  std::string note;
};

struct DealSpec {
  std::string id;
  std::string account;
  std::string owner;
  DealStage stage = DealStage::kProspecting;
  double amount = 0;
  Day close_on = kNoDay;
  std::string next_step;
};

struct ComplaintSpec {
  std::string id;
  std::string account;
  Day opened_on = kNoDay;
  Day closed_on = kNoDay;
  Severity severity = Severity::kMedium;
  std::string summary;
};

struct ProductSpec {
  std::string account;
  std::string product;
  std::int64_t quantity = 0;
};

// The key of a record to remove: `id` for kinds with ids; for kinds keyed by a
// pair, `id` is the first part and `second` the second: (account, rep) for
// account-team members, (rep, contact) for relationships, (account, product)
// for products. Interactions are a log and cannot be removed one by one.
struct RecordKey {
  EntityKind kind;
  std::string id;
  std::string second;
};

struct OwnerChange {
  std::string account;
  std::string owner;  // empty: leave the account without an owner
};

struct Departure {
  std::string rep;
  Day on = kNoDay;
  std::string destination;
  bool to_competitor = false;
};

// One change. Add and Update carry a spec; Update replaces the whole record
// with the same key.
struct Change {
  enum class Verb : std::uint8_t { kAdd, kUpdate, kRemove, kChangeOwner, kDepart };
  using Payload =
      std::variant<TeamSpec, RepSpec, TierSpec, AccountSpec, AccountTeamSpec, ContactSpec,
                   RelationshipSpec, InteractionSpec, DealSpec, ComplaintSpec,
                   ProductSpec, RecordKey, OwnerChange, Departure>;
  Verb verb;
  Payload payload;
};

// Changes in the order they will be applied. Removing a record also removes
// what belongs to it: an account takes its contacts, account team,
// interactions, deals, complaints and products; a contact its relationships
// and interactions; a rep their relationships, account-team seats and
// interactions. A rep who still owns an account, manages a rep or team, or owns
// a deal cannot be removed (record the departure instead).
class Batch {
 public:
  template <typename Spec>
  Batch& Add(Spec spec) {
    changes_.push_back({Change::Verb::kAdd, std::move(spec)});
    return *this;
  }
  template <typename Spec>
  Batch& Update(Spec spec) {
    changes_.push_back({Change::Verb::kUpdate, std::move(spec)});
    return *this;
  }
  Batch& Remove(EntityKind kind, std::string id, std::string second = {}) {
    changes_.push_back(
        {Change::Verb::kRemove, RecordKey{kind, std::move(id), std::move(second)}});
    return *this;
  }
  Batch& ChangeOwner(std::string account, std::string owner) {
    changes_.push_back(
        {Change::Verb::kChangeOwner, OwnerChange{std::move(account), std::move(owner)}});
    return *this;
  }
  Batch& RecordInteraction(InteractionSpec interaction) {
    return Add(std::move(interaction));
  }
  Batch& Depart(std::string rep, Day on, std::string destination = {},
                bool to_competitor = false) {
    changes_.push_back(
        {Change::Verb::kDepart,
         Departure{std::move(rep), on, std::move(destination), to_competitor}});
    return *this;
  }

  const std::vector<Change>& changes() const { return changes_; }
  std::size_t size() const { return changes_.size(); }
  bool empty() const { return changes_.empty(); }
  void Reserve(std::size_t n) { changes_.reserve(n); }
  void Clear() { changes_.clear(); }

 private:
  std::vector<Change> changes_;
};

}  // namespace baton

#endif  // BATON_BATCH_HPP_
