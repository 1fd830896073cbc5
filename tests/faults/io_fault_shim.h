/* I/O fault injection for tests: the POSIX calls that snapshot save and load
 * make (open, openat, write, pwrite, read, fsync, fdatasync, close, rename,
 * unlink, fstat, lseek, mmap), interposed so that the k-th call of one of
 * them fails with an errno or transfers fewer bytes than asked.
 *
 * Two ways to use it (io_fault_shim.c has the details):
 *  - LD_PRELOAD=libbaton_io_fault_shim.so with the BATON_FAULT_* environment
 *    variables, around any program that uses Baton (no recompiling);
 *  - linked into a test program, which arms and disarms it with the calls
 *    below (tests/faults/io_fault_test.cpp). Under ASan this is the way: the
 *    program's own definitions of write() etc. come before ASan's.
 *
 * Only calls on paths containing the armed path filter (and on the file
 * descriptors opened from such paths) are counted, traced or faulted, so the
 * program's other I/O (its input, stderr) is left alone.
 *
 * Not thread-safe to arm while another thread does I/O; the counting itself
 * is under a lock. stdio (fwrite, fflush) reaches write(2) inside glibc
 * without the PLT, so FILE* I/O is not seen; snapshot save and load and CSV
 * export use none. */
#ifndef BATON_TESTS_FAULTS_IO_FAULT_SHIM_H_
#define BATON_TESTS_FAULTS_IO_FAULT_SHIM_H_

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The fault's kinds besides an errno value. */
#define IO_FAULT_SHORT (-1) /* write/pwrite/read move half the bytes (at least 1) */
#define IO_FAULT_ZERO (-2)  /* write/pwrite/read return 0: nothing moved */

/* Arms the shim: from now on calls on paths containing `path` are counted
 * and traced, and calls `at`, `at`+1, ... `at`+`times`-1 (1-based, counting
 * only calls named `call`) get `kind`: an errno value (EIO, ENOSPC, ...),
 * IO_FAULT_SHORT or IO_FAULT_ZERO. `times` 0 means every call from `at` on
 * (a disk that stays full). `call` NULL or "none": count and trace only.
 * Resets the counters and the trace. Returns 0, or -1 for an unknown call or
 * a kind the call cannot have (short/zero on a call that moves no bytes). */
int io_fault_arm(const char* call, long at, int kind, long times, const char* path);
/* Stops counting, tracing and faulting (the trace stays readable). */
void io_fault_disarm(void);
/* While on, mmap of a counted file fails with ENODEV (forces read()). */
void io_fault_set_no_mmap(int on);
/* While not 0, the n-th counted rename first waits n % 4 times this many
 * microseconds: uneven pauses, so that of two exports renaming the same
 * files in the same order, one can overtake the other (which at full
 * speed, in lockstep, seldom happens). */
void io_fault_set_rename_delay(long microseconds);
/* How many calls the armed fault has changed since io_fault_arm. */
long io_fault_fired(void);

/* The calls counted since io_fault_arm, in order (at most 1024 kept). */
size_t io_fault_trace_size(void);
const char* io_fault_trace_call(size_t i); /* "write", "rename", ... */
const char* io_fault_trace_path(size_t i); /* the path, or the fd's path */
long io_fault_trace_result(size_t i);      /* what the call returned */
int io_fault_trace_faulted(size_t i);      /* 1 if the fault changed it */

/* Parses "EIO", "ENOSPC", "EINTR", "EDQUOT", "EFBIG", "EACCES", "ENODEV",
 * "short", "zero" or a number; 0 for an unknown name. */
int io_fault_kind_from_name(const char* name);

#ifdef __cplusplus
}
#endif

#endif /* BATON_TESTS_FAULTS_IO_FAULT_SHIM_H_ */
