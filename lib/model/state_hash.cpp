// Org::StateHash and Org::MemoryBytes: both walk every table.
#include "baton/org.hpp"
#include "lib/model/fingerprint.hpp"
#include "lib/model/org_access.hpp"
#include "lib/model/org_index.hpp"

namespace baton {
namespace {

// Tags are hashed by their text, so the hash does not depend on the order in
// which texts were first seen; references by index, because tables keep the
// order in which records were added however the org was built.
class StateHasher {
 public:
  explicit StateHasher(const internal::OrgState& s) : s_(s) {}

  std::uint64_t Run() {
    Table(s_.teams, [&](const Team& r) { Text(r.id), Text(r.name), Word(r.manager); });
    Table(s_.reps, [&](const Rep& r) {
      Text(r.id), Text(r.name), Word(r.team), Word(r.manager), Word(r.seniority);
      Word(r.capacity), TagText(r.territory), TagText(r.segment), Word(r.departed_on);
      Text(r.destination), Word(r.to_competitor);
    });
    Table(s_.tiers, [&](const TierPolicy& r) {
      Text(r.id), Word(r.load_weight), Word(r.min_seniority), Word(r.max_per_rep);
    });
    Table(s_.accounts, [&](const Account& r) {
      Text(r.id), Text(r.name), Word(r.tier), f_.AddDouble(r.annual_value);
      Word(r.customer_since), Word(r.renewal_on), TagText(r.territory),
          TagText(r.segment);
      TagText(r.group), Word(r.owner);
    });
    Table(s_.account_team, [&](const AccountTeamMember& r) {
      Word(r.account), Word(r.rep), Word(static_cast<int>(r.role));
    });
    Table(s_.contacts, [&](const Contact& r) {
      Text(r.id), Word(r.account), Text(r.name), Word(static_cast<int>(r.role));
      Word(r.key_player), Word(static_cast<int>(r.attitude));
    });
    Table(s_.relationships, [&](const Relationship& r) {
      Word(r.rep), Word(r.contact), f_.AddDouble(r.strength),
          Word(static_cast<int>(r.depth));
      Word(r.since), Word(r.last_touch);
    });
    Table(s_.interactions, [&](const Interaction& r) {
      Word(r.on), Word(static_cast<int>(r.channel)), Word(r.rep), Word(r.account);
      Word(r.contact), NoteText(r.note);
    });
    Table(s_.deals, [&](const Deal& r) {
      Text(r.id), Word(r.account), Word(r.owner), Word(static_cast<int>(r.stage));
      f_.AddDouble(r.amount), Word(r.close_on), Text(r.next_step);
    });
    Table(s_.complaints, [&](const Complaint& r) {
      Text(r.id), Word(r.account), Word(r.opened_on), Word(r.closed_on);
      Word(static_cast<int>(r.severity)), Text(r.summary);
    });
    Table(s_.products, [&](const ProductHolding& r) {
      Word(r.account), TagText(r.product), Word(r.quantity);
    });
    return f_.value();
  }

 private:
  template <typename Record, typename Fields>
  void Table(const std::vector<Record>& table, Fields fields) {
    Word(table.size());
    for (const Record& r : table) fields(r);
  }
  template <typename Int>
  void Word(Int v) {
    f_.AddWord(static_cast<std::uint64_t>(static_cast<std::int64_t>(v)));
  }
  void Text(const std::string& text) { f_.AddBytes(text); }
  void TagText(Tag tag) { f_.AddBytes(s_.tags.text(tag)); }
  void NoteText(Note note) { f_.AddBytes(s_.notes.text(note)); }

  const internal::OrgState& s_;
  internal::Fingerprint f_;
};

std::size_t HeapBytes(const std::string& s) {
  return s.capacity() > 15 ? s.capacity() + 1 : 0;  // beyond libstdc++'s inline buffer
}

template <typename Record, typename Strings>
std::size_t TableBytes(const std::vector<Record>& table, Strings strings) {
  std::size_t bytes = table.capacity() * sizeof(Record);
  for (const Record& r : table) bytes += strings(r);
  return bytes;
}

std::size_t IdIndexBytes(const internal::IdIndex& ids) { return ids.MemoryBytes(); }

}  // namespace

std::uint64_t Org::StateHash() const { return StateHasher(*state_).Run(); }

std::size_t Org::MemoryBytes() const {
  const internal::OrgState& s = *state_;
  auto h = [](const std::string& x) { return HeapBytes(x); };
  std::size_t bytes = sizeof(internal::OrgState);
  bytes += TableBytes(s.teams, [&](const Team& r) { return h(r.id) + h(r.name); });
  bytes += TableBytes(
      s.reps, [&](const Rep& r) { return h(r.id) + h(r.name) + h(r.destination); });
  bytes += TableBytes(s.tiers, [&](const TierPolicy& r) { return h(r.id); });
  bytes += TableBytes(s.accounts, [&](const Account& r) { return h(r.id) + h(r.name); });
  bytes += TableBytes(s.account_team, [](const AccountTeamMember&) { return 0; });
  bytes += TableBytes(s.contacts, [&](const Contact& r) { return h(r.id) + h(r.name); });
  bytes += TableBytes(s.relationships, [](const Relationship&) { return 0; });
  bytes += TableBytes(s.interactions, [](const Interaction&) { return 0; });
  bytes += TableBytes(s.deals, [&](const Deal& r) { return h(r.id) + h(r.next_step); });
  bytes += TableBytes(s.complaints,
                      [&](const Complaint& r) { return h(r.id) + h(r.summary); });
  bytes += TableBytes(s.products, [](const ProductHolding&) { return 0; });
  bytes += s.tags.MemoryBytes() + s.notes.MemoryBytes();
  for (const auto* ids : {&s.team_ids, &s.rep_ids, &s.tier_ids, &s.account_ids,
                          &s.contact_ids, &s.deal_ids, &s.complaint_ids}) {
    bytes += IdIndexBytes(*ids);
  }
  return bytes + index_->MemoryBytes();
}

}  // namespace baton
