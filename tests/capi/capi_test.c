/* The C API used from C, as a CRM would: import the bundled sample, query
 * it, apply batches (accepted and rejected), round-trip snapshots and CSV,
 * size buffers, solve an assignment problem, and offboard a rep.
 *
 * Usage: baton_capi_c_test SAMPLE_DIR SCRATCH_DIR */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baton.h"

#include "c_checks.h"

static uint64_t state_hash(const baton_org* org) {
  uint64_t hash = 0;
  CHECK_OK(baton_org_state_hash(&hash, org));
  return hash;
}

static size_t count(const baton_org* org, int kind) {
  size_t n = 0;
  CHECK_OK(baton_org_count(&n, org, kind));
  return n;
}

/* The ABI baseline of the structs on LP64 (x86-64, AArch64 Linux): a struct
 * may only grow at its end, in a new version. */
static void test_layout(void) {
  if (sizeof(void*) != 8) return;
  CHECK(sizeof(baton_team_spec) == 32);
  CHECK(sizeof(baton_rep_spec) == 96);
  CHECK(sizeof(baton_tier_spec) == 32);
  CHECK(sizeof(baton_account_spec) == 80);
  CHECK(sizeof(baton_account_team_spec) == 32);
  CHECK(sizeof(baton_contact_spec) == 48);
  CHECK(sizeof(baton_relationship_spec) == 48);
  CHECK(sizeof(baton_interaction_spec) == 48);
  CHECK(sizeof(baton_deal_spec) == 64);
  CHECK(sizeof(baton_complaint_spec) == 48);
  CHECK(sizeof(baton_product_spec) == 32);
  CHECK(sizeof(baton_rep_info) == 40);
  CHECK(sizeof(baton_account_info) == 40);
  CHECK(sizeof(baton_assignment_summary) == 56);
  CHECK(offsetof(baton_rep_spec, capacity) == 48);
  CHECK(offsetof(baton_rep_spec, to_competitor) == 88);
  CHECK(offsetof(baton_account_spec, annual_value) == 32);
  CHECK(offsetof(baton_account_spec, owner) == 72);
  CHECK(offsetof(baton_deal_spec, amount) == 40);
  CHECK(offsetof(baton_rep_info, capacity) == 16);
  CHECK(offsetof(baton_account_info, contacts) == 32);
  CHECK(offsetof(baton_assignment_summary, outcome) == 4);
  CHECK(offsetof(baton_assignment_summary, objective) == 8);
  CHECK(offsetof(baton_assignment_summary, lower_bound) == 40);
  CHECK(offsetof(baton_assignment_summary, relative_gap) == 48);
  CHECK(sizeof(baton_reassign_options) == 208);
  CHECK(sizeof(baton_reassign_summary) == 152);
  CHECK(sizeof(baton_account_reassignment) == 112);
  CHECK(sizeof(baton_load_balance) == 40);
  CHECK(offsetof(baton_reassign_options, today) == 32);
  CHECK(offsetof(baton_reassign_options, pin_count) == 72);
  CHECK(offsetof(baton_reassign_options, max_candidates) == 96);
  CHECK(offsetof(baton_reassign_options, key_player_factor) == 120);
  CHECK(offsetof(baton_reassign_options, value_per_point) == 200);
  CHECK(offsetof(baton_reassign_summary, accounts) == 48);
  CHECK(offsetof(baton_reassign_summary, before) == 64);
  CHECK(offsetof(baton_reassign_summary, after) == 104);
  CHECK(offsetof(baton_reassign_summary, state_hash) == 144);
  CHECK(offsetof(baton_account_reassignment, stranger) == 24);
  CHECK(offsetof(baton_account_reassignment, total) == 96);
  CHECK(offsetof(baton_account_reassignment, reasons) == 104);
}

static void test_version_and_names(void) {
  int value = -1;
  int32_t day = 0;
  char text[16];
  size_t needed = 0;
  CHECK(baton_version() == BATON_VERSION_NUMBER);
  CHECK(baton_version() / 1000000 == BATON_VERSION_MAJOR);
  CHECK(strcmp(baton_status_name(BATON_EBUFS), "BATON_EBUFS") == 0);
  CHECK(strcmp(baton_status_name(12345), "BATON_E?") == 0);
  CHECK(strcmp(baton_enum_name(BATON_ENUM_DEPTH, BATON_DEPTH_SHARED_VALUES),
               "shared_values") == 0);
  CHECK(strcmp(baton_enum_name(BATON_ENUM_KIND, BATON_KIND_ACCOUNT_TEAM),
               "account_team") == 0);
  CHECK(baton_enum_name(BATON_ENUM_SEVERITY, 0) == NULL);
  CHECK(baton_enum_name(99, 0) == NULL);
  CHECK_OK(baton_enum_parse(&value, BATON_ENUM_CONTACT_ROLE, "decision_maker"));
  CHECK(value == BATON_CONTACT_DECISION_MAKER);
  CHECK_RC(baton_enum_parse(&value, BATON_ENUM_STAGE, "closed"), BATON_EINVALID);
  CHECK_ERROR(
      "baton_enum_parse: unknown name \"closed\" (expected one of prospecting, "
      "qualification, "
      "proposal, negotiation, won, lost)");

  CHECK_OK(baton_day_parse(&day, "2026-11-01"));
  CHECK(day == 20758);
  CHECK_OK(baton_day_parse(&day, ""));
  CHECK(day == BATON_NO_DAY);
  CHECK_RC(baton_day_parse(&day, "2026-13-01"), BATON_EINVALID);
  CHECK_OK(baton_day_format(text, sizeof text, &needed, 20758));
  CHECK(strcmp(text, "2026-11-01") == 0 && needed == 11);
  CHECK_RC(baton_day_format(text, 4, &needed, 0), BATON_EBUFS);
  CHECK(needed == 11);
  CHECK_ERROR("baton_day_format: buffer of 4 bytes is too small; 11 needed");
}

