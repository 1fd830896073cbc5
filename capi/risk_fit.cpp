// The C API of risk-model fitting: from arrays, a CSV file or an
// organisation's history, and the fit's quality figures.
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "baton/risk_fit.hpp"
#include "capi/c_text.hpp"
#include "capi/guard.hpp"
#include "capi/risk_handles.hpp"

namespace baton::capi {
namespace {

static_assert(BATON_RISK_FIT_OPTIONS_VERSION == FitOptions::kVersion);

int ConvertFit(const baton_risk_fit_options* c, FitOptions* o) {
  if (c == nullptr) return ArgError("options is NULL");
  if (c->version < 1 || c->version > BATON_RISK_FIT_OPTIONS_VERSION) {
    return ArgError(
        "options->version is " + std::to_string(c->version) +
        "; initialise the options with BATON_RISK_FIT_OPTIONS_INIT (version 1.." +
        std::to_string(BATON_RISK_FIT_OPTIONS_VERSION) + ")");
  }
  o->l2 = c->l2;
  o->max_iterations = c->max_iterations;
  o->tolerance = c->tolerance;
  o->folds = c->folds;
  o->calibration_bins = c->calibration_bins;
  return BATON_OK;
}

int PublishFit(baton_risk_fit** out, absl::StatusOr<FitReport> report, std::int64_t rows,
               std::int64_t skipped) {
  if (!report.ok()) return FromStatus(report.status());
  auto* handle = new baton_risk_fit;
  handle->report = *std::move(report);
  handle->rows = rows;
  handle->skipped_rows = skipped;
  *out = handle;
  return BATON_OK;
}

// Rows * columns values, or an error when the product overflows.
int TableSize(std::size_t rows, std::size_t columns, std::size_t* size) {
  if (columns != 0 &&
      rows > std::numeric_limits<std::size_t>::max() / sizeof(double) / columns)
    return ArgError("rows * column_count is too large");
  *size = rows * columns;
  return BATON_OK;
}

}  // namespace
}  // namespace baton::capi

using baton::capi::Check;
using baton::capi::Guard;

BATON_API int baton_risk_fit_arrays(baton_risk_fit** out, const char* const* columns,
                                    size_t column_count, const double* values,
                                    const uint8_t* lapsed, size_t rows,
                                    const baton_risk_fit_options* options) {
  return Guard(__func__, [&] {
    BATON_REQUIRE(out);
    baton::FitOptions fit;
    BATON_RETURN_IF_ERROR(baton::capi::ConvertFit(options, &fit));
    baton::TrainingTable table;
    BATON_RETURN_IF_ERROR(baton::capi::ReadTexts(columns, column_count,
                                                 baton::capi::kMaxFeatures, "columns",
                                                 "column_count", &table.columns));
    std::size_t size = 0;
    BATON_RETURN_IF_ERROR(baton::capi::TableSize(rows, column_count, &size));
    if (size > 0) BATON_REQUIRE(values);
    if (rows > 0) BATON_REQUIRE(lapsed);
    table.values.assign(values, values + size);
    table.lapsed.assign(lapsed, lapsed + rows);
    return baton::capi::PublishFit(out, baton::FitLogistic(table, fit),
                                   static_cast<std::int64_t>(rows), 0);
  });
}

BATON_API int baton_risk_fit_csv(baton_risk_fit** out, const char* path,
                                 const char* const* numeric, size_t numeric_count,
                                 const char* const* categorical, size_t categorical_count,
                                 const char* outcome, const char* positive,
                                 int skip_incomplete,
                                 const baton_risk_fit_options* options) {
  return Guard(__func__, [&] {
    BATON_REQUIRE(out);
    BATON_REQUIRE(path);
    BATON_REQUIRE(outcome);
    BATON_REQUIRE(positive);
    baton::FitOptions fit;
    BATON_RETURN_IF_ERROR(baton::capi::ConvertFit(options, &fit));
    std::string file;
    baton::TableSpec spec;
    BATON_RETURN_IF_ERROR(baton::capi::ReadText(path, "path", &file));
    BATON_RETURN_IF_ERROR(baton::capi::ReadTexts(numeric, numeric_count,
                                                 baton::capi::kMaxFeatures, "numeric",
                                                 "numeric_count", &spec.numeric));
    BATON_RETURN_IF_ERROR(baton::capi::ReadTexts(categorical, categorical_count,
                                                 baton::capi::kMaxFeatures, "categorical",
                                                 "categorical_count", &spec.categorical));
    BATON_RETURN_IF_ERROR(baton::capi::ReadText(outcome, "outcome", &spec.outcome));
    BATON_RETURN_IF_ERROR(baton::capi::ReadText(positive, "positive", &spec.positive));
    spec.skip_incomplete_rows = skip_incomplete != 0;
    std::int64_t skipped = 0;
    auto table = baton::ReadTrainingTable(file, spec, &skipped);
    if (!table.ok()) return baton::capi::FromStatus(table.status());
    const auto rows = static_cast<std::int64_t>(table->rows());
    return baton::capi::PublishFit(out, baton::FitLogistic(*table, fit), rows, skipped);
  });
}

