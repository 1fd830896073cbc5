// Snapshot save and load under injected I/O faults (io_fault_shim.c, linked
// into this program).
//
//   baton_io_fault_test save|load|export|all SCRATCH_DIR
//
// save: a clean save of organisation B over a snapshot of A is traced first,
// which gives every call a save makes (open, write x n, pwrite, fsync, close,
// rename, then the directory's open, fsync, close). Then, for each call name
// c, each k up to the number of c calls in that trace, and each kind of fault
// (EIO, ENOSPC, EINTR; for calls that move bytes also a short transfer and a
// zero return), B is saved over A again with the k-th c call faulted. Checks:
//   - the fault fired;
//   - a failed save has a message naming the file and the errno's text; a
//     save that succeeded wrote B;
//   - EIO or ENOSPC on the temporary file or the rename fails the save; on
//     the directory sync after the rename it does not (the new file is in
//     place by then: harmless); a short write, or EINTR on write/pwrite,
//     must not fail it;
//   - the file is A byte for byte after a failure, B after success, and
//     loads with A's or B's state hash;
//   - nothing else is left in the directory and no descriptor leaks.
// Then each call once more with EIO and no old snapshot at all: a failed
// first save leaves the directory empty.
// load: the same over LoadSnapshot of B, with and without mmap (without it
// the payload comes through read()): every fault gives an error with a
// message naming the file, or (a short read, EINTR on read, a failed mmap,
// which falls back to read, or a failed close of the read-only file) the
// right organisation; never a wrong one. Then every partial file a save can
// leave on the way (a prefix at each write boundary, and B's header over a
// truncated or zeroed payload) is rejected.
// export: as save, for ExportCsv of B over a directory holding A's export
// (eleven temporaries opened, written, synced and closed, then the
// directory opened for its lock, eleven renames, the directory's fsync and
// close). Checks as for save, and: the status carries the errno as its
// "baton.errno" payload (what the C API maps to BATON_EIO); every file is
// A's byte for byte after a failure before the renames (after a failed
// rename #k, the k-1 renamed before it are B's: the message says which),
// B's after success, and then imports with B's state hash; no temporary is
// left. The clean trace must show every temporary synced and closed before
// the first rename and the directory synced after the last. Then two
// threads export to one directory at once, B and B (the same names: the
// temporaries must not collide) and C and B (one whole export must win;
// the shim pauses renames unevenly so that one export can overtake the
// other): both succeed and the directory holds one export exactly.
//
// Exit status 0 if every check held; each failed check is printed (with
// BATON_FAULT_VERBOSE set, also the calls of a save that failed a check).
#include <dirent.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "baton/csv.hpp"
#include "baton/org.hpp"
#include "baton/sample.hpp"
#include "baton/snapshot.hpp"
#include "tests/faults/fault_support.hpp"
#include "tests/faults/io_fault_shim.h"

namespace baton {
namespace {

using faults::Generate;
using faults::ReadFile;

namespace fs = std::filesystem;

int g_failures = 0;
int g_checks = 0;

void Check(bool ok, const std::string& what, const std::string& context) {
  ++g_checks;
  if (ok) return;
  ++g_failures;
  std::fprintf(stderr, "FAILED: %s: %s\n", context.c_str(), what.c_str());
}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) {
    std::fprintf(stderr, "cannot write %s\n", path.c_str());
    std::exit(2);
  }
}

std::vector<std::string> Entries(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::string Join(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : " ") + name;
  return out;
}

int OpenDescriptors() {
  int n = 0;
  if (DIR* dir = ::opendir("/proc/self/fd")) {
    while (::readdir(dir) != nullptr) ++n;
    ::closedir(dir);
  }
  return n;
}

std::string KindName(int kind) {
  if (kind == IO_FAULT_SHORT) return "short";
  if (kind == IO_FAULT_ZERO) return "zero";
  if (kind == EIO) return "EIO";
  if (kind == ENOSPC) return "ENOSPC";
  if (kind == EINTR) return "EINTR";
  return std::to_string(kind);
}

