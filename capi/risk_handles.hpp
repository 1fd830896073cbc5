// The objects behind the churn-risk handles of the C API.
#ifndef BATON_CAPI_RISK_HANDLES_HPP_
#define BATON_CAPI_RISK_HANDLES_HPP_

#include <cstdint>
#include <string>
#include <vector>

#include "baton/risk.hpp"
#include "baton/risk_fit.hpp"
#include "capi/handles.hpp"

namespace baton::capi {

inline constexpr std::uint32_t kRiskModelTag = 0x524d4421;        // "RMD!"
inline constexpr std::uint32_t kRiskScoresTag = 0x52534321;       // "RSC!"
inline constexpr std::uint32_t kRiskExplanationTag = 0x52455821;  // "REX!"
inline constexpr std::uint32_t kRiskWhatIfTag = 0x52574921;       // "RWI!"
inline constexpr std::uint32_t kRiskFitTag = 0x52465421;          // "RFT!"

}  // namespace baton::capi

struct baton_risk_model {
  std::uint32_t tag = baton::capi::kRiskModelTag;
  baton::RiskModel model;
};

struct baton_risk_scores {
  std::uint32_t tag = baton::capi::kRiskScoresTag;
  baton::RiskScores scores;
};

struct baton_risk_explanation {
  std::uint32_t tag = baton::capi::kRiskExplanationTag;
  baton::AccountRisk risk;
};

struct baton_risk_what_if {
  std::uint32_t tag = baton::capi::kRiskWhatIfTag;
  baton::DepartureWhatIf what_if;
};

struct baton_risk_fit {
  std::uint32_t tag = baton::capi::kRiskFitTag;
  baton::FitReport report;
  std::int64_t rows = 0;
  std::int64_t skipped_rows = 0;
};

namespace baton::capi {

template <typename Handle>
int Check(const Handle* h, const char* parameter);
template <>
inline int Check(const baton_risk_model* h, const char* parameter) {
  return CheckHandle(h, kRiskModelTag, parameter, "baton_risk_model");
}
template <>
inline int Check(const baton_risk_scores* h, const char* parameter) {
  return CheckHandle(h, kRiskScoresTag, parameter, "baton_risk_scores");
}
template <>
inline int Check(const baton_risk_explanation* h, const char* parameter) {
  return CheckHandle(h, kRiskExplanationTag, parameter, "baton_risk_explanation");
}
template <>
inline int Check(const baton_risk_what_if* h, const char* parameter) {
  return CheckHandle(h, kRiskWhatIfTag, parameter, "baton_risk_what_if");
}
template <>
inline int Check(const baton_risk_fit* h, const char* parameter) {
  return CheckHandle(h, kRiskFitTag, parameter, "baton_risk_fit");
}

// Destroys a live handle of its type; ignores NULL and any other pointer.
template <typename Handle>
void Destroy(Handle* handle) {
  if (handle == nullptr || Check(handle, "handle") != BATON_OK) return;
  handle->tag = kDeadTag;
  delete handle;
}

// The C scenario as the core's: ids looked up in `org`, arrays checked;
// `name` is the parameter's, for messages.
int ConvertRiskOptions(const Org& org, const baton_risk_options* c, RiskOptions* o,
                       const char* name);
int PublishModel(baton_risk_model** out, RiskModel model);

}  // namespace baton::capi

#endif  // BATON_CAPI_RISK_HANDLES_HPP_
