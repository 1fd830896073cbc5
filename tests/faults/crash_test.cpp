// Snapshot saves killed with SIGKILL at random moments.
//
//   baton_crash_test SCRATCH_DIR
//   BATON_CRASH_TRIALS  number of kills (default 200)
//   BATON_CRASH_SEED    seed of the delays (default 1): the same seed gives
//                       the same delays (where a kill lands still depends on
//                       the machine's speed)
//
// Two generated organisations A and B (different seeds and sizes, snapshots
// of 2 MB, so that a save makes several writes). Each trial forks a
// child that saves over one path, alternating between the one not on disk
// and the one on disk, without end; the parent kills it with SIGKILL after a
// random delay of up to two save cycles, measured before the first trial.
// Then the file must be A or B byte for byte, never anything else; each
// temporary file the killed save left behind (org.snap.tmp.<pid>.<n>: a
// crashed process cannot remove it) must be refused by LoadSnapshot or be a
// complete A or B (killed between the sync and the rename). The temporaries
// are removed before the next trial.
//
// A kill stops the process, not the machine: what completed system calls
// wrote stays in the page cache, so this tests the order of the steps, not
// what a power cut leaves on the disk.
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "baton/org.hpp"
#include "baton/sample.hpp"
#include "baton/snapshot.hpp"
#include "tests/faults/fault_support.hpp"

namespace baton {
namespace {

using faults::Generate;
using faults::ReadFile;

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

long EnvOr(const char* name, long fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::atol(value) : fallback;
}

// Saves first, second, first, ... over `path` until killed.
[[noreturn]] void SaveForever(const Org& first, const Org& second,
                              const std::string& path) {
  for (;;) {
    for (const Org* org : {&first, &second}) {
      const absl::Status status = SaveSnapshot(*org, path);
      if (!status.ok()) {
        std::fprintf(stderr, "child: %s\n", status.ToString().c_str());
        std::_Exit(3);
      }
    }
  }
}

int Run(const std::string& scratch) {
  const long trials = EnvOr("BATON_CRASH_TRIALS", 200);
  const long seed = EnvOr("BATON_CRASH_SEED", 1);
  const std::string dir = scratch + "/crash";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string path = dir + "/org.snap";

  const Org a = Generate(1, 3000);
  const Org b = Generate(2, 3500);
  const std::string a_bytes = *SnapshotToBytes(a);
  const std::string b_bytes = *SnapshotToBytes(b);

  // Both load with their state hashes (so a file equal to one byte for byte
  // is that organisation); saving both, timed, sizes the delays.
  std::chrono::microseconds cycle{0};
  for (const auto& [org, bytes] : {std::pair{&b, &b_bytes}, std::pair{&a, &a_bytes}}) {
    const Clock::time_point start = Clock::now();
    const absl::Status saved = SaveSnapshot(*org, path);
    cycle += std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
    absl::StatusOr<Org> loaded = LoadSnapshot(path);
    if (!saved.ok() || !loaded.ok() || loaded->StateHash() != org->StateHash() ||
        ReadFile(path) != *bytes) {
      std::fprintf(stderr, "FAILED: a clean save and load does not round-trip\n");
      return 1;
    }
  }
  std::printf("A: %zu bytes, B: %zu bytes; saving both takes %.1f ms\n", a_bytes.size(),
              b_bytes.size(), cycle.count() / 1000.0);

  std::mt19937_64 random(static_cast<std::uint64_t>(seed));
  std::uniform_int_distribution<long> delay(0, 2 * cycle.count());
  bool on_disk_is_a = true;
  int failures = 0;
  long changed = 0, stray = 0, stray_complete = 0, stray_refused = 0;
  for (long trial = 0; trial < trials; ++trial) {
    const long wait_us = delay(random);
    const pid_t child = ::fork();
    if (child < 0) {
      std::perror("fork");
      return 2;
    }
    if (child == 0) {
      if (on_disk_is_a) SaveForever(b, a, path);
      SaveForever(a, b, path);
    }
    const timespec pause{wait_us / 1000000, (wait_us % 1000000) * 1000};
    ::nanosleep(&pause, nullptr);
    ::kill(child, SIGKILL);
    int wait_status = 0;
    ::waitpid(child, &wait_status, 0);
    const std::string context = "trial " + std::to_string(trial) + " (killed after " +
                                std::to_string(wait_us) + " us)";
    if (!WIFSIGNALED(wait_status) || WTERMSIG(wait_status) != SIGKILL) {
      std::fprintf(stderr, "FAILED: %s: the child ended on its own (status %d)\n",
                   context.c_str(), wait_status);
      ++failures;
    }

    const std::string bytes = ReadFile(path);
    const bool is_a = bytes == a_bytes, is_b = bytes == b_bytes;
    if (!is_a && !is_b) {
      std::fprintf(stderr, "FAILED: %s: the file is neither A nor B (%zu bytes)\n",
                   context.c_str(), bytes.size());
      ++failures;
      absl::StatusOr<Org> loaded = LoadSnapshot(path);
      std::fprintf(stderr, "  it %s\n",
                   loaded.ok() ? "loads" : loaded.status().ToString().c_str());
      std::ofstream(path, std::ios::binary | std::ios::trunc) << a_bytes;
      on_disk_is_a = true;
    } else {
      if (is_a != on_disk_is_a) ++changed;
      on_disk_is_a = is_a;
    }

    const std::string prefix = "org.snap.tmp." + std::to_string(child) + ".";
    for (const auto& entry : fs::directory_iterator(dir)) {
      const std::string name = entry.path().filename().string();
      if (name == "org.snap") continue;
      ++stray;
      if (name.rfind(prefix, 0) != 0) {
        std::fprintf(stderr, "FAILED: %s: unexpected file %s\n", context.c_str(),
                     name.c_str());
        ++failures;
      }
      const std::string temp = entry.path().string();
      const std::string temp_bytes = ReadFile(temp);
      if (temp_bytes == a_bytes || temp_bytes == b_bytes) {
        ++stray_complete;
      } else if (absl::StatusOr<Org> loaded = LoadSnapshot(temp); loaded.ok()) {
        std::fprintf(stderr, "FAILED: %s: %s (%zu bytes) loads but is neither A nor B\n",
                     context.c_str(), name.c_str(), temp_bytes.size());
        ++failures;
      } else if (absl::IsDataLoss(loaded.status()) ||
                 absl::IsInvalidArgument(loaded.status())) {
        ++stray_refused;
      } else {
        std::fprintf(stderr, "FAILED: %s: %s refused with %s\n", context.c_str(),
                     name.c_str(), loaded.status().ToString().c_str());
        ++failures;
      }
      fs::remove(entry.path());
    }
  }
  fs::remove_all(dir);
  std::printf(
      "%ld kills (seed %ld, delays up to %.1f ms): the file was A or B after every one "
      "unless reported above; it changed %ld times; %ld temporary files left by the "
      "killed saves, %ld of them partial and refused by load, %ld complete; %d "
      "failures\n",
      trials, seed, 2 * cycle.count() / 1000.0, changed, stray, stray_refused,
      stray_complete, failures);
  return failures == 0 ? 0 : 1;
}

}  // namespace
}  // namespace baton

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s SCRATCH_DIR\n", argv[0]);
    return 2;
  }
  return baton::Run(std::filesystem::absolute(argv[1]).string());
}
