#include "baton/snapshot.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <exception>
#include <new>
#include <stdexcept>
#include <streambuf>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "boost/archive/archive_exception.hpp"
#include "lib/io/atomic_file.hpp"
#include "lib/io/checksum.hpp"
#include "lib/io/payload_checksum.hpp"
#include "lib/io/serialize_records.hpp"
#include "lib/io/snapshot_format.hpp"
#include "lib/io/snapshot_sections.hpp"
#include "lib/model/org_access.hpp"
#include "lib/model/side_task.hpp"

namespace baton {
namespace internal {
namespace {

constexpr unsigned kArchiveFlags = boost::archive::no_header | boost::archive::no_codecvt;

// How much of a mapped snapshot stays resident behind the reader: the pages
// before are handed back as it goes, so loading 1 M accounts never holds
// the whole 800 MB file and the whole organisation at once.
constexpr std::size_t kReleaseWindow = std::size_t{64} << 20;

void PutLittle(std::uint64_t value, int bytes, char* out) {
  for (int i = 0; i < bytes; ++i) out[i] = static_cast<char>((value >> (8 * i)) & 0xFF);
}
std::uint64_t GetLittle(const char* in, int bytes) {
  std::uint64_t value = 0;
  for (int i = bytes - 1; i >= 0; --i)
    value = (value << 8) | static_cast<unsigned char>(in[i]);
  return value;
}

absl::Status WithPath(const std::string& path, const absl::Status& status) {
  return absl::Status(status.code(), absl::StrCat(path, ": ", status.message()));
}

// Reads up to `size` bytes; fewer only at the end of the file. -1 on error.
ssize_t ReadFully(int fd, char* data, std::size_t size) {
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::read(fd, data + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return -1;
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  return static_cast<ssize_t>(done);
}

// Boost archives talk to a streambuf. The three below move the payload
// without the copies std::stringstream would make.

// Appends what the archive writes to a string.
class StringSink : public std::streambuf {
 public:
  explicit StringSink(std::string& out) : out_(out) {}

 protected:
  std::streamsize xsputn(const char* data, std::streamsize n) override {
    out_.append(data, static_cast<std::size_t>(n));
    return n;
  }
  int_type overflow(int_type c) override {
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      out_.push_back(traits_type::to_char_type(c));
    }
    return traits_type::not_eof(c);
  }

 private:
  std::string& out_;
};

// Writes to a file through a 1 MiB buffer, hashing what it writes, so a
// snapshot goes to disk without ever being whole in memory. After a failed
// write it accepts nothing more (the archive then throws) and error() holds
// the errno.
class FileSink : public std::streambuf {
 public:
  FileSink(int fd, std::uint32_t version)
      : fd_(fd), buffer_(std::size_t{1} << 20), checksum_(version) {
    setp(buffer_.data(), buffer_.data() + buffer_.size());
  }

  // Writes out the buffer; false after any failed write.
  bool Flush() {
    const std::size_t n = static_cast<std::size_t>(pptr() - pbase());
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return Write(buffer_.data(), n);
  }
  int error() const { return error_; }
  std::uint64_t written() const { return written_; }
  std::uint64_t checksum() const { return checksum_.Digest(); }

 protected:
  std::streamsize xsputn(const char* data, std::streamsize n) override {
    const auto size = static_cast<std::size_t>(n);
    if (size <= static_cast<std::size_t>(epptr() - pptr())) {
      std::memcpy(pptr(), data, size);
      pbump(static_cast<int>(size));
      return n;
    }
    // Past the buffer: flush it, then write a large piece straight through.
    if (!Flush()) return 0;
    if (size >= buffer_.size()) return Write(data, size) ? n : 0;
    std::memcpy(pptr(), data, size);
    pbump(static_cast<int>(size));
    return n;
  }
  int_type overflow(int_type c) override {
    if (!Flush()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return Flush() ? 0 : -1; }

 private:
  bool Write(const char* data, std::size_t size) {
    if (error_ != 0) return false;
    if (!WriteFully(fd_, data, size)) {
      error_ = errno != 0 ? errno : EIO;
      return false;
    }
    checksum_.Update(std::string_view(data, size));
    written_ += size;
    return true;
  }

  int fd_;
  std::vector<char> buffer_;
  int error_ = 0;
  std::uint64_t written_ = 0;
  PayloadChecksumStream checksum_;
};

// The bytes of a snapshot file: mapped into memory when the system allows
// (no copy; the pages are the page cache's), else read into a buffer.
class FileContents {
 public:
  FileContents() = default;
  FileContents(const FileContents&) = delete;
  FileContents& operator=(const FileContents&) = delete;
  ~FileContents() {
    if (mapped_ != nullptr) ::munmap(mapped_, mapped_size_);
  }