/* The sample as the demo shows it: counts and look-ups by id. */
static void test_queries(const baton_org* org) {
  char id[64];
  char owner[64];
  size_t needed = 0;
  uint32_t index = 0;
  uint32_t* accounts;
  size_t n;
  size_t i;
  baton_rep_info rep = BATON_REP_INFO_INIT;
  baton_account_info account = BATON_ACCOUNT_INFO_INIT;

  CHECK(count(org, BATON_KIND_ACCOUNT) == 2000);
  CHECK(count(org, BATON_KIND_REP) >= 40 && count(org, BATON_KIND_REP) <= 60);
  CHECK(count(org, BATON_KIND_TIER) >= 3);
  CHECK(count(org, BATON_KIND_CONTACT) > count(org, BATON_KIND_ACCOUNT));
  CHECK(count(org, BATON_KIND_RELATIONSHIP) > 0);
  CHECK(count(org, BATON_KIND_INTERACTION) > 0);

  /* Account 0: its id, its owner, and the owner's accounts. */
  CHECK_OK(baton_org_id(id, sizeof id, &needed, org, BATON_KIND_ACCOUNT, 0));
  CHECK(needed == strlen(id) + 1);
  CHECK_OK(baton_org_find(&index, org, BATON_KIND_ACCOUNT, id, NULL));
  CHECK(index == 0);
  CHECK_OK(baton_org_account_info(&account, org, 0));
  CHECK(account.annual_value >= 0 && account.tier < count(org, BATON_KIND_TIER));
  CHECK_OK(baton_org_account_owner(owner, sizeof owner, &needed, org, id));
  if (account.owner == BATON_NO_INDEX) {
    CHECK(strcmp(owner, "") == 0);
    return;
  }
  CHECK_OK(baton_org_find(&index, org, BATON_KIND_REP, owner, NULL));
  CHECK(index == account.owner);
  CHECK_OK(baton_org_rep_info(&rep, org, index));
  CHECK(rep.departed_on == BATON_NO_DAY && rep.accounts_owned > 0);

  /* Sizing then filling the array of the owner's accounts. */
  CHECK_RC(baton_org_rep_accounts(NULL, 0, &n, org, owner), BATON_EBUFS);
  CHECK(n == rep.accounts_owned);
  accounts = (uint32_t*)malloc(n * sizeof *accounts);
  CHECK_OK(baton_org_rep_accounts(accounts, n, &needed, org, owner));
  CHECK(needed == n && accounts[0] == 0);
  for (i = 0; i < n; ++i) {
    baton_account_info info = BATON_ACCOUNT_INFO_INIT;
    CHECK_OK(baton_org_account_info(&info, org, accounts[i]));
    CHECK(info.owner == index);
    CHECK(i == 0 || accounts[i - 1] < accounts[i]);
  }
  free(accounts);
}

