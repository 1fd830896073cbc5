// The handover book as JSON (docs/handover.md, "The stored book"), the form
// it takes inside a snapshot, and back with every field checked.
#include <cmath>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "baton/handover_book.hpp"
#include "lib/handover/handover_names.hpp"
#include "lib/model/strings.hpp"
#include "nlohmann/json.hpp"

namespace baton {
namespace {

using Json = nlohmann::ordered_json;
constexpr int kBookVersion = 1;

std::string DayText(Day day) { return day == kNoDay ? "" : FormatDay(day); }

Json TaskJson(const StoredTask& t) {
  return {{"id", t.id},       {"kind", NameOf(t.kind)}, {"role", NameOf(t.role)},
          {"rep", t.rep},     {"due", DayText(t.due)},  {"status", NameOf(t.status)},
          {"title", t.title}, {"details", t.details}};
}

Json TasksJson(const std::vector<StoredTask>& tasks) {
  Json out = Json::array();
  for (const StoredTask& t : tasks) out.push_back(TaskJson(t));
  return out;
}

Json PlanJson(const StoredHandover& plan) {
  Json leavers = Json::array(), accounts = Json::array();
  for (const StoredLeaver& l : plan.leavers) {
    leavers.push_back({{"rep", l.leaver.rep},
                       {"last_day", DayText(l.leaver.last_day)},
                       {"to_competitor", l.leaver.to_competitor},
                       {"tasks", TasksJson(l.tasks)}});
  }
  for (const StoredAccountHandover& a : plan.accounts) {
    accounts.push_back({{"account", a.account},
                        {"leaver", a.leaver},
                        {"successor", a.successor},
                        {"manager", a.manager},
                        {"value", a.value},
                        {"risk", a.risk},
                        {"value_at_risk", a.value_at_risk},
                        {"risk_reasons", a.risk_reasons},
                        {"successor_reasons", a.successor_reasons},
                        {"tasks", TasksJson(a.tasks)}});
  }
  return {{"id", plan.id},
          {"state", NameOf(plan.state)},
          {"today", DayText(plan.today)},
          {"leavers", std::move(leavers)},
          {"accounts", std::move(accounts)}};
}

Json EventJson(const HandoverEvent& e) {
  Json changes = Json::array();
  for (const RecordedChange& c : e.changes) {
    changes.push_back({{"record", NameOf(c.record)},
                       {"id", c.id},
                       {"field", c.field},
                       {"before", c.before},
                       {"after", c.after}});
  }
  return {{"kind", NameOf(e.kind)},
          {"at", e.at},
          {"plan", e.plan},
          {"changes", std::move(changes)}};
}

// Reads fields of JSON objects; the first problem wins and names where it is.
class Reader {
 public:
  const absl::Status& status() const { return status_; }
  bool ok() const { return status_.ok(); }

  void Fail(std::string_view where, std::string_view what) {
    if (ok()) {
      status_ =
          absl::InvalidArgumentError(internal::Cat("handover book: ", where, ": ", what));
    }
  }

  const Json* Field(const Json& object, std::string_view where, const char* key,
                    Json::value_t type) {
    if (!ok()) return nullptr;
    if (!object.is_object()) return Fail(where, "expected an object"), nullptr;
    const auto it = object.find(key);
    if (it == object.end())
      return Fail(where, internal::Cat(key, " is missing")), nullptr;
    const bool number = type == Json::value_t::number_float && it->is_number();
    const bool integer = type == Json::value_t::number_integer && it->is_number_integer();
    if (it->type() != type && !number && !integer)
      return Fail(where, internal::Cat(key, " has the wrong type")), nullptr;
    return &*it;
  }

