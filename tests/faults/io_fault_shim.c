/* I/O fault injection by interposition (see io_fault_shim.h).
 *
 * Each wrapper below has the name and signature of the libc function, so a
 * program that has this file linked in, or loaded first with LD_PRELOAD,
 * calls it instead; the real function is found with dlsym(RTLD_NEXT). glibc's
 * own internal calls (stdio reaching write(2)) do not go through these.
 *
 * As an LD_PRELOAD library it arms itself from the environment at load:
 *   BATON_FAULT_CALL   open write pwrite writev read pread fsync fdatasync
 *                      close rename unlink fstat lseek mmap, or none (only
 *                      count; with BATON_FAULT_TRACE=1 that lists the calls)
 *   BATON_FAULT_AT     k: the k-th call of that name is faulted (1-based,
 *                      default 1)
 *   BATON_FAULT_ERRNO  EIO ENOSPC EINTR EDQUOT EFBIG EACCES ENODEV, a number,
 *                      short (half the bytes moved) or zero (0 returned)
 *   BATON_FAULT_TIMES  how many calls from the k-th on (default 1; 0: all)
 *   BATON_FAULT_PATH   only calls on paths containing this (default: all
 *                      paths; fds count if opened from such a path)
 *   BATON_FAULT_NO_MMAP=1  file mappings fail with ENODEV
 *   BATON_FAULT_TRACE=1    one line per counted call on stderr
 * e.g. BATON_FAULT_CALL=write BATON_FAULT_AT=2 BATON_FAULT_ERRNO=ENOSPC
 *      BATON_FAULT_PATH=/tmp/x/ LD_PRELOAD=.../libbaton_io_fault_shim.so prog
 *
 * Faults are made the way the kernel makes them: a failed write, read,
 * fsync or rename changes nothing; a failed close still closes the fd (as
 * Linux does); a short write writes the first half. */
#undef _FORTIFY_SOURCE
#define _GNU_SOURCE
#include "io_fault_shim.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

enum call {
  CALL_NONE = -1,
  CALL_OPEN,
  CALL_WRITE,
  CALL_PWRITE,
  CALL_WRITEV,
  CALL_READ,
  CALL_PREAD,
  CALL_FSYNC,
  CALL_FDATASYNC,
  CALL_CLOSE,
  CALL_RENAME,
  CALL_UNLINK,
  CALL_FSTAT,
  CALL_LSEEK,
  CALL_MMAP,
  CALL_COUNT
};

static const char* const kCallNames[CALL_COUNT] = {
    "open",      "write", "pwrite", "writev", "read",  "pread", "fsync",
    "fdatasync", "close", "rename", "unlink", "fstat", "lseek", "mmap"};

/* The calls that move bytes: the only ones a short or zero result fits. */
static int MovesBytes(enum call c) {
  return c == CALL_WRITE || c == CALL_PWRITE || c == CALL_WRITEV || c == CALL_READ ||
         c == CALL_PREAD;
}

#define MAX_FDS 1024
#define PATH_CAP 512
#define TRACE_CAP 1024

struct trace_entry {
  enum call call;
  char path[PATH_CAP];
  long result;
  int faulted;
};

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static int g_armed;
static enum call g_call = CALL_NONE;
static long g_at = 1;
static long g_times = 1;
static int g_kind;
static int g_no_mmap;
static long g_rename_delay_us;
static int g_print;
static char g_filter[PATH_CAP];
static long g_counts[CALL_COUNT];
static long g_fired;
static char g_fd_paths[MAX_FDS][PATH_CAP]; /* "" for an fd not counted */
static struct trace_entry g_trace[TRACE_CAP];
static size_t g_trace_size;

/* ---- the real functions --------------------------------------------------- */

static void* Real(const char* name) {
  void* f = dlsym(RTLD_NEXT, name);
  if (f == NULL) {
    /* stdio reaches write(2) inside glibc, not through the wrapper. */
    fprintf(stderr, "io_fault_shim: no %s after this object\n", name);
    abort();
  }
  return f;
}

/* real_<name>: the next definition of <name>, libc's (or ASan's, which then
 * calls libc's). */