bool MovesBytes(const std::string& call) {
  return call == "write" || call == "pwrite" || call == "read";
}

// A clean run's calls: name and path of each, in order.
struct Call {
  std::string name;
  std::string path;
  long result;
};

std::vector<Call> Trace() {
  std::vector<Call> calls;
  for (std::size_t i = 0; i < io_fault_trace_size(); ++i)
    calls.push_back(
        {io_fault_trace_call(i), io_fault_trace_path(i), io_fault_trace_result(i)});
  return calls;
}

// The path of the k-th (1-based) call named `name`.
std::string PathOfCall(const std::vector<Call>& trace, const std::string& name, long k) {
  for (const Call& call : trace) {
    if (call.name == name && --k == 0) return call.path;
  }
  return "";
}

std::map<std::string, long> CountByName(const std::vector<Call>& trace) {
  std::map<std::string, long> counts;
  for (const Call& call : trace) ++counts[call.name];
  return counts;
}

// Runs `trial(call, k, kind, first)` for every call of the clean trace and
// every kind of fault it can take, then EIO on each call of a first write
// (no old file). Returns how many trials ran.
int FaultEveryCall(
    const std::vector<Call>& clean,
    const std::function<void(const std::string&, long, int, bool)>& trial) {
  int trials = 0;
  for (const auto& [call, count] : CountByName(clean)) {
    std::vector<int> kinds = {EIO, ENOSPC, EINTR};
    if (MovesBytes(call)) kinds.insert(kinds.end(), {IO_FAULT_SHORT, IO_FAULT_ZERO});
    for (long k = 1; k <= count; ++k) {
      for (int kind : kinds) trial(call, k, kind, false), ++trials;
    }
  }
  for (const auto& [call, count] : CountByName(clean)) {
    for (long k = 1; k <= count; ++k) trial(call, k, EIO, true), ++trials;
  }
  return trials;
}

std::string Describe(const std::vector<Call>& trace) {
  std::string out;
  for (const Call& call : trace) {
    out +=
        "  " + call.name + "(" + call.path + ") = " + std::to_string(call.result) + "\n";
  }
  return out;
}

struct Fixture {
  Org a;
  Org b;
  std::string a_bytes;
  std::string b_bytes;
};

// Two organisations whose snapshots take several 1 MiB writes.
Fixture MakeFixture() {
  Fixture f{Generate(1, 1500), Generate(2, 2000), "", ""};
  f.a_bytes = *SnapshotToBytes(f.a);
  f.b_bytes = *SnapshotToBytes(f.b);
  return f;
}

// Checks that `path` holds `expected` exactly and loads with `hash`.
void CheckFileIs(const std::string& path, const std::string& expected, std::uint64_t hash,
                 const std::string& which, const std::string& context) {
  const std::string bytes = ReadFile(path);
  Check(bytes == expected,
        "file is not " + which + " byte for byte (" + std::to_string(bytes.size()) +
            " bytes, " + which + " has " + std::to_string(expected.size()) + ")",
        context);
  absl::StatusOr<Org> loaded = LoadSnapshot(path);
  Check(loaded.ok(), "file does not load: " + loaded.status().ToString(), context);
  if (loaded.ok())
    Check(loaded->StateHash() == hash, "loads with a state hash other than " + which,
          context);
}

// ---- save --------------------------------------------------------------------

