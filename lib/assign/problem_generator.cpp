#include "lib/assign/problem_generator.hpp"

#include <algorithm>
#include <numeric>
#include <string>
#include <vector>

#include "lib/model/strings.hpp"

namespace baton::internal {

AssignmentProblem GenerateProblem(const ProblemGeneratorOptions& options) {
  SplitMix64 random(options.seed);
  AssignmentProblem problem;
  const std::size_t m = options.reps;
  const std::size_t k = std::min(options.candidates, m);

  problem.accounts.resize(options.accounts);
  std::int64_t total_weight = 0;
  for (std::size_t i = 0; i < problem.accounts.size(); ++i) {
    auto& account = problem.accounts[i];
    account.id = Cat("a", i);
    account.weight = options.weighted ? random.Between(1, options.max_weight) : 1;
    account.unassigned_penalty = options.unassigned_penalty;
    total_weight += account.weight;
  }

  const std::int64_t share = static_cast<std::int64_t>(std::max<std::size_t>(m, 1)) * 100;
  const std::int64_t capacity =
      (options.capacity_percent * total_weight + share - 1) / share;
  problem.reps.resize(m);
  for (std::size_t j = 0; j < m; ++j) {
    problem.reps[j].id = Cat("r", j);
    problem.reps[j].capacity = capacity;
    problem.reps[j].lambda = options.lambda;
  }

  // k distinct reps per account by a partial Fisher-Yates shuffle of one
  // running permutation: any starting order gives a uniform k-subset, so the
  // permutation need not be reset between accounts.
  std::vector<std::uint32_t> permutation(m);
  std::iota(permutation.begin(), permutation.end(), 0u);
  std::vector<std::uint32_t> chosen(k);
  problem.arcs.reserve(problem.accounts.size() * k);
  for (std::size_t i = 0; i < problem.accounts.size(); ++i) {
    for (std::size_t t = 0; t < k; ++t) {
      std::swap(permutation[t], permutation[t + random.Below(m - t)]);
      chosen[t] = permutation[t];
    }
    std::sort(chosen.begin(), chosen.end());
    for (const std::uint32_t rep : chosen) {
      problem.arcs.push_back(
          {static_cast<std::uint32_t>(i), rep, random.Between(0, options.max_cost)});
    }
  }
  return problem;
}

}  // namespace baton::internal
