// How good predictions are: AUC, log-loss, Brier score, calibration.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "baton/risk_fit.hpp"

namespace baton {
namespace {

// The Mann-Whitney statistic: the chance that a random lapsed row is ranked
// above a random staying one, ties counting half. 0.5 when a class is absent.
double Auc(absl::Span<const double> predicted, absl::Span<const std::uint8_t> lapsed) {
  std::vector<std::size_t> order(predicted.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return predicted[a] < predicted[b]; });
  double positive_rank_sum = 0;
  std::size_t positives = 0;
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j < order.size() && predicted[order[j]] == predicted[order[i]]) ++j;
    const double mean_rank = (i + 1 + j) / 2.0;  // ranks i+1 .. j
    for (std::size_t k = i; k < j; ++k) {
      if (lapsed[order[k]]) {
        positive_rank_sum += mean_rank;
        ++positives;
      }
    }
    i = j;
  }
  const std::size_t negatives = order.size() - positives;
  if (positives == 0 || negatives == 0) return 0.5;
  const double p = static_cast<double>(positives);
  return (positive_rank_sum - p * (p + 1) / 2) / (p * static_cast<double>(negatives));
}

std::vector<CalibrationBin> Calibration(absl::Span<const double> predicted,
                                        absl::Span<const std::uint8_t> lapsed, int bins) {
  std::vector<CalibrationBin> table(std::max(0, bins));
  for (int b = 0; b < bins; ++b) {
    table[b].low = static_cast<double>(b) / bins;
    table[b].high = static_cast<double>(b + 1) / bins;
  }
  if (bins <= 0) return table;
  for (std::size_t i = 0; i < predicted.size(); ++i) {
    const int b = std::clamp(static_cast<int>(predicted[i] * bins), 0, bins - 1);
    ++table[b].rows;
    table[b].mean_predicted += predicted[i];
    table[b].observed += lapsed[i];
  }
  for (CalibrationBin& bin : table) {
    if (bin.rows == 0) continue;
    bin.mean_predicted /= static_cast<double>(bin.rows);
    bin.observed /= static_cast<double>(bin.rows);
  }
  return table;
}

}  // namespace

FitQuality MeasureFit(absl::Span<const double> predicted,
                      absl::Span<const std::uint8_t> lapsed, int calibration_bins) {
  FitQuality quality;
  const std::size_t n = std::min(predicted.size(), lapsed.size());
  predicted = predicted.subspan(0, n);
  lapsed = lapsed.subspan(0, n);
  if (n == 0) return quality;
  quality.auc = Auc(predicted, lapsed);
  double log_loss = 0, brier = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double p = std::clamp(predicted[i], 1e-15, 1 - 1e-15);
    log_loss -= lapsed[i] ? std::log(p) : std::log1p(-p);
    brier += (predicted[i] - lapsed[i]) * (predicted[i] - lapsed[i]);
  }
  quality.log_loss = log_loss / static_cast<double>(n);
  quality.brier = brier / static_cast<double>(n);
  quality.calibration = Calibration(predicted, lapsed, calibration_bins);
  return quality;
}

}  // namespace baton
