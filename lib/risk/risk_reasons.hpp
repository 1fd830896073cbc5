// The reasons behind a risk, in a sales manager's words.
#ifndef BATON_LIB_RISK_RISK_REASONS_HPP_
#define BATON_LIB_RISK_RISK_REASONS_HPP_

#include <string>
#include <vector>

#include "baton/risk.hpp"
#include "lib/risk/account_features.hpp"

namespace baton::internal {

// The features that raise the risk most (contribution above a tenth of a
// logit), strongest first, at most `max` of them, without repeats:
// "only Anna Nowak has been in touch in 90 days", "renewal in 21 days".
std::vector<std::string> RiskReasons(const RiskView& view, const RiskModel& model,
                                     const AccountFacts& facts,
                                     absl::Span<const double> row,
                                     absl::Span<const double> contributions, int max);

}  // namespace baton::internal

#endif  // BATON_LIB_RISK_RISK_REASONS_HPP_