  std::string_view bytes() const {
    if (mapped_ == nullptr) return buffer_;
    return std::string_view(static_cast<const char*>(mapped_), mapped_size_);
  }

  // Maps or reads the whole of `fd`, `size` bytes. Returns an errno on error.
  int Load(int fd, std::size_t size) {
    void* mapped = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (mapped != MAP_FAILED) {
      mapped_ = mapped;
      mapped_size_ = size;
      ::madvise(mapped_, mapped_size_, MADV_SEQUENTIAL);
      return 0;
    }
    buffer_.assign(size, '\0');
    if (::lseek(fd, 0, SEEK_SET) != 0) return errno;
    const ssize_t got = ReadFully(fd, buffer_.data(), size);
    if (got < 0) return errno;
    if (static_cast<std::size_t>(got) != size) return EIO;
    return 0;
  }

  // Hands back the mapped pages that lie wholly in [begin, end), which the
  // caller will not read again. Only a hint to the kernel: they stay in the
  // page cache, and a page read again is mapped again from there. Safe from
  // two threads at once.
  void Release(const char* begin, const char* end) const {
    if (mapped_ == nullptr) return;
    static const std::size_t page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    const char* base = static_cast<const char*>(mapped_);
    const std::size_t from =
        (static_cast<std::size_t>(begin - base) + page - 1) / page * page;
    const std::size_t until = static_cast<std::size_t>(end - base) / page * page;
    if (until <= from) return;
    ::madvise(static_cast<char*>(mapped_) + from, until - from, MADV_DONTNEED);
  }

 private:
  void* mapped_ = nullptr;
  std::size_t mapped_size_ = 0;
  std::string buffer_;
};

// Reads a payload, or a part of one, in place, hashing every byte it hands
// out, so decoding and checking the checksum take one pass over memory;
// in_avail() is the number of bytes left. With a mapped file it releases
// the pages behind it.
class PayloadSource : public std::streambuf {
 public:
  enum class Hashing { kOn, kOff };

  PayloadSource(std::string_view payload, const FileContents* file,
                Hashing hashing = Hashing::kOn)
      : file_(file), hashing_(hashing == Hashing::kOn) {
    // The get area is never written through: streambuf only wants char*.
    char* begin = const_cast<char*>(payload.data());
    setg(begin, begin, begin + payload.size());
    released_ = begin;
  }

  // The checksum of everything this source holds, hashing what was not
  // read, then of `rest` (which follows it), releasing pages behind.
  std::uint64_t FinishChecksum(std::string_view rest = {}) {
    while (gptr() < egptr()) {
      const std::size_t n =
          std::min(kReleaseWindow, static_cast<std::size_t>(egptr() - gptr()));
      Consume(n);
    }
    for (std::size_t at = 0; at < rest.size(); at += kReleaseWindow) {
      const std::string_view window = rest.substr(at, kReleaseWindow);
      checksum_.Update(window);
      if (file_ != nullptr) file_->Release(window.data(), window.data() + window.size());
    }
    return checksum_.Digest();
  }

 protected:
  std::streamsize xsgetn(char* out, std::streamsize n) override {
    const std::size_t size =
        std::min(static_cast<std::size_t>(n), static_cast<std::size_t>(egptr() - gptr()));
    std::memcpy(out, gptr(), size);
    Consume(size);
    return static_cast<std::streamsize>(size);
  }