static void test_bad_lookups(const baton_org* org) {
  char small[2] = {'x', 'x'};
  char id[64];
  size_t needed = 0;
  uint32_t index = 7;
  char expected[128];

  CHECK_RC(baton_org_find(&index, org, BATON_KIND_REP, "no-such-rep", NULL),
           BATON_ENOTFOUND);
  CHECK_ERROR("baton_org_find: no rep with id \"no-such-rep\"");
  CHECK(index == 7);
  CHECK_RC(baton_org_find(&index, org, 42, "x", NULL), BATON_EINVALID);
  CHECK_ERROR("baton_org_find: kind: 42 is not a valid value (expected 0..10)");
  CHECK_RC(baton_org_rep_accounts(NULL, 0, &needed, org, "nobody"), BATON_ENOTFOUND);
  CHECK_ERROR("baton_org_rep_accounts: no rep with id \"nobody\"");
  CHECK_RC(baton_org_account_owner(id, sizeof id, &needed, org, "nothing"),
           BATON_ENOTFOUND);
  CHECK_RC(baton_org_count(NULL, org, BATON_KIND_REP), BATON_EINVALID);
  CHECK_ERROR("baton_org_count: out is NULL");
  CHECK_RC(baton_org_count(&needed, NULL, BATON_KIND_REP), BATON_EINVALID);
  CHECK_ERROR("baton_org_count: org is NULL");

  /* A buffer too small: EBUFS, the size needed, the buffer untouched. */
  CHECK_OK(baton_org_id(id, sizeof id, &needed, org, BATON_KIND_REP, 0));
  CHECK_RC(baton_org_id(small, sizeof small, &needed, org, BATON_KIND_REP, 0),
           BATON_EBUFS);
  CHECK(needed == strlen(id) + 1);
  CHECK(small[0] == 'x' && small[1] == 'x');
  sprintf(expected, "baton_org_id: buffer of 2 bytes is too small; %u needed",
          (unsigned)needed);
  CHECK_ERROR(expected);
  CHECK_RC(baton_org_id(id, sizeof id, &needed, org, BATON_KIND_REP, 100000),
           BATON_ENOTFOUND);
  CHECK_RC(
      baton_org_text(id, sizeof id, &needed, org, BATON_KIND_TIER, 0, BATON_TEXT_NOTE),
      BATON_EINVALID);
  CHECK_ERROR("baton_org_text: a tier has no text field 6");
}

/* Adds a rep, an account they own and everything hanging off it. */
static void fill_batch(baton_batch* batch, const char* tier) {
  baton_rep_spec rep = BATON_REP_SPEC_INIT;
  baton_account_spec account = BATON_ACCOUNT_SPEC_INIT;
  baton_contact_spec contact = BATON_CONTACT_SPEC_INIT;
  baton_relationship_spec relationship = BATON_RELATIONSHIP_SPEC_INIT;
  baton_interaction_spec interaction = BATON_INTERACTION_SPEC_INIT;
  baton_deal_spec deal = BATON_DEAL_SPEC_INIT;
  baton_complaint_spec complaint = BATON_COMPLAINT_SPEC_INIT;
  baton_product_spec product = BATON_PRODUCT_SPEC_INIT;

  rep.id = "capi-rep";
  rep.name = "Ada Capi";
  rep.seniority = 5;
  rep.capacity = 100;
  CHECK_OK(baton_batch_add_rep(batch, &rep));
  account.id = "capi-account";
  account.name = "Capi GmbH";
  account.tier = tier;
  account.annual_value = 12345.5;
  account.owner = "capi-rep";
  CHECK_OK(baton_batch_add_account(batch, &account));
  contact.id = "capi-contact";
  contact.account = "capi-account";
  contact.name = "纷享销客";
  contact.role = BATON_CONTACT_DECISION_MAKER;
  contact.key_player = 1;
  CHECK_OK(baton_batch_add_contact(batch, &contact));
  relationship.rep = "capi-rep";
  relationship.contact = "capi-contact";
  relationship.strength = 0.75;
  relationship.depth = BATON_DEPTH_EMOTIONAL_TRUST;
  relationship.last_touch = 20390;
  CHECK_OK(baton_batch_add_relationship(batch, &relationship));
  interaction.on = 20390;
  interaction.channel = BATON_CHANNEL_VISIT;
  interaction.rep = "capi-rep";
  interaction.account = "capi-account";
  interaction.note = "first visit";
  CHECK_OK(baton_batch_record_interaction(batch, &interaction));
  deal.id = "capi-deal";
  deal.account = "capi-account";
  deal.stage = BATON_STAGE_PROPOSAL;
  deal.amount = 5000;
  CHECK_OK(baton_batch_add_deal(batch, &deal));
  complaint.id = "capi-complaint";
  complaint.account = "capi-account";
  complaint.opened_on = 20380;
  CHECK_OK(baton_batch_add_complaint(batch, &complaint));
  product.account = "capi-account";
  product.product = "CRM Pro";
  product.quantity = 3;
  CHECK_OK(baton_batch_add_product(batch, &product));
}

