// Replacing files so that readers see the old file or the new one, never a
// mix: the POSIX pieces that snapshot save and CSV export share. The new
// contents go to a temporary next to the file, are flushed to disk, and are
// renamed over it; the directory is then synced so the rename is durable.
//
// Plain system calls, no stdio: errors carry the errno, and the I/O fault
// shim (tests/faults/io_fault_shim.c) sees every call.
#ifndef BATON_LIB_IO_ATOMIC_FILE_HPP_
#define BATON_LIB_IO_ATOMIC_FILE_HPP_

#include <sys/types.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace baton::internal {

// "<path>: <what>: <strerror>", with the errno as the "baton.errno" payload
// that the C API reads (capi/errors.cpp): absl maps ENOSPC to
// ResourceExhausted, as it does ENOMEM, and a full disk must come out as
// BATON_EIO. `error` 0 (a call that failed without setting errno, or a short
// transfer) is reported as EIO, as absl would make an OK status of it.
absl::Status ErrnoError(int error, const std::string& path, const std::string& what);

// Closes a file descriptor it owns on every path out of a function.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd = -1) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) Close();
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }
  // Closes what it holds (ignoring errors) and takes `fd`.
  void Reset(int fd);
  // Closes now and reports close's error (it can carry a failed write-back).
  // The descriptor is gone either way, as Linux frees it whatever close says.
  int Close();

 private:
  int fd_;
};

// Writes all of `data` at the file offset, or at `offset` if it is not -1,
// retrying short writes and EINTR. False with errno set on error; a write
// that moves nothing sets EIO, as errno would otherwise be whatever an
// earlier call left there.
bool WriteFully(int fd, const char* data, std::size_t size, off_t offset = -1);

// "<path>.tmp.<pid>.<n>": the counter keeps two threads, and the pid two
// processes, writing to one path off each other's temporary.
std::string TempPathFor(const std::string& path);

// The directory holding `path`, with its trailing slash ("." for a bare
// name).
std::string DirectoryOf(const std::string& path);

// fsyncs a directory so that renames into it survive a power cut. Best
// effort: some file systems refuse fsync on a directory, and the renamed
// files are complete in place already.
void SyncDirectory(const std::string& directory);

// A file being written under TempPathFor(path), to be renamed over `path`
// once complete. Whatever is not renamed is removed by the destructor, so an
// early return on error leaves no temporary behind.
class ReplacementFile {
 public:
  ReplacementFile() = default;
  ~ReplacementFile();
  ReplacementFile(const ReplacementFile&) = delete;
  ReplacementFile& operator=(const ReplacementFile&) = delete;

  // Creates the temporary (empty, mode 0666 less the umask).
  absl::Status Create(const std::string& path);
  absl::Status Write(std::string_view data);
  // fsync and close, both checked: after this the temporary is complete on
  // disk and holds no descriptor, and only Rename is left to do.
  absl::Status Finish();
  // Renames the finished temporary over `path`. Does not sync the directory.
  absl::Status Rename();

  int fd() const { return fd_.get(); }
  const std::string& path() const { return path_; }
  const std::string& temp_path() const { return temp_path_; }

 private:
  std::string path_;
  std::string temp_path_;  // "" once renamed (or before Create)
  FileDescriptor fd_;
};

// Renames every finished file in `files` (all in one directory) over its
// path, then syncs the directory once. Exports to one directory from other
// threads (a mutex) and, where the file system supports flock, from other
// processes wait for this one's renames, so that concurrent exports leave one
// complete set of files, not a mix. If a rename fails, the files renamed
// before it are new, the rest keep their old contents, the message says
// which, and the temporaries not renamed are removed by their destructors.
absl::Status ReplaceAll(const std::vector<ReplacementFile*>& files);

}  // namespace baton::internal

#endif  // BATON_LIB_IO_ATOMIC_FILE_HPP_
