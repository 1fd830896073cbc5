// A model's features bound to their sources for one scoring run: a built-in
// feature of the account's facts, or a caller's signal.
#ifndef BATON_LIB_RISK_MODEL_COLUMNS_HPP_
#define BATON_LIB_RISK_MODEL_COLUMNS_HPP_

#include <vector>

#include "absl/status/statusor.h"
#include "baton/risk.hpp"
#include "lib/risk/account_features.hpp"

namespace baton::internal {

class ModelColumns {
 public:
  // InvalidArgument naming the signal (and account) when a model's signal is
  // not among `signals`, has the wrong length or a value that is not finite.
  static absl::StatusOr<ModelColumns> Bind(const Org& org, const RiskModel& model,
                                           absl::Span<const AccountSignal> signals);

  // The model's raw feature values of `account`, in model order.
  void Row(AccountIndex account, const AccountFacts& facts, double* out) const;
  std::size_t size() const { return sources_.size(); }

 private:
  struct Source {
    int builtin = -1;                             // a BuiltinFeature, or -1
    const std::vector<double>* signal = nullptr;  // else this signal
  };
  std::vector<Source> sources_;
};

}  // namespace baton::internal

#endif  // BATON_LIB_RISK_MODEL_COLUMNS_HPP_
