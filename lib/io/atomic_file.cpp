#include "lib/io/atomic_file.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <mutex>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"

namespace baton::internal {
namespace {

// `status` with `note` after its message, keeping its code and payloads.
absl::Status WithNote(const absl::Status& status, const std::string& note) {
  absl::Status noted(status.code(), absl::StrCat(status.message(), note));
  status.ForEachPayload([&](absl::string_view type, const absl::Cord& payload) {
    noted.SetPayload(type, payload);
  });
  return noted;
}

// What a failed ReplaceAll has done, for its message: the directory is now
// part new, part old, and the caller has to know which.
std::string ReplacedNote(const std::vector<ReplacementFile*>& files, std::size_t done) {
  if (done == 0) return "; no file was replaced";
  std::string names;
  for (std::size_t i = 0; i < done; ++i) {
    const std::string& path = files[i]->path();
    absl::StrAppend(&names, i == 0 ? "" : ", ", path.substr(path.find_last_of('/') + 1));
  }
  return absl::StrCat("; ", done, " of ", files.size(), " files were replaced already (",
                      names, "), the others are as they were");
}

// Holds an exclusive flock on a directory while it lives, if it can: another
// process exporting there waits. Best effort, like the directory's fsync (a
// file system may refuse either); within one process the mutex in
// ReplaceAll is what counts.
class DirectoryLock {
 public:
  explicit DirectoryLock(const std::string& directory)
      : fd_(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
    if (fd_.get() < 0) return;
    while (::flock(fd_.get(), LOCK_EX) != 0 && errno == EINTR) {
    }
  }
  // Syncs the directory; closing it then drops the lock.
  void Sync() {
    if (fd_.get() >= 0) ::fsync(fd_.get());
  }

 private:
  FileDescriptor fd_;
};

}  // namespace

absl::Status ErrnoError(int error, const std::string& path, const std::string& what) {
  const int number = error != 0 ? error : EIO;
  absl::Status status = absl::ErrnoToStatus(number, absl::StrCat(path, ": ", what));
  status.SetPayload("baton.errno", absl::Cord(absl::StrCat(number)));
  return status;
}

void FileDescriptor::Reset(int fd) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
}

int FileDescriptor::Close() {
  const int result = ::close(fd_);
  fd_ = -1;
  return result;
}

bool WriteFully(int fd, const char* data, std::size_t size, off_t offset) {
  while (size > 0) {
    const ssize_t n =
        offset < 0 ? ::write(fd, data, size) : ::pwrite(fd, data, size, offset);
    if (n < 0 && errno == EINTR) continue;
    if (n == 0) errno = EIO;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
    if (offset >= 0) offset += n;
  }
  return true;
}

std::string TempPathFor(const std::string& path) {
  static std::atomic<unsigned> counter{0};
  return absl::StrCat(path, ".tmp.", ::getpid(), ".", counter++);
}

std::string DirectoryOf(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? "." : path.substr(0, slash + 1);
}

void SyncDirectory(const std::string& directory) {
  FileDescriptor dir(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() >= 0) ::fsync(dir.get());
}

ReplacementFile::~ReplacementFile() {
  // Closed before the unlink, so that nothing holds the removed file open.
  if (fd_.get() >= 0) fd_.Reset(-1);
  if (!temp_path_.empty()) ::unlink(temp_path_.c_str());
}

absl::Status ReplacementFile::Create(const std::string& path) {
  path_ = path;
  const std::string temp = TempPathFor(path);
  fd_.Reset(::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666));
  if (fd_.get() < 0) return ErrnoError(errno, temp, "cannot create temporary file");
  temp_path_ = temp;  // only now is there a file to remove
  return absl::OkStatus();
}

absl::Status ReplacementFile::Write(std::string_view data) {
  if (!WriteFully(fd_.get(), data.data(), data.size())) {
    return ErrnoError(errno, temp_path_, "cannot write");
  }
  return absl::OkStatus();
}

absl::Status ReplacementFile::Finish() {
  // Synced before the rename: otherwise a power cut could leave the new name
  // on a file whose data never reached the disk.
  if (::fsync(fd_.get()) != 0)
    return ErrnoError(errno, temp_path_, "cannot flush to disk");
  if (fd_.Close() != 0) return ErrnoError(errno, temp_path_, "cannot close");
  return absl::OkStatus();
}

absl::Status ReplacementFile::Rename() {
  if (::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    return ErrnoError(errno, path_, absl::StrCat("cannot rename ", temp_path_, " to it"));
  }
  temp_path_.clear();
  return absl::OkStatus();
}

absl::Status ReplaceAll(const std::vector<ReplacementFile*>& files) {
  if (files.empty()) return absl::OkStatus();
  static std::mutex renaming;
  const std::lock_guard<std::mutex> hold(renaming);
  DirectoryLock directory(DirectoryOf(files.front()->path()));
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (absl::Status renamed = files[i]->Rename(); !renamed.ok()) {
      return WithNote(renamed, ReplacedNote(files, i));
    }
  }
  directory.Sync();
  return absl::OkStatus();
}

}  // namespace baton::internal
