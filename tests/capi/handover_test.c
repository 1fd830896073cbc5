/* Handover plans from C: offboard a rep, plan the handover, read its tasks,
 * mark one done, apply the plan (nothing left with the leaver), undo it (the
 * state hash as before), and the refusals.
 *
 * Usage: baton_capi_handover_test SAMPLE_DIR */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baton.h"
#include "c_checks.h"

static int32_t day(const char* text) {
  int32_t d = BATON_NO_DAY;
  CHECK_OK(baton_day_parse(&d, text));
  return d;
}

static uint64_t state_hash(const baton_org* org) {
  uint64_t hash = 0;
  CHECK_OK(baton_org_state_hash(&hash, org));
  return hash;
}

static baton_reassignment* offboard(const baton_org* org, const char* rep) {
  const char* leaving[1];
  baton_reassign_options options = BATON_REASSIGN_OPTIONS_INIT;
  baton_reassignment* plan = NULL;
  leaving[0] = rep;
  options.departing = leaving;
  options.departing_count = 1;
  options.today = day("2026-11-01");
  CHECK_OK(baton_reassign(&plan, org, &options, NULL, NULL));
  return plan;
}

static void test_tasks(baton_handover* handover, size_t accounts) {
  size_t n = 0;
  uint32_t* account;
  int32_t* kind;
  int32_t* due;
  uint32_t* details;
  char title[512], detail[512];
  int32_t* status;
  CHECK_RC(baton_handover_tasks(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, &n,
                                handover),
           BATON_EBUFS);
  CHECK(n == accounts * 10 + 3);
  account = malloc(n * sizeof *account);
  kind = malloc(n * sizeof *kind);
  due = malloc(n * sizeof *due);
  details = malloc(n * sizeof *details);
  status = malloc(n * sizeof *status);
  CHECK_OK(baton_handover_tasks(account, NULL, kind, NULL, NULL, due, NULL, details, n,
                                NULL, handover));
  CHECK(account[0] == 0 && account[n - 1] == BATON_NO_INDEX);
  CHECK(kind[n - 1] == BATON_TASK_REVOKE_ACCESS);
  CHECK(due[n - 1] == day("2026-11-30"));
  for (size_t t = 0; t < n; ++t) CHECK(due[t] >= day("2026-11-01"));
  CHECK_OK(baton_handover_task_title(title, sizeof title, NULL, handover, 0));
  CHECK(strlen(title) > 0);
  for (size_t t = 0; t < n; ++t) {
    if (details[t] == 0) continue;
    CHECK_OK(baton_handover_task_detail(detail, sizeof detail, NULL, handover, t, 0));
    CHECK(strlen(detail) > 0);
    CHECK_RC(
        baton_handover_task_detail(detail, sizeof detail, NULL, handover, t, details[t]),
        BATON_ENOTFOUND);
    break;
  }
  CHECK_OK(baton_handover_set_task_status(handover, 0, BATON_TASK_DONE));
  CHECK_OK(baton_handover_tasks(NULL, NULL, NULL, NULL, NULL, NULL, status, NULL, n, NULL,
                                handover));
  CHECK(status[0] == BATON_TASK_DONE && status[1] == BATON_TASK_OPEN);
  CHECK_RC(baton_handover_set_task_status(handover, 0, 7), BATON_EINVALID);
  CHECK_RC(baton_handover_task_title(title, sizeof title, NULL, handover, n),
           BATON_ENOTFOUND);
  free(account);
  free(kind);
  free(due);
  free(details);
  free(status);
}

static void test_apply_and_undo(baton_org* org, baton_handover* handover) {
  const uint64_t before = state_hash(org);
  size_t owned = 99;
  int32_t state = -1;
  CHECK_OK(baton_org_apply_handover(org, handover));
  CHECK_OK(baton_handover_state(&state, handover));
  CHECK(state == BATON_HANDOVER_APPLIED);
  CHECK_OK(baton_org_rep_accounts(NULL, 0, &owned, org, "r017"));
  CHECK(owned == 0);
  CHECK_RC(baton_org_apply_handover(org, handover), BATON_ESTATE);
  CHECK_OK(baton_org_undo_handover(org, handover));
  CHECK(state_hash(org) == before);
  CHECK_OK(baton_handover_state(&state, handover));
  CHECK(state == BATON_HANDOVER_UNDONE);
  CHECK_RC(baton_org_undo_handover(org, handover), BATON_ESTATE);
}

/* The book JSON of `org`, in a buffer the caller frees. */
static char* book_json(const baton_org* org) {
  size_t size = 0;
  CHECK_RC(baton_org_handover_book(NULL, 0, &size, org), BATON_EBUFS);
  char* json = malloc(size);
  CHECK(json != NULL);
  CHECK_OK(baton_org_handover_book(json, size, &size, org));
  return json;
}

