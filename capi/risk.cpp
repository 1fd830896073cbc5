// The C API of churn risk: models, scores, explanations and what-ifs.
#include <cmath>
#include <string>
#include <vector>

#include "baton/risk.hpp"
#include "baton/snapshot.hpp"
#include "capi/c_text.hpp"
#include "capi/guard.hpp"
#include "capi/risk_handles.hpp"

namespace baton::capi {
namespace {

static_assert(BATON_RISK_OPTIONS_VERSION == RiskOptions::kVersion);

std::string Field(const char* name) { return std::string("options->") + name; }

int FindRep(const Org& org, const std::string& id, const std::string& field,
            RepIndex* out) {
  const auto rep = org.FindRep(id);
  if (!rep) return CallError(BATON_ENOTFOUND, field + ": no rep with id \"" + id + "\"");
  *out = *rep;
  return BATON_OK;
}

int ConvertLeavers(const Org& org, const baton_risk_options& c, RiskOptions* o) {
  std::vector<std::string> ids;
  BATON_RETURN_IF_ERROR(ReadTexts(c.leavers, c.leaver_count, org.reps().size(),
                                  Field("leavers"), Field("leaver_count"), &ids));
  for (std::size_t k = 0; k < ids.size(); ++k) {
    Leaver leaver;
    BATON_RETURN_IF_ERROR(FindRep(
        org, ids[k], Field("leavers") + "[" + std::to_string(k) + "]", &leaver.rep));
    leaver.to_competitor = c.to_competitor != nullptr && c.to_competitor[k] != 0;
    o->leavers.push_back(leaver);
  }
  return BATON_OK;
}

int ConvertOwners(const Org& org, const baton_risk_options& c, RiskOptions* o) {
  std::vector<std::string> accounts, reps;
  BATON_RETURN_IF_ERROR(ReadTexts(c.owner_accounts, c.owner_count, org.accounts().size(),
                                  Field("owner_accounts"), Field("owner_count"),
                                  &accounts));
  if (c.owner_count > 0 && c.owner_reps == nullptr)
    return ArgError(Field("owner_reps") + " is NULL but " + Field("owner_count") +
                    " is " + std::to_string(c.owner_count));
  for (std::size_t k = 0; k < accounts.size(); ++k) {
    const std::string at = "[" + std::to_string(k) + "]";
    const auto account = org.FindAccount(accounts[k]);
    if (!account) {
      return CallError(
          BATON_ENOTFOUND,
          Field("owner_accounts") + at + ": no account with id \"" + accounts[k] + "\"");
    }
    std::string rep_id;
    BATON_RETURN_IF_ERROR(ReadText(c.owner_reps[k], Field("owner_reps") + at, &rep_id));
    NewOwner change{*account, kNoIndex};
    if (!rep_id.empty())
      BATON_RETURN_IF_ERROR(
          FindRep(org, rep_id, Field("owner_reps") + at, &change.owner));
    o->owners.push_back(change);
  }
  return BATON_OK;
}

int ConvertSignals(const Org& org, const baton_risk_options& c, RiskOptions* o) {
  std::vector<std::string> names;
  BATON_RETURN_IF_ERROR(ReadTexts(c.signal_names, c.signal_count, kMaxFeatures,
                                  Field("signal_names"), Field("signal_count"), &names));
  if (c.signal_count > 0 && c.signal_values == nullptr)
    return ArgError(Field("signal_values") + " is NULL but " + Field("signal_count") +
                    " is " + std::to_string(c.signal_count));
  const std::size_t accounts = org.accounts().size();
  for (std::size_t k = 0; k < names.size(); ++k) {
    const double* values = c.signal_values[k];
    if (values == nullptr && accounts > 0)
      return ArgError(Field("signal_values") + "[" + std::to_string(k) + "] is NULL");
    o->signals.push_back({names[k], std::vector<double>(values, values + accounts)});
  }
  return BATON_OK;
}

}  // namespace

int ConvertRiskOptions(const Org& org, const baton_risk_options* c, RiskOptions* o,
                       const char* name) {
  if (c == nullptr) return ArgError(std::string(name) + " is NULL");
  if (c->version < 1 || c->version > BATON_RISK_OPTIONS_VERSION) {
    return ArgError("options->version is " + std::to_string(c->version) +
                    "; initialise the options with BATON_RISK_OPTIONS_INIT (version 1.." +
                    std::to_string(BATON_RISK_OPTIONS_VERSION) + ")");
  }
  o->as_of = c->as_of;
  o->reasons = c->reasons;
  o->threads = c->threads;
  if (c->threads < 0 || c->threads > 1024)
    return ArgError(Field("threads") + " must be 0 (one per core) to 1024");
  BATON_RETURN_IF_ERROR(ConvertLeavers(org, *c, o));
  BATON_RETURN_IF_ERROR(ConvertOwners(org, *c, o));
  return ConvertSignals(org, *c, o);
}

int PublishModel(baton_risk_model** out, RiskModel model) {
  auto* handle = new baton_risk_model;
  handle->model = std::move(model);
  *out = handle;
  return BATON_OK;
}

namespace {

int LoadModel(baton_risk_model** out, const char* source, const char* const* expected,
              std::size_t expected_count, bool is_path) {
  BATON_REQUIRE(out);
  BATON_REQUIRE(source);
  std::string text;
  BATON_RETURN_IF_ERROR(ReadText(source, is_path ? "path" : "text", &text));
  std::vector<std::string> features;
  BATON_RETURN_IF_ERROR(ReadTexts(expected, expected_count, kMaxFeatures,
                                  "expected_features", "expected_count", &features));
  auto model =
      is_path ? LoadRiskModel(text, features) : RiskModelFromText(text, features);
  if (!model.ok()) return FromStatus(model.status());
  return PublishModel(out, *std::move(model));
}

}  // namespace
}  // namespace baton::capi

