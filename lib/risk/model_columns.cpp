#include "lib/risk/model_columns.hpp"

#include <cmath>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace baton::internal {
namespace {

absl::Status CheckSignal(const Org& org, const AccountSignal& signal) {
  const auto accounts = org.accounts();
  if (signal.values.size() != accounts.size()) {
    return absl::InvalidArgumentError(absl::StrCat("signal ", signal.name, ": ",
                                                   signal.values.size(), " values for ",
                                                   accounts.size(), " accounts"));
  }
  for (std::size_t a = 0; a < accounts.size(); ++a) {
    if (!std::isfinite(signal.values[a])) {
      return absl::InvalidArgumentError(absl::StrCat("signal ", signal.name, ": account ",
                                                     accounts[a].id,
                                                     ": value is missing or not finite"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ModelColumns> ModelColumns::Bind(const Org& org, const RiskModel& model,
                                                absl::Span<const AccountSignal> signals) {
  if (absl::Status s = model.Validate(); !s.ok()) return s;
  ModelColumns columns;
  for (const std::string& name : model.features) {
    Source source;
    source.builtin = BuiltinFeatureOf(name);
    if (source.builtin < 0) {
      if (!absl::StartsWith(name, "signal:")) {
        return absl::InvalidArgumentError(
            absl::StrCat("risk model feature ", name,
                         ": not an account feature (a built-in name or signal:<name>)"));
      }
      const std::string signal_name = name.substr(7);
      for (const AccountSignal& signal : signals)
        if (signal.name == signal_name) source.signal = &signal.values;
      if (source.signal == nullptr) {
        return absl::InvalidArgumentError(absl::StrCat("risk model feature ", name,
                                                       ": no signal named ", signal_name,
                                                       " in the options"));
      }
    }
    columns.sources_.push_back(source);
  }
  for (const AccountSignal& signal : signals)
    if (absl::Status s = CheckSignal(org, signal); !s.ok()) return s;
  return columns;
}

void ModelColumns::Row(AccountIndex account, const AccountFacts& facts,
                       double* out) const {
  for (std::size_t f = 0; f < sources_.size(); ++f) {
    const Source& s = sources_[f];
    out[f] = s.builtin >= 0 ? facts.features[s.builtin] : (*s.signal)[account];
  }
}

}  // namespace baton::internal