 private:
  void Consume(std::size_t n) {
    if (hashing_) checksum_.Update(std::string_view(gptr(), n));
    setg(eback(), gptr() + n, egptr());
    if (file_ != nullptr &&
        static_cast<std::size_t>(gptr() - released_) >= kReleaseWindow) {
      file_->Release(released_, gptr());
      released_ = gptr();
    }
  }

  const FileContents* file_;
  bool hashing_;
  const char* released_;
  Checksum64Stream checksum_;
};

// Records from which a snapshot is split in two parts (version 5), to be
// read on two threads; below this a thread costs more than it saves, and
// the older versions keep small snapshots readable by older libraries.
constexpr std::size_t kSplitFromRecords = std::size_t{1} << 16;

// The format version `state` with these sections is written in.
std::uint32_t VersionFor(const OrgState& state,
                         absl::Span<const SnapshotSection> sections,
                         SnapshotLayout layout) {
  std::size_t records = 0;
  ForEachTable(state, [&](const char*, const auto& rows) { records += rows.size(); });
  if (layout == SnapshotLayout::kSplitVersion3) return 3;
  if (layout == SnapshotLayout::kSplitVersion4) return 4;
  if (layout == SnapshotLayout::kSplit || records >= kSplitFromRecords) return 5;
  return sections.empty() ? 1 : 2;
}

// Writes the payload of `state` in format `version` (with the sections
// from version 2) through an archive into `sink`.
absl::Status WritePayload(const OrgState& state, std::uint32_t version,
                          absl::Span<const SnapshotSection> sections,
                          std::streambuf& sink) {
  try {
    boost::archive::binary_oarchive archive(sink, kArchiveFlags);
    absl::Status status = SaveTables(archive, state, LayoutOf(version));
    if (status.ok() && version >= 2) status = SaveSections(archive, sections);
    return status;
  } catch (const std::bad_alloc&) {
    return absl::ResourceExhaustedError("out of memory while writing a snapshot");
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("cannot write snapshot: ", e.what()));
  }
}

// Reads `part` of a payload (and the sections after it, if it is the last
// part and `version` has them) from `source` into `state`.
absl::Status ReadPart(PayloadSource& source, std::uint32_t version, PayloadPart part,
                      OrgState& state, std::vector<SnapshotSection>* sections) {
  try {
    boost::archive::binary_iarchive archive(source, kArchiveFlags);
    const bool last = part != PayloadPart::kFirst;
    absl::Status status = LoadTables(archive, source, state, LayoutOf(version), part,
                                     /*more_follows=*/last && version >= 2);
    if (status.ok() && last && version >= 2)
      status = LoadSections(archive, source, sections);
    return status;
  } catch (const std::bad_alloc&) {
    return absl::ResourceExhaustedError("out of memory while reading a snapshot");
  } catch (const std::exception& e) {
    // boost::archive::archive_exception, std::length_error: the reader's
    // bounds checks should leave none to catch.
    return absl::DataLossError(
        absl::StrCat("snapshot payload is unreadable: ", e.what()));
  }
}

// Where the second part of a split payload begins: its first eight
// bytes say, and it must lie inside the payload.
absl::StatusOr<std::size_t> SecondPartOffset(std::string_view payload) {
  if (payload.size() < sizeof(std::uint64_t)) {
    return absl::DataLossError(absl::StrCat("second part offset: the payload has ",
                                            payload.size(), " bytes, fewer than 8"));
  }
  const std::uint64_t offset = GetLittle(payload.data(), sizeof(std::uint64_t));
  if (offset < sizeof(std::uint64_t) || offset > payload.size()) {
    return absl::DataLossError(absl::StrCat("second part offset: ", offset,
                                            " is outside the payload's 8..",
                                            payload.size(), " bytes"));
  }
  return static_cast<std::size_t>(offset);
}

// The tables of `payload` into `state` and its checksum (payload_checksum.hpp).
// A split payload's second part is read on a side thread while this one
// reads the first. From version 5 each thread hashes the part it reads;
// before, the checksum runs over the whole payload in order, so this
// thread hashes the second part after its own. Version 3 reads its parts
// one after the other: its second part interns products into the tags of
// the first. Errors come in file order, the first part's first.
absl::Status ReadPayload(std::string_view payload, const FileContents* file,
                         std::uint32_t version, OrgState& state,
                         std::vector<SnapshotSection>* sections,
                         std::uint64_t* checksum) {
  if (version < 3) {
    PayloadSource source(payload, file);
    absl::Status status = ReadPart(source, version, PayloadPart::kWhole, state, sections);
    *checksum = source.FinishChecksum();
    return status;
  }
  const absl::StatusOr<std::size_t> split = SecondPartOffset(payload);
  if (!split.ok()) {
    *checksum = PayloadSource(payload, file).FinishChecksum();
    return split.status();
  }
  const bool by_parts = version >= kChecksumByPartsFrom;
  PayloadSource first(payload.substr(0, *split), file);
  PayloadSource second(
      payload.substr(*split), file,
      by_parts ? PayloadSource::Hashing::kOn : PayloadSource::Hashing::kOff);
  absl::Status second_status;
  const auto read_second = [&] {
    second_status = ReadPart(second, version, PayloadPart::kSecond, state, sections);
  };
  std::optional<SideTask> side;
  if (LayoutOf(version).pooled) side.emplace(read_second);
  const absl::Status first_status =
      ReadPart(first, version, PayloadPart::kFirst, state, nullptr);
  if (!by_parts) *checksum = first.FinishChecksum(payload.substr(*split));
  if (side) {
    side->Join();
  } else if (first_status.ok()) {
    read_second();
  }
  if (by_parts) {
    *checksum = CombinePartChecksums(first.FinishChecksum(), second.FinishChecksum());
  }
  return first_status.ok() ? second_status : first_status;
}

// What a snapshot that fails OrgFromState's checks means to the loader: the
// file holds something no Baton would write, i.e. it is corrupted.
absl::Status ValidationError(const absl::Status& status) {
  if (absl::IsResourceExhausted(status)) return status;
  return absl::DataLossError(
      absl::StrCat("snapshot fails validation: ", status.message()));
}

// Header, then payload and checksum in one pass, then validation. A wrong
// checksum wins over any other complaint about the payload: it says what
// happened. `file`, if given, holds `bytes` and gets pages handed back.
absl::StatusOr<Org> DecodeSnapshot(std::string_view bytes, FileContents* file,
                                   std::vector<SnapshotSection>* sections) {
  absl::StatusOr<SnapshotHeader> header = ParseSnapshotHeader(bytes, bytes.size());
  if (!header.ok()) return header.status();
  OrgState state;
  std::vector<SnapshotSection> read;
  std::uint64_t checksum = 0;
  const absl::Status status = ReadPayload(bytes.substr(kSnapshotHeaderSize), file,
                                          header->version, state, &read, &checksum);
  if (checksum != header->checksum) {
    return absl::DataLossError(
        absl::StrFormat("checksum mismatch: file is corrupted (payload checksum %016x, "
                        "header says %016x)",
                        checksum, header->checksum));
  }
  if (!status.ok()) return status;
  absl::StatusOr<Org> org = OrgFromState(std::move(state));
  if (!org.ok()) return ValidationError(org.status());
  if (sections != nullptr) *sections = std::move(read);
  return org;
}

// Opens `path`, checks its header against its real size, then maps it. A
// file truncated in place by another process while mapped would fault, but
// Baton never does that: SaveSnapshot replaces files by rename.
absl::Status OpenSnapshotFile(const std::string& path, FileContents& contents) {
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return ErrnoError(errno, path, "cannot open");
  struct stat info;
  if (::fstat(fd.get(), &info) != 0) return ErrnoError(errno, path, "cannot stat");
  if (!S_ISREG(info.st_mode)) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": not a regular file"));
  }
  const std::uint64_t size = static_cast<std::uint64_t>(info.st_size);

