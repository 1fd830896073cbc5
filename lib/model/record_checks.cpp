#include "lib/model/record_checks.hpp"

#include <cmath>

#include "absl/strings/cord.h"
#include "lib/model/applier.hpp"
#include "lib/model/strings.hpp"
#include "lib/model/text.hpp"

namespace baton::internal {

std::string TextProblem(std::string_view text) {
  if (text.size() > kMaxTextBytes) return Cat("longer than ", kMaxTextBytes, " bytes");
  if (IsPlainAscii(text) || IsCleanUtf8(text)) return "";
  const std::size_t bad = FindInvalidUtf8(text);
  if (bad != std::string_view::npos) return Cat("invalid UTF-8 at byte ", bad);
  // A NUL cannot be written to CSV (the reader refuses it) nor passed
  // through the C API, so an organisation holding one would not survive
  // export and import.
  if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos)
    return Cat("NUL byte at byte ", nul);
  return "";
}

absl::Status CheckPools(const OrgState& s) {
  for (const auto& [name, pool] : {std::pair{"tags", &s.tags}, {"notes", &s.notes}}) {
    for (Index i = 0; i < pool->size(); ++i) {
      if (std::string problem = TextProblem(pool->text(i)); !problem.empty())
        return InvalidField(Cat(name, " text ", i), "text", problem);
    }
  }
  return absl::OkStatus();
}

namespace {

// Runs a record's checks in order and keeps the first failure; the subject
// is only spelled out when something fails.
template <typename Record>
class Check {
 public:
  Check(const OrgState& s, const Record& r) : s_(s), r_(r) {}

  Check& Id(std::string_view field, std::string_view id) {
    if (id.empty()) return Fail(field, "must not be empty");
    if (id.size() > kMaxIdBytes) {
      return Fail(field, Cat("longer than ", kMaxIdBytes, " bytes"));
    }
    return Text(field, id);
  }
  Check& Text(std::string_view field, std::string_view text) {
    if (SurelyValidText(text)) return *this;
    const std::string problem = TextProblem(text);
    return problem.empty() ? *this : Fail(field, problem);
  }
  Check& Ref(std::string_view field, Index ref, std::size_t table_size, bool required) {
    if (ref == kNoIndex) return required ? Fail(field, "is required") : *this;
    if (ref >= table_size) {
      return Fail(field, Cat("refers to record ", ref, " of ", table_size));
    }
    return *this;
  }
  Check& Date(std::string_view field, Day day, bool required) {
    if (day == kNoDay) return required ? Fail(field, "is required") : *this;
    if (!IsValidDay(day)) {
      return Fail(field, Cat("day ", day, " is outside 1900-01-01..2199-12-31"));
    }
    return *this;
  }
  Check& Number(std::string_view field, double v, double lo, double hi) {
    if (!std::isfinite(v)) return Fail(field, Cat("must be a finite number, got ", v));
    if (v < lo || v > hi) {
      return Fail(field, Cat("must be in [", lo, ", ", hi, "], got ", v));
    }
    return *this;
  }
  Check& Integer(std::string_view field, std::int64_t v, std::int64_t lo,
                 std::int64_t hi) {
    if (v < lo || v > hi) {
      return Fail(field, Cat("must be in [", lo, ", ", hi, "], got ", v));
    }
    return *this;
  }
  template <typename Enum>
  Check& Known(std::string_view field, Enum v) {
    if (NameOf(v) == "invalid") {
      return Fail(field, Cat("unknown value ", static_cast<int>(v)));
    }
    return *this;
  }
  // A tag's text is checked like any other text: specs from the C and
  // Python APIs reach the pool without the CSV reader's UTF-8 check.
  Check& TagRef(std::string_view field, Tag tag) {
    if (tag >= s_.tags.size()) return Fail(field, Cat("unknown tag ", tag));
    return Text(field, s_.tags.text(tag));
  }
  Check& NoteRef(std::string_view field, Note note) {
    if (note >= s_.notes.size()) return Fail(field, Cat("unknown note ", note));
    return Text(field, s_.notes.text(note));
  }
  // A product is named by a tag, but it must be named: it is the key of
  // its holding, with an id's limits.
  Check& ProductRef(std::string_view field, Tag product) {
    if (product >= s_.tags.size()) return Fail(field, Cat("unknown tag ", product));
    return Id(field, s_.tags.text(product));
  }
  Check& Require(bool ok, std::string_view field, std::string_view problem) {
    return ok ? *this : Fail(field, problem);
  }
  Check& Fail(std::string_view field, std::string_view problem) {
    if (status_.ok()) status_ = InvalidField(SubjectOf(s_, r_), field, problem);
    return *this;
  }
  absl::Status status() const { return status_; }

