/* The bad-argument matrix of the C API: what the generated cases (made by
 * generate.py from baton.h and functions.txt) stand on. See README.md. */
#ifndef BATON_BAD_ARGUMENTS_HARNESS_H_
#define BATON_BAD_ARGUMENTS_HARNESS_H_

#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "baton.h"

#ifdef __cplusplus
extern "C" {
#endif

/* BM_FAIL is not 1, the exit status of a sanitizer's report. */
enum { BM_PASS = 0, BM_FAIL = 3 };

/* What a call must do: fail with a message (BM_ERROR), fail or succeed
 * (BM_ANY: the value tried is a valid one, e.g. a NULL `needed`). */
typedef enum { BM_ERROR, BM_ANY } bm_expect;

/* One call of the matrix; run in a child process of its own. */
typedef struct {
  const char* function;
  const char* label;
  int (*run)(void);
} bm_case;

/* Generated. */
extern const bm_case bm_cases[];
extern const size_t bm_case_count;
extern const size_t bm_function_count;
void bm_make_fixtures(void);

/* Sets the calling thread's last error to a sentinel, so that a failure
 * without a message of its own is seen. Called before every call tried. */
void bm_arm(void);
/* BM_PASS if `rc` is what `expect` allows: an error has a known code and a
 * message of its own; with `naming`, it is BATON_EINVALID and the message
 * names that parameter. Otherwise prints why and returns BM_FAIL. */
int bm_check(int rc, bm_expect expect, const char* naming);
/* For functions returning a name: NULL is their error. */
int bm_check_name(const void* result, bm_expect expect);
/* A bad value the call accepted (it validates later, e.g. a batch): `rc`
 * is the result of `check` (e.g. applying the batch), which must fail. */
int bm_deferred(int rc, const char* check);
/* The call with every argument valid (`what` it is) must succeed. */
int bm_base(int rc, const char* what);
/* A function the matrix cannot try: always fails, saying why. */
int bm_undescribed(const char* why);
/* Stops the whole test: a fixture could not be made. */
void bm_fatal(const char* what);

/* Fixture inputs: the bundled sample organisation (imported once), the
 * example assignment problem's directory, a snapshot's bytes, options that
 * offboard one rep, applying a batch to a copy of the sample organisation,
 * a new empty assignment problem. */
const baton_org* bm_sample(void);
const char* bm_assignment_dir(void);
const void* bm_snapshot(size_t* size);
const baton_reassign_options* bm_offboard_options(void);
int bm_apply(const baton_batch* batch);
baton_assignment_problem* bm_new_problem(void);
/* Churn risk: options that score as of 2026-11-01 with r017 leaving, a fit
 * of a small table, a CSV file to fit and a model's text. */
const baton_risk_options* bm_risk_options(void);
int bm_risk_fit(baton_risk_fit** out);
const char* bm_risk_csv(void);
const char* bm_risk_model_text(void);
const char* bm_risk_snapshot(void);
const baton_handover_options* bm_handover_options(void);

/* quarantine.cpp: the next operator delete of `p` keeps its memory, so that
 * a destroyed handle's tag stays dead instead of being reused. */
void bm_quarantine_next(void* p);
int bm_quarantine_took(void);

/* A handle type: how to make one (`make` writes it into `h`), the shared
 * fixture, and a destroyed one held in quarantine. */
#define BM_HANDLE(type, make)                                   \
  static type* bm_make_##type(void) {                           \
    type* h = NULL;                                             \
    if ((make) != BATON_OK || h == NULL) bm_fatal(#make);       \
    return h;                                                   \
  }                                                             \
  static type* bm_fixture_##type(void) {                        \
    static type* fixture = NULL;                                \
    if (fixture == NULL) fixture = bm_make_##type();            \
    return fixture;                                             \
  }                                                             \
  static type* bm_destroyed_##type(void) {                      \
    type* h = bm_make_##type();                                 \
    bm_quarantine_next(h);                                      \
    type##_destroy(h);                                          \
    if (!bm_quarantine_took()) bm_fatal(#type "_destroy kept"); \
    return h;                                                   \
  }

#ifdef __cplusplus
}
#endif

#endif /* BATON_BAD_ARGUMENTS_HARNESS_H_ */