/* A plan stored in the organisation's book travels in its snapshot, and is
 * applied and undone there with an audit log. */
static void test_stored_book(baton_org* org, const baton_handover* handover) {
  const uint64_t before = state_hash(org);
  char id[8], tiny[2];
  size_t needed = 0;
  CHECK_RC(baton_org_store_handover(tiny, sizeof tiny, &needed, org, handover, 100),
           BATON_EBUFS);
  CHECK(needed == 3);
  char* empty = book_json(org);
  CHECK(strstr(empty, "\"plans\": []") != NULL);
  free(empty);
  CHECK_OK(baton_org_store_handover(id, sizeof id, NULL, org, handover, 100));
  CHECK(strcmp(id, "H1") == 0);
  CHECK_OK(baton_org_apply_stored_handover(org, "H1", 200));
  CHECK(state_hash(org) != before);
  CHECK_RC(baton_org_apply_stored_handover(org, "H1", 201), BATON_ESTATE);
  CHECK_ERROR_HAS("only a draft can be applied");
  CHECK_RC(baton_org_undo_stored_handover(org, "H9", 202), BATON_ENOTFOUND);

  size_t size = 0;
  CHECK_RC(baton_org_to_bytes(NULL, 0, &size, org), BATON_EBUFS);
  void* bytes = malloc(size);
  CHECK(bytes != NULL);
  CHECK_OK(baton_org_to_bytes(bytes, size, &size, org));
  baton_org* loaded = NULL;
  CHECK_OK(baton_org_from_bytes(&loaded, bytes, size));
  free(bytes);
  char* saved = book_json(org);
  char* reloaded = book_json(loaded);
  CHECK(strcmp(saved, reloaded) == 0);
  CHECK(strstr(reloaded, "\"state\": \"applied\"") != NULL);
  free(saved);
  free(reloaded);
  CHECK_RC(baton_org_set_stored_task_status(loaded, "H1", "nope", BATON_TASK_DONE, 300),
           BATON_ENOTFOUND);
  CHECK_OK(baton_org_undo_stored_handover(loaded, "H1", 400));
  CHECK(state_hash(loaded) == before);
  char* log = book_json(loaded);
  CHECK(strstr(log, "\"kind\": \"undone\"") != NULL &&
        strstr(log, "\"at\": 400") != NULL);
  free(log);
  baton_org_destroy(loaded);
  CHECK_OK(baton_org_undo_stored_handover(org, "H1", 500));
  CHECK(state_hash(org) == before);
}

int main(int argc, char** argv) {
  baton_org* org = NULL;
  baton_reassignment* reassignment = NULL;
  baton_handover* handover = NULL;
  baton_handover_options options = BATON_HANDOVER_OPTIONS_INIT;
  const char* leavers[1] = {"r017"};
  int32_t last_days[1];
  size_t accounts = 0;
  double risk[64];
  if (argc != 2) {
    fprintf(stderr, "usage: %s SAMPLE_DIR\n", argv[0]);
    return 2;
  }
  CHECK_OK(baton_org_create(&org));
  CHECK_OK(baton_org_import_csv(org, argv[1]));
  reassignment = offboard(org, "r017");
  last_days[0] = day("2026-11-30");
  options.leavers = leavers;
  options.last_days = last_days;
  options.leaver_count = 1;
  options.today = day("2026-11-01");
  CHECK_OK(baton_handover_plan(&handover, org, &options, reassignment, NULL));
  CHECK_OK(baton_handover_accounts(NULL, NULL, NULL, NULL, risk, NULL, 64, &accounts,
                                   handover));
  CHECK(accounts > 0 && accounts <= 64);
  for (size_t a = 1; a < accounts; ++a) CHECK(risk[a] >= 0 && risk[a] <= 1);
  test_tasks(handover, accounts);
  test_stored_book(org, handover);
  test_apply_and_undo(org, handover);
  baton_handover_destroy(handover);

  last_days[0] = day("2026-10-01");
  CHECK_RC(baton_handover_plan(&handover, org, &options, reassignment, NULL),
           BATON_EINVALID);
  CHECK_ERROR_HAS("last day 2026-10-01 is before today");
  leavers[0] = "nobody";
  CHECK_RC(baton_handover_plan(&handover, org, &options, reassignment, NULL),
           BATON_EINVALID);
  CHECK_ERROR_HAS("no rep with this id");
  baton_reassignment_destroy(reassignment);
  baton_org_destroy(org);
  if (failures != 0) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  printf("capi handover C test: all checks passed\n");
  return 0;
}