static void test_batches(baton_org* org) {
  baton_batch* batch = NULL;
  char tier[64];
  char owner[64];
  char name[64];
  size_t needed = 0;
  size_t accounts = count(org, BATON_KIND_ACCOUNT);
  uint64_t before;
  uint32_t index = 0;
  baton_account_spec account = BATON_ACCOUNT_SPEC_INIT;

  CHECK_OK(baton_org_id(tier, sizeof tier, &needed, org, BATON_KIND_TIER, 0));
  CHECK_OK(baton_batch_create(&batch));
  fill_batch(batch, tier);
  CHECK_OK(baton_batch_size(&needed, batch));
  CHECK(needed == 8);

  before = state_hash(org);
  CHECK_OK(baton_org_apply(org, batch));
  CHECK(state_hash(org) != before);
  CHECK(count(org, BATON_KIND_ACCOUNT) == accounts + 1);
  CHECK_OK(baton_org_account_owner(owner, sizeof owner, &needed, org, "capi-account"));
  CHECK(strcmp(owner, "capi-rep") == 0);
  CHECK_OK(baton_org_find(&index, org, BATON_KIND_CONTACT, "capi-contact", NULL));
  CHECK_OK(baton_org_text(name, sizeof name, &needed, org, BATON_KIND_CONTACT, index,
                          BATON_TEXT_NAME));
  CHECK(strcmp(name, "纷享销客") == 0);
  CHECK_OK(
      baton_org_find(&index, org, BATON_KIND_RELATIONSHIP, "capi-rep", "capi-contact"));
  CHECK_OK(baton_org_find(&index, org, BATON_KIND_PRODUCT, "capi-account", "CRM Pro"));
  CHECK_RC(baton_org_find(&index, org, BATON_KIND_PRODUCT, "capi-account", "CRM Lite"),
           BATON_ENOTFOUND);
  CHECK_ERROR("baton_org_find: no product for (\"capi-account\", \"CRM Lite\")");

  /* The same batch again: every id is taken, nothing changes. */
  before = state_hash(org);
  CHECK_RC(baton_org_apply(org, batch), BATON_EEXISTS);
  CHECK_ERROR("change 1 (add): rep capi-rep: id: already exists");
  CHECK(state_hash(org) == before);
  CHECK(count(org, BATON_KIND_ACCOUNT) == accounts + 1);

  /* A good change followed by one whose owner has departed: all or nothing. */
  CHECK_OK(baton_batch_clear(batch));
  CHECK_OK(baton_batch_depart(batch, "capi-rep", 20400, "Rival Inc", 1));
  account.id = "capi-account-2";
  account.name = "Second";
  account.tier = tier;
  account.owner = "capi-rep";
  CHECK_OK(baton_batch_add_account(batch, &account));
  CHECK_RC(baton_org_apply(org, batch), BATON_EINVALID);
  CHECK_ERROR(
      "change 2 (add): account capi-account-2: owner: rep capi-rep departed on "
      "2025-11-08");
  CHECK(state_hash(org) == before);

  /* Removing a rep who still owns an account is refused. */
  CHECK_OK(baton_batch_clear(batch));
  CHECK_OK(baton_batch_remove(batch, BATON_KIND_REP, "capi-rep", NULL));
  CHECK_RC(baton_org_apply(org, batch), BATON_ESTATE);
  CHECK(strstr(baton_last_error(), "capi-rep") != NULL);
  CHECK(state_hash(org) == before);

  /* Bad enumeration values are caught when the spec is added. */
  account.version = 0;
  CHECK_RC(baton_batch_add_account(batch, &account), BATON_EINVALID);
  CHECK_ERROR(
      "baton_batch_add_account: spec->version is 0; initialise the spec with its _INIT "
      "macro or _init function (version 1..1)");
  baton_batch_destroy(batch);
}

static void test_round_trips(const baton_org* org, const char* scratch) {
  char path[1024];
  baton_org* copy = NULL;
  unsigned char* bytes;
  size_t size = 0;
  size_t needed = 0;
  FILE* file;

  sprintf(path, "%s/sample.snap", scratch);
  CHECK_OK(baton_org_save(org, path));
  CHECK_OK(baton_org_load(&copy, path));
  CHECK(copy != NULL && state_hash(copy) == state_hash(org));
  baton_org_destroy(copy);
  copy = NULL;

  CHECK_RC(baton_org_to_bytes(NULL, 0, &size, org), BATON_EBUFS);
  CHECK(size > 32);
  bytes = (unsigned char*)malloc(size);
  CHECK_OK(baton_org_to_bytes(bytes, size, &needed, org));
  CHECK(needed == size && memcmp(bytes, "BATONSNP", 8) == 0);
  CHECK_OK(baton_org_from_bytes(&copy, bytes, size));
  CHECK(state_hash(copy) == state_hash(org));
  baton_org_destroy(copy);
  copy = NULL;
  CHECK_RC(baton_org_from_bytes(&copy, bytes, size / 2), BATON_ECORRUPT);
  CHECK(copy == NULL);
  bytes[size - 1] ^= 0x40;
  CHECK_RC(baton_org_from_bytes(&copy, bytes, size), BATON_ECORRUPT);
  free(bytes);

  /* A truncated file, a foreign file and a missing one. */
  sprintf(path, "%s/foreign.snap", scratch);
  file = fopen(path, "wb");
  CHECK(file != NULL);
  if (file != NULL) {
    fputs("id,name\nr1,Ada\n", file);
    fclose(file);
  }
  CHECK_RC(baton_org_load(&copy, path), BATON_EINVALID);
  CHECK(strstr(baton_last_error(), "not a Baton snapshot") != NULL);
  sprintf(path, "%s/missing.snap", scratch);
  CHECK_RC(baton_org_load(&copy, path), BATON_ENOTFOUND);
  CHECK(copy == NULL);

  sprintf(path, "%s/csv", scratch);
  CHECK_OK(baton_org_export_csv(org, path));
  CHECK_OK(baton_org_create(&copy));
  CHECK_OK(baton_org_import_csv(copy, path));
  CHECK(state_hash(copy) == state_hash(org));
  baton_org_destroy(copy);
}

