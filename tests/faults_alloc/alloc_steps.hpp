// The sequence of C API calls the allocation-failure test (alloc_failure_test.cpp)
// runs with allocations failing: a table of steps, each one call, with what
// it produces and what it must leave as it was when it fails.
#ifndef BATON_TESTS_FAULTS_ALLOC_ALLOC_STEPS_HPP_
#define BATON_TESTS_FAULTS_ALLOC_ALLOC_STEPS_HPP_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "baton.h"

// The run's calls fail here only when allocations are armed; these set-up
// and read-out calls run disarmed and must not fail.
#define MUST(call)                                                               \
  do {                                                                           \
    const int rc_ = (call);                                                      \
    if (rc_ != BATON_OK) {                                                       \
      std::fprintf(stderr, "%s:%d: %s gave %s: %s\n", __FILE__, __LINE__, #call, \
                   baton_status_name(rc_), baton_last_error());                  \
      std::exit(2);                                                              \
    }                                                                            \
  } while (false)

namespace steps {

// FNV-1a over what a step produced.
class Digest {
 public:
  void Bytes(const void* data, std::size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < n; ++i) h_ = (h_ ^ p[i]) * 0x100000001b3ull;
  }
  template <typename T>
  void Add(const T& value) {
    Bytes(&value, sizeof value);
  }
  template <typename T>
  void Array(const std::vector<T>& values) {
    Add(values.size());
    if (!values.empty()) Bytes(values.data(), values.size() * sizeof(T));
  }
  void Text(const char* text) { Bytes(text, std::strlen(text) + 1); }
  std::uint64_t value() const { return h_; }

 private:
  std::uint64_t h_ = 0xcbf29ce484222325ull;
};

// Everything the run's calls make and read. Made and destroyed with
// allocations disarmed; the buffers the calls write into are allocated
// here, so that no call of a step allocates on the test's behalf.
struct Handles {
  baton_org* org = nullptr;
  baton_org* copy = nullptr;  // gets the reassignment
  baton_risk_model* model = nullptr;
  baton_risk_scores* scores = nullptr;
  baton_reassignment* plan = nullptr;
  baton_handover* handover = nullptr;
  char stored_id[16] = {};           // the book's id of the stored handover
  std::vector<char> book;            // the book's JSON
  baton_org* loaded = nullptr;       // from the snapshot file
  std::vector<unsigned char> bytes;  // the snapshot in memory
  std::size_t bytes_size = 0;
  baton_org* from_bytes = nullptr;
  baton_batch* removals = nullptr;
  baton_batch* updates = nullptr;
  baton_risk_fit* table_fit = nullptr;
  baton_risk_fit* org_fit = nullptr;
  baton_risk_model* fitted = nullptr;  // org_fit's model
  baton_risk_scores* fitted_scores = nullptr;
  baton_assignment_problem* problem = nullptr;
  baton_assignment_solution* solution = nullptr;
  std::uint32_t rep_of[64] = {};  // the solution's plan, evaluated again
  baton_assignment_solution* evaluated = nullptr;

  Handles();
  ~Handles();
  Handles(const Handles&) = delete;
  Handles& operator=(const Handles&) = delete;
};

// The run's inputs: paths, options and specs, all made before any run.
struct Inputs {
  std::string org_directory;      // DATA_DIR/tiny
  std::string training_table;     // DATA_DIR/tiny_training.csv
  std::string problem_directory;  // DATA_DIR/tiny_assignment
  std::string snapshot_path;      // in a scratch directory
  baton_risk_options risk = BATON_RISK_OPTIONS_INIT;
  baton_reassign_options reassign = BATON_REASSIGN_OPTIONS_INIT;
  baton_handover_options handover = BATON_HANDOVER_OPTIONS_INIT;
  baton_risk_fit_options fit = BATON_RISK_FIT_OPTIONS_INIT;
  baton_account_spec account = BATON_ACCOUNT_SPEC_INIT;
  baton_contact_spec contact = BATON_CONTACT_SPEC_INIT;
  baton_contact_spec new_contact = BATON_CONTACT_SPEC_INIT;
  baton_deal_spec deal = BATON_DEAL_SPEC_INIT;

  Inputs(const std::string& data_directory, const std::string& scratch_directory);
};

// One step: a C call, made with allocations armed, that must return
// `expected` (BATON_OK but for a sizing call), or BATON_ENOMEM leaving
// Observe() as it was and `output` NULL.
struct Step {
  const char* name;
  int (*call)(Handles& h, const Inputs& in);
  int expected;
  void (*result)(Digest& d, const Handles& h);  // what it produced
  const void* (*output)(const Handles& h);      // the handle it makes, or NULL
  bool changes_org = false;  // takes the organisation to change (and so its book)
};

constexpr std::size_t kMaxSteps = 64;
extern const Step kSteps[];
extern const std::size_t kStepCount;

// Everything a failed call must leave as it was: the state hash of the
// organisation and of its copy, the handover's state, the organisation's
// handover book (read for the steps that change the organisation) and the
// batches' sizes.
struct Observed {
  std::uint64_t org = 0, copy = 0, book = 0;
  std::int32_t handover_state = -1;
  std::size_t removals = 0, updates = 0;
  bool operator==(const Observed& o) const {
    return org == o.org && copy == o.copy && book == o.book &&
           handover_state == o.handover_state && removals == o.removals &&
           updates == o.updates;
  }
};
Observed Observe(const Handles& h, const Step& step);

}  // namespace steps

#endif  // BATON_TESTS_FAULTS_ALLOC_ALLOC_STEPS_HPP_
