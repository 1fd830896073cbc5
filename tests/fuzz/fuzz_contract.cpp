#include "tests/fuzz/fuzz_contract.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "baton/csv.hpp"
#include "lib/io/csv_schema.hpp"
#include "lib/io/payload_checksum.hpp"
#include "lib/io/snapshot_format.hpp"

namespace baton::fuzz {
namespace {

namespace fs = std::filesystem;

// Removes the process's scratch root at exit, however many targets ran.
struct ScratchRoot {
  ScratchRoot() {
    const char* base = fs::is_directory("/dev/shm") ? "/dev/shm" : nullptr;
    if (base == nullptr) base = std::getenv("TMPDIR");
    if (base == nullptr) base = "/tmp";
    std::string pattern = std::string(base) + "/baton-fuzz-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) {
      std::perror("baton fuzz: mkdtemp");
      std::abort();
    }
    path = pattern;
  }
  ~ScratchRoot() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  std::string path;
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

void Broken(std::string_view what, const absl::Status& status) {
  std::cerr << "baton fuzz: contract broken: " << what << "\n  status: " << status
            << std::endl;
  std::abort();
}

std::string ScratchDir(std::string_view name) {
  static ScratchRoot root;
  const std::string path = root.path + "/" + std::string(name);
  std::error_code error;
  fs::remove_all(path, error);
  fs::create_directories(path, error);
  if (error) Broken("cannot make the scratch directory " + path, absl::OkStatus());
  return path;
}

void WriteFile(const std::string& path, std::string_view bytes) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!file.flush()) Broken("cannot write " + path, absl::OkStatus());
}

bool NamesPlace(std::string_view message, std::string_view path) {
  if (!path.empty() && message.find(path) != std::string_view::npos) return true;
  // "name.csv:LINE" anywhere in the message.
  for (std::size_t at = message.find(".csv:"); at != std::string_view::npos;
       at = message.find(".csv:", at + 1)) {
    const std::size_t digit = at + 5;
    if (at > 0 && digit < message.size() && IsDigit(message[digit])) return true;
  }
  return false;
}

void RequireLocatedError(const absl::Status& status, std::string_view path) {
  if (status.ok()) Broken("expected an error", status);
  if (status.message().empty()) Broken("an error without a message", status);
  const std::string_view message(status.message().data(), status.message().size());
  if (!NamesPlace(message, path)) {
    Broken("an error that names no place (file:line, or " + std::string(path) + ")",
           status);
  }
}

void RequireCsvRoundTrip(const Org& org) {
  const std::string dir = ScratchDir("round-trip");
  if (const absl::Status exported = ExportCsv(org, dir); !exported.ok()) {
    Broken("export of an accepted organisation failed", exported);
  }
  Org again;
  if (const absl::Status imported = ImportCsv(dir, again); !imported.ok()) {
    Broken("import of an export failed", imported);
  }
  if (again.StateHash() != org.StateHash()) {
    Broken("import -> export -> import changed the state hash", absl::OkStatus());
  }
}

std::vector<NamedFile> SplitFiles(std::string_view input) {
  std::vector<NamedFile> files;
  std::size_t line = 0;
  while (line < input.size()) {
    std::size_t end = input.find('\n', line);
    if (end == std::string_view::npos) end = input.size();
    const std::string_view text = input.substr(line, end - line);
    const std::size_t next = end < input.size() ? end + 1 : end;
    if (text.substr(0, 3) == "== ") {
      files.push_back({std::string(text.substr(3)), input.substr(next, 0)});
    } else if (!files.empty()) {
      NamedFile& file = files.back();
      file.bytes = std::string_view(file.bytes.data(), file.bytes.size() + next - line);
    }
    line = next;
  }
  return files;
}

std::string JoinFiles(const std::vector<NamedFile>& files) {
  std::string joined;
  for (const NamedFile& file : files) {
    joined += "== " + file.name + "\n";
    joined += file.bytes;
    if (!file.bytes.empty() && file.bytes.back() != '\n') joined += '\n';
  }
  return joined;
}

const std::vector<std::string>& CsvFileNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> list;
    (void)internal::ForEachCsvTable([&](const auto& table) {
      list.emplace_back(table.file);
      return absl::OkStatus();
    });
    return list;
  }();
  return names;
}

std::string SnapshotBytes(const std::uint8_t* data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  constexpr std::size_t kHeader = internal::kSnapshotHeaderSize;
  if ((data[0] & 1) != 0 && bytes.size() >= kHeader) {
    std::uint32_t version = 0;
    for (int i = 3; i >= 0; --i)
      version = (version << 8) | static_cast<unsigned char>(bytes[8 + i]);
    std::uint64_t checksum =
        internal::PayloadChecksum(version, std::string_view(bytes).substr(kHeader));
    for (std::size_t i = 24; i < 32; ++i, checksum >>= 8) {
      bytes[i] = static_cast<char>(checksum & 0xff);
    }
  }
  return bytes;
}

}  // namespace baton::fuzz