static void test_bad_import(const char* scratch) {
  char path[1024];
  baton_org* org = NULL;
  FILE* file;
  uint64_t empty;

  CHECK_OK(baton_org_create(&org));
  empty = state_hash(org);
  sprintf(path, "%s/bad/reps.csv", scratch);
  file = fopen(path, "w");
  CHECK(file != NULL);
  if (file != NULL) {
    fputs("id,name,seniority\nr1,Ada,3\nr2,Bob,senior\n", file);
    fclose(file);
  }
  sprintf(path, "%s/bad", scratch);
  CHECK_RC(baton_org_import_csv(org, path), BATON_EPARSE);
  CHECK_ERROR("reps.csv:3:3: seniority: expected an integer, got 'senior'");
  CHECK(state_hash(org) == empty);
  sprintf(path, "%s/no-such-dir", scratch);
  CHECK_RC(baton_org_import_csv(org, path), BATON_ENOTFOUND);
  baton_org_destroy(org);
}

static void test_handles(void) {
  baton_org* org = NULL;
  baton_batch* batch = NULL;
  size_t n = 0;
  CHECK_RC(baton_org_create(NULL), BATON_EINVALID);
  CHECK_ERROR("baton_org_create: out is NULL");
  CHECK_OK(baton_batch_create(&batch));
  /* A batch passed where an organisation belongs (through a cast). */
  CHECK_RC(baton_org_count(&n, (const baton_org*)(const void*)batch, BATON_KIND_REP),
           BATON_EINVALID);
  CHECK_ERROR(
      "baton_org_count: org is not a live baton_org (destroyed, or a handle of another "
      "type)");
  CHECK_OK(baton_org_create(&org));
  CHECK_RC(baton_org_apply(org, (const baton_batch*)(const void*)org), BATON_EINVALID);
  baton_batch_destroy(batch);
  baton_org_destroy(org);
  baton_org_destroy(NULL);
  baton_batch_destroy(NULL);
}

/* What the progress callback saw. */
typedef struct progress_log {
  int calls;
  double last;
  int cancel_at; /* the call (1, 2, ...) that returns 0; 0: never */
} progress_log;

static int log_progress(double done, void* payload) {
  progress_log* log = (progress_log*)payload;
  ++log->calls;
  CHECK(done >= log->last && done <= 1.0);
  log->last = done;
  return log->cancel_at == 0 || log->calls < log->cancel_at;
}

/* The example of docs/assignment-format.md: three reps (r2 is full), four
 * accounts, lambda 5 for r0 and r1. */
static baton_assignment_problem* example_problem(void) {
  static const char* const rep_ids[] = {"r0", "r1", "r2"};
  static const int64_t load[] = {0, 1, 4};
  static const int64_t capacity[] = {2, 3, 4};
  static const int64_t lambda[] = {5, 5, 0};
  static const char* const account_ids[] = {"acme", "globex", "initech",
                                            "Umbrella, Inc."};
  static const int64_t penalty[] = {1000, 1000, 1000, 50};
  static const uint32_t arc_account[] = {0, 0, 1, 1, 2, 3, 3};
  static const uint32_t arc_rep[] = {0, 1, 0, 1, 1, 0, 2};
  static const int64_t arc_cost[] = {10, 30, 20, 20, 5, 40, 0};
  baton_assignment_problem* problem = NULL;
  CHECK_OK(baton_assignment_problem_create(&problem));
  CHECK_OK(
      baton_assignment_problem_set_reps(problem, rep_ids, load, capacity, lambda, 3));
  /* Weights left NULL: all 1. */
  CHECK_OK(baton_assignment_problem_set_accounts(problem, account_ids, NULL, penalty, 4));
  CHECK_OK(baton_assignment_problem_set_arcs(problem, arc_account, arc_rep, arc_cost, 7));
  return problem;
}

/* The optimum of the example, by hand: acme and globex to r0 (arcs 10 + 20,
 * load cost 5 * 2^2 = 20), initech to r1 (arc 5, load cost 5 * (2^2 - 1^2) =
 * 15), Umbrella unassigned (50): 35 + 35 + 50 = 120. */