  std::string String(const Json& o, std::string_view where, const char* key) {
    const Json* j = Field(o, where, key, Json::value_t::string);
    return j ? j->get<std::string>() : std::string();
  }
  bool Bool(const Json& o, std::string_view where, const char* key) {
    const Json* j = Field(o, where, key, Json::value_t::boolean);
    return j && j->get<bool>();
  }
  std::int64_t Integer(const Json& o, std::string_view where, const char* key) {
    const Json* j = Field(o, where, key, Json::value_t::number_integer);
    if (j && j->is_number_unsigned() && j->get<std::uint64_t>() > INT64_MAX)
      return Fail(where, internal::Cat(key, " is out of range")), 0;
    return j ? j->get<std::int64_t>() : 0;
  }
  double Number(const Json& o, std::string_view where, const char* key) {
    const Json* j = Field(o, where, key, Json::value_t::number_float);
    const double x = j ? j->get<double>() : 0;
    if (!std::isfinite(x) || x < 0) Fail(where, internal::Cat(key, " must be ≥ 0"));
    return x;
  }
  Day DayField(const Json& o, std::string_view where, const char* key, bool required) {
    const std::string text = String(o, where, key);
    if (!ok() || (text.empty() && !required)) return kNoDay;
    auto day = ParseDay(text);
    if (!day.ok())
      return Fail(where, internal::Cat(key, ": ", day.status().message())), kNoDay;
    return *day;
  }
  std::vector<std::string> Strings(const Json& o, std::string_view where,
                                   const char* key) {
    std::vector<std::string> out;
    const Json* j = Field(o, where, key, Json::value_t::array);
    for (const Json& item : j ? *j : Json::array()) {
      if (!item.is_string())
        return Fail(where, internal::Cat(key, " must hold strings")), out;
      out.push_back(item.get<std::string>());
    }
    return out;
  }
  template <typename Enum>
  Enum Name(const Json& o, std::string_view where, const char* key) {
    const std::string name = String(o, where, key);
    Enum value{};
    if (ok() && !internal::FromName(name, &value))
      Fail(where, internal::Cat(key, ": unknown value \"", name, "\""));
    return value;
  }
  // The elements of an array field (none if it is missing or not an array).
  const Json& Array(const Json& o, std::string_view where, const char* key) {
    static const Json kEmpty = Json::array();
    const Json* j = Field(o, where, key, Json::value_t::array);
    return j ? *j : kEmpty;
  }