using baton::capi::Check;
using baton::capi::Guard;

BATON_API int baton_risk_model_default(baton_risk_model** out) {
  return Guard(__func__, [&] {
    BATON_REQUIRE(out);
    return baton::capi::PublishModel(out, baton::RiskModel::Default());
  });
}

BATON_API int baton_risk_model_from_text(baton_risk_model** out, const char* text,
                                         const char* const* expected_features,
                                         size_t expected_count) {
  return Guard(__func__, [&] {
    return baton::capi::LoadModel(out, text, expected_features, expected_count, false);
  });
}

BATON_API int baton_risk_model_load(baton_risk_model** out, const char* path,
                                    const char* const* expected_features,
                                    size_t expected_count) {
  return Guard(__func__, [&] {
    return baton::capi::LoadModel(out, path, expected_features, expected_count, true);
  });
}

BATON_API int baton_risk_model_save(const baton_risk_model* model, const char* path) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(Check(model, "model"));
    BATON_REQUIRE(path);
    std::string file;
    BATON_RETURN_IF_ERROR(baton::capi::ReadText(path, "path", &file));
    return baton::capi::FromStatus(baton::SaveRiskModel(model->model, file));
  });
}

BATON_API int baton_org_save_with_risk_model(const baton_org* org,
                                             const baton_risk_model* model,
                                             const char* path) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(baton::capi::CheckOrg(org));
    BATON_RETURN_IF_ERROR(Check(model, "model"));
    BATON_REQUIRE(path);
    std::string file;
    BATON_RETURN_IF_ERROR(baton::capi::ReadText(path, "path", &file));
    std::vector<baton::SnapshotSection> sections;
    for (const baton::SnapshotSection& s : org->SectionsToSave())
      if (s.name != baton::kRiskModelSection) sections.push_back(s);
    sections.push_back(baton::RiskModelSection(model->model));
    return baton::capi::FromStatus(baton::SaveSnapshot(org->org, file, sections));
  });
}

