// The arcs of an assignment problem grouped by account, as both exact
// solvers read them.
#ifndef BATON_LIB_ASSIGN_ARCS_BY_ACCOUNT_HPP_
#define BATON_LIB_ASSIGN_ARCS_BY_ACCOUNT_HPP_

#include <algorithm>
#include <cstdint>
#include <vector>

#include "baton/assignment.hpp"
#include "lib/assign/load_cost.hpp"

namespace baton::internal {

// The arcs of each account, sorted by rep. The problem's own arc list is
// used in place when it is already in that order (as generated and as most
// callers build it): a copy would double the largest part of the memory
// (16 bytes an arc, 0.5 GB at 32M arcs). Costs are the problem's own; the
// auction scales them where it reads them.
class ArcsByAccount {
 public:
  explicit ArcsByAccount(const AssignmentProblem& p) {
    const std::size_t n = p.accounts.size();
    start_.assign(n + 1, 0);
    bool ordered = true;
    for (std::size_t a = 0; a < p.arcs.size(); ++a) {
      const auto& arc = p.arcs[a];
      ++start_[arc.account + 1];
      if (a > 0) {
        const auto& prev = p.arcs[a - 1];
        ordered = ordered && (prev.account < arc.account ||
                              (prev.account == arc.account && prev.rep < arc.rep));
      }
    }
    for (std::size_t i = 0; i < n; ++i) start_[i + 1] += start_[i];
    if (ordered) {
      arcs_ = p.arcs.data();
      return;
    }
    sorted_ = p.arcs;
    std::sort(sorted_.begin(), sorted_.end(), [](const auto& x, const auto& y) {
      return x.account != y.account ? x.account < y.account : x.rep < y.rep;
    });
    arcs_ = sorted_.data();
  }

  std::uint32_t begin(std::uint32_t account) const { return start_[account]; }
  std::uint32_t end(std::uint32_t account) const { return start_[account + 1]; }
  std::uint32_t rep(std::uint32_t a) const { return arcs_[a].rep; }
  // The original, unscaled cost.
  Int cost(std::uint32_t a) const { return arcs_[a].cost; }
  std::size_t size() const { return start_.back(); }

 private:
  std::vector<std::uint32_t> start_;
  std::vector<AssignmentProblem::Arc> sorted_;  // empty when used in place
  const AssignmentProblem::Arc* arcs_ = nullptr;
};

}  // namespace baton::internal

#endif  // BATON_LIB_ASSIGN_ARCS_BY_ACCOUNT_HPP_
