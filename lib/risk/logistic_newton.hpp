// Newton's method (IRLS) for L2-regularised logistic regression on a
// standardised design matrix whose last column is the intercept.
#ifndef BATON_LIB_RISK_LOGISTIC_NEWTON_HPP_
#define BATON_LIB_RISK_LOGISTIC_NEWTON_HPP_

#include <Eigen/Dense>

#include "absl/status/statusor.h"

namespace baton::internal {

struct NewtonFit {
  Eigen::VectorXd beta;  // weights, then the intercept
  int iterations = 0;
};

// Minimises sum(log(1 + exp(z_i b)) - y_i z_i b) + l2 / 2 * |b without its
// last entry|^2. Each step solves the Hessian system by Cholesky (LDLT) and
// halves until the objective does not rise. FailedPrecondition when the
// largest step is still above `tolerance` after `max_iterations`.
absl::StatusOr<NewtonFit> FitNewton(const Eigen::MatrixXd& design,
                                    const Eigen::VectorXd& y, double l2,
                                    int max_iterations, double tolerance);

}  // namespace baton::internal

#endif  // BATON_LIB_RISK_LOGISTIC_NEWTON_HPP_