BATON_API int baton_risk_model_from_snapshot(baton_risk_model** out, const char* path,
                                             const char* const* expected_features,
                                             size_t expected_count) {
  return Guard(__func__, [&] {
    BATON_REQUIRE(out);
    BATON_REQUIRE(path);
    std::string file;
    BATON_RETURN_IF_ERROR(baton::capi::ReadText(path, "path", &file));
    std::vector<std::string> features;
    BATON_RETURN_IF_ERROR(baton::capi::ReadTexts(
        expected_features, expected_count, baton::capi::kMaxFeatures, "expected_features",
        "expected_count", &features));
    std::vector<baton::SnapshotSection> sections;
    const auto org = baton::LoadSnapshot(file, &sections);
    if (!org.ok()) return baton::capi::FromStatus(org.status());
    auto model = baton::RiskModelFromSections(sections, features);
    if (!model.ok()) return baton::capi::FromStatus(model.status());
    return baton::capi::PublishModel(out, *std::move(model));
  });
}

BATON_API int baton_risk_model_to_text(char* buf, size_t cap, size_t* needed,
                                       const baton_risk_model* model) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(Check(model, "model"));
    return baton::capi::CopyText(buf, cap, needed, baton::RiskModelToText(model->model));
  });
}

BATON_API void baton_risk_model_destroy(baton_risk_model* model) {
  Guard(__func__, [&] {
    baton::capi::Destroy(model);
    return BATON_OK;
  });
}

BATON_API int baton_risk_model_terms(double* centre, double* scale, double* weight,
                                     size_t cap, size_t* needed, double* bias,
                                     const baton_risk_model* model) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(Check(model, "model"));
    const baton::RiskModel& m = model->model;
    if (needed != nullptr) *needed = m.features.size();
    if (bias != nullptr) *bias = m.bias;
    BATON_RETURN_IF_ERROR(baton::capi::CheckCapacity(cap, m.features.size(), "elements"));
    for (std::size_t k = 0; k < m.features.size(); ++k) {
      if (centre != nullptr) centre[k] = m.centre[k];
      if (scale != nullptr) scale[k] = m.scale[k];
      if (weight != nullptr) weight[k] = m.weight[k];
    }
    return BATON_OK;
  });
}

BATON_API int baton_risk_model_feature(char* buf, size_t cap, size_t* needed,
                                       const baton_risk_model* model, size_t k) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(Check(model, "model"));
    if (k >= model->model.features.size()) {
      return baton::capi::CallError(
          BATON_ENOTFOUND, "feature " + std::to_string(k) + " is out of range (" +
                               std::to_string(model->model.features.size()) +
                               " features)");
    }
    return baton::capi::CopyText(buf, cap, needed, model->model.features[k]);
  });
}

BATON_API int baton_risk_score(baton_risk_scores** out, const baton_org* org,
                               const baton_risk_model* model,
                               const baton_risk_options* options) {
  return Guard(__func__, [&] {
    BATON_REQUIRE(out);
    BATON_RETURN_IF_ERROR(baton::capi::CheckOrg(org));
    BATON_RETURN_IF_ERROR(Check(model, "model"));
    baton::RiskOptions converted;
    BATON_RETURN_IF_ERROR(
        baton::capi::ConvertRiskOptions(org->org, options, &converted, "options"));
    baton::RiskScorer scorer(org->org, model->model);
    auto scores = scorer.SetOptions(std::move(converted)).Score();
    if (!scores.ok()) return baton::capi::FromStatus(scores.status());
    auto* handle = new baton_risk_scores;
    handle->scores = *std::move(scores);
    *out = handle;
    return BATON_OK;
  });
}

BATON_API void baton_risk_scores_destroy(baton_risk_scores* scores) {
  Guard(__func__, [&] {
    baton::capi::Destroy(scores);
    return BATON_OK;
  });
}

BATON_API int baton_risk_scores_accounts(double* risk, double* value_at_risk, size_t cap,
                                         size_t* needed,
                                         const baton_risk_scores* scores) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(Check(scores, "scores"));
    const baton::RiskScores& s = scores->scores;
    if (needed != nullptr) *needed = s.risk.size();
    BATON_RETURN_IF_ERROR(baton::capi::CheckCapacity(cap, s.risk.size(), "elements"));
    if (risk != nullptr) std::copy(s.risk.begin(), s.risk.end(), risk);
    if (value_at_risk != nullptr)
      std::copy(s.value_at_risk.begin(), s.value_at_risk.end(), value_at_risk);
    return BATON_OK;
  });
}

