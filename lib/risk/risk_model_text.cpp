// Risk models as text, and files of it:
//
//   baton-risk-model 1
//   bias -2.2
//   feature 0.5 0.35 0.35 owner_share     (centre, scale, weight, name)
//   ...
//
// Numbers are written with 17 significant digits, so text round-trips.

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "baton/risk.hpp"
#include "lib/io/atomic_file.hpp"
#include "lib/model/strings.hpp"

namespace baton {
namespace {

constexpr absl::string_view kMagic = "baton-risk-model";

absl::Status LineError(int line, absl::string_view message) {
  return absl::InvalidArgumentError(
      absl::StrCat("risk model line ", line, ": ", message));
}

absl::StatusOr<double> Number(absl::string_view text, int line, absl::string_view what) {
  double value = 0;
  if (!absl::SimpleAtod(text, &value) || !std::isfinite(value))
    return LineError(line, absl::StrCat(what, ": not a finite number: \"", text, "\""));
  return value;
}

// "feature CENTRE SCALE WEIGHT NAME": the name last, as it may hold spaces.
absl::Status ParseFeature(absl::string_view row, int line, RiskModel* model) {
  const std::vector<absl::string_view> words =
      absl::StrSplit(row, absl::MaxSplits(' ', 4));
  if (words.size() != 5 || words[4].empty())
    return LineError(line, "expected \"feature CENTRE SCALE WEIGHT NAME\"");
  auto centre = Number(words[1], line, "centre");
  auto scale = Number(words[2], line, "scale");
  auto weight = Number(words[3], line, "weight");
  for (const auto* v : {&centre, &scale, &weight})
    if (!v->ok()) return v->status();
  model->features.emplace_back(std::string(words[4]));
  model->centre.push_back(*centre);
  model->scale.push_back(*scale);
  model->weight.push_back(*weight);
  return absl::OkStatus();
}

absl::Status CheckFeatures(const RiskModel& model,
                           absl::Span<const std::string> expected) {
  if (expected.empty()) return absl::OkStatus();
  for (std::size_t f = 0; f < std::max(expected.size(), model.features.size()); ++f) {
    const absl::string_view want =
        f < expected.size() ? absl::string_view(expected[f]) : "(nothing)";
    const absl::string_view have =
        f < model.features.size() ? absl::string_view(model.features[f]) : "(nothing)";
    if (want != have) {
      return absl::InvalidArgumentError(absl::StrCat(
          "risk model: feature ", f, " is ", have, " where ", want, " was expected"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

std::string RiskModelToText(const RiskModel& model) {
  std::string text = absl::StrCat(kMagic, " ", RiskModel::kFormatVersion, "\n");
  absl::StrAppendFormat(&text, "bias %.17g\n", model.bias);
  for (std::size_t f = 0; f < model.features.size(); ++f) {
    absl::StrAppendFormat(&text, "feature %.17g %.17g %.17g %s\n", model.centre[f],
                          model.scale[f], model.weight[f], model.features[f]);
  }
  return text;
}

absl::StatusOr<RiskModel> RiskModelFromText(
    std::string_view text, absl::Span<const std::string> expected_features) {
  RiskModel model;
  int line = 0;
  bool have_bias = false;
  for (absl::string_view row : absl::StrSplit(internal::AsAbsl(text), '\n')) {
    ++line;
    if (!row.empty() && row.back() == '\r') row.remove_suffix(1);
    const std::vector<absl::string_view> words =
        absl::StrSplit(row, absl::ByAnyChar(" \t\r"), absl::SkipEmpty());
    if (line == 1) {
      int version = 0;
      if (words.size() != 2 || words[0] != kMagic ||
          !absl::SimpleAtoi(words[1], &version))
        return LineError(line,
                         "not a Baton risk model (expected \"baton-risk-model 1\")");
      if (version != RiskModel::kFormatVersion)
        return LineError(line, absl::StrCat("format version ", version, " is not ",
                                            RiskModel::kFormatVersion));
      continue;
    }
    if (words.empty() || words[0].front() == '#') continue;
    if (words[0] == "bias" && words.size() == 2) {
      auto bias = Number(words[1], line, "bias");
      if (!bias.ok()) return bias.status();
      model.bias = *bias;
      have_bias = true;
    } else if (words[0] == "feature") {
      if (absl::Status s = ParseFeature(row, line, &model); !s.ok()) return s;
    } else {
      return LineError(line, absl::StrCat("unexpected \"", words[0], "\""));
    }
  }
  if (!have_bias) return absl::InvalidArgumentError("risk model: no bias line");
  if (absl::Status s = model.Validate(); !s.ok()) return s;
  if (absl::Status s = CheckFeatures(model, expected_features); !s.ok()) return s;
  return model;
}

absl::Status SaveRiskModel(const RiskModel& model, const std::string& path) {
  if (absl::Status s = model.Validate(); !s.ok()) return s;
  // Replaced as a snapshot is (lib/io/atomic_file.hpp): a failure leaves
  // the old model as it was, and the error carries the errno.
  internal::ReplacementFile file;
  absl::Status status = file.Create(path);
  if (status.ok()) status = file.Write(RiskModelToText(model));
  if (status.ok()) status = file.Finish();
  if (status.ok()) status = file.Rename();
  if (status.ok()) internal::SyncDirectory(internal::DirectoryOf(path));
  return status;
}

absl::StatusOr<RiskModel> LoadRiskModel(const std::string& path,
                                        absl::Span<const std::string> expected_features) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return absl::NotFoundError(
        absl::StrCat(path, ": cannot open: ", std::strerror(errno)));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return absl::DataLossError(absl::StrCat(path, ": cannot read"));
  auto model = RiskModelFromText(text.str(), expected_features);
  if (!model.ok()) {
    return absl::Status(model.status().code(),
                        absl::StrCat(path, ": ", model.status().message()));
  }
  return model;
}

SnapshotSection RiskModelSection(const RiskModel& model) {
  return {std::string(kRiskModelSection), RiskModelToText(model)};
}

absl::StatusOr<RiskModel> RiskModelFromSections(
    absl::Span<const SnapshotSection> sections,
    absl::Span<const std::string> expected_features) {
  for (const SnapshotSection& section : sections) {
    if (section.name != kRiskModelSection) continue;
    auto model = RiskModelFromText(section.bytes, expected_features);
    if (!model.ok()) {
      return absl::Status(
          model.status().code(),
          absl::StrCat("snapshot section risk-model: ", model.status().message()));
    }
    return model;
  }
  return absl::NotFoundError("the snapshot holds no risk model (no section risk-model)");
}

}  // namespace baton
