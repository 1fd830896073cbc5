/* The churn-risk C API used from C, as a CRM would: score the bundled sample
 * with the default model, explain an account, see what its owner's
 * departure does, round-trip the model as text and as a file, fit a model,
 * and get clear errors for bad arguments.
 *
 * Usage: baton_capi_risk_test SAMPLE_DIR SCRATCH_DIR */
#include <math.h>
#include <stddef.h>
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

/* Struct layouts on LP64: they may only grow at their end. */
static void test_layout(void) {
  CHECK(sizeof(baton_risk_options) == 88);
  CHECK(offsetof(baton_risk_options, leaver_count) == 24);
  CHECK(offsetof(baton_risk_options, reasons) == 80);
  CHECK(sizeof(baton_risk_fit_options) == 40);
  CHECK(sizeof(baton_risk_fit_summary) == 88);
  CHECK(offsetof(baton_risk_fit_summary, mean_fold_auc) == 80);
}

static void test_scores(const baton_org* org, const baton_risk_model* model) {
  baton_risk_options options = BATON_RISK_OPTIONS_INIT;
  baton_risk_scores* scores = NULL;
  size_t n = 0, reps = 0;
  double total = 0, value = 0, sum = 0;
  double* risk;
  double* at_risk;
  options.as_of = day("2026-11-01");
  CHECK_OK(baton_risk_score(&scores, org, model, &options));
  CHECK_RC(baton_risk_scores_accounts(NULL, NULL, 0, &n, scores), BATON_EBUFS);
  risk = malloc(n * sizeof *risk);
  at_risk = malloc(n * sizeof *at_risk);
  CHECK_OK(baton_risk_scores_accounts(risk, at_risk, n, &n, scores));
  for (size_t a = 0; a < n; ++a) {
    CHECK(risk[a] > 0 && risk[a] < 1);
    sum += at_risk[a];
  }
  CHECK_OK(baton_risk_scores_totals(&value, &total, scores));
  CHECK(fabs(total - sum) <= 1e-6 * total);
  CHECK(total > 0 && total < value);
  CHECK_RC(baton_risk_scores_reps(NULL, NULL, NULL, NULL, 0, &reps, scores), BATON_EBUFS);
  CHECK(reps > 0);
  free(risk);
  free(at_risk);
  baton_risk_scores_destroy(scores);
}

static void test_explain(const baton_org* org, const baton_risk_model* model) {
  baton_risk_options options = BATON_RISK_OPTIONS_INIT;
  baton_risk_explanation* why = NULL;
  char id[64], reason[256];
  double risk = 0, logit = 0, bias = 0, contributions[64], weights[64];
  size_t reasons = 0, features = 0;
  options.as_of = day("2026-11-01");
  CHECK_OK(baton_org_id(id, sizeof id, NULL, org, BATON_KIND_ACCOUNT, 0));
  CHECK_OK(baton_risk_explain(&why, org, model, &options, id));
  CHECK_OK(baton_risk_explanation_values(&risk, &logit, &reasons, NULL, contributions, 64,
                                         &features, why));
  CHECK_OK(baton_risk_model_terms(NULL, NULL, weights, 64, NULL, &bias, model));
  for (size_t f = 0; f < features; ++f) bias += contributions[f];
  CHECK(fabs(bias - logit) < 1e-9);
  CHECK(fabs(risk - 1 / (1 + exp(-logit))) < 1e-12);
  CHECK(reasons > 0);
  CHECK_OK(baton_risk_explanation_reason(reason, sizeof reason, NULL, why, 0));
  CHECK(strlen(reason) > 0);
  CHECK_RC(baton_risk_explanation_reason(reason, sizeof reason, NULL, why, reasons),
           BATON_ENOTFOUND);
  baton_risk_explanation_destroy(why);
  CHECK_RC(baton_risk_explain(&why, org, model, &options, "no-such-account"),
           BATON_ENOTFOUND);
}