static void check_example_optimum(const baton_assignment_solution* solution) {
  baton_assignment_summary summary = BATON_ASSIGNMENT_SUMMARY_INIT;
  uint32_t rep_of[4] = {9, 9, 9, 9};
  int64_t added[3] = {-1, -1, -1};
  size_t needed = 0;
  CHECK_OK(baton_assignment_solution_summary(&summary, solution));
  CHECK(summary.outcome == BATON_ASSIGNMENT_OPTIMAL);
  CHECK(summary.objective == 120);
  CHECK(summary.arc_cost == 35);
  CHECK(summary.load_cost == 35);
  CHECK(summary.penalty_cost == 50);
  CHECK(summary.lower_bound == 120);
  CHECK(summary.relative_gap == 0.0);

  /* Sizing, a buffer too small (left unchanged), then the plan. */
  CHECK_RC(baton_assignment_solution_rep_of(NULL, 0, &needed, solution), BATON_EBUFS);
  CHECK(needed == 4);
  CHECK_RC(baton_assignment_solution_rep_of(rep_of, 3, &needed, solution), BATON_EBUFS);
  CHECK_ERROR(
      "baton_assignment_solution_rep_of: buffer of 3 elements is too small; 4 needed");
  CHECK(rep_of[0] == 9);
  CHECK_OK(baton_assignment_solution_rep_of(rep_of, 4, &needed, solution));
  CHECK(rep_of[0] == 0 && rep_of[1] == 0 && rep_of[2] == 1);
  CHECK(rep_of[3] == BATON_ASSIGNMENT_UNASSIGNED);
  CHECK_OK(baton_assignment_solution_added_load(added, 3, &needed, solution));
  CHECK(needed == 3 && added[0] == 2 && added[1] == 1 && added[2] == 0);
}

static void test_assignment(const char* scratch) {
  char path[1024];
  char id[32];
  size_t reps = 0;
  size_t accounts = 0;
  size_t arcs = 0;
  size_t needed = 0;
  baton_assignment_problem* problem = example_problem();
  baton_assignment_problem* read = NULL;
  baton_assignment_solution* solution = NULL;
  baton_assignment_summary summary = BATON_ASSIGNMENT_SUMMARY_INIT;
  progress_log log = {0, 0.0, 0};
  /* The other plan of the docs: Umbrella takes r0's second slot, globex
   * moves to r1: arcs 10 + 20 + 5 + 40 = 75, load cost 5 * 2^2 + 5 * (3^2 -
   * 1^2) = 60, no penalty: 135. */
  static const uint32_t other_plan[] = {0, 1, 1, 0};

  CHECK_OK(baton_assignment_problem_validate(problem));
  CHECK_OK(baton_assignment_problem_counts(&reps, &accounts, &arcs, problem));
  CHECK(reps == 3 && accounts == 4 && arcs == 7);

  /* Written to a directory and read back: the same problem. */
  sprintf(path, "%s/assignment", scratch);
  CHECK_OK(baton_assignment_problem_write_csv(problem, path));
  CHECK_OK(baton_assignment_problem_read_csv(&read, path));
  CHECK_OK(baton_assignment_problem_counts(&reps, &accounts, &arcs, read));
  CHECK(reps == 3 && accounts == 4 && arcs == 7);
  CHECK_OK(baton_assignment_problem_account_id(id, sizeof id, &needed, read, 3));
  CHECK(strcmp(id, "Umbrella, Inc.") == 0 && needed == 15);
  CHECK_OK(baton_assignment_problem_rep_id(id, sizeof id, &needed, read, 2));
  CHECK(strcmp(id, "r2") == 0);
  CHECK_RC(baton_assignment_problem_rep_id(id, sizeof id, &needed, read, 3),
           BATON_ENOTFOUND);
  CHECK_ERROR("baton_assignment_problem_rep_id: rep index 3 is out of range (3 reps)");

  /* Solved from the file, with progress reported up to 1. */
  CHECK_OK(baton_assignment_solve(&solution, read, log_progress, &log));
  CHECK(log.calls >= 1 && log.last == 1.0);
  if (solution != NULL) check_example_optimum(solution);
  baton_assignment_solution_destroy(solution);
  solution = NULL;

  /* Solved from the arrays, without a callback: the same plan. */
  CHECK_OK(baton_assignment_solve(&solution, problem, NULL, NULL));
  if (solution != NULL) check_example_optimum(solution);
  baton_assignment_solution_destroy(solution);
  solution = NULL;

  /* A cancelled run: BATON_ECANCELLED and no solution. */
  log.calls = 0;
  log.last = 0.0;
  log.cancel_at = 1;
  CHECK_RC(baton_assignment_solve(&solution, problem, log_progress, &log),
           BATON_ECANCELLED);
  CHECK_ERROR("baton_assignment_solve: cancelled by the progress callback");
  CHECK(solution == NULL && log.calls == 1);

  /* A plan of the caller's, costed. */
  CHECK_OK(baton_assignment_evaluate(&solution, problem, other_plan, 4));
  CHECK_OK(baton_assignment_solution_summary(&summary, solution));
  CHECK(summary.outcome == BATON_ASSIGNMENT_EVALUATED);
  CHECK(summary.objective == 135 && summary.arc_cost == 75 && summary.load_cost == 60);
  CHECK(summary.penalty_cost == 0);
  CHECK(summary.lower_bound == BATON_ASSIGNMENT_NO_BOUND);
  CHECK(summary.relative_gap != summary.relative_gap); /* NaN */
  baton_assignment_solution_destroy(solution);

  baton_assignment_problem_destroy(read);
  baton_assignment_problem_destroy(problem);
  baton_assignment_problem_destroy(NULL);
  baton_assignment_solution_destroy(NULL);
}