BATON_API int baton_risk_scores_reps(int64_t* accounts, double* value,
                                     double* value_at_risk, double* sole_value,
                                     size_t cap, size_t* needed,
                                     const baton_risk_scores* scores) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(Check(scores, "scores"));
    const auto& reps = scores->scores.reps;
    if (needed != nullptr) *needed = reps.size();
    BATON_RETURN_IF_ERROR(baton::capi::CheckCapacity(cap, reps.size(), "elements"));
    for (std::size_t k = 0; k < reps.size(); ++k) {
      if (accounts != nullptr) accounts[k] = reps[k].accounts;
      if (value != nullptr) value[k] = reps[k].value;
      if (value_at_risk != nullptr) value_at_risk[k] = reps[k].value_at_risk;
      if (sole_value != nullptr) sole_value[k] = reps[k].sole_value;
    }
    return BATON_OK;
  });
}

BATON_API int baton_risk_scores_teams(int64_t* accounts, double* value,
                                      double* value_at_risk, size_t cap, size_t* needed,
                                      const baton_risk_scores* scores) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(Check(scores, "scores"));
    const auto& teams = scores->scores.teams;
    if (needed != nullptr) *needed = teams.size();
    BATON_RETURN_IF_ERROR(baton::capi::CheckCapacity(cap, teams.size(), "elements"));
    for (std::size_t k = 0; k < teams.size(); ++k) {
      if (accounts != nullptr) accounts[k] = teams[k].accounts;
      if (value != nullptr) value[k] = teams[k].value;
      if (value_at_risk != nullptr) value_at_risk[k] = teams[k].value_at_risk;
    }
    return BATON_OK;
  });
}

BATON_API int baton_risk_scores_totals(double* value, double* value_at_risk,
                                       const baton_risk_scores* scores) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(Check(scores, "scores"));
    if (value != nullptr) *value = scores->scores.total_value;
    if (value_at_risk != nullptr) *value_at_risk = scores->scores.total_value_at_risk;
    return BATON_OK;
  });
}

BATON_API int baton_risk_explain(baton_risk_explanation** out, const baton_org* org,
                                 const baton_risk_model* model,
                                 const baton_risk_options* options, const char* account) {
  return Guard(__func__, [&] {
    BATON_REQUIRE(out);
    BATON_RETURN_IF_ERROR(baton::capi::CheckOrg(org));
    BATON_RETURN_IF_ERROR(Check(model, "model"));
    BATON_REQUIRE(account);
    std::string id;
    BATON_RETURN_IF_ERROR(baton::capi::ReadText(account, "account", &id));
    const auto index = org->org.FindAccount(id);
    if (!index)
      return baton::capi::CallError(BATON_ENOTFOUND, "no account with id \"" + id + "\"");
    baton::RiskOptions converted;
    BATON_RETURN_IF_ERROR(
        baton::capi::ConvertRiskOptions(org->org, options, &converted, "options"));
    baton::RiskScorer scorer(org->org, model->model);
    auto risk = scorer.SetOptions(std::move(converted)).Explain(*index);
    if (!risk.ok()) return baton::capi::FromStatus(risk.status());
    auto* handle = new baton_risk_explanation;
    handle->risk = *std::move(risk);
    *out = handle;
    return BATON_OK;
  });
}

BATON_API void baton_risk_explanation_destroy(baton_risk_explanation* explanation) {
  Guard(__func__, [&] {
    baton::capi::Destroy(explanation);
    return BATON_OK;
  });
}

BATON_API int baton_risk_explanation_values(double* risk, double* logit, size_t* reasons,
                                            double* features, double* contributions,
                                            size_t cap, size_t* needed,
                                            const baton_risk_explanation* explanation) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(Check(explanation, "explanation"));
    const baton::AccountRisk& r = explanation->risk;
    if (risk != nullptr) *risk = r.risk;
    if (logit != nullptr) *logit = r.logit;
    if (reasons != nullptr) *reasons = r.reasons.size();
    if (needed != nullptr) *needed = r.features.size();
    BATON_RETURN_IF_ERROR(baton::capi::CheckCapacity(cap, r.features.size(), "elements"));
    if (features != nullptr) std::copy(r.features.begin(), r.features.end(), features);
    if (contributions != nullptr)
      std::copy(r.contributions.begin(), r.contributions.end(), contributions);
    return BATON_OK;
  });
}

