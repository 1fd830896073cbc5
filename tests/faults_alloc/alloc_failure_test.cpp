// Allocation failure across the C API: the sequence of calls in
// alloc_steps.cpp (import, score, offboard, reassign, plan and apply a
// handover; the stored handover book; snapshots to a file and to bytes;
// batches that remove and update records; risk model fitting; an
// assignment problem), run again and again with the k-th allocation failing
// (alloc_hook.cpp replaces operator new and, outside ASan, malloc).
//
// First a clean run counts the allocations N and records what each step
// gives; then for k = 1, 1 + stride, ... up to N, the sequence runs again
// with allocation k failing. Each step must then either succeed with the
// clean run's results (the failure was absorbed) or fail with BATON_ENOMEM
// and a message of its own, leaving every organisation's state hash and
// handover book, every batch, every output handle and the handover's state
// as they were. The failed step is then retried and the rest run without
// faults, which must give the clean run's results: a failure leaves nothing
// behind that changes what follows. Allocations not yet freed after each
// run (operator new's, counted here) must be as many as before it; under
// ASan, LeakSanitizer checks the rest at exit.
//
// Usage: baton_alloc_failure_test DATA_DIR [--mode once|from] [--stride S]
//                                 [--first K] [--last L] [--fork]
//                                 [--fail-in-abseil]
//   DATA_DIR     holds tiny/ (the organisation's CSV files),
//                tiny_training.csv and tiny_assignment/ (tests/faults_alloc);
//   --mode once  only allocation k fails (the default);
//   --mode from  allocation k and every later one of the step fail, which
//                also proves that reporting the failure needs no memory.
//   --stride S   try every S-th k (default 1, or $BATON_ALLOC_STRIDE);
//   --first K    start at k = K;
//   --last L     stop after k = L;
//   --fork       each run in a child process, so that one that crashes is
//                reported and the rest still run (for diagnosis);
//   --fail-in-abseil  fail allocations inside Abseil's hash tables too (see
//                alloc_hook.cpp: these crash in Abseil itself).
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>

#include <dirent.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "alloc_hook.hpp"
#include "alloc_steps.hpp"
#include "baton.h"