/* The rep of the sample who owns the most accounts. */
static uint32_t busiest_rep(const baton_org* org) {
  uint32_t best = 0;
  uint32_t most = 0;
  uint32_t r;
  for (r = 0; r < count(org, BATON_KIND_REP); ++r) {
    baton_rep_info info = BATON_REP_INFO_INIT;
    CHECK_OK(baton_org_rep_info(&info, org, r));
    if (info.accounts_owned > most) {
      most = info.accounts_owned;
      best = r;
    }
  }
  return best;
}

/* Checks account i of an offboarding of `leaver`, and its reasons. */
static void check_offboarded(const baton_org* org, const baton_reassignment* plan,
                             size_t i, uint32_t leaver) {
  baton_account_reassignment a = BATON_ACCOUNT_REASSIGNMENT_INIT;
  baton_rep_info to = BATON_REP_INFO_INIT;
  char id[128];
  char expected[128];
  char reason[512];
  size_t needed = 0;
  size_t k;
  CHECK_OK(baton_reassignment_account(&a, plan, i));
  CHECK(a.from == leaver);
  CHECK(!a.pinned);
  CHECK_OK(baton_reassignment_account_id(id, sizeof id, &needed, plan, i));
  CHECK_OK(baton_org_id(expected, sizeof expected, &needed, org, BATON_KIND_ACCOUNT,
                        a.account));
  CHECK(strcmp(id, expected) == 0);
  CHECK_OK(baton_reassignment_from_rep_id(id, sizeof id, &needed, plan, i));
  CHECK_OK(baton_org_id(expected, sizeof expected, &needed, org, BATON_KIND_REP, leaver));
  CHECK(strcmp(id, expected) == 0);
  CHECK(a.unassigned == BATON_UNASSIGNED_NONE);
  CHECK(a.to != BATON_NO_INDEX && a.to != leaver);
  if (a.to != BATON_NO_INDEX) {
    CHECK_OK(baton_org_rep_info(&to, org, a.to));
    CHECK(to.departed_on == BATON_NO_DAY);
    CHECK_OK(baton_reassignment_to_rep_id(id, sizeof id, &needed, plan, i));
    CHECK_OK(baton_org_id(expected, sizeof expected, &needed, org, BATON_KIND_REP, a.to));
    CHECK(strcmp(id, expected) == 0);
  }
  CHECK(a.total == a.stranger + a.relationships + a.account_team + a.group + a.territory +
                       a.segment + a.team + a.seniority + a.move);
  CHECK(a.move == 0 && a.relationships <= 0 && a.territory <= 0);
  CHECK(a.reasons >= 1);
  for (k = 0; k < a.reasons; ++k) {
    CHECK_OK(baton_reassignment_reason(reason, sizeof reason, &needed, plan, i, k));
    CHECK(needed > 1 && strlen(reason) + 1 == needed);
  }
  CHECK_RC(baton_reassignment_reason(reason, sizeof reason, &needed, plan, i, a.reasons),
           BATON_ENOTFOUND);
}

/* Offboards the sample's busiest rep: every account of theirs gets an
 * active successor other than them, with reasons; applied, they own
 * nothing; applied again, the stale plan is refused. */