BATON_API int baton_risk_explanation_reason(char* buf, size_t cap, size_t* needed,
                                            const baton_risk_explanation* explanation,
                                            size_t k) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(Check(explanation, "explanation"));
    const auto& reasons = explanation->risk.reasons;
    if (k >= reasons.size()) {
      return baton::capi::CallError(BATON_ENOTFOUND,
                                    "reason " + std::to_string(k) + " is out of range (" +
                                        std::to_string(reasons.size()) + " reasons)");
    }
    return baton::capi::CopyText(buf, cap, needed, reasons[k]);
  });
}

BATON_API int baton_risk_departure_what_if(baton_risk_what_if** out, const baton_org* org,
                                           const baton_risk_model* model,
                                           const baton_risk_options* options,
                                           const baton_reassignment* plan) {
  return Guard(__func__, [&] {
    BATON_REQUIRE(out);
    BATON_RETURN_IF_ERROR(baton::capi::CheckOrg(org));
    BATON_RETURN_IF_ERROR(Check(model, "model"));
    if (plan != nullptr) {
      BATON_RETURN_IF_ERROR(baton::capi::CheckHandle(plan, baton::capi::kReassignmentTag,
                                                     "plan", "baton_reassignment"));
      if (plan->state_hash != org->org.StateHash())
        return baton::capi::CallError(
            BATON_ESTATE, "the plan was made for another state of the organisation");
    }
    baton::RiskOptions converted;
    BATON_RETURN_IF_ERROR(
        baton::capi::ConvertRiskOptions(org->org, options, &converted, "options"));
    auto what_if = baton::WhatIfDeparture(org->org, model->model, converted,
                                          plan == nullptr ? nullptr : &plan->result);
    if (!what_if.ok()) return baton::capi::FromStatus(what_if.status());
    auto* handle = new baton_risk_what_if;
    handle->what_if = *std::move(what_if);
    *out = handle;
    return BATON_OK;
  });
}

BATON_API void baton_risk_what_if_destroy(baton_risk_what_if* what_if) {
  Guard(__func__, [&] {
    baton::capi::Destroy(what_if);
    return BATON_OK;
  });
}

BATON_API int baton_risk_what_if_accounts(uint32_t* account, uint32_t* owner_before,
                                          uint32_t* owner_after, double* value,
                                          double* before, double* after_departure,
                                          double* after_plan, size_t cap, size_t* needed,
                                          const baton_risk_what_if* what_if) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(Check(what_if, "what_if"));
    const auto& rows = what_if->what_if.accounts;
    if (needed != nullptr) *needed = rows.size();
    BATON_RETURN_IF_ERROR(baton::capi::CheckCapacity(cap, rows.size(), "elements"));
    for (std::size_t k = 0; k < rows.size(); ++k) {
      if (account != nullptr) account[k] = rows[k].account;
      if (owner_before != nullptr) owner_before[k] = rows[k].owner_before;
      if (owner_after != nullptr) owner_after[k] = rows[k].owner_after;
      if (value != nullptr) value[k] = rows[k].value;
      if (before != nullptr) before[k] = rows[k].before;
      if (after_departure != nullptr) after_departure[k] = rows[k].after_departure;
      if (after_plan != nullptr) after_plan[k] = rows[k].after_plan;
    }
    return BATON_OK;
  });
}

BATON_API int baton_risk_what_if_totals(double* before, double* after_departure,
                                        double* after_plan,
                                        const baton_risk_what_if* what_if) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(Check(what_if, "what_if"));
    const baton::DepartureWhatIf& w = what_if->what_if;
    if (before != nullptr) *before = w.value_at_risk_before;
    if (after_departure != nullptr) *after_departure = w.value_at_risk_after_departure;
    if (after_plan != nullptr) *after_plan = w.value_at_risk_after_plan;
    return BATON_OK;
  });
}
