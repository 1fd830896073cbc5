#include "lib/risk/risk_reasons.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "lib/model/strings.hpp"

namespace baton::internal {
namespace {

constexpr double kReasonThreshold = 0.1;  // logits

std::string Percent(double share) { return absl::StrCat(std::lround(share * 100), "%"); }

std::string Plural(int n, absl::string_view one, absl::string_view many) {
  return absl::StrCat(n, " ", n == 1 ? one : many);
}

std::string RepName(const Org& org, RepIndex rep) {
  const Rep& r = org.reps()[rep];
  return r.name.empty() ? r.id : r.name;
}

std::string ContactReason(const Org& org, const AccountFacts& f) {
  if (f.only_rep_in_contact != kNoIndex)
    return absl::StrCat("only ", RepName(org, f.only_rep_in_contact),
                        " has been in touch in 90 days");
  const int n = static_cast<int>(f.features[kRepsInContact90d]);
  if (n == 0) return "nobody has been in touch in 90 days";
  return absl::StrCat("only ", n, " reps in touch in 90 days");
}

std::string KeyPlayerReason(const AccountFacts& f) {
  if (f.key_players == 0) return "no key player on record";
  const int uncovered = f.key_players - f.key_players_covered;
  if (uncovered == f.key_players)
    return f.owner == kNoIndex ? "no active rep knows a key player"
                               : "key players know nobody but the owner";
  return absl::StrCat(uncovered, " of ", f.key_players,
                      " key players know nobody but the owner");
}

std::string DepthReason(const AccountFacts& f) {
  const int deepest = static_cast<int>(f.features[kDeepestDepth]);
  if (deepest == 0) return "no active relationship on record";
  return absl::StrCat(
      "ties are shallow (deepest: ", AsAbsl(NameOf(static_cast<Depth>(deepest))), ")");
}

std::string RenewalReason(const Org& org, const RiskView& view, AccountIndex account,
                          double days) {
  if (org.accounts()[account].renewal_on < view.as_of()) return "renewal date has passed";
  if (days == 0) return "renewal due today";
  return absl::StrCat("renewal in ", Plural(static_cast<int>(days), "day", "days"));
}

std::string ComplaintReason(const AccountFacts& f) {
  const int open = static_cast<int>(f.features[kOpenComplaints]);
  const int worst = static_cast<int>(f.features[kWorstOpenSeverity]);
  if (open == 0) return "no open complaint";
  return absl::StrCat(Plural(open, "open complaint", "open complaints"),
                      " (worst: ", AsAbsl(NameOf(static_cast<Severity>(worst))), ")");
}

// Features that tell one story share a reason: their contributions add up.
int ReasonGroup(int feature) {
  switch (feature) {
    case kSingleThreaded:
      return kRepsInContact90d;
    case kMeanDepth:
      return kDeepestDepth;
    case kWorstOpenSeverity:
      return kOpenComplaints;
    case kTierWeight:
      return kLogAnnualValue;
    default:
      return feature;
  }
}

std::string GroupReason(const RiskView& view, const AccountFacts& f, int group) {
  const Org& org = view.org();
  const double x = f.features[group];
  switch (group) {
    case kOwnerShare:
      return f.owner == kNoIndex ? "nobody owns it"
                                 : absl::StrCat(RepName(org, f.owner), " holds ",
                                                Percent(x), " of the relationships");
    case kUnowned:
      return "nobody owns it";
    case kDepartedShare:
      return absl::StrCat(Percent(x),
                          " of the relationships left with reps who have gone");
    case kCompetitorShare:
      return absl::StrCat(Percent(x), " of the relationships went to a competitor");
    case kRepsInContact90d:
      return ContactReason(org, f);
    case kKeyPlayerCoverage:
      return KeyPlayerReason(f);
    case kDeepestDepth:
      return DepthReason(f);
    case kDaysSinceInteraction:
      return x >= kDayCap ? "no interaction in two years"
                          : absl::StrCat("no contact for ", static_cast<int>(x), " days");
    case kInteractionTrend:
      return absl::StrCat("contact falling: ", f.interactions_recent,
                          " interactions in 90 days against ", f.interactions_earlier,
                          " in the 270 before");
    case kOpenComplaints:
      return ComplaintReason(f);
    case kDaysToRenewal:
      return RenewalReason(org, view, f.account, x);
    case kTenureDays:
      return absl::StrCat("a customer for only ", static_cast<int>(x), " days");
    case kLogAnnualValue:
      return "a small account";
  }
  return "";
}

}  // namespace

std::vector<std::string> RiskReasons(const RiskView& view, const RiskModel& model,
                                     const AccountFacts& facts,
                                     absl::Span<const double> row,
                                     absl::Span<const double> contributions, int max) {
  // (group, summed contribution, a feature of the group); signals are
  // groups of their own, numbered after the built-ins.
  struct Group {
    int id;
    double contribution;
    std::size_t feature;
  };
  std::vector<Group> groups;
  for (std::size_t f = 0; f < contributions.size(); ++f) {
    const int builtin = BuiltinFeatureOf(model.features[f]);
    const int id =
        builtin >= 0 ? ReasonGroup(builtin) : kBuiltinFeatureCount + static_cast<int>(f);
    auto it = std::find_if(groups.begin(), groups.end(),
                           [&](const Group& g) { return g.id == id; });
    if (it == groups.end()) it = groups.insert(groups.end(), Group{id, 0.0, f});
    it->contribution += contributions[f];
  }
  std::stable_sort(groups.begin(), groups.end(), [](const Group& a, const Group& b) {
    return a.contribution > b.contribution;
  });
  std::vector<std::string> reasons;
  for (const Group& g : groups) {
    if (static_cast<int>(reasons.size()) >= max || g.contribution < kReasonThreshold)
      break;
    reasons.push_back(g.id < kBuiltinFeatureCount
                          ? GroupReason(view, facts, g.id)
                          : absl::StrFormat("%s is %g (usual: %g)",
                                            model.features[g.feature].substr(7),
                                            row[g.feature], model.centre[g.feature]));
  }
  return reasons;
}

}  // namespace baton::internal