static void test_reassign(const char* sample) {
  baton_org* org = NULL;
  baton_reassignment* plan = NULL;
  baton_reassign_options options;
  baton_reassign_summary summary = BATON_REASSIGN_SUMMARY_INIT;
  baton_rep_info info = BATON_REP_INFO_INIT;
  progress_log log = {0, 0.0, 0};
  char leaver_id[64];
  const char* departing[1];
  uint32_t leaver;
  uint32_t* rep = NULL;
  int64_t* before = NULL;
  int64_t* after = NULL;
  int64_t* capacity = NULL;
  uint64_t hash;
  size_t needed = 0;
  size_t i;
  char small[2] = {'x', 'x'};

  CHECK_OK(baton_org_create(&org));
  CHECK_OK(baton_org_import_csv(org, sample));
  if (failures != 0) {
    baton_org_destroy(org);
    return;
  }
  leaver = busiest_rep(org);
  CHECK_OK(baton_org_rep_info(&info, org, leaver));
  CHECK_OK(
      baton_org_id(leaver_id, sizeof leaver_id, &needed, org, BATON_KIND_REP, leaver));
  departing[0] = leaver_id;

  baton_reassign_options_init(&options);
  CHECK(options.version == BATON_REASSIGN_OPTIONS_VERSION && options.max_moves == -1);
  options.departing = departing;
  options.departing_count = 1;
  CHECK_OK(baton_day_parse(&options.today, "2026-11-01"));
  hash = state_hash(org);
  CHECK_OK(baton_reassign(&plan, org, &options, log_progress, &log));
  CHECK(log.calls >= 1 && log.last == 1.0);
  if (plan == NULL) {
    baton_org_destroy(org);
    return;
  }
  CHECK_OK(baton_reassignment_summary(&summary, plan));
  CHECK(summary.outcome == BATON_REASSIGN_OPTIMAL ||
        summary.outcome == BATON_REASSIGN_FEASIBLE);
  CHECK(summary.state_hash == hash);
  CHECK(summary.accounts == info.accounts_owned);
  CHECK(summary.moves == (int64_t)info.accounts_owned && summary.unassigned == 0);
  CHECK(summary.lower_bound <= summary.objective && summary.relative_gap >= 0.0);
  CHECK(summary.after.max_utilisation <= summary.before.max_utilisation ||
        summary.after.max_utilisation <= 1.0);
  CHECK(summary.before.mean_utilisation > 0.0 && summary.after.mean_utilisation > 0.0);
  for (i = 0; i < summary.accounts; ++i) check_offboarded(org, plan, i, leaver);
  CHECK_RC(baton_reassignment_account_id(small, sizeof small, &needed, plan, 0),
           BATON_EBUFS);
  CHECK(small[0] == 'x' && needed > 2);

  /* Loads: the leaver ends with none, nobody takes beyond capacity. */
  CHECK_RC(baton_reassignment_rep_loads(NULL, NULL, NULL, NULL, 0, &needed, plan),
           BATON_EBUFS);
  CHECK(needed == summary.reps && needed > 1);
  rep = (uint32_t*)malloc(needed * sizeof *rep);
  before = (int64_t*)malloc(needed * sizeof *before);
  after = (int64_t*)malloc(needed * sizeof *after);
  capacity = (int64_t*)malloc(needed * sizeof *capacity);
  CHECK_OK(
      baton_reassignment_rep_loads(rep, before, after, capacity, needed, &needed, plan));
  for (i = 0; i < needed; ++i) {
    char id[64];
    char expected[64];
    size_t size = 0;
    CHECK(i == 0 || rep[i - 1] < rep[i]);
    CHECK_OK(baton_reassignment_rep_id(id, sizeof id, &size, plan, i));
    CHECK_OK(baton_org_id(expected, sizeof expected, &size, org, BATON_KIND_REP, rep[i]));
    CHECK(strcmp(id, expected) == 0);
    if (rep[i] == leaver) {
      CHECK(before[i] > 0 && after[i] == 0);
    } else {
      /* Reps over capacity already (the sample has some) take nothing. */
      CHECK(after[i] == before[i] || (after[i] > before[i] && after[i] <= capacity[i]));
    }
  }
  free(rep);
  free(before);
  free(after);
  free(capacity);

  /* Applied: the leaver owns nothing. Applied again: refused, unchanged. */
  CHECK_OK(baton_org_apply_reassignment(org, plan));
  CHECK_RC(baton_org_rep_accounts(NULL, 0, &needed, org, leaver_id), BATON_OK);
  CHECK(needed == 0);
  hash = state_hash(org);
  CHECK(hash != summary.state_hash);
  CHECK_RC(baton_org_apply_reassignment(org, plan), BATON_ESTATE);
  CHECK_ERROR(
      "baton_org_apply_reassignment: the organisation changed since this reassignment "
      "was made");
  CHECK(state_hash(org) == hash);

  /* A cancelled run: BATON_ECANCELLED, *out untouched. */
  baton_reassignment_destroy(plan);
  plan = NULL;
  options.mode = BATON_REASSIGN_REBALANCE;
  options.departing_count = 0;
  log.calls = 0;
  log.last = 0.0;
  log.cancel_at = 1;
  CHECK_RC(baton_reassign(&plan, org, &options, log_progress, &log), BATON_ECANCELLED);
  CHECK_ERROR("baton_reassign: cancelled by the progress callback");
  CHECK(plan == NULL);
  baton_reassignment_destroy(NULL);
  baton_org_destroy(org);
}

int main(int argc, char** argv) {
  baton_org* org = NULL;
  if (argc != 3) {
    fprintf(stderr, "usage: %s SAMPLE_DIR SCRATCH_DIR\n", argv[0]);
    return 2;
  }
  test_layout();
  test_version_and_names();
  test_handles();
  CHECK_OK(baton_org_create(&org));
  CHECK_OK(baton_org_import_csv(org, argv[1]));
  if (org != NULL && failures == 0) {
    test_queries(org);
    test_bad_lookups(org);
    test_round_trips(org, argv[2]);
    test_batches(org);
    test_round_trips(org, argv[2]);
  }
  baton_org_destroy(org);
  test_bad_import(argv[2]);
  test_assignment(argv[2]);
  test_reassign(argv[1]);
  if (failures != 0) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  printf("capi C test: all checks passed\n");
  return 0;
}