namespace {

using steps::kStepCount;
using steps::kSteps;

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

constexpr char kSentinel[] = "baton_org_count: out is NULL";

using steps::Handles;
using steps::Inputs;
using steps::Observed;

struct Tally {
  std::uint64_t failed[steps::kMaxSteps] = {};    // k whose step failed cleanly
  std::uint64_t absorbed[steps::kMaxSteps] = {};  // k the step survived
  std::uint64_t spared = 0;  // faults moved past allocations inside Abseil
  int step = -1;             // the step running now
};

// The allocations of each step in the clean run.
std::uint64_t g_clean_allocations[steps::kMaxSteps] = {};

unsigned long long U(std::uint64_t n) { return static_cast<unsigned long long>(n); }

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
    for (std::size_t s = 0; s < kStepCount; ++s) {
      const steps::Step& step = kSteps[s];
      if (tally != nullptr) tally->step = static_cast<int>(s);
      const Observed before = steps::Observe(h, step);
      baton_org_count(nullptr, nullptr, BATON_KIND_REP);  // the sentinel message
      const std::uint64_t injected_before = hook::injected.load();
      const std::uint64_t seen_before = hook::seen.load();
      hook::armed = faulting;
      const int rc = step.call(h, in);
      hook::armed = false;
      if (k == 0) g_clean_allocations[s] = hook::seen.load() - seen_before;
      const bool hit = hook::injected.load() != injected_before;
      if (rc != step.expected) {
        const char* message = baton_last_error();
        EXPECT(hit, "k=%llu: %s failed without an injected fault: %s: %s", U(k),
               step.name, baton_status_name(rc), message);
        EXPECT(rc == BATON_ENOMEM, "k=%llu: %s gave %s, not BATON_ENOMEM: %s", U(k),
               step.name, baton_status_name(rc), message);
        EXPECT(std::strcmp(message, kSentinel) != 0 && std::strstr(message, "memory"),
               "k=%llu: %s: the message does not say why: \"%s\"", U(k), step.name,
               message);
        EXPECT(step.output(h) == nullptr, "k=%llu: %s failed but set its output", U(k),
               step.name);
        const Observed after = steps::Observe(h, step);
        EXPECT(after == before,
               "k=%llu: %s failed and changed state: org %016llx -> %016llx, copy "
               "%016llx -> %016llx, book %016llx -> %016llx, handover %d -> %d, "
               "batches %zu, %zu -> %zu, %zu",
               U(k), step.name, U(before.org), U(after.org), U(before.copy),
               U(after.copy), U(before.book), U(after.book), before.handover_state,
               after.handover_state, before.removals, before.updates, after.removals,
               after.updates);
        if (tally != nullptr) ++tally->failed[s];
        // The same call again, now with memory, must do what it does in
        // the clean run: the failure left nothing half done behind.
        faulting = false;
        const int retry = step.call(h, in);
        if (retry != step.expected) {
          EXPECT(false, "k=%llu: %s failed again without faults: %s: %s", U(k), step.name,
                 baton_status_name(retry), baton_last_error());
          break;
        }
      } else if (hit && tally != nullptr) {
        ++tally->absorbed[s];
      }
      steps::Digest digest;
      step.result(digest, h);
      if (k == 0) {
        clean[s] = digest.value();
      } else {
        EXPECT(digest.value() == clean[s],
               "k=%llu: %s%s gives other results than the clean run", U(k), step.name,
               rc == step.expected ? " (the fault absorbed)" : " (retried)");
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

// The k after `k`: every `stride`-th allocation of each step, counted from
// the step's first, so that every step that allocates is tried at least
// once whatever the stride; then every k past the clean run's count.
std::uint64_t NextK(std::uint64_t k, std::uint64_t stride) {
  std::uint64_t offset = 0;  // allocations of the steps before
  for (std::size_t s = 0; s < kStepCount; ++s) {
    const std::uint64_t end = offset + g_clean_allocations[s];
    if (k <= end) return k + stride <= end ? k + stride : end + 1;
    offset = end;
  }
  return k + 1;
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

// A directory of its own for the snapshot file, removed at the end.
struct Scratch {
  std::string path;
  Scratch() {
    char name[] = "/tmp/baton-alloc-XXXXXX";
    if (mkdtemp(name) == nullptr) {
      std::perror("mkdtemp");
      std::exit(2);
    }
    path = name;
  }
  ~Scratch() {
    // The snapshot, and whatever an interrupted save left beside it.
    if (DIR* dir = opendir(path.c_str())) {
      while (const dirent* entry = readdir(dir)) {
        if (std::strcmp(entry->d_name, ".") == 0 || std::strcmp(entry->d_name, "..") == 0)
          continue;
        unlink((path + "/" + entry->d_name).c_str());
      }
      closedir(dir);
    }
    rmdir(path.c_str());
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr,
                 "usage: %s DATA_DIR [--mode once|from] [--stride S] [--first K] [--last "
                 "L] [--fork]\n"
                 "  (--stride defaults to $BATON_ALLOC_STRIDE, else 1)\n",
                 argv[0]);
    return 2;
  }
  std::uint64_t stride = 1, first = 1, last_k = 0;  // 0: to the end
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
    } else if (flag == "--last") {
      last_k = ParseCount(argv[i + 1], "--last");
    } else {
      std::fprintf(stderr, "unknown argument %s %s\n", argv[i], argv[i + 1]);
      return 2;
    }
  }
  hook::InitStacks("/proc/self/exe");

  const Scratch scratch;
  const Inputs inputs(argv[1], scratch.path);
  const auto start = std::chrono::steady_clock::now();

  // Twice clean: the first run initialises what the library sets up once
  // (and keeps), the second counts and records the results.
  std::uint64_t clean[steps::kMaxSteps] = {};
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
  for (std::uint64_t k = first;; k = NextK(k, stride)) {
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
                     tally->step >= 0 ? kSteps[tally->step].name : "?");
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
    if (last_k != 0 && NextK(k, stride) > last_k) break;
  }
  const std::uint64_t steps_tried =
      std::count_if(g_clean_allocations, g_clean_allocations + kStepCount,
                    [](std::uint64_t n) { return n > 0; });
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::printf(
      "%s mode, malloc %s: %llu allocations in the clean run, in %zu steps (%llu of "
      "which allocate); %llu runs (k = %llu..%llu, stride %llu within each step, from "
      "its first allocation) in %.1f s\n",
      hook::mode == hook::Mode::kOnce ? "once" : "from",
      BATON_HOOK_MALLOC ? "hooked" : "not hooked (ASan)", U(total), kStepCount,
      U(steps_tried), U(tried), U(first), U(last), U(stride), seconds);
  std::printf("faults moved past an allocation inside Abseil's hash tables: %llu%s\n",
              static_cast<unsigned long long>(tally->spared),
              BATON_HAVE_LIBBACKTRACE ? "" : " (no libbacktrace: none recognised)");
  std::printf("%-36s %11s %10s %10s\n", "step", "allocations", "failed", "absorbed");
  for (std::size_t s = 0; s < kStepCount; ++s) {
    std::printf("%-36s %11llu %10llu %10llu\n", kSteps[s].name, U(g_clean_allocations[s]),
                U(tally->failed[s]), U(tally->absorbed[s]));
  }
  if (g_failures != 0) {
    std::printf("FAILED: %d checks (%llu runs crashed)\n", g_failures,
                static_cast<unsigned long long>(crashed));
    return 1;
  }
  std::printf("every run ended in success or BATON_ENOMEM with the state as before\n");
  return 0;
}