BATON_API int baton_risk_fit_org(baton_risk_fit** out, const baton_org* org,
                                 const baton_risk_options* risk_options,
                                 const char* const* features, size_t feature_count,
                                 const char* const* accounts, const uint8_t* lapsed,
                                 size_t account_count,
                                 const baton_risk_fit_options* options) {
  return Guard(__func__, [&] {
    BATON_REQUIRE(out);
    BATON_RETURN_IF_ERROR(baton::capi::CheckOrg(org));
    baton::RiskOptions scenario;
    BATON_RETURN_IF_ERROR(baton::capi::ConvertRiskOptions(org->org, risk_options,
                                                          &scenario, "risk_options"));
    baton::FitOptions fit;
    BATON_RETURN_IF_ERROR(baton::capi::ConvertFit(options, &fit));
    std::vector<std::string> names, ids;
    BATON_RETURN_IF_ERROR(baton::capi::ReadTexts(features, feature_count,
                                                 baton::capi::kMaxFeatures, "features",
                                                 "feature_count", &names));
    BATON_RETURN_IF_ERROR(baton::capi::ReadTexts(accounts, account_count,
                                                 org->org.accounts().size(), "accounts",
                                                 "account_count", &ids));
    if (account_count > 0) BATON_REQUIRE(lapsed);
    std::vector<baton::AccountIndex> indices;
    for (std::size_t k = 0; k < ids.size(); ++k) {
      const auto index = org->org.FindAccount(ids[k]);
      if (!index) {
        return baton::capi::CallError(
            BATON_ENOTFOUND,
            "accounts[" + std::to_string(k) + "]: no account with id \"" + ids[k] + "\"");
      }
      indices.push_back(*index);
    }
    const absl::Span<const std::uint8_t> outcomes(lapsed, account_count);
    return baton::capi::PublishFit(
        out, baton::FitRiskModel(org->org, scenario, names, indices, outcomes, fit),
        static_cast<std::int64_t>(account_count), 0);
  });
}

BATON_API void baton_risk_fit_destroy(baton_risk_fit* fit) {
  Guard(__func__, [&] {
    baton::capi::Destroy(fit);
    return BATON_OK;
  });
}

BATON_API int baton_risk_fit_model(baton_risk_model** out, const baton_risk_fit* fit) {
  return Guard(__func__, [&] {
    BATON_REQUIRE(out);
    BATON_RETURN_IF_ERROR(Check(fit, "fit"));
    return baton::capi::PublishModel(out, fit->report.model);
  });
}

BATON_API int baton_risk_fit_summary_get(baton_risk_fit_summary* out,
                                         const baton_risk_fit* fit) {
  return Guard(__func__, [&] {
    BATON_REQUIRE(out);
    BATON_RETURN_IF_ERROR(
        baton::capi::CheckInfoVersion(out, BATON_RISK_FIT_SUMMARY_VERSION));
    BATON_RETURN_IF_ERROR(Check(fit, "fit"));
    const baton::FitReport& r = fit->report;
    out->iterations = r.iterations;
    out->rows = fit->rows;
    out->skipped_rows = fit->skipped_rows;
    out->folds = static_cast<int32_t>(r.folds.size());
    out->auc = r.training.auc;
    out->log_loss = r.training.log_loss;
    out->brier = r.training.brier;
    out->cv_auc = r.cross_validated.auc;
    out->cv_log_loss = r.cross_validated.log_loss;
    out->cv_brier = r.cross_validated.brier;
    out->mean_fold_auc = r.mean_fold_auc;
    return BATON_OK;
  });
}

BATON_API int baton_risk_fit_fold_aucs(double* auc, size_t cap, size_t* needed,
                                       const baton_risk_fit* fit) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(Check(fit, "fit"));
    std::vector<double> aucs;
    for (const baton::FitQuality& fold : fit->report.folds) aucs.push_back(fold.auc);
    return baton::capi::CopyArray(auc, cap, needed, aucs.data(), aucs.size());
  });
}

BATON_API int baton_risk_fit_calibration(double* low, double* high, int64_t* rows,
                                         double* mean_predicted, double* observed,
                                         size_t cap, size_t* needed,
                                         const baton_risk_fit* fit) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(Check(fit, "fit"));
    const baton::FitReport& r = fit->report;
    const auto& bins =
        r.folds.empty() ? r.training.calibration : r.cross_validated.calibration;
    if (needed != nullptr) *needed = bins.size();
    BATON_RETURN_IF_ERROR(baton::capi::CheckCapacity(cap, bins.size(), "elements"));
    for (std::size_t k = 0; k < bins.size(); ++k) {
      if (low != nullptr) low[k] = bins[k].low;
      if (high != nullptr) high[k] = bins[k].high;
      if (rows != nullptr) rows[k] = bins[k].rows;
      if (mean_predicted != nullptr) mean_predicted[k] = bins[k].mean_predicted;
      if (observed != nullptr) observed[k] = bins[k].observed;
    }
    return BATON_OK;
  });
}
