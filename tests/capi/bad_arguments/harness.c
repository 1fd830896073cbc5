/* The bad-argument matrix's driver: makes the fixtures once, then runs every
 * generated case in a child process of its own, so that a crash or an abort
 * is reported as the case that caused it and the other cases still run.
 *
 * Usage: baton_bad_arguments SAMPLE_DIR ASSIGNMENT_DIR SCRATCH_DIR */
#define _DEFAULT_SOURCE /* fork, chdir, realpath */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

static const char* g_sample_dir = NULL;
static const char* g_assignment_dir = NULL;
static const bm_case* g_case = NULL; /* the case running in this process */
static char g_sentinel[256];

void bm_fatal(const char* what) {
  fprintf(stderr, "bad_arguments: cannot make a fixture: %s: %s\n", what,
          baton_last_error());
  exit(2);
}

void bm_arm(void) {
  int32_t day = 0; /* a failure with a message no call of the matrix makes */
  (void)baton_day_parse(&day, "bad-argument matrix sentinel");
  snprintf(g_sentinel, sizeof g_sentinel, "%s", baton_last_error());
}

static void fail(const char* why, int rc) {
  fprintf(stderr, "FAIL %s(%s): %s (returned %s; last error: \"%s\")\n", g_case->function,
          g_case->label, why, baton_status_name(rc), baton_last_error());
}

/* An error code the header defines, with a message of this call's own. */
static int check_error(int rc) {
  if (strcmp(baton_status_name(rc), "BATON_E?") == 0) {
    fail("an error code baton.h does not define", rc);
    return BM_FAIL;
  }
  if (baton_last_error()[0] == '\0' || strcmp(baton_last_error(), g_sentinel) == 0) {
    fail("an error without a message of its own", rc);
    return BM_FAIL;
  }
  return BM_PASS;
}

int bm_check(int rc, bm_expect expect, const char* naming) {
  if (rc == BATON_OK) {
    if (expect == BM_ANY) return BM_PASS;
    fail("accepted a bad value", rc);
    return BM_FAIL;
  }
  if (check_error(rc) != BM_PASS) return BM_FAIL;
  if (naming != NULL && rc != BATON_EINVALID) {
    fail("a bad pointer or handle must give BATON_EINVALID", rc);
    return BM_FAIL;
  }
  if (naming != NULL && strstr(baton_last_error(), naming) == NULL) {
    char why[160];
    snprintf(why, sizeof why, "the message does not name the parameter '%s'", naming);
    fail(why, rc);
    return BM_FAIL;
  }
  return BM_PASS;
}

int bm_check_name(const void* result, bm_expect expect) {
  if (result == NULL || expect == BM_ANY) return BM_PASS;
  fail("returned a name for a bad value, not NULL", BATON_OK);
  return BM_FAIL;
}

int bm_deferred(int rc, const char* check) {
  if (rc == BATON_OK) {
    char why[256];
    snprintf(why, sizeof why, "accepted a bad value, and so did %s after it", check);
    fail(why, rc);
    return BM_FAIL;
  }
  return check_error(rc);
}

int bm_base(int rc, const char* what) {
  if (rc == BATON_OK) return BM_PASS;
  char why[256];
  snprintf(why, sizeof why,
           "%s fails with every argument valid: fix the valid values in functions.txt",
           what);
  fail(why, rc);
  return BM_FAIL;
}

int bm_undescribed(const char* why) {
  fprintf(stderr, "FAIL %s\n", why);
  return BM_FAIL;
}

const baton_org* bm_sample(void) {
  static baton_org* org = NULL;
  if (org == NULL) {
    if (baton_org_create(&org) != BATON_OK ||
        baton_org_import_csv(org, g_sample_dir) != 0)
      bm_fatal("the sample organisation");
  }
  return org;
}

const char* bm_assignment_dir(void) { return g_assignment_dir; }

const void* bm_snapshot(size_t* size) {
  static void* bytes = NULL;
  static size_t length = 0;
  if (bytes == NULL) {
    baton_org* org = NULL;
    if (baton_org_create(&org) != BATON_OK) bm_fatal("an empty organisation");
    (void)baton_org_to_bytes(NULL, 0, &length, org);
    bytes = malloc(length);
    if (bytes == NULL || baton_org_to_bytes(bytes, length, NULL, org) != BATON_OK)
      bm_fatal("a snapshot");
    baton_org_destroy(org);
  }
  *size = length;
  return bytes;
}

const baton_reassign_options* bm_offboard_options(void) {
  static const char* const leaving[] = {"r017"};
  static baton_reassign_options options = BATON_REASSIGN_OPTIONS_INIT;
  options.departing = leaving;
  options.departing_count = 1;
  options.today = 20758; /* 2026-11-01 */
  return &options;
}

int bm_apply(const baton_batch* batch) {
  baton_org* org = NULL;
  if (baton_org_copy(&org, bm_sample()) != BATON_OK) bm_fatal("a copy of the sample");
  const int rc = baton_org_apply(org, batch);
  baton_org_destroy(org);
  return rc;
}

