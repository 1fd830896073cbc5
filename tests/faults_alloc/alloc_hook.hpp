// The allocation hook of the allocation-failure test (alloc_failure_test.cpp):
// alloc_hook.cpp replaces every global operator new and new[] and, outside
// ASan, malloc, calloc and realloc, with versions that count the allocations
// made while `armed` and fail the `fail_at`-th.
#ifndef BATON_TESTS_FAULTS_ALLOC_ALLOC_HOOK_HPP_
#define BATON_TESTS_FAULTS_ALLOC_ALLOC_HOOK_HPP_

#include <atomic>
#include <cstdint>

#if defined(__SANITIZE_ADDRESS__)
#define BATON_HOOK_MALLOC 0  // ASan owns malloc; only operator new is hooked
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BATON_HOOK_MALLOC 0
#endif
#endif
#ifndef BATON_HOOK_MALLOC
#define BATON_HOOK_MALLOC 1
#endif

namespace hook {

enum class Mode { kOnce, kFromOn };

extern std::atomic<bool> armed;
extern std::atomic<std::uint64_t> seen;      // allocations while armed
extern std::atomic<std::uint64_t> fail_at;   // 0: none fails
extern std::atomic<std::uint64_t> injected;  // failures injected
extern std::atomic<std::uint64_t> spared;    // failures not injected: inside Abseil
extern std::atomic<std::int64_t> live;       // operator new blocks not yet deleted
extern Mode mode;
extern bool fail_in_abseil;  // --fail-in-abseil

// Reads the program's debug information once, to recognise allocations
// inside Abseil's hash tables (see alloc_hook.cpp).
void InitStacks(const char* program);

}  // namespace hook

#endif  // BATON_TESTS_FAULTS_ALLOC_ALLOC_HOOK_HPP_