 private:
  const OrgState& s_;
  const Record& r_;
  absl::Status status_;
};

std::string_view IdOr(const std::string& id, std::string_view fallback) {
  return id.empty() ? fallback : std::string_view(id);
}
template <typename Table>
std::string_view IdAt(const Table& table, Index i) {
  return i < table.size() ? std::string_view(table[i].id) : std::string_view("?");
}

}  // namespace

absl::Status FieldError(absl::StatusCode code, std::string_view subject,
                        std::string_view field, std::string_view problem) {
  absl::Status status(code, Cat(subject, ": ", field, ": ", problem));
  status.SetPayload(kFieldPayload, absl::Cord(AsAbsl(field)));
  return status;
}

std::string SubjectOf(const OrgState&, const Team& r) {
  return Cat("team ", IdOr(r.id, "(no id)"));
}
std::string SubjectOf(const OrgState&, const Rep& r) {
  return Cat("rep ", IdOr(r.id, "(no id)"));
}
std::string SubjectOf(const OrgState&, const TierPolicy& r) {
  return Cat("tier ", IdOr(r.id, "(no id)"));
}
std::string SubjectOf(const OrgState&, const Account& r) {
  return Cat("account ", IdOr(r.id, "(no id)"));
}
std::string SubjectOf(const OrgState& s, const AccountTeamMember& r) {
  return Cat("account-team seat (account ", IdAt(s.accounts, r.account), ", rep ",
             IdAt(s.reps, r.rep), ")");
}
std::string SubjectOf(const OrgState&, const Contact& r) {
  return Cat("contact ", IdOr(r.id, "(no id)"));
}
std::string SubjectOf(const OrgState& s, const Relationship& r) {
  return Cat("relationship (rep ", IdAt(s.reps, r.rep), ", contact ",
             IdAt(s.contacts, r.contact), ")");
}
std::string SubjectOf(const OrgState& s, const Interaction& r) {
  return Cat("interaction (account ", IdAt(s.accounts, r.account), ", ", FormatDay(r.on),
             ")");
}
std::string SubjectOf(const OrgState&, const Deal& r) {
  return Cat("deal ", IdOr(r.id, "(no id)"));
}
std::string SubjectOf(const OrgState&, const Complaint& r) {
  return Cat("complaint ", IdOr(r.id, "(no id)"));
}
std::string SubjectOf(const OrgState& s, const ProductHolding& r) {
  const std::string_view product =
      r.product < s.tags.size() ? s.tags.text(r.product) : "(unknown)";
  return Cat("product ", product, " of account ", IdAt(s.accounts, r.account));
}

absl::Status CheckRecord(const OrgState& s, const Team& r) {
  return Check(s, r)
      .Id("id", r.id)
      .Text("name", r.name)
      .Ref("manager", r.manager, s.reps.size(), false)
      .status();
}

absl::Status CheckRecord(const OrgState& s, const Rep& r) {
  return Check(s, r)
      .Id("id", r.id)
      .Text("name", r.name)
      .Ref("team", r.team, s.teams.size(), false)
      .Ref("manager", r.manager, s.reps.size(), false)
      .Require(r.manager == kNoIndex || r.manager >= s.reps.size() ||
                   s.reps[r.manager].id != r.id,
               "manager", "a rep cannot manage themself")
      .Integer("seniority", r.seniority, 0, 99)
      .Integer("capacity", r.capacity, 0, kMaxCount)
      .TagRef("territory", r.territory)
      .TagRef("segment", r.segment)
      .Date("departed_on", r.departed_on, false)
      .Text("destination", r.destination)
      .Require(r.departed_on != kNoDay || (r.destination.empty() && !r.to_competitor),
               "destination", "is only for a departed rep (set departed_on)")
      .status();
}

