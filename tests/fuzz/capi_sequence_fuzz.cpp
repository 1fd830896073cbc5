// Fuzz target: a sequence of C API calls read from the input, one opcode
// byte and its operands at a time: create, import CSV, build and apply
// batches, save and load, snapshot bytes (corrupted on purpose), reassign
// and apply the plan, solve an assignment problem, copy, free; then risk
// models (default, from text, saved in a snapshot) and scores with their
// explanations, handover plans (applied and undone directly, or stored in
// the organisation's book, applied, undone and their tasks' statuses set
// there) and the book's JSON. Ids come from small pools (r001..r004,
// a0001..a0006, ...) so that calls meet each other's records, or now and
// then as raw bytes (not UTF-8, too long, empty).
//
// Checked after every call: a failure has a message, never BATON_EINTERNAL;
// a failed import, apply, plan apply, handover apply or undo, store or task
// status leaves the state hash (and the handover book) as it was; an
// accepted import names no problem on the way back (export -> import into
// an empty organisation gives the same hash); save -> load and bytes ->
// load give the same hash and book; a model's text reads back to the same
// text; scores are probabilities; an undo right after its apply restores
// the hash from before it; the book's JSON reads back (HandoverBook::
// FromJson) to the same JSON. Leaks are the sanitizer's to find.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "baton/handover_book.hpp"
#include "capi/baton.h"
#include "tests/fuzz/fuzz_contract.hpp"

namespace {

using baton::fuzz::Broken;

[[noreturn]] void Fail(const char* call, int rc) {
  std::fprintf(stderr, "baton fuzz: contract broken: %s returned %d: '%s'\n", call, rc,
               baton_last_error());
  std::abort();
}

// BATON_FUZZ_TRACE=1 prints every call and its code (to see what a seed
// reaches).
const bool kTrace = std::getenv("BATON_FUZZ_TRACE") != nullptr;

// A failure must be typed and explained; EINTERNAL is a bug by definition.
int Check(const char* call, int rc) {
  if (kTrace) std::fprintf(stderr, "%s: %d %s\n", call, rc, rc ? baton_last_error() : "");
  if (rc == BATON_OK) return rc;
  if (rc > 0 || rc == BATON_EINTERNAL || baton_last_error()[0] == '\0') Fail(call, rc);
  return rc;
}

// The input, read front to back; past its end every read gives 0.
class Input {
 public:
  Input(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  bool empty() const { return pos_ >= size_; }
  unsigned Byte() { return pos_ < size_ ? data_[pos_++] : 0; }
  unsigned Word() {
    const unsigned high = Byte();
    return high << 8 | Byte();
  }
  int Small(int n) { return static_cast<int>(Byte() % static_cast<unsigned>(n)); }
  std::int64_t Int() {
    const unsigned b = Byte();
    if (b < 200) return static_cast<int>(b) - 20;  // mostly small, some negative
    std::uint64_t wide = 0;
    for (int i = 0; i < 8; ++i) wide = (wide << 8) | Byte();
    return static_cast<std::int64_t>(wide);
  }
  double Real() {
    const unsigned b = Byte();
    if (b == 255) return std::numeric_limits<double>::quiet_NaN();
    if (b == 254) return std::numeric_limits<double>::infinity() * (Byte() & 1 ? 1 : -1);
    return b / 200.0 - 0.1;
  }
  // An id from a pool of `pool`, shaped as the sample generator's (r001,
  // a0001, c00001, t01, tiers A, B, ...) so that calls meet imported
  // records, or rarely raw bytes of the input.
  std::string Id(char kind, int pool) {
    const unsigned b = Byte();
    if (b >= 240) return Text();
    const int n = static_cast<int>(b % static_cast<unsigned>(pool));
    if (kind == 'T') return std::string(1, static_cast<char>('A' + n));
    const std::string digits = std::to_string(n + 1);
    const std::size_t width = kind == 'r' ? 3 : kind == 'a' ? 4 : kind == 'c' ? 5 : 2;
    return kind + std::string(width - std::min(width, digits.size()), '0') + digits;
  }
  std::string Text() {
    std::string text;
    for (std::size_t n = Byte() % 24; n > 0 && !empty(); --n) {
      const char c = static_cast<char>(Byte());
      if (c != '\0') text += c;
    }
    return text;
  }
  std::int32_t Day() {
    return Byte() < 250 ? 20000 + Small(200) * 5 : static_cast<std::int32_t>(Int());
  }
  std::string Bytes(std::size_t most) {
    const std::size_t n = std::min<std::size_t>(most, Word());
    std::string bytes;
    while (bytes.size() < n && !empty()) bytes += static_cast<char>(Byte());
    return bytes;
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
};

std::uint64_t Hash(const baton_org* org) {
  std::uint64_t hash = 0;
  if (org != nullptr) Check("baton_org_state_hash", baton_org_state_hash(&hash, org));
  return hash;
}

const char* OrNull(const std::string& s) { return s.empty() ? nullptr : s.c_str(); }

// The organisation's handover book as JSON (it travels in its snapshots).
std::string BookJson(const baton_org* org) {
  if (org == nullptr) return std::string();
  std::size_t needed = 0;
  const int sized = baton_org_handover_book(nullptr, 0, &needed, org);
  if (sized != BATON_EBUFS) Check("baton_org_handover_book (size)", sized);
  std::string json(needed, '\0');
  Check("baton_org_handover_book",
        baton_org_handover_book(json.data(), json.size(), &needed, org));
  json.resize(needed - 1);  // the NUL
  return json;
}

// The state hash and the book: what a refused call must leave as it was.
struct Before {
  explicit Before(const baton_org* org) : hash(Hash(org)), book(BookJson(org)) {}
  void Require(const baton_org* org, const char* call, int rc) const {
    if (Hash(org) != hash) Fail((std::string(call) + " (state changed)").c_str(), rc);
    if (BookJson(org) != book) Fail((std::string(call) + " (book changed)").c_str(), rc);
  }
  std::uint64_t hash;
  std::string book;
};

std::string ModelText(const baton_risk_model* model) {
  std::size_t needed = 0;
  const int sized = baton_risk_model_to_text(nullptr, 0, &needed, model);
  if (sized != BATON_EBUFS) Check("baton_risk_model_to_text (size)", sized);
  std::string text(needed, '\0');
  Check("baton_risk_model_to_text",
        baton_risk_model_to_text(text.data(), text.size(), &needed, model));
  text.resize(needed - 1);
  return text;
}

}  // namespace

namespace baton::fuzz {
namespace {

class Session {
 public:
  Session(const std::uint8_t* data, std::size_t size)
      : in_(data, size), dir_(ScratchDir("capi")) {
    Check("baton_org_create", baton_org_create(&org_));
    Check("baton_batch_create", baton_batch_create(&batch_));
    csv_dir_ = ScratchDir("capi/csv");
  }
  ~Session() {
    baton_risk_model_destroy(model_);
    baton_batch_destroy(batch_);
    baton_org_destroy(org_);
  }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void Run() {
    // The opcodes; make_corpus.cpp's Program writes them in this order.
    using Step = void (Session::*)();
    static constexpr Step kSteps[] = {
        &Session::Recreate,    &Session::WriteCsv,     &Session::Import,
        &Session::AddRecord,   &Session::OtherChange,  &Session::Apply,
        &Session::SaveAndLoad, &Session::CorruptBytes, &Session::Reassign,
        &Session::Solve,       &Session::Copy,         &Session::ClearBatch,
        &Session::SetModel,    &Session::SaveModel,    &Session::Score,
        &Session::Handover,    &Session::ApplyStored,  &Session::UndoStored,
        &Session::TaskStatus,  &Session::ReadBook,     &Session::Bytes};
    constexpr int kOps = sizeof kSteps / sizeof kSteps[0];
    for (int steps = 0; steps < 64 && !in_.empty(); ++steps) {
      (this->*kSteps[in_.Small(kOps)])();
    }
  }

