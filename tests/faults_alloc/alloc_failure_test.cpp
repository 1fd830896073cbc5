// Allocation failure across the C API's main path: import a tiny organisation
// from CSV, score its risk, offboard a rep, copy the organisation and apply
// the reassignment to the copy, plan the handover, apply it and undo it.
//
// The program replaces every global operator new and new[] (plain, nothrow,
// aligned, aligned nothrow) and, outside ASan, malloc, calloc and realloc,
// with versions that count the allocations made while a run is armed and
// fail the k-th (throwing std::bad_alloc, or returning NULL with ENOMEM);
// one inside Abseil's hash tables is spared and the next one fails instead
// (InsideAbseilTable says why).
// First a clean run counts the allocations N and records what each step
// gives; then for k = 1, 1 + stride, ... up to N, the sequence runs again
// with allocation k failing. Each step must then either succeed with the
// clean run's results (the failure was absorbed) or fail with BATON_ENOMEM
// and a message of its own, leaving every organisation's state hash, every
// output handle and the handover's state as they were. The failed step is
// then retried and the rest run without faults, which must give the clean
// run's results: a failure leaves nothing behind that changes what follows.
// Allocations not yet freed after each run (operator new's, counted here)
// must be as many as before it; under ASan, LeakSanitizer checks the rest
// at exit.
//
// Usage: baton_alloc_failure_test TINY_DIR [--mode once|from] [--stride S]
//                                 [--first K] [--fork] [--fail-in-abseil]
//   --mode once  only allocation k fails (the default);
//   --mode from  allocation k and every later one of the step fail, which
//                also proves that reporting the failure needs no memory.
//   --stride S   try every S-th k (default 1, or $BATON_ALLOC_STRIDE);
//   --first K    start at k = K;
//   --fork       each run in a child process, so that one that crashes is
//                reported and the rest still run (for diagnosis);
//   --fail-in-abseil  fail allocations inside Abseil's hash tables too (see
//                InsideAbseilTable: these crash in Abseil itself).
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "baton.h"

#if BATON_HAVE_LIBBACKTRACE
#include <backtrace.h>
#endif

// ---- the allocation hook ----------------------------------------------------

#if defined(__SANITIZE_ADDRESS__)
#define BATON_HOOK_MALLOC 0  // ASan owns malloc; only operator new is hooked
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BATON_HOOK_MALLOC 0
#endif
#endif
#ifndef BATON_HOOK_MALLOC
#define BATON_HOOK_MALLOC 1
#endif

#if BATON_HOOK_MALLOC
// glibc's own allocator under its internal names: malloc below is the
// process's malloc (glibc calls it too, e.g. in fopen), and forwards here.
extern "C" {
void* __libc_malloc(std::size_t size);
void* __libc_calloc(std::size_t count, std::size_t size);
void* __libc_realloc(void* ptr, std::size_t size);
void* __libc_memalign(std::size_t alignment, std::size_t size);
void __libc_free(void* ptr);
}
#endif

