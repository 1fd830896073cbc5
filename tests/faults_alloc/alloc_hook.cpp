// The allocation hook: every global operator new and new[] (plain, nothrow,
// aligned, aligned nothrow) and, outside ASan, malloc, calloc and realloc are
// replaced with versions that count the allocations made while a run is
// armed and fail the k-th (throwing std::bad_alloc, or returning NULL with
// ENOMEM); one inside Abseil's hash tables is spared and the next one fails
// instead (InsideAbseilTable says why).
#include "alloc_hook.hpp"

#include <cerrno>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <new>

#if BATON_HAVE_LIBBACKTRACE
#include <backtrace.h>
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

std::atomic<bool> armed{false};
std::atomic<std::uint64_t> seen{0};
std::atomic<std::uint64_t> fail_at{0};
std::atomic<std::uint64_t> injected{0};
std::atomic<std::uint64_t> spared{0};
std::atomic<std::int64_t> live{0};
Mode mode = Mode::kOnce;
bool fail_in_abseil = false;

namespace {

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
}  // namespace

void InitStacks(const char* program) {
  g_backtrace = backtrace_create_state(program, /*threaded=*/1, IgnoreError, nullptr);
  InsideAbseilTable();  // reads the debug information once, up front
}

namespace {
#else
bool InsideAbseilTable() { return false; }
}  // namespace

void InitStacks(const char*) {}

namespace {
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
}  // namespace

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