 private:
  void ClearBatch() { Check("baton_batch_clear", baton_batch_clear(batch_)); }

  void Recreate() {
    baton_org_destroy(org_);
    org_ = nullptr;
    applied_.clear();
    Check("baton_org_create", baton_org_create(&org_));
  }

  void WriteCsv() {
    const std::vector<std::string>& names = CsvFileNames();
    const std::string& name = names[in_.Small(static_cast<int>(names.size()))];
    WriteFile(csv_dir_ + "/" + name, in_.Bytes(2048));
  }

  void Import() {
    const std::uint64_t before = Hash(org_);
    const int rc =
        Check("baton_org_import_csv", baton_org_import_csv(org_, csv_dir_.c_str()));
    if (rc != BATON_OK) {
      if (!NamesPlace(baton_last_error(), csv_dir_)) Fail("baton_org_import_csv", rc);
      if (Hash(org_) != before) Fail("baton_org_import_csv (state changed)", rc);
      return;
    }
    const std::string out = ScratchDir("capi/export");
    Check("baton_org_export_csv", baton_org_export_csv(org_, out.c_str()));
    baton_org* again = nullptr;
    Check("baton_org_create", baton_org_create(&again));
    Check("baton_org_import_csv (export)", baton_org_import_csv(again, out.c_str()));
    const bool same = Hash(again) == Hash(org_);
    baton_org_destroy(again);
    if (!same) Fail("export -> import (state hash differs)", rc);
  }

  void AddRecord();
  void OtherChange();

  void Apply() {
    const std::uint64_t before = Hash(org_);
    const int rc = Check("baton_org_apply", baton_org_apply(org_, batch_));
    if (rc != BATON_OK && Hash(org_) != before)
      Fail("baton_org_apply (state changed)", rc);
    Check("baton_batch_clear", baton_batch_clear(batch_));
  }

  void SaveAndLoad() {
    const std::string path = dir_ + "/org.baton";
    if (Check("baton_org_save", baton_org_save(org_, path.c_str())) != BATON_OK) return;
    baton_org* loaded = nullptr;
    Check("baton_org_load", baton_org_load(&loaded, path.c_str()));
    const bool same = Hash(loaded) == Hash(org_);
    const bool same_book = BookJson(loaded) == BookJson(org_);
    baton_org_destroy(loaded);
    if (!same) Fail("save -> load (state hash differs)", BATON_OK);
    if (!same_book) Fail("save -> load (handover book differs)", BATON_OK);
  }

  void CorruptBytes();
  void Reassign();
  void ReadPlan(const baton_reassignment* plan);
  void Solve();
  void SolveAndEvaluate(const baton_assignment_problem* problem, std::size_t accounts);