// `first`: there is no old snapshot, and a failed save must leave none.
void SaveTrial(const Fixture& f, const std::string& dir, const std::vector<Call>& clean,
               const std::string& call, long k, int kind, bool first = false) {
  const std::string path = dir + "/org.snap";
  const std::string context = std::string(first ? "first save, " : "save, ") + call +
                              " #" + std::to_string(k) + " " + KindName(kind) + " (" +
                              PathOfCall(clean, call, k) + ")";
  fs::remove_all(dir);
  fs::create_directory(dir);
  if (!first) WriteFile(path, f.a_bytes);
  const int descriptors = OpenDescriptors();
  const int failures_before = g_failures;

  if (io_fault_arm(call.c_str(), k, kind, 1, (dir + "/").c_str()) != 0) {
    Check(false, "cannot arm the shim", context);
    return;
  }
  // As in a program where nothing has failed yet: a stale errno must not
  // decide what a failed call reports.
  errno = 0;
  const absl::Status status = SaveSnapshot(f.b, path);
  const long fired = io_fault_fired();
  const std::vector<Call> trace = Trace();
  io_fault_disarm();

  Check(fired == 1, "the fault fired " + std::to_string(fired) + " times", context);
  const std::string target = PathOfCall(clean, call, k);
  // After the rename the new file is in place; the directory's sync only
  // makes the rename durable, and a failure there is not reported.
  const bool harmless = !target.empty() && target.back() == '/';
  const bool error = kind > 0 && kind != EINTR;
  const std::string message(status.message());
  if (error && !harmless) {
    Check(!status.ok(), "save succeeded despite the fault", context);
  }
  if (harmless || kind == IO_FAULT_SHORT ||
      (kind == EINTR && (call == "write" || call == "pwrite"))) {
    Check(status.ok(), "save failed: " + status.ToString(), context);
  }
  if (!status.ok()) {
    Check(message.find(path) != std::string::npos,
          "message does not name the file: " + message, context);
    // A write that moves nothing is an I/O error.
    const int reported = kind == IO_FAULT_ZERO ? EIO : kind;
    if (reported > 0) {
      Check(message.find(std::strerror(reported)) != std::string::npos,
            "message does not give the error (" + std::string(std::strerror(reported)) +
                "): " + message,
            context);
    }
    if (!first)
      CheckFileIs(path, f.a_bytes, f.a.StateHash(), "the old snapshot A", context);
  } else {
    CheckFileIs(path, f.b_bytes, f.b.StateHash(), "the new snapshot B", context);
  }
  const std::vector<std::string> entries = Entries(dir);
  const std::vector<std::string> expected = first && !status.ok()
                                                ? std::vector<std::string>{}
                                                : std::vector<std::string>{"org.snap"};
  Check(entries == expected,
        "directory holds " + Join(entries) + ", not " +
            (expected.empty() ? "nothing" : "just org.snap"),
        context);
  std::printf("%-60s %s\n", context.c_str(),
              status.ok()
                  ? "saved B"
                  : ((first ? "error, no file: " : "error, A kept: ") + message).c_str());
  Check(OpenDescriptors() == descriptors, "a file descriptor leaked", context);
  if (g_failures > failures_before && std::getenv("BATON_FAULT_VERBOSE") != nullptr) {
    std::fprintf(stderr, "%s: %s\n%s", context.c_str(), status.ToString().c_str(),
                 Describe(trace).c_str());
  }
}

void RunSave(const Fixture& f, const std::string& scratch) {
  const std::string dir = scratch + "/save";
  fs::remove_all(dir);
  fs::create_directory(dir);
  const std::string path = dir + "/org.snap";
  WriteFile(path, f.a_bytes);
  io_fault_arm("none", 1, 0, 1, (dir + "/").c_str());
  const absl::Status clean_status = SaveSnapshot(f.b, path);
  const std::vector<Call> clean = Trace();
  io_fault_disarm();
  Check(clean_status.ok(), "clean save failed: " + clean_status.ToString(),
        "save, clean");
  CheckFileIs(path, f.b_bytes, f.b.StateHash(), "B", "save, clean");
  std::printf("a clean save of %zu bytes over %zu makes %zu calls:\n%s", f.b_bytes.size(),
              f.a_bytes.size(), clean.size(), Describe(clean).c_str());

  const int before = g_failures;
  // The last trials are first saves to a path: a failure leaves nothing there.
  const int trials =
      FaultEveryCall(clean, [&](const std::string& call, long k, int kind, bool first) {
        SaveTrial(f, dir, clean, call, k, kind, first);
      });
  fs::remove_all(dir);
  std::printf("save: %d faulted saves, %d failed checks\n", trials, g_failures - before);
}

