// The objects behind the C API's opaque handles, and the checks that a
// handle passed in is a live one of the right type.
#ifndef BATON_CAPI_HANDLES_HPP_
#define BATON_CAPI_HANDLES_HPP_

#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>
#include <vector>

#include "baton/assignment.hpp"
#include "baton/batch.hpp"
#include "baton/handover_book.hpp"
#include "baton/org.hpp"
#include "baton/reassign.hpp"
#include "baton/snapshot.hpp"
#include "capi/guard.hpp"

namespace baton::capi {

// Each handle starts with a tag naming its type. A handle of another type
// (cast through void*) has another tag; a destroyed one has kDeadTag until
// its memory is reused, which is why detecting one is a best effort.
inline constexpr std::uint32_t kOrgTag = 0x4f524721;           // "ORG!"
inline constexpr std::uint32_t kBatchTag = 0x42415421;         // "BAT!"
inline constexpr std::uint32_t kProblemTag = 0x41535021;       // "ASP!"
inline constexpr std::uint32_t kSolutionTag = 0x41534c21;      // "ASL!"
inline constexpr std::uint32_t kReassignmentTag = 0x52534e21;  // "RSN!"
inline constexpr std::uint32_t kDeadTag = 0xdeadbac0;

}  // namespace baton::capi

struct baton_org {
  std::uint32_t tag = baton::capi::kOrgTag;
  baton::Org org;
  // The handover plans stored with it, and the other sections of the
  // snapshot it was loaded from (a risk model, ...): every save writes them
  // back, so that nothing is lost that a C caller does not look at.
  baton::HandoverBook book;
  std::vector<baton::SnapshotSection> sections;

  std::vector<baton::SnapshotSection> SectionsToSave() const {
    std::vector<baton::SnapshotSection> out = sections;
    if (!book.empty()) out.push_back(baton::ToSection(book));
    return out;
  }

  // baton_org_to_bytes keeps the snapshot it made for a call whose buffer
  // was too small, so the caller's retry with a big enough buffer does not
  // serialize again. Any change to `org` drops it.
  mutable std::mutex bytes_mutex;
  mutable std::string pending_bytes;
  mutable bool has_pending_bytes = false;

  void DropPendingBytes() {
    std::lock_guard<std::mutex> lock(bytes_mutex);
    std::string().swap(pending_bytes);
    has_pending_bytes = false;
  }
};

struct baton_batch {
  std::uint32_t tag = baton::capi::kBatchTag;
  baton::Batch batch;
};

struct baton_assignment_problem {
  std::uint32_t tag = baton::capi::kProblemTag;
  baton::AssignmentProblem problem;
};

struct baton_assignment_solution {
  std::uint32_t tag = baton::capi::kSolutionTag;
  baton::AssignmentSolution solution;
  // A plan costed by baton_assignment_evaluate rather than solved: it has no
  // lower bound (the C++ outcome has no value for that).
  bool evaluated = false;
};

// A plan keeps what it reads out after the organisation has changed or gone:
// the ids of its accounts and reps, and the batch it applies, made while the
// organisation was the one `state_hash` fingerprints.
struct baton_reassignment {
  std::uint32_t tag = baton::capi::kReassignmentTag;
  baton::Reassignment result;
  std::uint64_t state_hash = 0;
  baton::Batch batch;
  std::vector<std::string> account_ids;  // per entry of result.accounts
  std::vector<std::string> from_ids;     // "" for none
  std::vector<std::string> to_ids;       // "" for unassigned
  std::vector<std::string> rep_ids;      // per entry of result.reps
};

namespace baton::capi {

// BATON_OK, or BATON_EINVALID naming the parameter.
template <typename Handle>
int CheckHandle(const Handle* handle, std::uint32_t tag, const char* parameter,
                const char* type) noexcept {
  char text[160];
  if (handle == nullptr) {
    std::snprintf(text, sizeof text, "%s is NULL", parameter);
    return ArgError(text);
  }
  if (handle->tag != tag) {
    std::snprintf(text, sizeof text,
                  "%s is not a live %s (destroyed, or a handle of another type)",
                  parameter, type);
    return ArgError(text);
  }
  return BATON_OK;
}

inline int CheckOrg(const baton_org* org, const char* parameter = "org") noexcept {
  return CheckHandle(org, kOrgTag, parameter, "baton_org");
}
inline int CheckBatch(const baton_batch* batch) noexcept {
  return CheckHandle(batch, kBatchTag, "batch", "baton_batch");
}
inline int CheckProblem(const baton_assignment_problem* problem) noexcept {
  return CheckHandle(problem, kProblemTag, "problem", "baton_assignment_problem");
}
inline int CheckSolution(const baton_assignment_solution* solution) noexcept {
  return CheckHandle(solution, kSolutionTag, "solution", "baton_assignment_solution");
}
inline int CheckReassignment(const baton_reassignment* reassignment) noexcept {
  return CheckHandle(reassignment, kReassignmentTag, "reassignment",
                     "baton_reassignment");
}

}  // namespace baton::capi

#endif  // BATON_CAPI_HANDLES_HPP_
