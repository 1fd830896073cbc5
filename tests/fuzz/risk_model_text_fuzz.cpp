// Fuzz target: a risk model's text form (RiskModelFromText), as read from a
// model file or a snapshot's section "risk-model". The first byte picks the
// features the model must have: none, the default model's, or the first
// two of them. A refused text says where ("risk model line N: ...", or
// "risk model: ..." naming the feature or the missing bias line); an
// accepted one validates and its text reads back to the same text.
#include <string>
#include <string_view>
#include <vector>

#include "baton/risk.hpp"
#include "tests/fuzz/fuzz_contract.hpp"

namespace {

using baton::RiskModel;
using baton::fuzz::Broken;

const std::vector<std::string>& DefaultFeatures() {
  static const std::vector<std::string> features = RiskModel::Default().features;
  return features;
}

void CheckRejected(const absl::Status& status) {
  if (!absl::IsInvalidArgument(status))
    Broken("a risk model refused with another code", status);
  const std::string_view message(status.message().data(), status.message().size());
  const bool at_line = message.substr(0, 16) == "risk model line " &&
                       message.size() > 16 && message[16] >= '1' && message[16] <= '9';
  const bool whole = message.substr(0, 12) == "risk model: " && message.size() > 12;
  if (!at_line && !whole) Broken("a refused risk model names no place", status);
}

bool SameModel(const RiskModel& a, const RiskModel& b) {
  return a.features == b.features && a.centre == b.centre && a.scale == b.scale &&
         a.weight == b.weight && a.bias == b.bias;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::vector<std::string> expected;
  if (data[0] % 3 == 1) expected = DefaultFeatures();
  if (data[0] % 3 == 2)
    expected.assign(DefaultFeatures().begin(), DefaultFeatures().begin() + 2);
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  absl::StatusOr<RiskModel> model = baton::RiskModelFromText(text, expected);
  if (!model.ok()) {
    CheckRejected(model.status());
    return 0;
  }
  if (absl::Status valid = model->Validate(); !valid.ok())
    Broken("an accepted risk model does not validate", valid);
  if (!expected.empty() && model->features != expected)
    Broken("an accepted risk model has other features than expected", absl::OkStatus());
  const std::string written = baton::RiskModelToText(*model);
  absl::StatusOr<RiskModel> again = baton::RiskModelFromText(written, expected);
  if (!again.ok())
    Broken("the text of an accepted risk model is refused", again.status());
  if (!SameModel(*model, *again))
    Broken("text -> model -> text -> model changed the model", absl::OkStatus());
  if (baton::RiskModelToText(*again) != written)
    Broken("text -> model -> text changed the text", absl::OkStatus());
  return 0;
}
