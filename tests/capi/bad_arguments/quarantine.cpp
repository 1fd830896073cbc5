// Keeps the memory of one destroyed handle from being reused, so that the
// matrix's "destroyed handle" is one whose tag still says dead: the C API
// detects a destroyed handle only until its memory is reused (baton.h), and
// this is how the test makes sure it is not. Every other allocation goes to
// malloc and free as usual (also under ASan, which sees malloc and free).
#include <cstdlib>
#include <new>

#include "harness.h"

namespace {
void* g_next = nullptr;  // the pointer whose delete is to be held
bool g_took = false;
}  // namespace

// The matrix passes absurd sizes on purpose. Under ASan an allocation too
// large must fail as it does without it (std::bad_alloc, so BATON_ENOMEM),
// not stop the program; ASAN_OPTIONS still overrides this default.
extern "C" const char* __asan_default_options() { return "allocator_may_return_null=1"; }

extern "C" void bm_quarantine_next(void* p) {
  g_next = p;
  g_took = false;
}

extern "C" int bm_quarantine_took(void) { return g_took ? 1 : 0; }

// Every replaceable form that allocates with malloc or frees with free, so
// that no allocation made by one form is freed by another's runtime (ASan
// checks that they match). The over-aligned forms are left as they are.
void* operator new(std::size_t size) {
  if (void* p = std::malloc(size != 0 ? size : 1)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  return std::malloc(size != 0 ? size : 1);
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  return std::malloc(size != 0 ? size : 1);
}

void operator delete(void* p) noexcept {
  if (p != nullptr && p == g_next) {  // held: never freed, never reused
    g_next = nullptr;
    g_took = true;
    return;
  }
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept { operator delete(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { operator delete(p); }
void operator delete[](void* p) noexcept { operator delete(p); }
void operator delete[](void* p, std::size_t) noexcept { operator delete(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { operator delete(p); }