#define REAL(name)                      \
  static __typeof__(&name) real_##name; \
  if (real_##name == NULL) real_##name = (__typeof__(&name))Real(#name)

/* ---- bookkeeping ----------------------------------------------------------- */

static int Matches(const char* path) {
  return path != NULL && strstr(path, g_filter) != NULL;
}

static const char* FdPath(int fd) {
  return fd >= 0 && fd < MAX_FDS && g_fd_paths[fd][0] != '\0' ? g_fd_paths[fd] : NULL;
}

static void CopyPath(char* out, const char* path) {
  snprintf(out, PATH_CAP, "%s", path != NULL ? path : "");
}

/* A call about to be made on `path` (NULL: not a counted path). Counts it
 * and returns 1 with *kind set if the fault applies to it. *slot receives
 * the trace entry to complete, or -1. */
static int Before(enum call c, const char* path, int* kind, long* slot) {
  int fault = 0;
  *slot = -1;
  if (!g_armed || path == NULL) return 0;
  pthread_mutex_lock(&g_lock);
  if (g_armed) {
    const long n = ++g_counts[c];
    if (c == g_call && n >= g_at && (g_times == 0 || n < g_at + g_times)) {
      fault = 1;
      *kind = g_kind;
      ++g_fired;
    }
    if (g_trace_size < TRACE_CAP) {
      struct trace_entry* e = &g_trace[g_trace_size];
      e->call = c;
      CopyPath(e->path, path);
      e->result = 0;
      e->faulted = fault;
      *slot = (long)g_trace_size++;
    }
  }
  pthread_mutex_unlock(&g_lock);
  return fault;
}

static void After(long slot, long result) {
  if (slot < 0) return;
  pthread_mutex_lock(&g_lock);
  struct trace_entry* e = &g_trace[slot];
  e->result = result;
  char line[PATH_CAP + 96];
  const int n = g_print ? snprintf(line, sizeof line, "io_fault: %s(%s) = %ld%s\n",
                                   kCallNames[e->call], e->path, result,
                                   e->faulted ? " [fault]" : "")
                        : 0;
  pthread_mutex_unlock(&g_lock);
  if (n > 0) {
    REAL(write);
    (void)real_write(2, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
  }
}

static void Track(int fd, const char* path) {
  if (fd < 0 || fd >= MAX_FDS) return;
  pthread_mutex_lock(&g_lock);
  if (g_armed && Matches(path)) {
    CopyPath(g_fd_paths[fd], path);
  } else {
    g_fd_paths[fd][0] = '\0';
  }
  pthread_mutex_unlock(&g_lock);
}

static void Untrack(int fd) {
  if (fd < 0 || fd >= MAX_FDS) return;
  pthread_mutex_lock(&g_lock);
  g_fd_paths[fd][0] = '\0';
  pthread_mutex_unlock(&g_lock);
}

static const char* PathIfCounted(const char* path) {
  return g_armed && Matches(path) ? path : NULL;
}

static const char* FdIfCounted(int fd) { return g_armed ? FdPath(fd) : NULL; }

/* The byte count a short transfer moves. */
static size_t Shortened(size_t n) { return n > 1 ? n / 2 : n; }

/* ---- the control API --------------------------------------------------------- */

static enum call CallFromName(const char* name) {
  if (name == NULL || strcmp(name, "none") == 0 || name[0] == '\0') return CALL_NONE;
  for (int i = 0; i < CALL_COUNT; ++i) {
    if (strcmp(name, kCallNames[i]) == 0) return (enum call)i;
  }
  return CALL_COUNT;
}

int io_fault_arm(const char* call, long at, int kind, long times, const char* path) {
  const enum call c = CallFromName(call);
  if (c == CALL_COUNT) return -1;
  if (c != CALL_NONE && kind == 0) return -1;
  if ((kind == IO_FAULT_SHORT || kind == IO_FAULT_ZERO) && c != CALL_NONE &&
      !MovesBytes(c)) {
    return -1;
  }
  pthread_mutex_lock(&g_lock);
  g_call = c;
  g_at = at > 0 ? at : 1;
  g_times = times >= 0 ? times : 1;
  g_kind = kind;
  snprintf(g_filter, sizeof g_filter, "%s", path != NULL ? path : "");
  memset(g_counts, 0, sizeof g_counts);
  g_fired = 0;
  g_trace_size = 0;
  for (int fd = 0; fd < MAX_FDS; ++fd) g_fd_paths[fd][0] = '\0';
  g_armed = 1;
  pthread_mutex_unlock(&g_lock);
  return 0;
}

void io_fault_disarm(void) {
  pthread_mutex_lock(&g_lock);
  g_armed = 0;
  pthread_mutex_unlock(&g_lock);
}

void io_fault_set_no_mmap(int on) { g_no_mmap = on; }

void io_fault_set_rename_delay(long microseconds) { g_rename_delay_us = microseconds; }

long io_fault_fired(void) {
  pthread_mutex_lock(&g_lock);
  const long fired = g_fired;
  pthread_mutex_unlock(&g_lock);
  return fired;
}

size_t io_fault_trace_size(void) { return g_trace_size; }
const char* io_fault_trace_call(size_t i) {
  return i < g_trace_size ? kCallNames[g_trace[i].call] : "";
}
const char* io_fault_trace_path(size_t i) {
  return i < g_trace_size ? g_trace[i].path : "";
}
long io_fault_trace_result(size_t i) { return i < g_trace_size ? g_trace[i].result : 0; }
int io_fault_trace_faulted(size_t i) { return i < g_trace_size ? g_trace[i].faulted : 0; }

int io_fault_kind_from_name(const char* name) {
  static const struct {
    const char* name;
    int kind;
  } kKinds[] = {{"EIO", EIO},       {"ENOSPC", ENOSPC},        {"EINTR", EINTR},
                {"EDQUOT", EDQUOT}, {"EFBIG", EFBIG},          {"EACCES", EACCES},
                {"ENODEV", ENODEV}, {"short", IO_FAULT_SHORT}, {"zero", IO_FAULT_ZERO}};
  if (name == NULL) return 0;
  for (size_t i = 0; i < sizeof kKinds / sizeof kKinds[0]; ++i) {
    if (strcmp(name, kKinds[i].name) == 0) return kKinds[i].kind;
  }
  char* end = NULL;
  const long number = strtol(name, &end, 10);
  return end != name && *end == '\0' && number > 0 ? (int)number : 0;
}

__attribute__((constructor)) static void ArmFromEnvironment(void) {
  const char* call = getenv("BATON_FAULT_CALL");
  const char* trace = getenv("BATON_FAULT_TRACE");
  const char* no_mmap = getenv("BATON_FAULT_NO_MMAP");
  if (no_mmap != NULL && strcmp(no_mmap, "1") == 0) g_no_mmap = 1;
  if (call == NULL && trace == NULL) return;
  g_print = trace != NULL && strcmp(trace, "1") == 0;
  const char* at = getenv("BATON_FAULT_AT");
  const char* times = getenv("BATON_FAULT_TIMES");
  const char* kind = getenv("BATON_FAULT_ERRNO");
  const int k = kind != NULL ? io_fault_kind_from_name(kind) : EIO;
  if (io_fault_arm(call, at != NULL ? atol(at) : 1, k, times != NULL ? atol(times) : 1,
                   getenv("BATON_FAULT_PATH")) != 0) {
    fprintf(stderr,
            "io_fault_shim: cannot arm BATON_FAULT_CALL=%s BATON_FAULT_ERRNO=%s\n",
            call != NULL ? call : "", kind != NULL ? kind : "");
    abort();
  }
}

/* ---- the wrappers ------------------------------------------------------------ */

static int OpenCommon(int dirfd, const char* path, int flags, mode_t mode, int at) {
  int kind = 0;
  long slot;
  if (Before(CALL_OPEN, PathIfCounted(path), &kind, &slot) && kind > 0) {
    After(slot, -1);
    errno = kind;
    return -1;
  }
  int fd;
  if (at) {
    REAL(openat);
    fd = real_openat(dirfd, path, flags, mode);
  } else {
    REAL(open);
    fd = real_open(path, flags, mode);
  }
  const int saved = errno;
  Track(fd, path);
  After(slot, fd);
  errno = saved;
  return fd;
}

static mode_t ModeOf(int flags, va_list args) {
  return (flags & O_CREAT) || (flags & __O_TMPFILE) == __O_TMPFILE
             ? (mode_t)va_arg(args, unsigned)
             : 0;
}

int open(const char* path, int flags, ...) {
  va_list args;
  va_start(args, flags);
  const mode_t mode = ModeOf(flags, args);
  va_end(args);
  return OpenCommon(AT_FDCWD, path, flags, mode, 0);
}
int open64(const char* path, int flags, ...) {
  va_list args;
  va_start(args, flags);
  const mode_t mode = ModeOf(flags, args);
  va_end(args);
  return OpenCommon(AT_FDCWD, path, flags, mode, 0);
}
int openat(int dirfd, const char* path, int flags, ...) {
  va_list args;
  va_start(args, flags);
  const mode_t mode = ModeOf(flags, args);
  va_end(args);
  return OpenCommon(dirfd, path, flags, mode, 1);
}
int openat64(int dirfd, const char* path, int flags, ...) {
  va_list args;
  va_start(args, flags);
  const mode_t mode = ModeOf(flags, args);
  va_end(args);
  return OpenCommon(dirfd, path, flags, mode, 1);
}

ssize_t write(int fd, const void* data, size_t n) {
  REAL(write);
  int kind = 0;
  long slot;
  ssize_t result;
  if (Before(CALL_WRITE, FdIfCounted(fd), &kind, &slot)) {
    if (kind == IO_FAULT_SHORT) {
      result = real_write(fd, data, Shortened(n));
    } else if (kind == IO_FAULT_ZERO) {
      result = 0;
    } else {
      errno = kind;
      result = -1;
    }
  } else {
    result = real_write(fd, data, n);
  }
  const int saved = errno;
  After(slot, result);
  errno = saved;
  return result;
}

static ssize_t PwriteCommon(int fd, const void* data, size_t n, off_t offset) {
  REAL(pwrite);
  int kind = 0;
  long slot;
  ssize_t result;
  if (Before(CALL_PWRITE, FdIfCounted(fd), &kind, &slot)) {
    if (kind == IO_FAULT_SHORT) {
      result = real_pwrite(fd, data, Shortened(n), offset);
    } else if (kind == IO_FAULT_ZERO) {
      result = 0;
    } else {
      errno = kind;
      result = -1;
    }
  } else {
    result = real_pwrite(fd, data, n, offset);
  }
  const int saved = errno;
  After(slot, result);
  errno = saved;
  return result;
}
ssize_t pwrite(int fd, const void* data, size_t n, off_t offset) {
  return PwriteCommon(fd, data, n, offset);
}
ssize_t pwrite64(int fd, const void* data, size_t n, off64_t offset) {
  return PwriteCommon(fd, data, n, offset);
}

ssize_t writev(int fd, const struct iovec* iov, int count) {
  REAL(writev);
  int kind = 0;
  long slot;
  ssize_t result;
  if (Before(CALL_WRITEV, FdIfCounted(fd), &kind, &slot)) {
    if (kind == IO_FAULT_SHORT) {
      /* Half of the first non-empty buffer. */
      int i = 0;
      while (i < count && iov[i].iov_len == 0) ++i;
      const struct iovec half = {iov[i < count ? i : 0].iov_base,
                                 i < count ? Shortened(iov[i].iov_len) : 0};
      result = i < count ? real_writev(fd, &half, 1) : real_writev(fd, iov, count);
    } else if (kind == IO_FAULT_ZERO) {
      result = 0;
    } else {
      errno = kind;
      result = -1;
    }
  } else {
    result = real_writev(fd, iov, count);
  }
  const int saved = errno;
  After(slot, result);
  errno = saved;
  return result;
}

ssize_t read(int fd, void* data, size_t n) {
  REAL(read);
  int kind = 0;
  long slot;
  ssize_t result;
  if (Before(CALL_READ, FdIfCounted(fd), &kind, &slot)) {
    if (kind == IO_FAULT_SHORT) {
      result = real_read(fd, data, Shortened(n));
    } else if (kind == IO_FAULT_ZERO) {
      result = 0;
    } else {
      errno = kind;
      result = -1;
    }
  } else {
    result = real_read(fd, data, n);
  }
  const int saved = errno;
  After(slot, result);
  errno = saved;
  return result;
}

static ssize_t PreadCommon(int fd, void* data, size_t n, off_t offset) {
  REAL(pread);
  int kind = 0;
  long slot;
  ssize_t result;
  if (Before(CALL_PREAD, FdIfCounted(fd), &kind, &slot)) {
    if (kind == IO_FAULT_SHORT) {
      result = real_pread(fd, data, Shortened(n), offset);
    } else if (kind == IO_FAULT_ZERO) {
      result = 0;
    } else {
      errno = kind;
      result = -1;
    }
  } else {
    result = real_pread(fd, data, n, offset);
  }
  const int saved = errno;
  After(slot, result);
  errno = saved;
  return result;
}
ssize_t pread(int fd, void* data, size_t n, off_t offset) {
  return PreadCommon(fd, data, n, offset);
}
ssize_t pread64(int fd, void* data, size_t n, off64_t offset) {
  return PreadCommon(fd, data, n, offset);
}

/* fsync, fdatasync, fstat and lseek: a fault makes the call fail and do nothing. */
#define FD_CALL(name, CALL, type, ...)               \
  int kind = 0;                                      \
  long slot;                                         \
  type result;                                       \
  if (Before(CALL, FdIfCounted(fd), &kind, &slot)) { \
    errno = kind;                                    \
    result = -1;                                     \
  } else {                                           \
    result = real_##name(__VA_ARGS__);               \
  }                                                  \
  const int saved = errno;                           \
  After(slot, (long)result);                         \
  errno = saved;                                     \
  return result

int fsync(int fd) {
  REAL(fsync);
  FD_CALL(fsync, CALL_FSYNC, int, fd);
}
int fdatasync(int fd) {
  REAL(fdatasync);
  FD_CALL(fdatasync, CALL_FDATASYNC, int, fd);
}
int fstat(int fd, struct stat* info) {
  REAL(fstat);
  FD_CALL(fstat, CALL_FSTAT, int, fd, info);
}
int fstat64(int fd, struct stat64* info) {
  REAL(fstat64);
  FD_CALL(fstat64, CALL_FSTAT, int, fd, info);
}
off_t lseek(int fd, off_t offset, int whence) {
  REAL(lseek);
  FD_CALL(lseek, CALL_LSEEK, off_t, fd, offset, whence);
}
off64_t lseek64(int fd, off64_t offset, int whence) {
  REAL(lseek64);
  FD_CALL(lseek64, CALL_LSEEK, off64_t, fd, offset, whence);
}

/* A failed close still closes: Linux frees the descriptor whatever close
 * returns, and a caller must not close it again. */
int close(int fd) {
  REAL(close);
  int kind = 0;
  long slot;
  const int fault = Before(CALL_CLOSE, FdIfCounted(fd), &kind, &slot);
  Untrack(fd);
  int result = real_close(fd);
  if (fault && result == 0) {
    errno = kind;
    result = -1;
  }
  const int saved = errno;
  After(slot, result);
  errno = saved;
  return result;
}

int rename(const char* from, const char* to) {
  REAL(rename);
  int kind = 0;
  long slot;
  const char* counted = PathIfCounted(to) != NULL ? to : PathIfCounted(from);
  int result;
  if (counted != NULL && g_rename_delay_us > 0) {
    pthread_mutex_lock(&g_lock);
    const long wait = g_rename_delay_us * ((g_counts[CALL_RENAME] + 1) % 4);
    pthread_mutex_unlock(&g_lock);
    const struct timespec delay = {wait / 1000000, wait % 1000000 * 1000};
    nanosleep(&delay, NULL);
  }
  if (Before(CALL_RENAME, counted, &kind, &slot)) {
    errno = kind;
    result = -1;
  } else {
    result = real_rename(from, to);
  }
  const int saved = errno;
  After(slot, result);
  errno = saved;
  return result;
}

int unlink(const char* path) {
  REAL(unlink);
  int kind = 0;
  long slot;
  int result;
  if (Before(CALL_UNLINK, PathIfCounted(path), &kind, &slot)) {
    errno = kind;
    result = -1;
  } else {
    result = real_unlink(path);
  }
  const int saved = errno;
  After(slot, result);
  errno = saved;
  return result;
}

static void* MmapCommon(void* address, size_t n, int protection, int flags, int fd,
                        off_t offset) {
  REAL(mmap);
  /* Anonymous mappings (the allocator's) have fd -1 and are never counted. */
  const char* path = (flags & MAP_ANONYMOUS) ? NULL : FdIfCounted(fd);
  int kind = 0;
  long slot;
  void* result;
  if (Before(CALL_MMAP, path, &kind, &slot) || (path != NULL && g_no_mmap)) {
    errno = kind != 0 ? kind : ENODEV;
    result = MAP_FAILED;
  } else {
    result = real_mmap(address, n, protection, flags, fd, offset);
  }
  const int saved = errno;
  After(slot, result == MAP_FAILED ? -1 : 0);
  errno = saved;
  return result;
}
void* mmap(void* address, size_t n, int protection, int flags, int fd, off_t offset) {
  return MmapCommon(address, n, protection, flags, fd, offset);
}
void* mmap64(void* address, size_t n, int protection, int flags, int fd, off64_t offset) {
  return MmapCommon(address, n, protection, flags, fd, offset);
}