absl::Status CheckRecord(const OrgState& s, const TierPolicy& r) {
  return Check(s, r)
      .Id("id", r.id)
      .Integer("load_weight", r.load_weight, 1, 1'000'000)
      .Integer("min_seniority", r.min_seniority, 0, 99)
      .Integer("max_per_rep", r.max_per_rep, 0, 1'000'000'000)
      .status();
}

absl::Status CheckRecord(const OrgState& s, const Account& r) {
  return Check(s, r)
      .Id("id", r.id)
      .Text("name", r.name)
      .Ref("tier", r.tier, s.tiers.size(), true)
      .Number("annual_value", r.annual_value, 0, kMaxMoney)
      .Date("customer_since", r.customer_since, false)
      .Date("renewal_on", r.renewal_on, false)
      .TagRef("territory", r.territory)
      .TagRef("segment", r.segment)
      .TagRef("group", r.group)
      .Ref("owner", r.owner, s.reps.size(), false)
      .status();
}

absl::Status CheckRecord(const OrgState& s, const AccountTeamMember& r) {
  return Check(s, r)
      .Ref("account", r.account, s.accounts.size(), true)
      .Ref("rep", r.rep, s.reps.size(), true)
      .Known("role", r.role)
      .status();
}

absl::Status CheckRecord(const OrgState& s, const Contact& r) {
  return Check(s, r)
      .Id("id", r.id)
      .Ref("account", r.account, s.accounts.size(), true)
      .Text("name", r.name)
      .Known("role", r.role)
      .Known("attitude", r.attitude)
      .status();
}

absl::Status CheckRecord(const OrgState& s, const Relationship& r) {
  return Check(s, r)
      .Ref("rep", r.rep, s.reps.size(), true)
      .Ref("contact", r.contact, s.contacts.size(), true)
      .Number("strength", r.strength, 0, 1)
      .Known("depth", r.depth)
      .Date("since", r.since, false)
      .Date("last_touch", r.last_touch, false)
      .Require(r.since == kNoDay || r.last_touch == kNoDay || r.last_touch >= r.since,
               "last_touch", "is before since")
      .status();
}

absl::Status CheckRecord(const OrgState& s, const Interaction& r) {
  return Check(s, r)
      .Date("on", r.on, true)
      .Known("channel", r.channel)
      .Ref("rep", r.rep, s.reps.size(), true)
      .Ref("account", r.account, s.accounts.size(), true)
      .Ref("contact", r.contact, s.contacts.size(), false)
      .Require(r.contact == kNoIndex || r.contact >= s.contacts.size() ||
                   s.contacts[r.contact].account == r.account,
               "contact", "belongs to another account")
      .NoteRef("note", r.note)
      .status();
}

absl::Status CheckRecord(const OrgState& s, const Deal& r) {
  return Check(s, r)
      .Id("id", r.id)
      .Ref("account", r.account, s.accounts.size(), true)
      .Ref("owner", r.owner, s.reps.size(), false)
      .Known("stage", r.stage)
      .Number("amount", r.amount, 0, kMaxMoney)
      .Date("close_on", r.close_on, false)
      .Text("next_step", r.next_step)
      .status();
}

absl::Status CheckRecord(const OrgState& s, const Complaint& r) {
  return Check(s, r)
      .Id("id", r.id)
      .Ref("account", r.account, s.accounts.size(), true)
      .Date("opened_on", r.opened_on, true)
      .Date("closed_on", r.closed_on, false)
      .Require(r.closed_on == kNoDay || r.closed_on >= r.opened_on, "closed_on",
               "is before opened_on")
      .Known("severity", r.severity)
      .Text("summary", r.summary)
      .status();
}

absl::Status CheckRecord(const OrgState& s, const ProductHolding& r) {
  return Check(s, r)
      .Ref("account", r.account, s.accounts.size(), true)
      .ProductRef("product", r.product)
      .Integer("quantity", r.quantity, 0, kMaxCount)
      .status();
}

}  // namespace baton::internal