// ---- load --------------------------------------------------------------------

void LoadTrial(const Fixture& f, const std::string& dir, bool no_mmap,
               const std::string& call, long k, int kind) {
  const std::string path = dir + "/org.snap";
  const std::string context = std::string(no_mmap ? "load without mmap, " : "load, ") +
                              call + " #" + std::to_string(k) + " " + KindName(kind);
  const int descriptors = OpenDescriptors();
  io_fault_set_no_mmap(no_mmap);
  if (io_fault_arm(call.c_str(), k, kind, 1, (dir + "/").c_str()) != 0) {
    Check(false, "cannot arm the shim", context);
    return;
  }
  errno = 0;
  absl::StatusOr<Org> loaded = LoadSnapshot(path);
  const long fired = io_fault_fired();
  io_fault_disarm();
  io_fault_set_no_mmap(0);

  Check(fired == 1, "the fault fired " + std::to_string(fired) + " times", context);
  // Faults the loader recovers from: a short read and EINTR on read are
  // retried, a failed mmap falls back to read(), and the close of a file
  // only read has nothing to lose.
  const bool recoverable =
      (call == "read" && (kind == IO_FAULT_SHORT || kind == EINTR)) || call == "mmap" ||
      call == "close";
  if (recoverable) {
    Check(loaded.ok(), "load failed: " + loaded.status().ToString(), context);
  }
  if (loaded.ok()) {
    Check(loaded->StateHash() == f.b.StateHash(), "loaded an organisation other than B",
          context);
  } else {
    const std::string message(loaded.status().message());
    Check(message.find(path) != std::string::npos,
          "message does not name the file: " + message, context);
    // A read that moves nothing where the file has more is an I/O error,
    // not a truncated file.
    const int reported = kind == IO_FAULT_ZERO ? EIO : kind;
    if (reported > 0) {
      Check(message.find(std::strerror(reported)) != std::string::npos,
            "message does not give the error (" + std::string(std::strerror(reported)) +
                "): " + message,
            context);
    }
  }
  std::printf(
      "%-45s %s\n", context.c_str(),
      loaded.ok() ? "loaded B" : ("error: " + loaded.status().ToString()).c_str());
  Check(OpenDescriptors() == descriptors, "a file descriptor leaked", context);
  Check(ReadFile(path) == f.b_bytes, "load changed the file", context);
}

void RunLoad(const Fixture& f, const std::string& scratch) {
  const std::string dir = scratch + "/load";
  fs::remove_all(dir);
  fs::create_directory(dir);
  const std::string path = dir + "/org.snap";
  WriteFile(path, f.b_bytes);

  const int before = g_failures;
  int trials = 0;
  for (bool no_mmap : {false, true}) {
    io_fault_set_no_mmap(no_mmap);
    io_fault_arm("none", 1, 0, 1, (dir + "/").c_str());
    absl::StatusOr<Org> clean_load = LoadSnapshot(path);
    const std::vector<Call> clean = Trace();
    io_fault_disarm();
    io_fault_set_no_mmap(0);
    const std::string what = no_mmap ? "load without mmap" : "load";
    Check(clean_load.ok() && clean_load->StateHash() == f.b.StateHash(),
          "clean load failed", what);
    std::printf("a clean %s makes %zu calls:\n%s", what.c_str(), clean.size(),
                Describe(clean).c_str());
    for (const auto& [call, count] : CountByName(clean)) {
      if (no_mmap && call == "mmap") continue;  // already refused by the shim
      std::vector<int> kinds = {EIO, EINTR};
      if (MovesBytes(call)) kinds.insert(kinds.end(), {IO_FAULT_SHORT, IO_FAULT_ZERO});
      for (long k = 1; k <= count; ++k) {
        for (int kind : kinds) {
          LoadTrial(f, dir, no_mmap, call, k, kind);
          ++trials;
        }
      }
    }
  }
  std::printf("load: %d faulted loads, %d failed checks\n", trials, g_failures - before);
}

