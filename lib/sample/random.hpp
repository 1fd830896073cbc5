// The sample generator's source of randomness: xoshiro256** seeded through
// splitmix64, with draws built only from integer arithmetic and correctly
// rounded IEEE operations (+ - * / sqrt), so that a seed gives the same
// organisation on every machine and standard library. (std::*_distribution
// and std::pow/std::log are not specified bit for bit, so they are not used.)
// No draw adds to a product (a * b + c), which a compiler may fuse into one
// differently rounded FMA instruction under -ffp-contract; callers keep to
// that rule too (scale integers instead: value * Between(10, 60) / 100).
#ifndef BATON_LIB_SAMPLE_RANDOM_HPP_
#define BATON_LIB_SAMPLE_RANDOM_HPP_

#include <cmath>
#include <cstddef>
#include <cstdint>

namespace baton::sample {

// Sebastiano Vigna's splitmix64: turns any 64-bit value into a well-mixed one.
inline std::uint64_t SplitMix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Blackman and Vigna's xoshiro256** (https://prng.di.unimi.it/).
class Random {
 public:
  // `stream` separates independent sequences drawn from one seed.
  explicit Random(std::uint64_t seed, std::uint64_t stream = 0) {
    std::uint64_t mix = seed ^ (stream * 0xd1342543de82ef95ULL);
    for (std::uint64_t& word : s_) word = SplitMix64(mix);
  }

  std::uint64_t Next() {
    const std::uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, n), n < 2^32 (Lemire's multiply-shift on 32 bits; the
  // bias, below n / 2^32, does not matter here). 0 when n is 0.
  std::uint32_t Below(std::uint64_t n) {
    return static_cast<std::uint32_t>(((Next() >> 32) * n) >> 32);
  }

  // Uniform integer in [lo, hi].
  std::int64_t Between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(Below(static_cast<std::uint64_t>(hi - lo + 1)));
  }

  // Uniform in [0, 1), 53 bits.
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

  bool Chance(double p) { return Uniform() < p; }

  // Pareto with shape 4/3 and scale `minimum`: minimum * U^(-3/4), written as
  // 1 / (sqrt(U) * sqrt(sqrt(U))) so only correctly rounded operations run.
  // Shape 4/3 puts roughly 60% of the total value in the top 10%.
  double Pareto(double minimum) {
    const double u = static_cast<double>((Next() >> 11) + 1) * 0x1.0p-53;  // (0, 1]
    const double root = std::sqrt(u);
    return minimum / (root * std::sqrt(root));
  }

  // A count with mean `mean` and variance about mean / 2: the sum of
  // 2 * ceil(mean) coin flips of probability mean / flips. Poisson would need
  // exp(), which is not bit-exact across libraries.
  int Count(double mean) {
    if (mean <= 0) return 0;
    const int flips = 2 * static_cast<int>(std::ceil(mean));
    const double p = mean / flips;
    int n = 0;
    for (int i = 0; i < flips; ++i) n += Chance(p) ? 1 : 0;
    return n;
  }

  // An index drawn with the given weights (need not sum to 1).
  template <std::size_t N>
  std::size_t Pick(const double (&weights)[N]) {
    double total = 0;
    for (double w : weights) total += w;
    const double x = Uniform() * total;
    double below = 0;  // sums of weights only, never of the product above
    for (std::size_t i = 0; i + 1 < N; ++i) {
      below += weights[i];
      if (x < below) return i;
    }
    return N - 1;
  }

  // An element of a fixed array, uniformly.
  template <typename T, std::size_t N>
  const T& OneOf(const T (&items)[N]) {
    return items[Below(N)];
  }

 private:
  static std::uint64_t Rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

  std::uint64_t s_[4];
};

}  // namespace baton::sample

#endif  // BATON_LIB_SAMPLE_RANDOM_HPP_