  // Check the header against the real size before anything is sized by it.
  char head[kSnapshotHeaderSize];
  const ssize_t head_size = ReadFully(fd.get(), head, sizeof head);
  if (head_size < 0) return ErrnoError(errno, path, "cannot read");
  // Fewer bytes than fstat promised: the read went wrong, not the file's
  // contents (which ParseSnapshotHeader would call truncated, wrongly).
  if (static_cast<std::uint64_t>(head_size) <
      std::min<std::uint64_t>(size, sizeof head)) {
    return ErrnoError(EIO, path, "cannot read");
  }
  absl::StatusOr<SnapshotHeader> header = ParseSnapshotHeader(
      std::string_view(head, static_cast<std::size_t>(head_size)), size);
  if (!header.ok()) return WithPath(path, header.status());

  if (const int error = contents.Load(fd.get(), static_cast<std::size_t>(size));
      error != 0) {
    return ErrnoError(error, path, "cannot read");
  }
  return absl::OkStatus();
}

// Writes the snapshot of `state` to an open, empty file: a blank header,
// the payload streamed through a FileSink, then the real header.
absl::Status WriteSnapshotTo(int fd, const std::string& name, const OrgState& state,
                             absl::Span<const SnapshotSection> sections) {
  char header_bytes[kSnapshotHeaderSize] = {};
  if (!WriteFully(fd, header_bytes, sizeof header_bytes)) {
    return ErrnoError(errno, name, "cannot write");
  }
  const std::uint32_t version = VersionFor(state, sections, SnapshotLayout::kBySize);
  FileSink sink(fd, version);
  absl::Status status = WritePayload(state, version, sections, sink);
  const bool flushed = sink.Flush();
  if (sink.error() != 0) return ErrnoError(sink.error(), name, "cannot write");
  if (!status.ok()) return status;
  if (!flushed) return ErrnoError(EIO, name, "cannot write");

  SnapshotHeader header;
  header.version = version;
  header.payload_length = sink.written();
  header.checksum = sink.checksum();
  WriteSnapshotHeader(header, header_bytes);
  if (!WriteFully(fd, header_bytes, sizeof header_bytes, /*offset=*/0)) {
    return ErrnoError(errno, name, "cannot write the header");
  }
  return absl::OkStatus();
}