// Every file a save can leave on the way to B, short of the complete one.
void RunPartialFiles(const Fixture& f, const std::string& scratch) {
  const std::string dir = scratch + "/partial";
  fs::remove_all(dir);
  fs::create_directory(dir);
  const std::string path = dir + "/org.snap";

  // The write boundaries of a clean save of B.
  io_fault_arm("none", 1, 0, 1, (dir + "/").c_str());
  const absl::Status saved = SaveSnapshot(f.b, path);
  const std::vector<Call> trace = Trace();
  io_fault_disarm();
  Check(saved.ok(), "clean save failed", "partial files");
  std::vector<std::size_t> boundaries;
  std::size_t offset = 0;
  for (const Call& call : trace) {
    if (call.name != "write") continue;
    offset += static_cast<std::size_t>(call.result);
    boundaries.push_back(offset);
  }
  Check(boundaries.size() >= 3, "fewer than three writes in a save", "partial files");

  const std::size_t header = 32;  // kSnapshotHeaderSize
  std::vector<std::pair<std::string, std::string>> partials;
  const std::string zero_header(header, '\0');
  for (std::size_t end : boundaries) {
    // Before the header is written at the end: a blank header.
    partials.push_back({"blank header, " + std::to_string(end) + " bytes",
                        zero_header + f.b_bytes.substr(header, end - header)});
    // The final header over a payload cut at the same place.
    if (end < f.b_bytes.size())
      partials.push_back(
          {"B's header, " + std::to_string(end) + " bytes", f.b_bytes.substr(0, end)});
  }
  partials.push_back(
      {"B's header, payload never written (zeros)",
       f.b_bytes.substr(0, header) + std::string(f.b_bytes.size() - header, '\0')});
  // One 4 KiB page of the payload lost (zeros), at eight places, as a crash
  // of the machine could leave the file if data were not synced before the
  // rename. Some of these decode and validate: only the checksum tells.
  for (std::size_t i = 1; i <= 8; ++i) {
    std::string hole = f.b_bytes;
    const std::size_t at = (header + i * (hole.size() - header) / 9) / 4096 * 4096;
    std::fill(hole.begin() + at, hole.begin() + at + 4096, '\0');
    partials.push_back({"B with the 4 KiB at " + std::to_string(at) + " zeroed", hole});
  }
  partials.push_back({"B, half a header", f.b_bytes.substr(0, header / 2)});
  partials.push_back({"empty", ""});

  for (const auto& [name, bytes] : partials) {
    WriteFile(path, bytes);
    absl::StatusOr<Org> loaded = LoadSnapshot(path);
    const bool refused = !loaded.ok() && (absl::IsDataLoss(loaded.status()) ||
                                          absl::IsInvalidArgument(loaded.status()));
    Check(refused,
          "partial file accepted or refused with the wrong code: " +
              (loaded.ok() ? std::string("loaded") : loaded.status().ToString()),
          "partial file: " + name);
  }
  fs::remove_all(dir);
  std::printf("partial files: %zu refused as they must be\n", partials.size());
}

// ---- export -------------------------------------------------------------------

// A directory's regular files: name to bytes.
using Files = std::map<std::string, std::string>;

Files ReadDirectory(const std::string& dir) {
  Files files;
  for (const std::string& name : Entries(dir)) files[name] = ReadFile(dir + "/" + name);
  return files;
}

void WriteDirectory(const std::string& dir, const Files& files) {
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto& [name, bytes] : files) WriteFile(dir + "/" + name, bytes);
}

// The export of `org`, made without the shim armed.
Files ExportOf(const Org& org, const std::string& dir) {
  fs::remove_all(dir);
  const absl::Status status = ExportCsv(org, dir);
  if (!status.ok()) {
    std::fprintf(stderr, "cannot export: %s\n", status.ToString().c_str());
    std::exit(2);
  }
  Files files = ReadDirectory(dir);
  fs::remove_all(dir);
  return files;
}

