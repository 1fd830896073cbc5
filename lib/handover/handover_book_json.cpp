// The handover book as JSON (docs/handover.md, "The stored book"), the form
// it takes inside a snapshot, and back with every field checked.
#include <algorithm>
#include <cmath>
#include <iterator>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "baton/handover_book.hpp"
#include "lib/handover/handover_names.hpp"
#include "lib/model/strings.hpp"
#include "nlohmann/json.hpp"

namespace baton {
namespace {

// A std::map for objects, not ordered_json's vector: growing a vector of
// members copies them (their keys are const) and destroys the old ones,
// whose destructors allocate (see JsonWriter). Reading looks members up by
// name, and the writer writes scalars only, so neither needs their order.
using Json = nlohmann::json;
constexpr int kBookVersion = 1;
// Books nest 8 deep (book, plans, plan, leavers, leaver, tasks, task,
// details); FromJson refuses deeper documents before it parses them.
constexpr int kMaxDepth = 64;

std::string DayText(Day day) { return day == kNoDay ? "" : FormatDay(day); }

// Writes JSON as nlohmann's dump(1) does (one space per level), without a
// document: the destructor of a document with elements allocates (to
// flatten it; nlohmann/json#4653, open upstream), so a bad_alloc while one
// is destroyed, as on the way out of a failed allocation, ends the
// process. Scalars are written through nlohmann, whose destructor frees a
// scalar without allocating.
class JsonWriter {
 public:
  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  void Key(std::string_view key) {
    Element();
    out_ += Json(key).dump();
    out_ += ": ";
    after_key_ = true;
  }
  template <typename T>
  void Value(const T& value) {
    Element();
    out_ += Json(value).dump();
  }
  template <typename T>
  void Field(std::string_view key, const T& value) {
    Key(key);
    Value(value);
  }
  void Strings(std::string_view key, const std::vector<std::string>& values) {
    Key(key);
    BeginArray();
    for (const std::string& v : values) Value(v);
    EndArray();
  }
  std::string& text() { return out_; }

 private:
  // Starts a value: after a key, on the key's line; in an array or an
  // object, on a line of its own after a comma.
  void Element() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (counts_.empty()) return;  // the document itself
    if (counts_.back()++ > 0) out_ += ',';
    out_ += '\n';
    out_.append(counts_.size(), ' ');
  }
  void Open(char bracket) {
    Element();
    out_ += bracket;
    counts_.push_back(0);
  }
  void Close(char bracket) {
    const bool empty = counts_.back() == 0;
    counts_.pop_back();
    if (!empty) {
      out_ += '\n';
      out_.append(counts_.size(), ' ');
    }
    out_ += bracket;
  }

  std::string out_;
  std::vector<int> counts_;  // elements so far of each open array or object
  bool after_key_ = false;
};

void WriteTasks(JsonWriter& w, const std::vector<StoredTask>& tasks) {
  w.Key("tasks");
  w.BeginArray();
  for (const StoredTask& t : tasks) {
    w.BeginObject();
    w.Field("id", t.id);
    w.Field("kind", NameOf(t.kind));
    w.Field("role", NameOf(t.role));
    w.Field("rep", t.rep);
    w.Field("due", DayText(t.due));
    w.Field("status", NameOf(t.status));
    w.Field("title", t.title);
    w.Strings("details", t.details);
    w.EndObject();
  }
  w.EndArray();
}

void WritePlan(JsonWriter& w, const StoredHandover& plan) {
  w.BeginObject();
  w.Field("id", plan.id);
  w.Field("state", NameOf(plan.state));
  w.Field("today", DayText(plan.today));
  w.Key("leavers");
  w.BeginArray();
  for (const StoredLeaver& l : plan.leavers) {
    w.BeginObject();
    w.Field("rep", l.leaver.rep);
    w.Field("last_day", DayText(l.leaver.last_day));
    w.Field("to_competitor", l.leaver.to_competitor);
    WriteTasks(w, l.tasks);
    w.EndObject();
  }
  w.EndArray();
  w.Key("accounts");
  w.BeginArray();
  for (const StoredAccountHandover& a : plan.accounts) {
    w.BeginObject();
    w.Field("account", a.account);
    w.Field("leaver", a.leaver);
    w.Field("successor", a.successor);
    w.Field("manager", a.manager);
    w.Field("value", a.value);
    w.Field("risk", a.risk);
    w.Field("value_at_risk", a.value_at_risk);
    w.Strings("risk_reasons", a.risk_reasons);
    w.Strings("successor_reasons", a.successor_reasons);
    WriteTasks(w, a.tasks);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

void WriteEvent(JsonWriter& w, const HandoverEvent& e) {
  w.BeginObject();
  w.Field("kind", NameOf(e.kind));
  w.Field("at", e.at);
  w.Field("plan", e.plan);
  w.Key("changes");
  w.BeginArray();
  for (const RecordedChange& c : e.changes) {
    w.BeginObject();
    w.Field("record", NameOf(c.record));
    w.Field("id", c.id);
    w.Field("field", c.field);
    w.Field("before", c.before);
    w.Field("after", c.after);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

// The byte of `text` at which arrays and objects, outside strings, first
// nest deeper than `limit`, or npos if they never do.
std::size_t TooDeepAt(std::string_view text, int limit) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (std::size_t at = 0; at < text.size(); ++at) {
    const char c = text[at];
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return at;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return std::string_view::npos;
}

// Empties a document from its leaves up, so that its destructor has nothing
// to flatten and allocates nothing (see JsonWriter). Recurses as deep as
// the document, which FromJson bounds by kMaxDepth.
void Dismantle(Json& j) noexcept {
  if (j.is_array()) {
    auto& elements = *j.get_ptr<Json::array_t*>();
    while (!elements.empty()) {
      Dismantle(elements.back());
      elements.pop_back();
    }
  } else if (j.is_object()) {
    auto& members = *j.get_ptr<Json::object_t*>();
    while (!members.empty()) {
      const auto last = std::prev(members.end());
      Dismantle(last->second);
      members.erase(last);
    }
  }
}

// A document that is dismantled before it is destroyed, on every way out.
struct Document {
  Json json;
  Document() = default;
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;
  ~Document() { Dismantle(json); }
};

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
    for (const Json& item : Array(o, where, key)) {
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
  JsonWriter w;
  w.BeginObject();
  w.Field("format", kHandoverBookSection);
  w.Field("version", kBookVersion);
  w.Key("plans");
  w.BeginArray();
  for (const StoredHandover& plan : plans_) WritePlan(w, plan);
  w.EndArray();
  w.Key("log");
  w.BeginArray();
  for (const HandoverEvent& e : log_) WriteEvent(w, e);
  w.EndArray();
  w.EndObject();
  w.text() += '\n';
  return std::move(w.text());
}

absl::StatusOr<HandoverBook> HandoverBook::FromJson(std::string_view text) {
  if (const std::size_t at = TooDeepAt(text, kMaxDepth); at != std::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrCat(
        "handover book: byte ", at, ": nested deeper than ", kMaxDepth, " levels"));
  }
  // Parsed into a document of ours, so that one half built when memory ran
  // out is dismantled too (Json::parse destroys its own).
  Document document;
  const Json& doc = document.json;
  try {
    nlohmann::detail::json_sax_dom_parser<Json> builder(document.json,
                                                        /*allow_exceptions=*/true);
    Json::sax_parse(text.begin(), text.end(), &builder);
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