// Writes a snapshot to a temporary file next to `path`, flushes it to disk
// and renames it over `path`: readers see the old file or the new, never a
// mix, and a failure at any step leaves the old file as it was.
absl::Status WriteSnapshotFile(const OrgState& state,
                               absl::Span<const SnapshotSection> sections,
                               const std::string& path) {
  ReplacementFile file;
  absl::Status status = file.Create(path);
  if (status.ok()) status = WriteSnapshotTo(file.fd(), file.temp_path(), state, sections);
  if (status.ok()) status = file.Finish();
  if (status.ok()) status = file.Rename();
  if (!status.ok()) return status;  // the temporary goes with `file`
  SyncDirectory(DirectoryOf(path));
  return absl::OkStatus();
}

}  // namespace

void WriteSnapshotHeader(const SnapshotHeader& header, char* out) {
  std::memcpy(out, kSnapshotMagic.data(), kSnapshotMagic.size());
  PutLittle(header.version, 4, out + 8);
  PutLittle(header.flags, 4, out + 12);
  PutLittle(header.payload_length, 8, out + 16);
  PutLittle(header.checksum, 8, out + 24);
}

absl::StatusOr<SnapshotHeader> ParseSnapshotHeader(std::string_view prefix,
                                                   std::uint64_t file_size) {
  if (file_size == 0)
    return absl::InvalidArgumentError("not a Baton snapshot: the file is empty");
  const std::size_t magic = std::min(prefix.size(), kSnapshotMagic.size());
  if (prefix.substr(0, magic) != kSnapshotMagic.substr(0, magic)) {
    return absl::InvalidArgumentError("not a Baton snapshot (no BATONSNP magic)");
  }
  if (file_size < kSnapshotHeaderSize || prefix.size() < kSnapshotHeaderSize) {
    return absl::DataLossError(absl::StrCat("truncated: file has ", file_size,
                                            " bytes, less than the ", kSnapshotHeaderSize,
                                            "-byte snapshot header"));
  }
  SnapshotHeader header;
  header.version = static_cast<std::uint32_t>(GetLittle(prefix.data() + 8, 4));
  header.flags = static_cast<std::uint32_t>(GetLittle(prefix.data() + 12, 4));
  header.payload_length = GetLittle(prefix.data() + 16, 8);
  header.checksum = GetLittle(prefix.data() + 24, 8);
  if (header.version > kSnapshotFormatVersion) {
    return absl::InvalidArgumentError(
        absl::StrCat("snapshot format version ", header.version,
                     " is newer than this library's ", kSnapshotFormatVersion));
  }
  if (header.version == 0)
    return absl::DataLossError("snapshot format version 0 is not valid");
  if (header.flags != 0) {
    return absl::DataLossError(
        absl::StrFormat("header flags 0x%x are not defined in snapshot format version %d",
                        header.flags, header.version));
  }
  const std::uint64_t actual = file_size - kSnapshotHeaderSize;
  if (header.payload_length > actual) {
    return absl::DataLossError(absl::StrCat("truncated: header says ",
                                            header.payload_length,
                                            " payload bytes, file has ", actual));
  }
  if (header.payload_length < actual) {
    return absl::DataLossError(absl::StrCat("header says ", header.payload_length,
                                            " payload bytes, file has ", actual,
                                            " (trailing bytes)"));
  }
  return header;
}

