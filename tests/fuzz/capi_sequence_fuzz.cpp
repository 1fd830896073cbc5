// Fuzz target: a sequence of C API calls read from the input, one opcode
// byte and its operands at a time: create, import CSV, build and apply
// batches, save and load, snapshot bytes (corrupted on purpose), reassign
// and apply the plan, solve an assignment problem, copy, free. Ids come
// from small pools (r001..r004, a0001..a0006, ...) so that calls meet each other's
// records, or now and then as raw bytes (not UTF-8, too long, empty).
//
// Checked after every call: a failure has a message, never BATON_EINTERNAL;
// a failed import, apply or plan apply leaves the state hash as it was; an
// accepted import names no problem on the way back (export -> import into
// an empty organisation gives the same hash); save -> load and bytes ->
// load give the same hash. Leaks are the sanitizer's to find.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

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
        &Session::Solve,       &Session::Copy,         &Session::ClearBatch};
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
    baton_org_destroy(loaded);
    if (!same) Fail("save -> load (state hash differs)", BATON_OK);
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
    baton_org_destroy(org_);
    org_ = copy;
  }

  Input in_;
  std::string dir_;
  std::string csv_dir_;
  baton_org* org_ = nullptr;
  baton_batch* batch_ = nullptr;
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

}  // namespace
}  // namespace baton::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  baton::fuzz::Session session(data, size);
  session.Run();
  return 0;
}
