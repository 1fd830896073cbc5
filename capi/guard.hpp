// What every exported function of the C API stands on: the per-thread last
// error, the one mapping from absl::Status to BATON_* codes, the guard that
// keeps exceptions from crossing extern "C", and argument checks. Internal to
// capi/ (and its tests); nothing here is exported.
#ifndef BATON_CAPI_GUARD_HPP_
#define BATON_CAPI_GUARD_HPP_

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <new>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "baton.h"

namespace baton::capi {

// The BATON_* code for a status: the single place where absl's canonical
// codes become the C API's (see baton.h for what each code means).
int CodeOf(const absl::Status& status);

// Records `message` as the calling thread's last error and returns `code`.
// Never allocates: a message longer than the buffer is cut at a UTF-8
// character boundary.
int SetError(int code, std::string_view message) noexcept;

// BATON_OK for an ok status; otherwise records its message and returns
// CodeOf(status).
int FromStatus(const absl::Status& status) noexcept;

// Records "<function>: <message>" for the exported function running on this
// thread and returns `code`. For errors the caller made in the call itself
// (NULL pointer, bad kind), so the message says which call was wrong.
int CallError(int code, std::string_view message) noexcept;
inline int ArgError(std::string_view message) noexcept {
  return CallError(BATON_EINVALID, message);
}

// BATON_EBUFS with a message giving both sizes, or BATON_OK if `cap` holds
// `needed` (bytes, or elements for arrays).
int CheckCapacity(std::size_t cap, std::size_t needed, const char* unit) noexcept;

// Writes `text` and a NUL into a caller buffer (see baton.h): `*needed`
// (if not null) receives text.size() + 1; BATON_EBUFS if `cap` is smaller.
int CopyText(char* buf, std::size_t cap, std::size_t* needed,
             std::string_view text) noexcept;

// The same for an array of `count` elements.
template <typename T>
int CopyArray(T* out, std::size_t cap, std::size_t* needed, const T* data,
              std::size_t count) noexcept {
  if (needed != nullptr) *needed = count;
  if (const int rc = CheckCapacity(cap, count, "elements"); rc != BATON_OK) return rc;
  if (count > 0 && out == nullptr) return ArgError("out is NULL");
  std::copy(data, data + count, out);
  return BATON_OK;
}

// BATON_OK if an output struct's `version` (set by its _INIT macro) is one
// the library knows, 1..current; else BATON_EINVALID saying so.
template <typename Info>
int CheckInfoVersion(const Info* info, unsigned current) {
  if (info->version >= 1 && info->version <= current) return BATON_OK;
  return ArgError("out->version is " + std::to_string(info->version) +
                  "; initialise the struct with its _INIT macro (version 1.." +
                  std::to_string(current) + ")");
}

// A test-only fault injector, called at the start of every guarded call with
// the function's name; it may throw to exercise the guard. Null in
// production.
using FaultHook = void (*)(const char* function);
extern std::atomic<FaultHook> g_fault_hook;

// Names the exported function running on this thread, for CallError.
class CallScope {
 public:
  explicit CallScope(const char* function) noexcept;
  ~CallScope();
  CallScope(const CallScope&) = delete;
  CallScope& operator=(const CallScope&) = delete;

 private:
  const char* outer_;
};

int OnException(std::exception_ptr error) noexcept;

// Runs `body` (returning a BATON_* code) so that no exception escapes:
// bad_alloc becomes BATON_ENOMEM, anything else BATON_EINTERNAL, each with
// a message naming the function.
template <typename Body>
int Guard(const char* function, Body&& body) noexcept {
  CallScope scope(function);
  try {
    if (FaultHook hook = g_fault_hook.load(std::memory_order_relaxed)) hook(function);
    return body();
  } catch (...) {
    return OnException(std::current_exception());
  }
}

}  // namespace baton::capi

// Returns from the enclosing function if `expr` gives a code other than
// BATON_OK.
#define BATON_RETURN_IF_ERROR(expr)                                            \
  do {                                                                         \
    if (const int baton_rc_ = (expr); baton_rc_ != BATON_OK) return baton_rc_; \
  } while (false)

// BATON_EINVALID naming the parameter if `ptr` is null.
#define BATON_REQUIRE(ptr)                          \
  BATON_RETURN_IF_ERROR((ptr) != nullptr ? BATON_OK \
                                         : ::baton::capi::ArgError(#ptr " is NULL"))

#endif  // BATON_CAPI_GUARD_HPP_