std::string BaseName(const std::string& path) {
  return path.substr(path.find_last_of('/') + 1);
}

// The file a traced call was about: its path without a ".tmp.<pid>.<n>".
std::string TargetFile(const std::string& path) {
  return path.substr(0, path.find(".tmp."));
}

// What the directory must hold after an export of B over `old` (A's files,
// or none) that returned `status`: B's file wherever a rename happened (all
// eleven after success; before a failed rename #k, the k-1 renamed first),
// the old file or none elsewhere, and never a temporary.
Files ExpectedAfterExport(const Files& old, const Files& b,
                          const std::vector<Call>& clean, const absl::Status& status,
                          const std::string& call, long k) {
  Files expected = old;
  const long renamed =
      status.ok() ? CountByName(clean)["rename"] : (call == "rename" ? k - 1 : 0);
  for (long i = 1; i <= renamed; ++i) {
    const std::string name = BaseName(PathOfCall(clean, "rename", i));
    expected[name] = b.at(name);
  }
  return expected;
}

// Which files of `actual` differ from `expected`, and which are extra or
// missing: "" if none.
std::string Difference(const Files& expected, const Files& actual, const Files& a,
                       const Files& b) {
  std::string out;
  for (const auto& [name, bytes] : actual) {
    const auto want = expected.find(name);
    if (want == expected.end()) {
      out += " extra " + name;
    } else if (bytes != want->second) {
      const std::string is = a.count(name) != 0 && a.at(name) == bytes   ? "A's"
                             : b.count(name) != 0 && b.at(name) == bytes ? "B's"
                                                                         : "neither";
      out += " " + name + " is " + is;
    }
  }
  for (const auto& [name, bytes] : expected) {
    if (actual.count(name) == 0) out += " missing " + name;
  }
  return out;
}

// A as for save; B with 2,500 accounts, enough for its interactions.csv to
// take two 1 MiB writes, so that a fault can come after a file's first.
struct ExportFixture {
  const Org* a;
  Org b;
  Files a_files;  // A's export
  Files b_files;  // B's export
};

void CheckExportError(const absl::Status& status, const std::string& target, int kind,
                      const std::string& context) {
  const std::string message(status.message());
  Check(message.find(target) != std::string::npos,
        "message does not name " + target + ": " + message, context);
  // A write that moves nothing is an I/O error.
  const int reported = kind == IO_FAULT_ZERO ? EIO : kind;
  if (reported <= 0) return;
  Check(message.find(std::strerror(reported)) != std::string::npos,
        "message does not give the error (" + std::string(std::strerror(reported)) +
            "): " + message,
        context);
  // What the C API reads to give BATON_EIO for ENOSPC (capi/errors.cpp).
  const auto payload = status.GetPayload("baton.errno");
  Check(payload.has_value() && std::string(*payload) == std::to_string(reported),
        "no baton.errno payload of " + std::to_string(reported), context);
}