baton_assignment_problem* bm_new_problem(void) {
  baton_assignment_problem* problem = NULL;
  if (baton_assignment_problem_create(&problem) != BATON_OK) bm_fatal("a problem");
  return problem;
}

const baton_risk_options* bm_risk_options(void) {
  static const char* const leaving[] = {"r017"};
  static baton_risk_options options = BATON_RISK_OPTIONS_INIT;
  options.as_of = 20758;
  options.leavers = leaving;
  options.leaver_count = 1;
  return &options;
}

/* Eight rows of one column, both outcomes, two folds. */
int bm_risk_fit(baton_risk_fit** out) {
  static const char* const columns[] = {"x"};
  static const double values[] = {0.1, 0.9, 0.3, 0.8, 0.2, 0.7, 0.6, 0.4};
  static const uint8_t lapsed[] = {0, 1, 0, 1, 1, 0, 1, 0};
  baton_risk_fit_options options = BATON_RISK_FIT_OPTIONS_INIT;
  options.folds = 2;
  return baton_risk_fit_arrays(out, columns, 1, values, lapsed, 8, &options);
}

/* A CSV file in the scratch directory (the calls run there). */
const char* bm_risk_csv(void) {
  static const char* const path = "risk_fit.csv";
  FILE* file = fopen(path, "w");
  if (file == NULL) bm_fatal(path);
  fputs(
      "x,c,churned\n0.1,a,no\n0.9,b,yes\n0.3,a,no\n0.8,b,yes\n0.2,b,yes\n0.7,a,no\n"
      "0.6,b,yes\n0.4,a,no\n",
      file);
  fclose(file);
  return path;
}

const char* bm_risk_model_text(void) {
  static char text[65536];
  baton_risk_model* model = NULL;
  if (text[0] == '\0') {
    if (baton_risk_model_default(&model) != BATON_OK ||
        baton_risk_model_to_text(text, sizeof text, NULL, model) != BATON_OK)
      bm_fatal("the default risk model's text");
    baton_risk_model_destroy(model);
  }
  return text;
}

/* r017 leaves on 2026-11-30 (day 20787), planned on 2026-11-01. */
const baton_handover_options* bm_handover_options(void) {
  static const char* const leaving[] = {"r017"};
  static const int32_t last_days[] = {20787};
  static baton_handover_options options = BATON_HANDOVER_OPTIONS_INIT;
  options.leavers = leaving;
  options.last_days = last_days;
  options.leaver_count = 1;
  options.today = 20758;
  return &options;
}

/* A snapshot of the sample that carries the default risk model. */
const char* bm_risk_snapshot(void) {
  static const char* const path = "risk_model.snap";
  baton_risk_model* model = NULL;
  if (baton_risk_model_default(&model) != BATON_OK ||
      baton_org_save_with_risk_model(bm_sample(), model, path) != BATON_OK)
    bm_fatal(path);
  baton_risk_model_destroy(model);
  return path;
}

/* Runs case `c` in a child; BM_PASS, or BM_FAIL with the reason printed. */
static int run(const bm_case* c) {
  fflush(stdout);
  fflush(stderr);
  const pid_t child = fork();
  if (child < 0) {
    perror("fork");
    exit(2);
  }
  if (child == 0) {
    g_case = c;
    _exit(c->run());
  }
  int status = 0;
  if (waitpid(child, &status, 0) != child) {
    perror("waitpid");
    exit(2);
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == BM_PASS) return BM_PASS;
  if (WIFSIGNALED(status)) {
    fprintf(stderr, "FAIL %s(%s): crashed (signal %d, %s)\n", c->function, c->label,
            WTERMSIG(status), strsignal(WTERMSIG(status)));
  } else if (WEXITSTATUS(status) != BM_FAIL) {
    fprintf(stderr, "FAIL %s(%s): exited with status %d (a sanitizer's report?)\n",
            c->function, c->label, WEXITSTATUS(status));
  }
  return BM_FAIL;
}

int main(int argc, char** argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: %s SAMPLE_DIR ASSIGNMENT_DIR SCRATCH_DIR\n", argv[0]);
    return 2;
  }
  g_sample_dir = realpath(argv[1], NULL); /* the calls run in SCRATCH_DIR */
  g_assignment_dir = realpath(argv[2], NULL);
  if (g_sample_dir == NULL || g_assignment_dir == NULL) {
    perror("realpath");
    return 2;
  }
  if (chdir(argv[3]) != 0) { /* files the calls write land here */
    perror(argv[3]);
    return 2;
  }
  const clock_t start = clock();
  (void)bm_sample();
  bm_make_fixtures();
  size_t failed = 0;
  for (size_t i = 0; i < bm_case_count; ++i) failed += run(&bm_cases[i]) != BM_PASS;
  printf(
      "bad-argument matrix: %zu functions, %zu calls, %zu failed (%.1f s of CPU in the "
      "driver)\n",
      bm_function_count, bm_case_count, failed,
      (double)(clock() - start) / CLOCKS_PER_SEC);
  return failed == 0 ? 0 : 1;
}