static void test_what_if(const baton_org* org, const baton_risk_model* model) {
  baton_risk_options options = BATON_RISK_OPTIONS_INIT;
  baton_risk_what_if* what_if = NULL;
  baton_account_info info = BATON_ACCOUNT_INFO_INIT;
  char owner[64];
  const char* leavers[1];
  const uint8_t competitor[1] = {1};
  double before = 0, after = 0, planned = 0;
  size_t n = 0;
  CHECK_OK(baton_org_account_info(&info, org, 0));
  CHECK_OK(baton_org_id(owner, sizeof owner, NULL, org, BATON_KIND_REP, info.owner));
  leavers[0] = owner;
  options.as_of = day("2026-11-01");
  options.leavers = leavers;
  options.to_competitor = competitor;
  options.leaver_count = 1;
  CHECK_OK(baton_risk_departure_what_if(&what_if, org, model, &options, NULL));
  CHECK_OK(baton_risk_what_if_totals(&before, &after, &planned, what_if));
  CHECK(after > before);
  CHECK(planned == after);
  CHECK_RC(baton_risk_what_if_accounts(NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, &n,
                                       what_if),
           BATON_EBUFS);
  CHECK(n > 0);
  baton_risk_what_if_destroy(what_if);
  leavers[0] = "nobody";
  CHECK_RC(baton_risk_departure_what_if(&what_if, org, model, &options, NULL),
           BATON_ENOTFOUND);
  CHECK_ERROR_HAS("options->leavers[0]: no rep with id \"nobody\"");
}

static void test_model_text(const baton_risk_model* model, const char* scratch) {
  char path[512], text[4096], again[4096], name[64];
  const char* wrong[1] = {"tenure_days"};
  baton_risk_model* copy = NULL;
  CHECK_OK(baton_risk_model_to_text(text, sizeof text, NULL, model));
  CHECK(strncmp(text, "baton-risk-model 1\n", 19) == 0);
  CHECK_OK(baton_risk_model_from_text(&copy, text, NULL, 0));
  CHECK_OK(baton_risk_model_to_text(again, sizeof again, NULL, copy));
  CHECK(strcmp(text, again) == 0);
  CHECK_OK(baton_risk_model_feature(name, sizeof name, NULL, copy, 0));
  CHECK(strcmp(name, "owner_share") == 0);
  snprintf(path, sizeof path, "%s/risk.model", scratch);
  CHECK_OK(baton_risk_model_save(copy, path));
  baton_risk_model_destroy(copy);
  copy = NULL;
  CHECK_OK(baton_risk_model_load(&copy, path, NULL, 0));
  baton_risk_model_destroy(copy);
  CHECK_RC(baton_risk_model_load(&copy, path, wrong, 1), BATON_EINVALID);
  CHECK_ERROR_HAS("feature 0 is owner_share where tenure_days was expected");
  CHECK_RC(baton_risk_model_from_text(&copy, "baton-risk-model 1\nbias x\n", NULL, 0),
           BATON_EINVALID);
  CHECK_ERROR_HAS("line 2");
}

static void test_model_in_snapshot(const baton_org* org, const baton_risk_model* model,
                                   const char* scratch) {
  char path[512];
  baton_risk_model* copy = NULL;
  baton_org* loaded = NULL;
  snprintf(path, sizeof path, "%s/with-model.snap", scratch);
  CHECK_OK(baton_org_save_with_risk_model(org, model, path));
  CHECK_OK(baton_risk_model_from_snapshot(&copy, path, NULL, 0));
  baton_risk_model_destroy(copy);
  /* A C caller that loads the snapshot, copies it and saves it again keeps
   * the model (and any other section it cannot see), by file and by bytes. */
  CHECK_OK(baton_org_load(&loaded, path));
  baton_org* copied = NULL;
  CHECK_OK(baton_org_copy(&copied, loaded));
  baton_org_destroy(loaded);
  snprintf(path, sizeof path, "%s/saved-again.snap", scratch);
  CHECK_OK(baton_org_save(copied, path));
  CHECK_OK(baton_risk_model_from_snapshot(&copy, path, NULL, 0));
  baton_risk_model_destroy(copy);
  size_t size = 0;
  CHECK_RC(baton_org_to_bytes(NULL, 0, &size, copied), BATON_EBUFS);
  void* bytes = malloc(size);
  CHECK(bytes != NULL);
  CHECK_OK(baton_org_to_bytes(bytes, size, &size, copied));
  baton_org_destroy(copied);
  CHECK_OK(baton_org_from_bytes(&loaded, bytes, size));
  free(bytes);
  snprintf(path, sizeof path, "%s/from-bytes.snap", scratch);
  CHECK_OK(baton_org_save(loaded, path));
  baton_org_destroy(loaded);
  CHECK_OK(baton_risk_model_from_snapshot(&copy, path, NULL, 0));
  baton_risk_model_destroy(copy);
  snprintf(path, sizeof path, "%s/plain.snap", scratch);
  CHECK_OK(baton_org_save(org, path));
  CHECK_RC(baton_risk_model_from_snapshot(&copy, path, NULL, 0), BATON_ENOTFOUND);
  CHECK_ERROR_HAS("no risk model");
}

