/* A program built against the frozen header of Baton 0.1 (baton-0.1.h, a
 * copy of capi/baton.h as released), run against the library of today: the
 * promise that versioned structs only grow at the end, and that the library
 * reads and writes only the fields of the version the caller set.
 *
 * Every versioned struct, input or output, sits at the very end of a page
 * followed by an inaccessible page, so a library that read or wrote past the
 * 0.1 size of a struct would crash here instead of corrupting memory quietly.
 *
 * Usage: baton_compat_v0 SAMPLE_DIR ASSIGNMENT_DIR */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "baton-0.1.h"

#if BATON_VERSION_NUMBER != 1000
#error "baton-0.1.h is frozen at Baton 0.1.0; do not update it, add a new one"
#endif

static int failures = 0;

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                              \
    }                                                                          \
  } while (0)

#define CHECK_OK(call)                                                      \
  do {                                                                      \
    int rc_ = (call);                                                       \
    if (rc_ != BATON_OK) {                                                  \
      fprintf(stderr, "%s:%d: %s gave %s: %s\n", __FILE__, __LINE__, #call, \
              baton_status_name(rc_), baton_last_error());                  \
      ++failures;                                                           \
    }                                                                       \
  } while (0)

/* `size` bytes that end where an inaccessible page begins. */
static void* guarded(size_t size) {
  const size_t page = (size_t)sysconf(_SC_PAGESIZE);
  const size_t span = (size + page - 1) / page * page;
  char* base =
      mmap(NULL, span + page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (base == MAP_FAILED || mprotect(base + span, page, PROT_NONE) != 0) {
    perror("mmap");
    exit(2);
  }
  return base + span - size;
}

/* A copy of the struct `init` of `type`, at the end of a guarded page. */
#define GUARDED(type, init) \
  ((type*)memcpy(guarded(sizeof(type)), &(type)init, sizeof(type)))

/* Adds one record of every kind through 0.1 specs, applies the batch to an
 * empty organisation, and checks it all arrived. */
static void add_every_kind(void) {
  baton_org* org = NULL;
  baton_batch* batch = NULL;
  CHECK_OK(baton_org_create(&org));
  CHECK_OK(baton_batch_create(&batch));
  baton_team_spec* team = GUARDED(baton_team_spec, BATON_TEAM_SPEC_INIT);
  team->id = "t1";
  CHECK_OK(baton_batch_add_team(batch, team));
  baton_rep_spec* rep = GUARDED(baton_rep_spec, BATON_REP_SPEC_INIT);
  rep->id = "r1";
  rep->team = "t1";
  rep->capacity = 10;
  CHECK_OK(baton_batch_add_rep(batch, rep));
  baton_tier_spec* tier = GUARDED(baton_tier_spec, BATON_TIER_SPEC_INIT);
  tier->id = "A";
  CHECK_OK(baton_batch_add_tier(batch, tier));
  baton_account_spec* account = GUARDED(baton_account_spec, BATON_ACCOUNT_SPEC_INIT);
  account->id = "a1";
  account->tier = "A";
  account->annual_value = 1000.0;
  account->owner = "r1";
  CHECK_OK(baton_batch_add_account(batch, account));
  baton_account_team_spec* seat =
      GUARDED(baton_account_team_spec, BATON_ACCOUNT_TEAM_SPEC_INIT);
  seat->account = "a1";
  seat->rep = "r1";
  CHECK_OK(baton_batch_add_account_team(batch, seat));
  baton_contact_spec* contact = GUARDED(baton_contact_spec, BATON_CONTACT_SPEC_INIT);
  contact->id = "c1";
  contact->account = "a1";
  CHECK_OK(baton_batch_add_contact(batch, contact));
  baton_relationship_spec* tie =
      GUARDED(baton_relationship_spec, BATON_RELATIONSHIP_SPEC_INIT);
  tie->rep = "r1";
  tie->contact = "c1";
  tie->strength = 0.5;
  CHECK_OK(baton_batch_add_relationship(batch, tie));
  baton_interaction_spec* call =
      GUARDED(baton_interaction_spec, BATON_INTERACTION_SPEC_INIT);
  call->on = 20758;
  call->rep = "r1";
  call->account = "a1";
  CHECK_OK(baton_batch_record_interaction(batch, call));
  baton_deal_spec* deal = GUARDED(baton_deal_spec, BATON_DEAL_SPEC_INIT);
  deal->id = "d1";
  deal->account = "a1";
  CHECK_OK(baton_batch_add_deal(batch, deal));
  baton_complaint_spec* complaint =
      GUARDED(baton_complaint_spec, BATON_COMPLAINT_SPEC_INIT);
  complaint->id = "k1";
  complaint->account = "a1";
  complaint->opened_on = 20700;
  CHECK_OK(baton_batch_add_complaint(batch, complaint));
  baton_product_spec* product = GUARDED(baton_product_spec, BATON_PRODUCT_SPEC_INIT);
  product->account = "a1";
  product->product = "p";
  CHECK_OK(baton_batch_add_product(batch, product));
  CHECK_OK(baton_org_apply(org, batch));
  for (int kind = 0; kind < BATON_KIND_COUNT; ++kind) {
    size_t n = 0;
    CHECK_OK(baton_org_count(&n, org, kind));
    CHECK(n == 1);
  }
  baton_batch_destroy(batch);
  baton_org_destroy(org);
}

/* The 0.1 output structs of an organisation's records. */
static void read_records(const baton_org* org) {
  uint32_t rep = 0, account = 0;
  CHECK_OK(baton_org_find(&rep, org, BATON_KIND_REP, "r017", NULL));
  CHECK_OK(baton_org_find(&account, org, BATON_KIND_ACCOUNT, "a0065", NULL));
  baton_rep_info* info = GUARDED(baton_rep_info, BATON_REP_INFO_INIT);
  CHECK_OK(baton_org_rep_info(info, org, rep));
  CHECK(info->version == 1 && info->capacity > 0 && info->accounts_owned > 0);
  baton_account_info* account_info = GUARDED(baton_account_info, BATON_ACCOUNT_INFO_INIT);
  CHECK_OK(baton_org_account_info(account_info, org, account));
  CHECK(account_info->version == 1 && account_info->annual_value > 0);
}

/* Offboards r017 with 0.1 options and reads the plan through 0.1 structs. */
static void offboard(baton_org* org) {
  static const char* const leaving[] = {"r017"};
  baton_reassign_options* options =
      GUARDED(baton_reassign_options, BATON_REASSIGN_OPTIONS_INIT);
  options->departing = leaving;
  options->departing_count = 1;
  options->today = 20758;
  baton_reassignment* plan = NULL;
  CHECK_OK(baton_reassign(&plan, org, options, NULL, NULL));
  if (plan == NULL) return;
  baton_reassign_summary* summary =
      GUARDED(baton_reassign_summary, BATON_REASSIGN_SUMMARY_INIT);
  CHECK_OK(baton_reassignment_summary(summary, plan));
  CHECK(summary->version == 1 && summary->accounts > 0);
  baton_account_reassignment* first =
      GUARDED(baton_account_reassignment, BATON_ACCOUNT_REASSIGNMENT_INIT);
  CHECK_OK(baton_reassignment_account(first, plan, 0));
  CHECK(first->version == 1 && first->from != BATON_NO_INDEX);
  CHECK_OK(baton_org_apply_reassignment(org, plan));
  baton_reassignment_destroy(plan);
}

static void solve(const char* directory) {
  baton_assignment_problem* problem = NULL;
  baton_assignment_solution* solution = NULL;
  CHECK_OK(baton_assignment_problem_read_csv(&problem, directory));
  CHECK_OK(baton_assignment_solve(&solution, problem, NULL, NULL));
  baton_assignment_summary* summary =
      GUARDED(baton_assignment_summary, BATON_ASSIGNMENT_SUMMARY_INIT);
  if (solution != NULL) CHECK_OK(baton_assignment_solution_summary(summary, solution));
  CHECK(summary->version == 1 && summary->outcome == BATON_ASSIGNMENT_OPTIMAL &&
        summary->objective == 120);
  baton_assignment_solution_destroy(solution);
  baton_assignment_problem_destroy(problem);
}

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s SAMPLE_DIR ASSIGNMENT_DIR\n", argv[0]);
    return 2;
  }
  const unsigned version = baton_version();
  CHECK(version / 1000000 == BATON_VERSION_MAJOR && version >= BATON_VERSION_NUMBER);
  add_every_kind();
  baton_org* org = NULL;
  CHECK_OK(baton_org_create(&org));
  CHECK_OK(baton_org_import_csv(org, argv[1]));
  read_records(org);
  offboard(org);
  baton_org_destroy(org);
  solve(argv[2]);
  if (failures > 0) {
    fprintf(stderr, "%d checks failed\n", failures);
    return 1;
  }
  printf("a program built against Baton 0.1's header runs against library %u.%u.%u\n",
         version / 1000000, version / 1000 % 1000, version % 1000);
  return 0;
}