// `first`: there is no old export, and a failed one must leave no file.
void ExportTrial(const ExportFixture& f, const std::string& dir,
                 const std::vector<Call>& clean, const std::string& call, long k,
                 int kind, bool first = false) {
  const std::string target = TargetFile(PathOfCall(clean, call, k));
  const std::string context =
      std::string(first ? "first export, " : "export, ") + call + " #" +
      std::to_string(k) + " " + KindName(kind) + " (" +
      (!target.empty() && target.back() == '/' ? "directory" : BaseName(target)) + ")";
  const Files old = first ? Files{} : f.a_files;
  WriteDirectory(dir, old);
  const int descriptors = OpenDescriptors();
  const int failures_before = g_failures;
  if (io_fault_arm(call.c_str(), k, kind, 1, (dir + "/").c_str()) != 0) {
    Check(false, "cannot arm the shim", context);
    return;
  }
  errno = 0;
  const absl::Status status = ExportCsv(f.b, dir);
  const long fired = io_fault_fired();
  const std::vector<Call> trace = Trace();
  io_fault_disarm();

  Check(fired == 1, "the fault fired " + std::to_string(fired) + " times", context);
  // The directory's open (for its lock), fsync and close: best effort.
  const bool harmless = !target.empty() && target.back() == '/';
  const bool error = kind > 0 && kind != EINTR;
  if (error && !harmless)
    Check(!status.ok(), "export succeeded despite the fault", context);
  if (harmless || kind == IO_FAULT_SHORT || (kind == EINTR && call == "write")) {
    Check(status.ok(), "export failed: " + status.ToString(), context);
  }
  if (!status.ok()) CheckExportError(status, target, kind, context);

  const Files actual = ReadDirectory(dir);
  const std::string difference =
      Difference(ExpectedAfterExport(old, f.b_files, clean, status, call, k), actual,
                 f.a_files, f.b_files);
  Check(difference.empty(), "directory not as it must be:" + difference, context);
  if (status.ok()) {
    Org back;
    const absl::Status imported = ImportCsv(dir, back);
    Check(imported.ok() && back.StateHash() == f.b.StateHash(),
          "the export does not import as B: " + imported.ToString(), context);
  }
  std::printf(
      "%-50s %s\n", context.c_str(),
      status.ok() ? "exported B" : ("error: " + std::string(status.message())).c_str());
  Check(OpenDescriptors() == descriptors, "a file descriptor leaked", context);
  if (g_failures > failures_before && std::getenv("BATON_FAULT_VERBOSE") != nullptr) {
    std::fprintf(stderr, "%s: %s\n%s", context.c_str(), status.ToString().c_str(),
                 Describe(trace).c_str());
  }
}

// Two threads export to one directory at once, `rounds` times: both succeed
// and the directory holds one of the two exports whole, nothing else.
int ExportConcurrently(const Org& first, const Files& first_files, const Org& second,
                       const Files& second_files, const std::string& dir, int rounds,
                       const std::string& what) {
  int mixed = 0;
  for (int round = 0; round < rounds; ++round) {
    const std::string context = what + ", round " + std::to_string(round + 1);
    fs::remove_all(dir);
    std::atomic<int> ready{0};
    absl::Status statuses[2];
    const auto run = [&](int i, const Org& org) {
      ++ready;
      while (ready.load() < 2) {
      }
      statuses[i] = ExportCsv(org, dir);
    };
    // Counting only, with renames paused unevenly (0 to 9 ms): two exports
    // rename the same files in the same order, and at full speed one
    // seldom overtakes the other, which is what a mix takes.
    io_fault_arm("none", 1, 0, 1, (dir + "/").c_str());
    io_fault_set_rename_delay(3000);
    std::thread one(run, 0, std::cref(first));
    std::thread two(run, 1, std::cref(second));
    one.join();
    two.join();
    io_fault_set_rename_delay(0);
    io_fault_disarm();
    for (const absl::Status& status : statuses)
      Check(status.ok(), "an export failed: " + status.ToString(), context);
    const Files actual = ReadDirectory(dir);
    const bool whole = actual == first_files || actual == second_files;
    if (!whole) ++mixed;
    Check(whole,
          "directory is neither export whole:" +
              Difference(first_files, actual, first_files, second_files),
          context);
  }
  fs::remove_all(dir);
  std::printf("%s: %d rounds, %d left a directory that is neither export whole\n",
              what.c_str(), rounds, mixed);
  return mixed;
}