namespace hook {

enum class Mode { kOnce, kFromOn };

std::atomic<bool> armed{false};
std::atomic<std::uint64_t> seen{0};     // allocations while armed
std::atomic<std::uint64_t> fail_at{0};  // 0: none fails
std::atomic<std::uint64_t> injected{0};
std::atomic<std::uint64_t> spared{0};  // failures not injected: inside Abseil
std::atomic<std::int64_t> live{0};     // operator new blocks not yet deleted
Mode mode = Mode::kOnce;
bool fail_in_abseil = false;  // --fail-in-abseil
thread_local bool t_inside = false;

#if BATON_HAVE_LIBBACKTRACE
// Debian's Abseil (20220623) cannot survive an allocation failing inside
// its hash tables (abseil/abseil-cpp#1581, open upstream): resize() sets
// the new capacity before allocating, and an insert marks its slot full
// before constructing the element, so after the bad_alloc the table's
// destructor frees Abseil's static empty group or destroys slots that hold
// nothing (free(): invalid pointer). No caller can make that safe, so such
// allocations are not failed; the fault moves on to the next allocation
// (counted as "spared"). The stack, inlined frames included, comes from the
// executable's debug information through libbacktrace, which allocates
// with mmap, not malloc.
backtrace_state* g_backtrace = nullptr;

bool NamesAbseilTable(const char* text) {
  return text != nullptr &&
         (std::strstr(text, "absl/container/internal/raw_hash") ||
          std::strstr(text, "absl/container/flat_hash") ||
          std::strstr(text, "absl/container/node_hash") ||
          std::strstr(text, "raw_hash_set") || std::strstr(text, "raw_hash_map"));
}
void SymbolName(void* data, std::uintptr_t, const char* symbol, std::uintptr_t,
                std::uintptr_t) {
  if (NamesAbseilTable(symbol)) *static_cast<bool*>(data) = true;
}
void IgnoreError(void*, const char*, int);
// A frame's file, or (for the frames whose line information libbacktrace
// does not find, as for some template instances) its ELF symbol's name.
int InAbseilTable(void* data, std::uintptr_t pc, const char* file, int,
                  const char* function) {
  bool& inside = *static_cast<bool*>(data);
  if (NamesAbseilTable(file) || NamesAbseilTable(function)) inside = true;
  if (!inside && file == nullptr)
    backtrace_syminfo(g_backtrace, pc, SymbolName, IgnoreError, data);
  return inside ? 1 : 0;
}
void IgnoreError(void*, const char*, int) {}

bool InsideAbseilTable() {
  if (g_backtrace == nullptr || fail_in_abseil) return false;
  bool inside = false;
  backtrace_full(g_backtrace, 2, InAbseilTable, IgnoreError, &inside);
  return inside;
}
void InitStacks(const char* program) {
  g_backtrace = backtrace_create_state(program, /*threaded=*/1, IgnoreError, nullptr);
  InsideAbseilTable();  // reads the debug information once, up front
}
#else
bool InsideAbseilTable() { return false; }
void InitStacks(const char*) {}
#endif

// Counts an allocation; true if it is to fail. Never allocates itself: the
// importer's reading thread allocates too, and the stack is read only for
// an allocation about to fail.
bool ShouldFail() noexcept {
  if (!armed.load(std::memory_order_relaxed) || t_inside) return false;
  const std::uint64_t n = seen.fetch_add(1, std::memory_order_relaxed) + 1;
  const std::uint64_t at = fail_at.load(std::memory_order_relaxed);
  if (at == 0 || n < at) return false;
  // kOnce: the first allocation from `at` on that may fail, then no more.
  if (mode == Mode::kOnce && injected.load(std::memory_order_relaxed) != 0) return false;
  t_inside = true;
  const bool spare = InsideAbseilTable();
  t_inside = false;
  if (spare) {
    spared.fetch_add(1, std::memory_order_relaxed);
    return false;
  }
  injected.fetch_add(1, std::memory_order_relaxed);
  return true;
}

void* RawMalloc(std::size_t size) noexcept {
#if BATON_HOOK_MALLOC
  return __libc_malloc(size);
#else
  return std::malloc(size);
#endif
}

void* RawAligned(std::size_t size, std::size_t alignment) noexcept {
#if BATON_HOOK_MALLOC
  return __libc_memalign(alignment, size);
#else
  void* p = nullptr;
  return posix_memalign(&p, alignment, size) == 0 ? p : nullptr;
#endif
}

void RawFree(void* p) noexcept {
#if BATON_HOOK_MALLOC
  __libc_free(p);
#else
  std::free(p);
#endif
}

void* New(std::size_t size, std::size_t alignment) noexcept {
  if (ShouldFail()) return nullptr;
  if (size == 0) size = 1;
  void* p = alignment <= alignof(std::max_align_t) ? RawMalloc(size)
                                                   : RawAligned(size, alignment);
  if (p != nullptr) live.fetch_add(1, std::memory_order_relaxed);
  return p;
}

void Delete(void* p) noexcept {
  if (p == nullptr) return;
  live.fetch_sub(1, std::memory_order_relaxed);
  RawFree(p);
}

void* NewOrThrow(std::size_t size, std::size_t alignment) {
  void* p = New(size, alignment);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}

}  // namespace hook

