/* The checks the C programs of tests/capi count their failures with. */
#ifndef BATON_TESTS_CAPI_C_CHECKS_H_
#define BATON_TESTS_CAPI_C_CHECKS_H_

#include <stdio.h>
#include <string.h>

#include "baton.h"

static int failures = 0;

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                              \
    }                                                                          \
  } while (0)

/* Expects `call` to return `code`, printing the last error if not. */
#define CHECK_RC(call, code)                                                             \
  do {                                                                                   \
    int rc_ = (call);                                                                    \
    if (rc_ != (code)) {                                                                 \
      fprintf(stderr, "%s:%d: %s gave %s, expected %s: %s\n", __FILE__, __LINE__, #call, \
              baton_status_name(rc_), baton_status_name(code), baton_last_error());      \
      ++failures;                                                                        \
    }                                                                                    \
  } while (0)

#define CHECK_OK(call) CHECK_RC(call, BATON_OK)

/* Expects the last error to be exactly `text`. */
#define CHECK_ERROR(text)                                                              \
  do {                                                                                 \
    if (strcmp(baton_last_error(), (text)) != 0) {                                     \
      fprintf(stderr, "%s:%d: last error\n  is:       %s\n  expected: %s\n", __FILE__, \
              __LINE__, baton_last_error(), (text));                                   \
      ++failures;                                                                      \
    }                                                                                  \
  } while (0)

/* Expects the last error to contain `text`. */
#define CHECK_ERROR_HAS(text)                                                        \
  do {                                                                               \
    if (strstr(baton_last_error(), (text)) == NULL) {                                \
      fprintf(stderr, "%s:%d: last error \"%s\" lacks \"%s\"\n", __FILE__, __LINE__, \
              baton_last_error(), (text));                                           \
      ++failures;                                                                    \
    }                                                                                \
  } while (0)

#endif /* BATON_TESTS_CAPI_C_CHECKS_H_ */