// The order of a clean export's calls, which no fault shows: every
// temporary is written, synced and closed before the first rename (else a
// failure on a later file would leave earlier ones replaced), and the
// directory is synced after the last (else the renames are not durable).
void CheckExportOrder(const std::vector<Call>& clean, const std::string& dir) {
  std::size_t first_rename = clean.size();
  std::size_t last_rename = 0;
  for (std::size_t i = 0; i < clean.size(); ++i) {
    if (clean[i].name != "rename") continue;
    first_rename = std::min(first_rename, i);
    last_rename = i;
  }
  Check(first_rename < clean.size(), "no rename", "export, order");
  std::map<std::string, int> synced;  // temporary: fsync 1, then close 2
  for (std::size_t i = 0; i < first_rename; ++i) {
    const Call& call = clean[i];
    if (call.path.find(".tmp.") == std::string::npos) continue;
    if (call.name == "fsync" && synced[call.path] == 0) synced[call.path] = 1;
    if (call.name == "close" && synced[call.path] == 1) synced[call.path] = 2;
  }
  int complete = 0;
  for (const auto& [path, state] : synced) complete += state == 2;
  const long renames = CountByName(clean)["rename"];
  Check(complete == renames,
        std::to_string(complete) + " temporaries synced and closed before the first " +
            "rename, not " + std::to_string(renames),
        "export, order");
  bool directory_synced = false;
  for (std::size_t i = last_rename + 1; i < clean.size(); ++i)
    directory_synced |= clean[i].name == "fsync" && clean[i].path == dir + "/";
  Check(directory_synced, "the directory is not synced after the last rename",
        "export, order");
}

void RunExport(const Fixture& orgs, const std::string& scratch) {
  const std::string dir = scratch + "/export";
  ExportFixture f{&orgs.a, Generate(3, 2500), ExportOf(orgs.a, dir), {}};
  f.b_files = ExportOf(f.b, dir);
  WriteDirectory(dir, f.a_files);
  io_fault_arm("none", 1, 0, 1, (dir + "/").c_str());
  const absl::Status clean_status = ExportCsv(f.b, dir);
  const std::vector<Call> clean = Trace();
  io_fault_disarm();
  Check(clean_status.ok(), "clean export failed: " + clean_status.ToString(),
        "export, clean");
  Check(ReadDirectory(dir) == f.b_files, "clean export did not write B's files",
        "export, clean");
  std::size_t a_bytes = 0;
  std::size_t b_bytes = 0;
  for (const auto& [name, bytes] : f.a_files) a_bytes += bytes.size();
  for (const auto& [name, bytes] : f.b_files) b_bytes += bytes.size();
  std::printf(
      "a clean export of %zu files, %zu bytes, over %zu bytes makes %zu calls:\n%s",
      f.b_files.size(), b_bytes, a_bytes, clean.size(), Describe(clean).c_str());
  CheckExportOrder(clean, dir);

  const int before = g_failures;
  const int trials =
      FaultEveryCall(clean, [&](const std::string& call, long k, int kind, bool first) {
        ExportTrial(f, dir, clean, call, k, kind, first);
      });
  std::printf("export: %d faulted exports, %d failed checks\n", trials,
              g_failures - before);

  // Two exports of the same organisation race for the same temporary names
  // if those are not unique; two of different ones mix if the renames of
  // one can come between those of the other.
  const int threads_before = g_failures;
  ExportConcurrently(f.b, f.b_files, f.b, f.b_files, dir, 10, "two threads export B");
  // C is as large as B, so that both exports reach their renames together.
  const Org c = Generate(4, 2500);
  const Files c_files = ExportOf(c, dir);
  ExportConcurrently(c, c_files, f.b, f.b_files, dir, 30, "two threads export C and B");
  std::printf("concurrent exports: %d failed checks\n", g_failures - threads_before);
}

}  // namespace
}  // namespace baton

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s save|load|export|all SCRATCH_DIR\n", argv[0]);
    return 2;
  }
  const std::string mode = argv[1];
  const std::string scratch = std::filesystem::absolute(argv[2]).string();
  std::filesystem::create_directories(scratch);
  const baton::Fixture fixture = baton::MakeFixture();
  if (mode == "save" || mode == "all") baton::RunSave(fixture, scratch);
  if (mode == "load" || mode == "all") {
    baton::RunLoad(fixture, scratch);
    baton::RunPartialFiles(fixture, scratch);
  }
  if (mode == "export" || mode == "all") baton::RunExport(fixture, scratch);
  std::printf("%d checks, %d failed\n", baton::g_checks, baton::g_failures);
  return baton::g_failures == 0 ? 0 : 1;
}