// Every replaceable allocation function ([new.delete]): a program that
// replaces some must replace the matching deallocation functions too.
void* operator new(std::size_t n) { return hook::NewOrThrow(n, 0); }
void* operator new[](std::size_t n) { return hook::NewOrThrow(n, 0); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  return hook::New(n, 0);
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
  return hook::New(n, 0);
}
void* operator new(std::size_t n, std::align_val_t a) {
  return hook::NewOrThrow(n, static_cast<std::size_t>(a));
}
void* operator new[](std::size_t n, std::align_val_t a) {
  return hook::NewOrThrow(n, static_cast<std::size_t>(a));
}
void* operator new(std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
  return hook::New(n, static_cast<std::size_t>(a));
}
void* operator new[](std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
  return hook::New(n, static_cast<std::size_t>(a));
}
void operator delete(void* p) noexcept { hook::Delete(p); }
void operator delete[](void* p) noexcept { hook::Delete(p); }
void operator delete(void* p, std::size_t) noexcept { hook::Delete(p); }
void operator delete[](void* p, std::size_t) noexcept { hook::Delete(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { hook::Delete(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { hook::Delete(p); }
void operator delete(void* p, std::align_val_t) noexcept { hook::Delete(p); }
void operator delete[](void* p, std::align_val_t) noexcept { hook::Delete(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { hook::Delete(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept {
  hook::Delete(p);
}
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept {
  hook::Delete(p);
}
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept {
  hook::Delete(p);
}

#if BATON_HOOK_MALLOC
extern "C" {
void* malloc(std::size_t size) {
  if (hook::ShouldFail()) {
    errno = ENOMEM;
    return nullptr;
  }
  return __libc_malloc(size);
}
void* calloc(std::size_t count, std::size_t size) {
  if (hook::ShouldFail()) {
    errno = ENOMEM;
    return nullptr;
  }
  return __libc_calloc(count, size);
}
void* realloc(void* ptr, std::size_t size) {
  if (hook::ShouldFail()) {
    errno = ENOMEM;
    return nullptr;  // `ptr` stays valid, as a failed realloc leaves it
  }
  return __libc_realloc(ptr, size);
}
void free(void* ptr) { __libc_free(ptr); }
}
#endif

// ---- the sequence -----------------------------------------------------------

namespace {

int g_failures = 0;

#define EXPECT(cond, ...)                                             \
  do {                                                                \
    if (!(cond)) {                                                    \
      std::fprintf(stderr, "%s:%d: %s: ", __FILE__, __LINE__, #cond); \
      std::fprintf(stderr, __VA_ARGS__);                              \
      std::fputc('\n', stderr);                                       \
      ++g_failures;                                                   \
    }                                                                 \
  } while (false)

// The run's calls fail here only when allocations are armed; these set-up
// and read-out calls run disarmed and must not fail.
#define MUST(call)                                                               \
  do {                                                                           \
    const int rc_ = (call);                                                      \
    if (rc_ != BATON_OK) {                                                       \
      std::fprintf(stderr, "%s:%d: %s gave %s: %s\n", __FILE__, __LINE__, #call, \
                   baton_status_name(rc_), baton_last_error());                  \
      std::exit(2);                                                              \
    }                                                                            \
  } while (false)

// 2026-11-01 and 2026-11-30, days since 1970-01-01.
constexpr std::int32_t kToday = 20758;
constexpr std::int32_t kLastDay = 20787;
const char* const kLeaver = "r002";

enum Step {
  kCreate,
  kImport,
  kModel,
  kScore,
  kReassign,
  kCopy,
  kApplyReassignment,
  kHandoverPlan,
  kApplyHandover,
  kUndoHandover,
  kStepCount
};
const char* const kStepNames[kStepCount] = {"baton_org_create",
                                            "baton_org_import_csv",
                                            "baton_risk_model_default",
                                            "baton_risk_score",
                                            "baton_reassign",
                                            "baton_org_copy",
                                            "baton_org_apply_reassignment",
                                            "baton_handover_plan",
                                            "baton_org_apply_handover",
                                            "baton_org_undo_handover"};

struct Handles {
  baton_org* org = nullptr;
  baton_org* copy = nullptr;  // gets the reassignment
  baton_risk_model* model = nullptr;
  baton_risk_scores* scores = nullptr;
  baton_reassignment* plan = nullptr;
  baton_handover* handover = nullptr;

  ~Handles() {
    baton_handover_destroy(handover);
    baton_reassignment_destroy(plan);
    baton_risk_scores_destroy(scores);
    baton_risk_model_destroy(model);
    baton_org_destroy(copy);
    baton_org_destroy(org);
  }
};

// FNV-1a over what a step produced.
class Digest {
 public:
  void Bytes(const void* data, std::size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < n; ++i) h_ = (h_ ^ p[i]) * 0x100000001b3ull;
  }
  template <typename T>
  void Add(const T& value) {
    Bytes(&value, sizeof value);
  }
  template <typename T>
  void Array(const std::vector<T>& values) {
    Add(values.size());
    if (!values.empty()) Bytes(values.data(), values.size() * sizeof(T));
  }
  void Text(const char* text) { Bytes(text, std::strlen(text) + 1); }
  std::uint64_t value() const { return h_; }

 private:
  std::uint64_t h_ = 0xcbf29ce484222325ull;
};

std::uint64_t StateHash(const baton_org* org) {
  std::uint64_t hash = 0;
  if (org != nullptr) MUST(baton_org_state_hash(&hash, org));
  return hash;
}

// Reads a string through the (buf, cap, needed) convention.
template <typename Read>
void AddText(Digest& d, Read read) {
  char buf[1024];
  std::size_t needed = 0;
  MUST(read(buf, sizeof buf, &needed));
  d.Text(buf);
}

std::uint64_t ScoresDigest(const baton_risk_scores* scores) {
  Digest d;
  std::size_t n = 0;
  baton_risk_scores_accounts(nullptr, nullptr, 0, &n, scores);
  std::vector<double> risk(n), at_risk(n);
  MUST(baton_risk_scores_accounts(risk.data(), at_risk.data(), n, nullptr, scores));
  d.Array(risk), d.Array(at_risk);
  double value = 0, value_at_risk = 0;
  MUST(baton_risk_scores_totals(&value, &value_at_risk, scores));
  d.Add(value), d.Add(value_at_risk);
  return d.value();
}

std::uint64_t PlanDigest(const baton_reassignment* plan) {
  Digest d;
  baton_reassign_summary s = BATON_REASSIGN_SUMMARY_INIT;
  MUST(baton_reassignment_summary(&s, plan));
  d.Add(s.outcome), d.Add(s.objective), d.Add(s.lower_bound), d.Add(s.moves);
  d.Add(s.unassigned), d.Add(s.accounts), d.Add(s.reps), d.Add(s.state_hash);
  for (std::size_t i = 0; i < s.accounts; ++i) {
    baton_account_reassignment a = BATON_ACCOUNT_REASSIGNMENT_INIT;
    MUST(baton_reassignment_account(&a, plan, i));
    d.Add(a.account), d.Add(a.from), d.Add(a.to), d.Add(a.total), d.Add(a.reasons);
    for (std::uint32_t k = 0; k < a.reasons; ++k) {
      AddText(d, [&](char* b, std::size_t c, std::size_t* n) {
        return baton_reassignment_reason(b, c, n, plan, i, k);
      });
    }
    AddText(d, [&](char* b, std::size_t c, std::size_t* n) {
      return baton_reassignment_to_rep_id(b, c, n, plan, i);
    });
  }
  return d.value();
}

std::uint64_t HandoverDigest(const baton_handover* h) {
  Digest d;
  std::size_t n = 0;
  baton_handover_accounts(nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, 0, &n, h);
  std::vector<std::uint32_t> account(n), successor(n), reasons(n);
  std::vector<double> risk(n);
  MUST(baton_handover_accounts(account.data(), nullptr, successor.data(), nullptr,
                               risk.data(), reasons.data(), n, nullptr, h));
  d.Array(account), d.Array(successor), d.Array(risk), d.Array(reasons);
  baton_handover_tasks(nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
                       nullptr, 0, &n, h);
  std::vector<std::int32_t> kind(n), due(n), status(n);
  std::vector<std::uint32_t> rep(n), details(n);
  MUST(baton_handover_tasks(nullptr, nullptr, kind.data(), nullptr, rep.data(),
                            due.data(), status.data(), details.data(), n, nullptr, h));
  d.Array(kind), d.Array(due), d.Array(status), d.Array(rep), d.Array(details);
  for (std::size_t t = 0; t < n; ++t) {
    AddText(d, [&](char* b, std::size_t c, std::size_t* need) {
      return baton_handover_task_title(b, c, need, h, t);
    });
    for (std::uint32_t k = 0; k < details[t]; ++k) {
      AddText(d, [&](char* b, std::size_t c, std::size_t* need) {
        return baton_handover_task_detail(b, c, need, h, t, k);
      });
    }
  }
  std::int32_t state = -1;
  MUST(baton_handover_state(&state, h));
  d.Add(state);
  return d.value();
}

std::int32_t HandoverState(const baton_handover* h) {
  std::int32_t state = -1;
  if (h != nullptr) MUST(baton_handover_state(&state, h));
  return state;
}

// What a step produced, to compare with the clean run.
std::uint64_t DigestOf(Step step, const Handles& h) {
  Digest d;
  switch (step) {
    case kCreate:
    case kImport:
    case kApplyHandover:
    case kUndoHandover:
      d.Add(StateHash(h.org));
      d.Add(HandoverState(h.handover));
      break;
    case kModel: {
      AddText(d, [&](char* b, std::size_t c, std::size_t* n) {
        return baton_risk_model_to_text(b, c, n, h.model);
      });
      break;
    }
    case kScore:
      d.Add(ScoresDigest(h.scores));
      break;
    case kReassign:
      d.Add(PlanDigest(h.plan));
      break;
    case kCopy:
    case kApplyReassignment:
      d.Add(StateHash(h.copy));
      break;
    case kHandoverPlan:
      d.Add(HandoverDigest(h.handover));
      break;
    case kStepCount:
      break;
  }
  return d.value();
}

struct Inputs {
  std::string directory;
  const char* leavers[1] = {kLeaver};
  std::int32_t last_days[1] = {kLastDay};
  std::uint8_t to_competitor[1] = {1};
  baton_risk_options risk = BATON_RISK_OPTIONS_INIT;
  baton_reassign_options reassign = BATON_REASSIGN_OPTIONS_INIT;
  baton_handover_options handover = BATON_HANDOVER_OPTIONS_INIT;

  explicit Inputs(std::string dir) : directory(std::move(dir)) {
    risk.as_of = kToday;
    risk.threads = 1;
    reassign.departing = leavers;
    reassign.departing_count = 1;
    reassign.today = kToday;
    handover.leavers = leavers;
    handover.last_days = last_days;
    handover.to_competitor = to_competitor;
    handover.leaver_count = 1;
    handover.today = kToday;
  }
};

// The call of a step. Output handles are only written on success, so each
// is still NULL when the call fails (checked by the caller).
int Call(Step step, Handles& h, const Inputs& in) {
  switch (step) {
    case kCreate:
      return baton_org_create(&h.org);
    case kImport:
      return baton_org_import_csv(h.org, in.directory.c_str());
    case kModel:
      return baton_risk_model_default(&h.model);
    case kScore:
      return baton_risk_score(&h.scores, h.org, h.model, &in.risk);
    case kReassign:
      return baton_reassign(&h.plan, h.org, &in.reassign, nullptr, nullptr);
    case kCopy:
      return baton_org_copy(&h.copy, h.org);
    case kApplyReassignment:
      return baton_org_apply_reassignment(h.copy, h.plan);
    case kHandoverPlan:
      return baton_handover_plan(&h.handover, h.org, &in.handover, h.plan, h.model);
    case kApplyHandover:
      return baton_org_apply_handover(h.org, h.handover);
    case kUndoHandover:
      return baton_org_undo_handover(h.org, h.handover);
    case kStepCount:
      break;
  }
  return BATON_EINTERNAL;
}

// The output handle a step creates, if any.
const void* OutputOf(Step step, const Handles& h) {
  switch (step) {
    case kCreate:
      return h.org;
    case kModel:
      return h.model;
    case kScore:
      return h.scores;
    case kReassign:
      return h.plan;
    case kCopy:
      return h.copy;
    case kHandoverPlan:
      return h.handover;
    default:
      return nullptr;
  }
}

// Everything a failed call must leave as it was.
struct Observed {
  std::uint64_t org = 0, copy = 0;
  std::int32_t handover_state = -1;
  bool operator==(const Observed& o) const {
    return org == o.org && copy == o.copy && handover_state == o.handover_state;
  }
};
Observed Observe(const Handles& h) {
  return {StateHash(h.org), StateHash(h.copy), HandoverState(h.handover)};
}

constexpr char kSentinel[] = "baton_org_count: out is NULL";

struct Tally {
  std::uint64_t failed[kStepCount] = {};    // k whose step failed cleanly
  std::uint64_t absorbed[kStepCount] = {};  // k the step survived
  std::uint64_t spared = 0;                 // faults moved past allocations inside Abseil
  int step = -1;                            // the step running now
};

// One run with allocation `k` failing (0: none). Returns the allocations
// the armed calls made; `*grown` receives the operator new blocks live
// after the run less those before it.
std::uint64_t RunOnce(std::uint64_t k, const Inputs& in, std::uint64_t* clean,
                      Tally* tally, std::int64_t* grown) {
  const std::int64_t live_before = hook::live.load();
  hook::seen = 0;
  hook::injected = 0;
  hook::spared = 0;
  hook::fail_at = k;
  bool faulting = true;  // until a step has failed; then no more faults
  {
    Handles h;
    for (int s = 0; s < kStepCount; ++s) {
      const Step step = static_cast<Step>(s);
      if (tally != nullptr) tally->step = s;
      const Observed before = Observe(h);
      baton_org_count(nullptr, nullptr, BATON_KIND_REP);  // the sentinel message
      const std::uint64_t injected_before = hook::injected.load();
      hook::armed = faulting;
      const int rc = Call(step, h, in);
      hook::armed = false;
      const bool hit = hook::injected.load() != injected_before;
      if (rc != BATON_OK) {
        const char* message = baton_last_error();
        EXPECT(hit, "k=%llu: %s failed without an injected fault: %s: %s",
               static_cast<unsigned long long>(k), kStepNames[s], baton_status_name(rc),
               message);
        EXPECT(rc == BATON_ENOMEM, "k=%llu: %s gave %s, not BATON_ENOMEM: %s",
               static_cast<unsigned long long>(k), kStepNames[s], baton_status_name(rc),
               message);
        EXPECT(std::strcmp(message, kSentinel) != 0 && std::strstr(message, "memory"),
               "k=%llu: %s: the message does not say why: \"%s\"",
               static_cast<unsigned long long>(k), kStepNames[s], message);
        EXPECT(OutputOf(step, h) == nullptr, "k=%llu: %s failed but set its output",
               static_cast<unsigned long long>(k), kStepNames[s]);
        const Observed after = Observe(h);
        EXPECT(after == before,
               "k=%llu: %s failed and changed state: org %016llx -> %016llx, copy "
               "%016llx -> %016llx, handover %d -> %d",
               static_cast<unsigned long long>(k), kStepNames[s],
               static_cast<unsigned long long>(before.org),
               static_cast<unsigned long long>(after.org),
               static_cast<unsigned long long>(before.copy),
               static_cast<unsigned long long>(after.copy), before.handover_state,
               after.handover_state);
        if (tally != nullptr) ++tally->failed[s];
        // The same call again, now with memory, must do what it does in
        // the clean run: the failure left nothing half done behind.
        faulting = false;
        const int retry = Call(step, h, in);
        if (retry != BATON_OK) {
          EXPECT(false, "k=%llu: %s failed again without faults: %s: %s",
                 static_cast<unsigned long long>(k), kStepNames[s],
                 baton_status_name(retry), baton_last_error());
          break;
        }
      } else if (hit && tally != nullptr) {
        ++tally->absorbed[s];
      }
      const std::uint64_t digest = DigestOf(step, h);
      if (k == 0) {
        clean[s] = digest;
      } else {
        EXPECT(digest == clean[s], "k=%llu: %s%s gives other results than the clean run",
               static_cast<unsigned long long>(k), kStepNames[s],
               rc == BATON_OK ? " (the fault absorbed)" : " (retried)");
      }
    }
  }
  if (tally != nullptr) tally->spared += hook::spared.load();

  *grown = hook::live.load() - live_before;
  return hook::seen.load();
}

// RunOnce, and no more blocks live after it than before. A run that ends
// with more is run again: the first to reach a path may set up what is
// kept for good (Abseil's table of strerror texts, made on the first error
// from errno, is 107 blocks); a leak grows again.
std::uint64_t RunChecked(std::uint64_t k, const Inputs& in, std::uint64_t* clean,
                         Tally* tally) {
  std::int64_t grown = 0;
  const std::uint64_t seen = RunOnce(k, in, clean, tally, &grown);
  if (grown != 0) {
    Tally again;
    RunOnce(k, in, clean, &again, &grown);
    EXPECT(grown == 0,
           "k=%llu: %lld operator new blocks more after the run than before (a leak)",
           static_cast<unsigned long long>(k), static_cast<long long>(grown));
  }
  return seen;
}

std::uint64_t ParseCount(const char* text, const char* what) {
  char* end = nullptr;
  const unsigned long long value = std::strtoull(text, &end, 10);
  if (end == text || *end != '\0' || value == 0) {
    std::fprintf(stderr, "%s must be a positive whole number, got \"%s\"\n", what, text);
    std::exit(2);
  }
  return value;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr,
                 "usage: %s TINY_DIR [--mode once|from] [--stride S]\n"
                 "  (--stride defaults to $BATON_ALLOC_STRIDE, else 1)\n",
                 argv[0]);
    return 2;
  }
  std::uint64_t stride = 1, first = 1;
  bool fork_each = false;
  int max_failures = 50;
  if (const char* env = std::getenv("BATON_ALLOC_STRIDE"); env != nullptr && *env) {
    stride = ParseCount(env, "BATON_ALLOC_STRIDE");
  }
  for (int i = 2; i < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--fork") {
      fork_each = true, max_failures = 1 << 30;
      --i;
      continue;
    }
    if (flag == "--fail-in-abseil") {
      hook::fail_in_abseil = true;
      --i;
      continue;
    }
    if (i + 1 == argc) {
      std::fprintf(stderr, "%s needs a value\n", argv[i]);
      return 2;
    }
    if (flag == "--mode" && std::strcmp(argv[i + 1], "once") == 0) {
      hook::mode = hook::Mode::kOnce;
    } else if (flag == "--mode" && std::strcmp(argv[i + 1], "from") == 0) {
      hook::mode = hook::Mode::kFromOn;
    } else if (flag == "--stride") {
      stride = ParseCount(argv[i + 1], "--stride");
    } else if (flag == "--first") {
      first = ParseCount(argv[i + 1], "--first");
    } else {
      std::fprintf(stderr, "unknown argument %s %s\n", argv[i], argv[i + 1]);
      return 2;
    }
  }
  hook::InitStacks("/proc/self/exe");

  const Inputs inputs(argv[1]);
  const auto start = std::chrono::steady_clock::now();

  // Twice clean: the first run initialises what the library sets up once
  // (and keeps), the second counts and records the results.
  std::uint64_t clean[kStepCount] = {};
  std::int64_t grown = 0;
  RunOnce(0, inputs, clean, nullptr, &grown);
  const std::uint64_t total = RunOnce(0, inputs, clean, nullptr, &grown);
  EXPECT(grown == 0, "the clean run leaves %lld blocks more than before",
         static_cast<long long>(grown));
  if (g_failures != 0 || total == 0) {
    std::fprintf(stderr, "the clean run failed (%llu allocations)\n",
                 static_cast<unsigned long long>(total));
    return 1;
  }

  // With --fork each run is a child process sharing the tally, so that a
  // run that crashes is reported (with its k and step) and the others still
  // run: for finding every failing k at once.
  static Tally in_process;
  Tally* tally = &in_process;
  if (fork_each) {
    void* shared = mmap(nullptr, sizeof(Tally), PROT_READ | PROT_WRITE,
                        MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED) return 2;
    tally = new (shared) Tally;
  }
  std::uint64_t tried = 0, last = 0, crashed = 0;
  // Up to the clean run's count, and on until a run hits no fault: the
  // importer's second thread may make the count differ a little.
  for (std::uint64_t k = first;; k += stride) {
    const int failures_before = g_failures;
    std::uint64_t seen = 0;
    bool injected = false;
    if (fork_each) {
      std::fflush(nullptr);
      const pid_t child = fork();
      if (child == 0) {
        g_failures = 0;
        RunChecked(k, inputs, clean, tally);
        std::fflush(nullptr);
        // The hook's counts, for the parent's stopping rule.
        const bool more = hook::injected.load() != 0 || hook::seen.load() >= k;
        std::_Exit((g_failures != 0 ? 1 : 0) | (more ? 2 : 0));
      }
      int status = 0;
      waitpid(child, &status, 0);
      if (WIFEXITED(status)) {
        if ((WEXITSTATUS(status) & 1) != 0) ++g_failures;
        injected = (WEXITSTATUS(status) & 2) != 0;
        seen = injected ? k : 0;
      } else {
        ++g_failures, ++crashed, injected = true, seen = k;
        std::fprintf(stderr, "k=%llu: the run crashed (signal %d) in %s\n",
                     static_cast<unsigned long long>(k),
                     WIFSIGNALED(status) ? WTERMSIG(status) : 0,
                     tally->step >= 0 ? kStepNames[tally->step] : "?");
      }
    } else {
      seen = RunChecked(k, inputs, clean, tally);
      injected = hook::injected.load() != 0;
    }
    ++tried;
    last = k;
    if (g_failures != failures_before && g_failures > max_failures) {
      std::fprintf(stderr, "too many failures; stopping at k=%llu\n",
                   static_cast<unsigned long long>(k));
      break;
    }
    if (k > total && !injected && seen < k) break;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::printf(
      "%s mode, malloc %s: %llu allocations in the clean run; %llu runs (k = 1..%llu, "
      "stride %llu) in %.1f s\n",
      hook::mode == hook::Mode::kOnce ? "once" : "from",
      BATON_HOOK_MALLOC ? "hooked" : "not hooked (ASan)",
      static_cast<unsigned long long>(total), static_cast<unsigned long long>(tried),
      static_cast<unsigned long long>(last), static_cast<unsigned long long>(stride),
      seconds);
  std::printf("faults moved past an allocation inside Abseil's hash tables: %llu%s\n",
              static_cast<unsigned long long>(tally->spared),
              BATON_HAVE_LIBBACKTRACE ? "" : " (no libbacktrace: none recognised)");
  std::printf("%-30s %10s %10s\n", "step", "failed", "absorbed");
  for (int s = 0; s < kStepCount; ++s) {
    std::printf("%-30s %10llu %10llu\n", kStepNames[s],
                static_cast<unsigned long long>(tally->failed[s]),
                static_cast<unsigned long long>(tally->absorbed[s]));
  }
  if (g_failures != 0) {
    std::printf("FAILED: %d checks (%llu runs crashed)\n", g_failures,
                static_cast<unsigned long long>(crashed));
    return 1;
  }
  std::printf("every run ended in success or BATON_ENOMEM with the state as before\n");
  return 0;
}
