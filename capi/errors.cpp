// Status codes, the per-thread last error and the exception guard.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "absl/strings/cord.h"
#include "capi/guard.hpp"

namespace baton::capi {
namespace {

// Fixed storage, so that recording an error (even "out of memory") cannot
// itself fail.
constexpr std::size_t kErrorCapacity = 4096;
thread_local char t_error[kErrorCapacity] = "";
thread_local const char* t_function = nullptr;

// Debian's Abseil has its own string_view type.
std::string_view MessageOf(const absl::Status& status) {
  return std::string_view(status.message().data(), status.message().size());
}

// "reps.csv:12:7: ..." or "reps.csv:1: ...": an error at a position in a
// file, as the CSV reader reports them. The file name holds no space, which
// keeps batch messages ("account a:17: owner: ...") out.
bool NamesFilePosition(std::string_view message) {
  const std::size_t end = message.find(": ");
  if (end == std::string_view::npos) return false;
  std::string_view where = message.substr(0, end);
  if (where.find(' ') != std::string_view::npos) return false;
  int numbers = 0;
  while (numbers < 2) {  // column, then line; or only the line
    const std::size_t colon = where.rfind(':');
    if (colon == std::string_view::npos || colon + 1 == where.size()) break;
    const std::string_view digits = where.substr(colon + 1);
    if (digits.find_first_not_of("0123456789") != std::string_view::npos) break;
    where = where.substr(0, colon);
    ++numbers;
  }
  return numbers > 0 && !where.empty();
}

}  // namespace

std::atomic<FaultHook> g_fault_hook{nullptr};

// The payload a status made from an errno value may carry (the value in
// decimal), which tells an I/O failure from a code absl's errno mapping
// shares with other failures (ENOSPC and ENOMEM are both ResourceExhausted).
constexpr char kErrnoPayload[] = "baton.errno";

int CodeOfErrno(const absl::Status& status) {
  const auto payload = status.GetPayload(kErrnoPayload);
  if (!payload) return BATON_OK;
  const std::string text(*payload);
  const int error = std::atoi(text.c_str());
  if (error == ENOENT) return BATON_ENOTFOUND;
  if (error == ENOMEM) return BATON_ENOMEM;
  return BATON_EIO;
}

int CodeOf(const absl::Status& status) {
  if (const int code = CodeOfErrno(status); code != BATON_OK) return code;
  switch (status.code()) {
    case absl::StatusCode::kOk:
      return BATON_OK;
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange:
      return NamesFilePosition(MessageOf(status)) ? BATON_EPARSE : BATON_EINVALID;
    case absl::StatusCode::kNotFound:
      return BATON_ENOTFOUND;
    case absl::StatusCode::kAlreadyExists:
      return BATON_EEXISTS;
    case absl::StatusCode::kDataLoss:
      return BATON_ECORRUPT;
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kPermissionDenied:
    case absl::StatusCode::kUnauthenticated:
      return BATON_EIO;
    case absl::StatusCode::kResourceExhausted:
      return BATON_ENOMEM;
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kAborted:
      return BATON_ESTATE;
    case absl::StatusCode::kCancelled:
    case absl::StatusCode::kDeadlineExceeded:
      return BATON_ECANCELLED;
    case absl::StatusCode::kUnknown:  // Baton makes these only from errno values
      return BATON_EIO;
    default:  // kInternal, kUnimplemented
      return BATON_EINTERNAL;
  }
}

int SetError(int code, std::string_view message) noexcept {
  std::size_t n = std::min(message.size(), kErrorCapacity - 1);
  if (n < message.size()) {
    // Do not cut a multi-byte character: back up over continuation bytes.
    while (n > 0 && (static_cast<unsigned char>(message[n]) & 0xC0) == 0x80) --n;
  }
  if (n > 0) std::memcpy(t_error, message.data(), n);
  t_error[n] = '\0';
  return code;
}

int FromStatus(const absl::Status& status) noexcept {
  if (status.ok()) return BATON_OK;
  return SetError(CodeOf(status), MessageOf(status));
}

int CallError(int code, std::string_view message) noexcept {
  const std::string_view function = t_function != nullptr ? t_function : "baton";
  char text[kErrorCapacity];
  const int written =
      std::snprintf(text, sizeof text, "%.*s: %.*s", static_cast<int>(function.size()),
                    function.data(), static_cast<int>(message.size()), message.data());
  return SetError(
      code, std::string_view(
                text, written < 0 ? 0 : std::min<std::size_t>(written, sizeof text - 1)));
}

int CheckCapacity(std::size_t cap, std::size_t needed, const char* unit) noexcept {
  if (cap >= needed) return BATON_OK;
  char text[160];
  std::snprintf(text, sizeof text, "buffer of %zu %s is too small; %zu needed", cap, unit,
                needed);
  return CallError(BATON_EBUFS, text);
}

int CopyText(char* buf, std::size_t cap, std::size_t* needed,
             std::string_view text) noexcept {
  if (needed != nullptr) *needed = text.size() + 1;
  if (const int rc = CheckCapacity(cap, text.size() + 1, "bytes"); rc != BATON_OK)
    return rc;
  if (buf == nullptr) return ArgError("buf is NULL");
  if (!text.empty()) std::memcpy(buf, text.data(), text.size());
  buf[text.size()] = '\0';
  return BATON_OK;
}

CallScope::CallScope(const char* function) noexcept : outer_(t_function) {
  t_function = function;
}
CallScope::~CallScope() { t_function = outer_; }

int OnException(std::exception_ptr error) noexcept {
  try {
    std::rethrow_exception(error);
  } catch (const std::bad_alloc&) {
    return CallError(BATON_ENOMEM, "out of memory");
  } catch (const std::exception& e) {
    char text[kErrorCapacity];
    std::snprintf(text, sizeof text, "internal error: %s", e.what());
    return CallError(BATON_EINTERNAL, text);
  } catch (...) {
    return CallError(BATON_EINTERNAL, "internal error: unknown exception");
  }
}

}  // namespace baton::capi

using baton::capi::Guard;

extern "C" {

BATON_API const char* baton_last_error(void) { return baton::capi::t_error; }

BATON_API const char* baton_status_name(int code) {
  switch (code) {
    case BATON_OK:
      return "BATON_OK";
    case BATON_EINVALID:
      return "BATON_EINVALID";
    case BATON_ENOTFOUND:
      return "BATON_ENOTFOUND";
    case BATON_EEXISTS:
      return "BATON_EEXISTS";
    case BATON_EPARSE:
      return "BATON_EPARSE";
    case BATON_ECORRUPT:
      return "BATON_ECORRUPT";
    case BATON_EIO:
      return "BATON_EIO";
    case BATON_EBUFS:
      return "BATON_EBUFS";
    case BATON_ENOMEM:
      return "BATON_ENOMEM";
    case BATON_ECANCELLED:
      return "BATON_ECANCELLED";
    case BATON_EINTERNAL:
      return "BATON_EINTERNAL";
    case BATON_ESTATE:
      return "BATON_ESTATE";
    default:
      return "BATON_E?";
  }
}

}  // extern "C"