static void test_fit(void) {
  enum { kRows = 400 };
  const char* columns[2] = {"usage", "tickets"};
  double values[kRows * 2];
  uint8_t lapsed[kRows];
  baton_risk_fit_options options = BATON_RISK_FIT_OPTIONS_INIT;
  baton_risk_fit_summary summary = BATON_RISK_FIT_SUMMARY_INIT;
  baton_risk_fit* fit = NULL;
  baton_risk_model* model = NULL;
  double weight[2], aucs[5];
  size_t folds = 0;
  unsigned seed = 7;
  for (int r = 0; r < kRows; ++r) {
    seed = seed * 1103515245u + 12345u;
    values[2 * r] = (seed >> 8) % 100;
    values[2 * r + 1] = r % 7;
    lapsed[r] = values[2 * r] < 30 || (r % 7 == 6 && r % 2 == 0);
  }
  CHECK_OK(baton_risk_fit_arrays(&fit, columns, 2, values, lapsed, kRows, &options));
  CHECK_OK(baton_risk_fit_summary_get(&summary, fit));
  CHECK(summary.rows == kRows && summary.folds == 5 && summary.iterations > 0);
  CHECK(summary.auc > 0.8 && summary.mean_fold_auc > 0.75);
  CHECK_OK(baton_risk_fit_fold_aucs(aucs, 5, &folds, fit));
  CHECK(folds == 5);
  CHECK_OK(baton_risk_fit_model(&model, fit));
  CHECK_OK(baton_risk_model_terms(NULL, NULL, weight, 2, NULL, NULL, model));
  CHECK(weight[0] < 0 && weight[1] > 0);
  baton_risk_model_destroy(model);
  baton_risk_fit_destroy(fit);
  for (int r = 0; r < kRows; ++r) values[2 * r + 1] = 3;
  CHECK_RC(baton_risk_fit_arrays(&fit, columns, 2, values, lapsed, kRows, &options),
           BATON_EINVALID);
  CHECK_ERROR_HAS("column tickets is constant");
  options.version = 0;
  CHECK_RC(baton_risk_fit_arrays(&fit, columns, 2, values, lapsed, kRows, &options),
           BATON_EINVALID);
}

static void test_bad_arguments(const baton_org* org, const baton_risk_model* model) {
  baton_risk_options options = BATON_RISK_OPTIONS_INIT;
  baton_risk_scores* scores = NULL;
  CHECK_RC(baton_risk_score(NULL, org, model, &options), BATON_EINVALID);
  CHECK_RC(
      baton_risk_score(&scores, org, (const baton_risk_model*)(const void*)org, &options),
      BATON_EINVALID);
  CHECK_ERROR_HAS("model is not a live baton_risk_model");
  CHECK_RC(baton_risk_score(&scores, org, model, &options), BATON_EINVALID);
  CHECK_ERROR_HAS("as_of");
  options.version = 99;
  CHECK_RC(baton_risk_score(&scores, org, model, &options), BATON_EINVALID);
  CHECK_ERROR_HAS("BATON_RISK_OPTIONS_INIT");
  baton_risk_model_destroy(NULL);
  baton_risk_scores_destroy(NULL);
}

int main(int argc, char** argv) {
  baton_org* org = NULL;
  baton_risk_model* model = NULL;
  if (argc != 3) {
    fprintf(stderr, "usage: %s SAMPLE_DIR SCRATCH_DIR\n", argv[0]);
    return 2;
  }
  test_layout();
  CHECK_OK(baton_org_create(&org));
  CHECK_OK(baton_org_import_csv(org, argv[1]));
  CHECK_OK(baton_risk_model_default(&model));
  if (failures == 0) {
    test_scores(org, model);
    test_explain(org, model);
    test_what_if(org, model);
    test_model_text(model, argv[2]);
    test_model_in_snapshot(org, model, argv[2]);
    test_bad_arguments(org, model);
  }
  test_fit();
  baton_risk_model_destroy(model);
  baton_org_destroy(org);
  if (failures != 0) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  printf("capi risk C test: all checks passed\n");
  return 0;
}
