// Seeded random AssignmentProblems for tests and benchmarks: the instances
// of the README's performance table (unit accounts, k candidate reps each,
// integer costs, lambda = 5, capacity ceil(1.2 * N / M)) and weighted ones.
//
// Only integer arithmetic on a splitmix64 stream decides the instance, so a
// seed gives the same problem on every machine and standard library
// (std::*_distribution is not specified bit for bit).
#ifndef BATON_LIB_ASSIGN_PROBLEM_GENERATOR_HPP_
#define BATON_LIB_ASSIGN_PROBLEM_GENERATOR_HPP_

#include <cstddef>
#include <cstdint>

#include "baton/assignment.hpp"

namespace baton::internal {

// Sebastiano Vigna's splitmix64 (https://prng.di.unimi.it/splitmix64.c).
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}

  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  // Uniform in [0, n) for n < 2^32, by Lemire's multiply-shift (its bias,
  // below n / 2^32, does not matter here); 0 when n is 0.
  std::uint32_t Below(std::uint64_t n) {
    return static_cast<std::uint32_t>(((Next() >> 32) * n) >> 32);
  }

  // Uniform in [low, high], high - low < 2^32.
  std::int64_t Between(std::int64_t low, std::int64_t high) {
    return low +
           static_cast<std::int64_t>(Below(static_cast<std::uint64_t>(high - low) + 1));
  }

 private:
  std::uint64_t state_;
};

struct ProblemGeneratorOptions {
  std::uint64_t seed = 1;
  std::size_t accounts = 10000;  // N
  std::size_t reps = 100;        // M
  // k: distinct reps per account, drawn uniformly (at most M).
  std::size_t candidates = 20;
  std::int64_t max_cost = 1000;  // arc costs uniform in [0, max_cost]
  std::int64_t lambda = 5;
  std::int64_t unassigned_penalty = 1000000;
  // Capacity of every rep, in percent of an even share of the total weight:
  // ceil(capacity_percent / 100 * total weight / M).
  std::int64_t capacity_percent = 120;
  // Weights uniform in [1, max_weight] when set, else 1.
  bool weighted = false;
  std::int64_t max_weight = 5;
};

// Reps "r0".."r<M-1>" with load 0, accounts "a0".."a<N-1>", arcs grouped by
// account with reps in increasing order. O(N * k + M) time.
AssignmentProblem GenerateProblem(const ProblemGeneratorOptions& options);

}  // namespace baton::internal

#endif  // BATON_LIB_ASSIGN_PROBLEM_GENERATOR_HPP_