 private:
  absl::Status status_;
};

std::vector<StoredTask> ReadTasks(Reader& in, const Json& owner, const std::string& where,
                                  absl::flat_hash_set<std::string>* ids) {
  std::vector<StoredTask> out;
  for (const Json& j : in.Array(owner, where, "tasks")) {
    StoredTask t;
    t.id = in.String(j, where + " task", "id");
    const std::string at = internal::Cat(where, " task ", t.id);
    t.kind = in.Name<HandoverTaskKind>(j, at, "kind");
    t.role = in.Name<HandoverRole>(j, at, "role");
    t.rep = in.String(j, at, "rep");
    t.due = in.DayField(j, at, "due", true);
    t.status = in.Name<HandoverTaskStatus>(j, at, "status");
    t.title = in.String(j, at, "title");
    t.details = in.Strings(j, at, "details");
    if (in.ok() && !ids->insert(t.id).second) in.Fail(at, "the task id is given twice");
    out.push_back(std::move(t));
  }
  return out;
}

StoredHandover ReadPlan(Reader& in, const Json& j) {
  StoredHandover plan;
  plan.id = in.String(j, "plan", "id");
  const std::string where = "plan " + plan.id;
  plan.state = in.Name<HandoverState>(j, where, "state");
  plan.today = in.DayField(j, where, "today", true);
  absl::flat_hash_set<std::string> task_ids;
  for (const Json& l : in.Array(j, where, "leavers")) {
    StoredLeaver leaver;
    leaver.leaver.rep = in.String(l, where + " leaver", "rep");
    const std::string at = where + " leaver " + leaver.leaver.rep;
    leaver.leaver.last_day = in.DayField(l, at, "last_day", true);
    leaver.leaver.to_competitor = in.Bool(l, at, "to_competitor");
    leaver.tasks = ReadTasks(in, l, at, &task_ids);
    plan.leavers.push_back(std::move(leaver));
  }
  for (const Json& a : in.Array(j, where, "accounts")) {
    StoredAccountHandover h;
    h.account = in.String(a, where + " account", "account");
    const std::string at = where + " account " + h.account;
    h.leaver = in.String(a, at, "leaver");
    h.successor = in.String(a, at, "successor");
    h.manager = in.String(a, at, "manager");
    h.value = in.Number(a, at, "value");
    h.risk = in.Number(a, at, "risk");
    h.value_at_risk = in.Number(a, at, "value_at_risk");
    h.risk_reasons = in.Strings(a, at, "risk_reasons");
    h.successor_reasons = in.Strings(a, at, "successor_reasons");
    h.tasks = ReadTasks(in, a, at, &task_ids);
    plan.accounts.push_back(std::move(h));
  }
  return plan;
}

HandoverEvent ReadEvent(Reader& in, const Json& j, std::size_t index) {
  HandoverEvent e;
  const std::string where = absl::StrCat("log[", index, "]");
  e.kind = in.Name<HandoverEvent::Kind>(j, where, "kind");
  e.at = in.Integer(j, where, "at");
  e.plan = in.String(j, where, "plan");
  for (const Json& c : in.Array(j, where, "changes")) {
    RecordedChange change;
    change.record = in.Name<RecordedChange::Record>(c, where + " change", "record");
    change.id = in.String(c, where + " change", "id");
    change.field = in.String(c, where + " change", "field");
    change.before = in.String(c, where + " change", "before");
    change.after = in.String(c, where + " change", "after");
    e.changes.push_back(std::move(change));
  }
  return e;
}

}  // namespace

std::string HandoverBook::ToJson() const {
  Json plans = Json::array(), log = Json::array();
  for (const StoredHandover& plan : plans_) plans.push_back(PlanJson(plan));
  for (const HandoverEvent& e : log_) log.push_back(EventJson(e));
  const Json book = {{"format", kHandoverBookSection},
                     {"version", kBookVersion},
                     {"plans", std::move(plans)},
                     {"log", std::move(log)}};
  return book.dump(1) + "\n";
}

absl::StatusOr<HandoverBook> HandoverBook::FromJson(std::string_view text) {
  Json doc;
  try {
    doc = Json::parse(text.begin(), text.end());
  } catch (const Json::parse_error& e) {
    return absl::InvalidArgumentError(
        absl::StrCat("handover book: not JSON at byte ", e.byte, ": ", e.what()));
  } catch (const Json::exception& e) {
    // out_of_range 406: a number too large for a double (1e999), which the
    // parser reports apart from syntax errors; the message quotes it.
    return absl::InvalidArgumentError(
        absl::StrCat("handover book: not JSON: ", e.what()));
  }
  Reader in;
  if (in.String(doc, "book", "format") != kHandoverBookSection && in.ok())
    in.Fail("book", internal::Cat("format is not \"", kHandoverBookSection, "\""));
  if (const std::int64_t v = in.Integer(doc, "book", "version");
      in.ok() && v != kBookVersion)
    in.Fail("book", absl::StrCat("version ", v, " is not ", kBookVersion));
  HandoverBook book;
  absl::flat_hash_set<std::string> ids;
  for (const Json& j : in.Array(doc, "book", "plans")) {
    StoredHandover plan = ReadPlan(in, j);
    if (in.ok() && !ids.insert(plan.id).second) in.Fail("plan " + plan.id, "given twice");
    book.plans_.push_back(std::move(plan));
  }
  const Json& log = in.Array(doc, "book", "log");
  for (std::size_t i = 0; i < log.size() && in.ok(); ++i) {
    HandoverEvent e = ReadEvent(in, log[i], i);
    if (in.ok() && !ids.contains(e.plan))
      in.Fail(absl::StrCat("log[", i, "]"), "plan " + e.plan + " is not in the book");
    book.log_.push_back(std::move(e));
  }
  for (const StoredHandover& plan : book.plans_) {
    const bool logged = std::any_of(book.log_.begin(), book.log_.end(), [&](auto& e) {
      return e.plan == plan.id && e.kind == HandoverEvent::Kind::kApplied;
    });
    if (in.ok() && plan.state != HandoverState::kDraft && !logged)
      in.Fail("plan " + plan.id, "it is not a draft, but the log never applied it");
  }
  if (!in.ok()) return in.status();
  return book;
}

SnapshotSection ToSection(const HandoverBook& book) {
  return {std::string(kHandoverBookSection), book.ToJson()};
}

absl::StatusOr<HandoverBook> HandoverBookOf(absl::Span<const SnapshotSection> sections) {
  for (const SnapshotSection& s : sections)
    if (s.name == kHandoverBookSection) return HandoverBook::FromJson(s.bytes);
  return HandoverBook();
}

}  // namespace baton