absl::StatusOr<std::string> EncodeSnapshot(const OrgState& state,
                                           absl::Span<const SnapshotSection> sections,
                                           SnapshotLayout layout) {
  try {
    const std::uint32_t version = VersionFor(state, sections, layout);
    std::string bytes;
    bytes.reserve(kSnapshotHeaderSize + PayloadSize(state, LayoutOf(version)) +
                  (version >= 3 ? sizeof(std::uint64_t) : 0));
    bytes.resize(kSnapshotHeaderSize);
    StringSink sink(bytes);
    absl::Status status = WritePayload(state, version, sections, sink);
    if (!status.ok()) return status;
    SnapshotHeader header;
    header.version = version;
    header.payload_length = bytes.size() - kSnapshotHeaderSize;
    header.checksum =
        PayloadChecksum(version, std::string_view(bytes).substr(kSnapshotHeaderSize));
    WriteSnapshotHeader(header, bytes.data());
    return bytes;
  } catch (const std::bad_alloc&) {
    return absl::ResourceExhaustedError("out of memory while writing a snapshot");
  }
}

}  // namespace internal

absl::StatusOr<std::string> SnapshotToBytes(const Org& org,
                                            absl::Span<const SnapshotSection> sections) {
  if (absl::Status s = internal::CheckSections(sections); !s.ok()) return s;
  return internal::EncodeSnapshot(internal_state(org), sections);
}

absl::StatusOr<Org> SnapshotFromBytes(std::string_view bytes,
                                      std::vector<SnapshotSection>* sections) {
  try {
    return internal::DecodeSnapshot(bytes, nullptr, sections);
  } catch (const std::bad_alloc&) {
    return absl::ResourceExhaustedError("out of memory while loading a snapshot");
  }
}

absl::Status SaveSnapshot(const Org& org, const std::string& path,
                          absl::Span<const SnapshotSection> sections) {
  if (absl::Status s = internal::CheckSections(sections); !s.ok()) return s;
  try {
    absl::Status status =
        internal::WriteSnapshotFile(internal_state(org), sections, path);
    if (!status.ok() && status.message().find(path) == absl::string_view::npos) {
      return internal::WithPath(path, status);
    }
    return status;
  } catch (const std::bad_alloc&) {
    return absl::ResourceExhaustedError(
        absl::StrCat(path, ": out of memory while saving"));
  }
}

absl::StatusOr<Org> LoadSnapshot(const std::string& path,
                                 std::vector<SnapshotSection>* sections) {
  try {
    internal::FileContents contents;
    absl::Status opened = internal::OpenSnapshotFile(path, contents);
    if (!opened.ok()) return opened;
    absl::StatusOr<Org> org =
        internal::DecodeSnapshot(contents.bytes(), &contents, sections);
    if (!org.ok()) return internal::WithPath(path, org.status());
    return org;
  } catch (const std::bad_alloc&) {
    return absl::ResourceExhaustedError(
        absl::StrCat(path, ": out of memory while loading"));
  }
}

}  // namespace baton