  void Copy() {
    baton_org* copy = nullptr;
    if (Check("baton_org_copy", baton_org_copy(&copy, org_)) != BATON_OK) return;
    if (Hash(copy) != Hash(org_)) Fail("baton_org_copy (state hash differs)", BATON_OK);
    if (BookJson(copy) != BookJson(org_)) Fail("baton_org_copy (book differs)", BATON_OK);
    baton_org_destroy(org_);
    org_ = copy;
  }

  void SetModel();
  void SaveModel();
  void Score();
  struct Scenario;
  void ReadScenario(Scenario* scenario);
  void ReadScores(const baton_risk_scores* scores);
  void Handover();
  void ReadHandover(baton_handover* handover);
  void StoreOrApply(baton_handover* handover);
  void ApplyStored();
  void UndoStored();
  void TaskStatus();
  void ReadBook();
  void Bytes();
  std::string PlanId() {
    return in_.Byte() < 240 ? "H" + std::to_string(in_.Small(4) + 1) : in_.Text();
  }

  Input in_;
  std::string dir_;
  std::string csv_dir_;
  baton_org* org_ = nullptr;
  baton_batch* batch_ = nullptr;
  baton_risk_model* model_ = nullptr;  // NULL: the default
  // Per stored plan applied: the state hash before and after its apply.
  std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> applied_;
};

// One record of a kind chosen by the input, with pooled references.
void Session::AddRecord() {
  const std::string id = in_.Id("tracdpxk"[in_.Small(8)], 6), a = in_.Id('r', 4),
                    b = in_.Id('a', 6), c = in_.Id('c', 4), tier = in_.Id('T', 3);
  const bool update = in_.Byte() >= 200;
  switch (in_.Small(8)) {
    case 0: {
      baton_team_spec s = BATON_TEAM_SPEC_INIT;
      s.id = id.c_str(), s.manager = in_.Byte() & 1 ? a.c_str() : nullptr;
      Check("team",
            (update ? baton_batch_update_team : baton_batch_add_team)(batch_, &s));
      break;
    }
    case 1: {
      baton_rep_spec s = BATON_REP_SPEC_INIT;
      const std::string team = in_.Id('t', 3);
      s.id = a.c_str(), s.team = OrNull(team), s.seniority = in_.Small(6);
      s.capacity = in_.Int(), s.territory = in_.Byte() & 1 ? "north" : nullptr;
      Check("rep", (update ? baton_batch_update_rep : baton_batch_add_rep)(batch_, &s));
      break;
    }
    case 2: {
      baton_tier_spec s = BATON_TIER_SPEC_INIT;
      s.id = tier.c_str(), s.load_weight = in_.Small(7) - 1;
      s.min_seniority = in_.Small(5), s.max_per_rep = in_.Small(4);
      Check("tier",
            (update ? baton_batch_update_tier : baton_batch_add_tier)(batch_, &s));
      break;
    }
    case 3: {
      baton_account_spec s = BATON_ACCOUNT_SPEC_INIT;
      s.id = b.c_str(), s.tier = tier.c_str(), s.owner = OrNull(a);
      s.annual_value = in_.Real() * 1e5, s.renewal_on = in_.Day();
      s.territory = in_.Byte() & 1 ? "north" : nullptr, s.group = OrNull(id);
      Check("account",
            (update ? baton_batch_update_account : baton_batch_add_account)(batch_, &s));
      break;
    }
    case 4: {
      baton_contact_spec s = BATON_CONTACT_SPEC_INIT;
      s.id = c.c_str(), s.account = b.c_str(), s.role = in_.Small(9);
      s.key_player = in_.Small(2), s.attitude = in_.Small(6);
      Check("contact",
            (update ? baton_batch_update_contact : baton_batch_add_contact)(batch_, &s));
      break;
    }
    case 5: {
      baton_relationship_spec s = BATON_RELATIONSHIP_SPEC_INIT;
      s.rep = a.c_str(), s.contact = c.c_str(), s.strength = in_.Real();
      s.depth = in_.Small(7), s.since = in_.Day(), s.last_touch = in_.Day();
      Check("relationship", (update ? baton_batch_update_relationship
                                    : baton_batch_add_relationship)(batch_, &s));
      break;
    }
    case 6: {
      baton_interaction_spec s = BATON_INTERACTION_SPEC_INIT;
      s.on = in_.Day(), s.channel = in_.Small(8), s.rep = a.c_str();
      s.account = b.c_str(), s.contact = in_.Byte() & 1 ? c.c_str() : nullptr;
      Check("interaction", baton_batch_record_interaction(batch_, &s));
      break;
    }
    default: {
      baton_account_team_spec s = BATON_ACCOUNT_TEAM_SPEC_INIT;
      s.account = b.c_str(), s.rep = a.c_str(), s.role = in_.Small(6);
      Check("account team", (update ? baton_batch_update_account_team
                                    : baton_batch_add_account_team)(batch_, &s));
      break;
    }
  }
}

void Session::OtherChange() {
  const std::string rep = in_.Id('r', 4), account = in_.Id('a', 6);
  switch (in_.Small(3)) {
    case 0:
      Check("baton_batch_change_owner",
            baton_batch_change_owner(batch_, account.c_str(), OrNull(rep)));
      break;
    case 1: {
      const std::int32_t on = in_.Day();
      const int to_competitor = in_.Small(2);
      Check("baton_batch_depart",
            baton_batch_depart(batch_, rep.c_str(), on, "Rival", to_competitor));
      break;
    }
    default: {
      const int kind = in_.Small(BATON_KIND_COUNT + 1);
      const std::string id = kind == BATON_KIND_REP ? rep : account;
      Check("baton_batch_remove", baton_batch_remove(batch_, kind, id.c_str(), nullptr));
      break;
    }
  }
}

// The organisation's snapshot bytes with one byte changed: refused with a
// message, or (if the change was harmless) loaded.
void Session::CorruptBytes() {
  std::size_t needed = 0;
  const int sized = baton_org_to_bytes(nullptr, 0, &needed, org_);
  if (sized != BATON_EBUFS && sized != BATON_OK) Check("baton_org_to_bytes", sized);
  std::vector<char> bytes(needed);
  Check("baton_org_to_bytes",
        baton_org_to_bytes(bytes.data(), bytes.size(), &needed, org_));
  const std::size_t at = in_.Word() % (bytes.size() + 1);
  if (at < bytes.size()) bytes[at] = static_cast<char>(bytes[at] ^ (in_.Byte() | 1));
  const std::size_t keep = in_.Byte() < 32 ? at : bytes.size();  // or truncate
  baton_org* loaded = nullptr;
  Check("baton_org_from_bytes", baton_org_from_bytes(&loaded, bytes.data(), keep));
  baton_org_destroy(loaded);
}

// Odd first byte: the snapshot bytes sized and left there; the library keeps
// them for the next baton_org_to_bytes, so every change after this must
// drop them. Even: the bytes, which load to the same organisation and book.
void Session::Bytes() {
  std::size_t needed = 0;
  const int sized = baton_org_to_bytes(nullptr, 0, &needed, org_);
  if (sized != BATON_EBUFS) Check("baton_org_to_bytes (size)", sized);
  if (in_.Byte() & 1) return;
  std::vector<char> bytes(needed);
  Check("baton_org_to_bytes",
        baton_org_to_bytes(bytes.data(), bytes.size(), &needed, org_));
  baton_org* loaded = nullptr;
  const int rc =
      Check("baton_org_from_bytes", baton_org_from_bytes(&loaded, bytes.data(), needed));
  const bool same =
      rc == BATON_OK && Hash(loaded) == Hash(org_) && BookJson(loaded) == BookJson(org_);
  baton_org_destroy(loaded);
  if (!same) Fail("baton_org_to_bytes -> baton_org_from_bytes (not the same)", rc);
}

// A run in a mode chosen by the input; its plan read through every
// accessor, then applied (all or nothing).
void Session::Reassign() {
  const std::string departing = in_.Id('r', 4), excluded = in_.Id('r', 4),
                    pinned = in_.Id('a', 6), team = in_.Id('t', 3);
  const char* leaving[] = {departing.c_str()};
  const char* out[] = {excluded.c_str()};
  const char* pins[] = {pinned.c_str()};
  baton_reassign_options o = BATON_REASSIGN_OPTIONS_INIT;
  o.mode = in_.Small(4);
  o.departing = leaving, o.departing_count = in_.Small(2);
  o.excluded = out, o.excluded_count = in_.Small(2);
  o.pin_accounts = pins, o.pin_count = in_.Small(2);
  o.team = in_.Byte() & 1 ? team.c_str() : nullptr;
  o.today = in_.Day(), o.eligibility = in_.Small(9);
  o.max_moves = in_.Int(), o.max_candidates = in_.Small(30), o.lambda = in_.Small(8);
  o.relationship_points = in_.Int(), o.value_per_point = in_.Real() * 10;
  baton_reassignment* plan = nullptr;
  if (Check("baton_reassign", baton_reassign(&plan, org_, &o, nullptr, nullptr)) !=
      BATON_OK) {
    return;
  }
  ReadPlan(plan);
  const std::uint64_t before = Hash(org_);
  const int rc =
      Check("baton_org_apply_reassignment", baton_org_apply_reassignment(org_, plan));
  baton_reassignment_destroy(plan);
  if (rc != BATON_OK && Hash(org_) != before) {
    Fail("baton_org_apply_reassignment (state changed)", rc);
  }
}

void Session::ReadPlan(const baton_reassignment* plan) {
  baton_reassign_summary summary = BATON_REASSIGN_SUMMARY_INIT;
  Check("baton_reassignment_summary", baton_reassignment_summary(&summary, plan));
  char text[64];
  std::size_t needed = 0;
  for (std::size_t i = 0; i < summary.accounts; ++i) {
    baton_account_reassignment a = BATON_ACCOUNT_REASSIGNMENT_INIT;
    Check("baton_reassignment_account", baton_reassignment_account(&a, plan, i));
    Check("baton_reassignment_account_id",
          baton_reassignment_account_id(text, sizeof text, &needed, plan, i));
    for (std::uint32_t k = 0; k < a.reasons; ++k) {
      const int rc = baton_reassignment_reason(text, sizeof text, &needed, plan, i, k);
      if (rc != BATON_EBUFS) Check("baton_reassignment_reason", rc);
    }
  }
  const int rc =
      baton_reassignment_rep_loads(nullptr, nullptr, nullptr, nullptr, 0, &needed, plan);
  if (rc != BATON_EBUFS) Check("baton_reassignment_rep_loads", rc);
}

// A problem of up to 4 reps, 6 accounts and 12 arcs from the input, solved
// and its plan costed again.
void Session::Solve() {
  const std::size_t reps = in_.Small(5), accounts = in_.Small(7), arcs = in_.Small(13);
  std::vector<std::string> rep_ids, account_ids;
  std::vector<const char*> rep_names, account_names;
  std::vector<std::int64_t> load, capacity, lambda, weight, penalty, cost;
  std::vector<std::uint32_t> arc_account, arc_rep;
  for (std::size_t j = 0; j < reps; ++j) {
    rep_ids.push_back(in_.Id('r', 6));
    load.push_back(in_.Int()), capacity.push_back(in_.Int()), lambda.push_back(in_.Int());
  }
  for (std::size_t i = 0; i < accounts; ++i) {
    account_ids.push_back(in_.Id('a', 8));
    weight.push_back(in_.Int()), penalty.push_back(in_.Int());
  }
  for (std::size_t k = 0; k < arcs; ++k) {
    arc_account.push_back(in_.Small(8)), arc_rep.push_back(in_.Small(6));
    cost.push_back(in_.Int());
  }
  for (const std::string& id : rep_ids) rep_names.push_back(id.c_str());
  for (const std::string& id : account_ids) account_names.push_back(id.c_str());
  baton_assignment_problem* problem = nullptr;
  Check("baton_assignment_problem_create", baton_assignment_problem_create(&problem));
  if (Check("set_reps", baton_assignment_problem_set_reps(
                            problem, rep_names.data(), load.data(), capacity.data(),
                            lambda.data(), reps)) == BATON_OK &&
      Check("set_accounts", baton_assignment_problem_set_accounts(
                                problem, account_names.data(), weight.data(),
                                penalty.data(), accounts)) == BATON_OK &&
      Check("set_arcs",
            baton_assignment_problem_set_arcs(problem, arc_account.data(), arc_rep.data(),
                                              cost.data(), arcs)) == BATON_OK) {
    SolveAndEvaluate(problem, accounts);
  }
  baton_assignment_problem_destroy(problem);
}

void Session::SolveAndEvaluate(const baton_assignment_problem* problem,
                               std::size_t accounts) {
  baton_assignment_solution* solution = nullptr;
  if (Check("baton_assignment_solve",
            baton_assignment_solve(&solution, problem, nullptr, nullptr)) != BATON_OK) {
    return;
  }
  baton_assignment_summary summary = BATON_ASSIGNMENT_SUMMARY_INIT;
  Check("baton_assignment_solution_summary",
        baton_assignment_solution_summary(&summary, solution));
  std::vector<std::uint32_t> rep_of(accounts);
  std::size_t needed = 0;
  Check(
      "baton_assignment_solution_rep_of",
      baton_assignment_solution_rep_of(rep_of.data(), rep_of.size(), &needed, solution));
  baton_assignment_solution_destroy(solution);
  baton_assignment_solution* costed = nullptr;
  Check("baton_assignment_evaluate",
        baton_assignment_evaluate(&costed, problem, rep_of.data(), rep_of.size()));
  baton_assignment_summary again = BATON_ASSIGNMENT_SUMMARY_INIT;
  if (costed != nullptr) {
    Check("baton_assignment_solution_summary",
          baton_assignment_solution_summary(&again, costed));
  }
  baton_assignment_solution_destroy(costed);
  if (costed == nullptr || again.objective != summary.objective) {
    Fail("baton_assignment_evaluate of the solver's plan", BATON_OK);
  }
}

// The session's model: the default, or one read from text in the input
// (whose text must read back to itself), or none (NULL: the default).
void Session::SetModel() {
  baton_risk_model* model = nullptr;
  switch (in_.Small(3)) {
    case 0:
      Check("baton_risk_model_default", baton_risk_model_default(&model));
      break;
    case 1: {
      const std::string text = in_.Bytes(1024);
      const char* expected[] = {"owner_share", "signal:usage"};
      const std::size_t count = in_.Small(3);
      if (Check("baton_risk_model_from_text",
                baton_risk_model_from_text(&model, text.c_str(), expected, count)) !=
          BATON_OK) {
        return;
      }
      const std::string written = ModelText(model);
      baton_risk_model* again = nullptr;
      Check("baton_risk_model_from_text (its text)",
            baton_risk_model_from_text(&again, written.c_str(), nullptr, 0));
      const bool same = again != nullptr && ModelText(again) == written;
      baton_risk_model_destroy(again);
      if (!same) {
        baton_risk_model_destroy(model);
        Fail("risk model text -> model -> text (not the same)", BATON_OK);
      }
      break;
    }
    default:
      break;
  }
  baton_risk_model_destroy(model_);
  model_ = model;
}

// A snapshot carrying the model: the organisation and the model read back.
void Session::SaveModel() {
  baton_risk_model* model = model_;
  if (model == nullptr)
    Check("baton_risk_model_default", baton_risk_model_default(&model));
  const std::string path = dir_ + "/with-model.baton";
  if (Check("baton_org_save_with_risk_model",
            baton_org_save_with_risk_model(org_, model, path.c_str())) == BATON_OK) {
    baton_risk_model* read = nullptr;
    Check("baton_risk_model_from_snapshot",
          baton_risk_model_from_snapshot(&read, path.c_str(), nullptr, 0));
    const bool same_model = read != nullptr && ModelText(read) == ModelText(model);
    baton_risk_model_destroy(read);
    baton_org* loaded = nullptr;
    Check("baton_org_load", baton_org_load(&loaded, path.c_str()));
    const bool same = Hash(loaded) == Hash(org_) && BookJson(loaded) == BookJson(org_);
    baton_org_destroy(loaded);
    if (!same_model) Fail("save with risk model -> model (not the same)", BATON_OK);
    if (!same) Fail("save with risk model -> load (not the same)", BATON_OK);
  }
  if (model != model_) baton_risk_model_destroy(model);
}

// Risk options from the input: the day, up to two leavers, up to two new
// owners, a "usage" signal (one value per account) or none, the reasons kept
// and the threads.
struct Session::Scenario {
  baton_risk_options options = BATON_RISK_OPTIONS_INIT;
  std::vector<std::string> leaver_ids, account_ids, rep_ids;
  std::vector<const char*> leavers, accounts, reps;
  std::vector<std::uint8_t> to_competitor;
  std::vector<double> usage;
  const double* values[1] = {nullptr};
};

void Session::ReadScenario(Scenario* s) {
  baton_risk_options& o = s->options;
  o.as_of = in_.Day();
  const std::size_t leavers = in_.Small(3), owners = in_.Small(3);
  for (std::size_t i = 0; i < leavers; ++i) {
    s->leaver_ids.push_back(in_.Id('r', 4));
    s->to_competitor.push_back(static_cast<std::uint8_t>(in_.Small(2)));
  }
  for (std::size_t i = 0; i < owners; ++i) {
    s->account_ids.push_back(in_.Id('a', 6));
    s->rep_ids.push_back(in_.Byte() & 1 ? in_.Id('r', 4) : std::string());
  }
  for (const std::string& id : s->leaver_ids) s->leavers.push_back(id.c_str());
  for (const std::string& id : s->account_ids) s->accounts.push_back(id.c_str());
  for (const std::string& id : s->rep_ids) s->reps.push_back(id.c_str());
  o.leavers = s->leavers.data(), o.leaver_count = leavers;
  o.to_competitor = in_.Byte() & 1 ? s->to_competitor.data() : nullptr;
  o.owner_accounts = s->accounts.data(), o.owner_reps = s->reps.data();
  o.owner_count = owners;
  if (in_.Byte() & 1) {
    std::size_t count = 0;
    Check("baton_org_count", baton_org_count(&count, org_, BATON_KIND_ACCOUNT));
    for (std::size_t i = 0; i < count; ++i) s->usage.push_back(in_.Real());
    static const char* const kNames[] = {"usage"};
    s->values[0] = s->usage.data();
    o.signal_names = kNames, o.signal_values = s->values, o.signal_count = 1;
  }
  o.reasons = in_.Small(5) - 1;
  o.threads = in_.Small(3);
}

// Every account scored with the session's model; the figures are read
// through every accessor and must be probabilities and finite sums.
void Session::Score() {
  Scenario scenario;
  ReadScenario(&scenario);
  const baton_risk_options& o = scenario.options;
  baton_risk_model* model = model_;
  if (model == nullptr)
    Check("baton_risk_model_default", baton_risk_model_default(&model));
  baton_risk_scores* scores = nullptr;
  if (Check("baton_risk_score", baton_risk_score(&scores, org_, model, &o)) == BATON_OK) {
    ReadScores(scores);
    baton_risk_scores_destroy(scores);
    baton_risk_explanation* explanation = nullptr;
    const std::string account = in_.Id('a', 6);
    if (Check("baton_risk_explain", baton_risk_explain(&explanation, org_, model, &o,
                                                       account.c_str())) == BATON_OK) {
      double risk = 0, logit = 0;
      std::size_t reasons = 0, needed = 0;
      const int sized = baton_risk_explanation_values(nullptr, nullptr, nullptr, nullptr,
                                                      nullptr, 0, &needed, explanation);
      if (sized != BATON_EBUFS) Check("baton_risk_explanation_values (size)", sized);
      std::vector<double> features(needed), contributions(needed);
      Check("baton_risk_explanation_values",
            baton_risk_explanation_values(&risk, &logit, &reasons, features.data(),
                                          contributions.data(), features.size(), &needed,
                                          explanation));
      if (!(risk >= 0 && risk <= 1) || !std::isfinite(logit))
        Fail("baton_risk_explanation_values (not a probability)", BATON_OK);
      char text[32];
      for (std::size_t k = 0; k < reasons; ++k) {
        const int rc =
            baton_risk_explanation_reason(text, sizeof text, &needed, explanation, k);
        if (rc != BATON_EBUFS) Check("baton_risk_explanation_reason", rc);
      }
      baton_risk_explanation_destroy(explanation);
    }
  }
  if (model != model_) baton_risk_model_destroy(model);
}

void Session::ReadScores(const baton_risk_scores* scores) {
  std::size_t needed = 0;
  int rc = baton_risk_scores_accounts(nullptr, nullptr, 0, &needed, scores);
  if (rc != BATON_EBUFS) Check("baton_risk_scores_accounts (size)", rc);
  std::vector<double> risk(needed), at_risk(needed);
  Check("baton_risk_scores_accounts",
        baton_risk_scores_accounts(risk.data(), at_risk.data(), risk.size(), &needed,
                                   scores));
  for (std::size_t i = 0; i < risk.size(); ++i) {
    if (!(risk[i] >= 0 && risk[i] <= 1) || !std::isfinite(at_risk[i]))
      Fail("baton_risk_scores_accounts (not a probability)", BATON_OK);
  }
  rc = baton_risk_scores_reps(nullptr, nullptr, nullptr, nullptr, 0, &needed, scores);
  if (rc != BATON_EBUFS) Check("baton_risk_scores_reps (size)", rc);
  std::vector<std::int64_t> accounts(needed);
  std::vector<double> value(needed), rep_at_risk(needed), sole(needed);
  Check("baton_risk_scores_reps",
        baton_risk_scores_reps(accounts.data(), value.data(), rep_at_risk.data(),
                               sole.data(), accounts.size(), &needed, scores));
  rc = baton_risk_scores_teams(nullptr, nullptr, nullptr, 0, &needed, scores);
  if (rc != BATON_EBUFS) Check("baton_risk_scores_teams (size)", rc);
  double total = 0, total_at_risk = 0;
  Check("baton_risk_scores_totals",
        baton_risk_scores_totals(&total, &total_at_risk, scores));
  if (!std::isfinite(total) || !std::isfinite(total_at_risk))
    Fail("baton_risk_scores_totals (not finite)", BATON_OK);
}

// A handover plan for up to two leavers, on the successors of a
// reassignment for the same departures; read through its accessors, then
// stored in the book, or applied and undone directly, or dropped.
void Session::Handover() {
  const std::int32_t today = in_.Day();
  const std::size_t leavers = in_.Small(2) + 1;
  std::vector<std::string> ids;
  std::vector<std::int32_t> last_days;
  std::vector<std::uint8_t> to_competitor;
  for (std::size_t i = 0; i < leavers; ++i) {
    ids.push_back(in_.Id('r', 4));
    last_days.push_back(in_.Byte() < 250 ? today + in_.Small(60) - 5 : in_.Day());
    to_competitor.push_back(static_cast<std::uint8_t>(in_.Small(2)));
  }
  std::vector<const char*> names;
  for (const std::string& id : ids) names.push_back(id.c_str());
  baton_reassign_options r = BATON_REASSIGN_OPTIONS_INIT;
  r.mode = in_.Small(4), r.today = today;
  r.departing = names.data(), r.departing_count = leavers;
  baton_reassignment* reassignment = nullptr;
  if (Check("baton_reassign",
            baton_reassign(&reassignment, org_, &r, nullptr, nullptr)) != BATON_OK) {
    return;
  }
  baton_handover_options o = BATON_HANDOVER_OPTIONS_INIT;
  o.leavers = names.data(), o.last_days = last_days.data();
  o.to_competitor = in_.Byte() & 1 ? to_competitor.data() : nullptr;
  o.leaver_count = leavers - in_.Small(2) * (leavers - 1);  // sometimes fewer
  o.today = in_.Byte() < 250 ? today : in_.Day();
  baton_handover* handover = nullptr;
  const int rc = Check("baton_handover_plan",
                       baton_handover_plan(&handover, org_, &o, reassignment,
                                           in_.Byte() & 1 ? model_ : nullptr));
  baton_reassignment_destroy(reassignment);
  if (rc != BATON_OK) return;
  ReadHandover(handover);
  StoreOrApply(handover);
  baton_handover_destroy(handover);
}

void Session::ReadHandover(baton_handover* handover) {
  std::size_t needed = 0;
  int rc = baton_handover_accounts(nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
                                   0, &needed, handover);
  if (rc != BATON_EBUFS) Check("baton_handover_accounts (size)", rc);
  std::vector<std::uint32_t> reasons(needed);
  std::vector<double> risk(needed);
  Check("baton_handover_accounts",
        baton_handover_accounts(nullptr, nullptr, nullptr, nullptr, risk.data(),
                                reasons.data(), reasons.size(), &needed, handover));
  char text[48];
  for (std::size_t i = 0; i < reasons.size(); ++i) {
    if (!(risk[i] >= 0 && risk[i] <= 1))
      Fail("baton_handover_accounts (not a probability)", BATON_OK);
    for (std::uint32_t k = 0; k < reasons[i]; ++k) {
      rc = baton_handover_reason(text, sizeof text, &needed, handover, i, k);
      if (rc != BATON_EBUFS) Check("baton_handover_reason", rc);
    }
  }
  rc = baton_handover_tasks(nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
                            nullptr, 0, &needed, handover);
  if (rc != BATON_EBUFS) Check("baton_handover_tasks (size)", rc);
  std::vector<std::uint32_t> details(needed);
  Check("baton_handover_tasks",
        baton_handover_tasks(nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
                             nullptr, details.data(), details.size(), &needed, handover));
  const std::size_t stride = 1 + in_.Small(8);
  for (std::size_t t = 0; t < details.size(); t += stride) {
    rc = baton_handover_task_title(text, sizeof text, &needed, handover, t);
    if (rc != BATON_EBUFS) Check("baton_handover_task_title", rc);
    for (std::uint32_t k = 0; k < details[t]; ++k) {
      rc = baton_handover_task_detail(text, sizeof text, &needed, handover, t, k);
      if (rc != BATON_EBUFS) Check("baton_handover_task_detail", rc);
    }
  }
  if (!details.empty() && in_.Byte() & 1) {
    Check("baton_handover_set_task_status",
          baton_handover_set_task_status(
              handover, in_.Small(static_cast<int>(details.size() + 1)), in_.Small(4)));
  }
}

void Session::StoreOrApply(baton_handover* handover) {
  switch (in_.Small(3)) {
    case 0: {
      const Before before(org_);
      char id[8];
      std::size_t needed = 0;
      const std::size_t cap = in_.Byte() < 32 ? in_.Small(3) : sizeof id;
      const int rc =
          Check("baton_org_store_handover",
                baton_org_store_handover(id, cap, &needed, org_, handover, in_.Int()));
      if (rc != BATON_OK) {
        before.Require(org_, "baton_org_store_handover", rc);
      } else if (Hash(org_) != before.hash ||
                 BookJson(org_).find('"' + std::string(id) + '"') == std::string::npos) {
        Fail("baton_org_store_handover (not in the book, or the state changed)", rc);
      }
      break;
    }
    case 1: {
      const Before before(org_);
      int rc =
          Check("baton_org_apply_handover", baton_org_apply_handover(org_, handover));
      if (rc != BATON_OK) {
        before.Require(org_, "baton_org_apply_handover", rc);
        break;
      }
      if (in_.Byte() & 1) break;
      const Before applied(org_);
      rc = Check("baton_org_undo_handover", baton_org_undo_handover(org_, handover));
      if (rc != BATON_OK) Fail("baton_org_undo_handover right after its apply", rc);
      if (Hash(org_) != before.hash)
        Fail("baton_org_undo_handover (not the state before the apply)", rc);
      break;
    }
    default:
      break;
  }
}

// The stored plan applied: refused, nothing changed; carried out, the book
// says so and the hashes are kept for UndoStored.
void Session::ApplyStored() {
  const std::string plan = PlanId();
  const Before before(org_);
  const int rc = Check("baton_org_apply_stored_handover",
                       baton_org_apply_stored_handover(org_, plan.c_str(), in_.Int()));
  if (rc != BATON_OK) {
    before.Require(org_, "baton_org_apply_stored_handover", rc);
    return;
  }
  absl::StatusOr<HandoverBook> book = HandoverBook::FromJson(BookJson(org_));
  if (!book.ok() || book->Find(plan) == nullptr ||
      book->Find(plan)->state != HandoverState::kApplied) {
    Fail("baton_org_apply_stored_handover (the book does not say applied)", rc);
  }
  applied_[plan] = {before.hash, Hash(org_)};
}

// The stored plan undone: refused, nothing changed; carried out right after
// its apply (the state as the apply left it), the state from before it.
void Session::UndoStored() {
  const std::string plan = PlanId();
  const Before before(org_);
  const int rc = Check("baton_org_undo_stored_handover",
                       baton_org_undo_stored_handover(org_, plan.c_str(), in_.Int()));
  if (rc != BATON_OK) {
    before.Require(org_, "baton_org_undo_stored_handover", rc);
    return;
  }
  const auto it = applied_.find(plan);
  if (it != applied_.end() && it->second.second == before.hash &&
      Hash(org_) != it->second.first) {
    Fail("baton_org_undo_stored_handover (not the state before the apply)", rc);
  }
  absl::StatusOr<HandoverBook> book = HandoverBook::FromJson(BookJson(org_));
  if (!book.ok() || book->Find(plan) == nullptr ||
      book->Find(plan)->state != HandoverState::kUndone) {
    Fail("baton_org_undo_stored_handover (the book does not say undone)", rc);
  }
}

// A task of a stored plan (mostly one the book holds) given a status.
void Session::TaskStatus() {
  const std::string plan = PlanId();
  std::string task = in_.Text();
  absl::StatusOr<HandoverBook> book = HandoverBook::FromJson(BookJson(org_));
  if (!book.ok()) Fail("the book's JSON does not read back", BATON_OK);
  const unsigned pick = in_.Byte();
  if (const StoredHandover* stored = book->Find(plan); stored != nullptr && pick < 240) {
    std::vector<const StoredTask*> tasks;
    for (const StoredAccountHandover& a : stored->accounts)
      for (const StoredTask& t : a.tasks) tasks.push_back(&t);
    for (const StoredLeaver& l : stored->leavers)
      for (const StoredTask& t : l.tasks) tasks.push_back(&t);
    if (!tasks.empty()) task = tasks[pick % tasks.size()]->id;
  }
  const std::int32_t status = in_.Small(4);
  const Before before(org_);
  const int rc = Check("baton_org_set_stored_task_status",
                       baton_org_set_stored_task_status(org_, plan.c_str(), task.c_str(),
                                                        status, in_.Int()));
  if (rc != BATON_OK) {
    before.Require(org_, "baton_org_set_stored_task_status", rc);
  } else if (Hash(org_) != before.hash) {
    Fail("baton_org_set_stored_task_status (state changed)", rc);
  }
}

// The book's JSON: a buffer too small is refused with the size needed and
// nothing written; the JSON reads back to the same JSON.
void Session::ReadBook() {
  const std::string json = BookJson(org_);
  char small[16] = "untouched";
  std::size_t needed = 0;
  const std::size_t cap = in_.Small(sizeof small);
  const int rc = baton_org_handover_book(small, cap, &needed, org_);
  if (needed != json.size() + 1) Fail("baton_org_handover_book (needed)", rc);
  if (cap < needed && rc != BATON_EBUFS) Fail("baton_org_handover_book (EBUFS)", rc);
  if (cap >= needed) Check("baton_org_handover_book", rc);
  absl::StatusOr<HandoverBook> book = HandoverBook::FromJson(json);
  if (!book.ok()) Fail("the book's JSON does not read back", BATON_OK);
  if (book->ToJson() != json) Fail("the book's JSON -> book -> JSON changed", BATON_OK);
}

}  // namespace
}  // namespace baton::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  baton::fuzz::Session session(data, size);
  session.Run();
  return 0;
}
