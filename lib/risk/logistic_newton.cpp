#include "lib/risk/logistic_newton.hpp"

#include <cmath>

#include "absl/strings/str_cat.h"

namespace baton::internal {
namespace {

// log(1 + exp(eta)) without overflow.
double Softplus(double eta) {
  return std::max(eta, 0.0) + std::log1p(std::exp(-std::abs(eta)));
}

double Objective(const Eigen::VectorXd& eta, const Eigen::VectorXd& y,
                 const Eigen::VectorXd& b, double l2) {
  double loss = 0;
  for (Eigen::Index i = 0; i < eta.size(); ++i) loss += Softplus(eta[i]) - y[i] * eta[i];
  const Eigen::Index d = b.size() - 1;
  return loss + 0.5 * l2 * b.head(d).squaredNorm();
}

}  // namespace

absl::StatusOr<NewtonFit> FitNewton(const Eigen::MatrixXd& design,
                                    const Eigen::VectorXd& y, double l2,
                                    int max_iterations, double tolerance) {
  const Eigen::Index n = design.rows(), d = design.cols();
  Eigen::VectorXd penalty = Eigen::VectorXd::Constant(d, l2);
  penalty[d - 1] = 0;  // the intercept is not penalised
  NewtonFit fit;
  fit.beta = Eigen::VectorXd::Zero(d);
  Eigen::VectorXd eta = Eigen::VectorXd::Zero(n);
  double objective = Objective(eta, y, fit.beta, l2);
  Eigen::MatrixXd weighted(n, d);
  Eigen::MatrixXd hessian(d, d);
  for (fit.iterations = 1; fit.iterations <= max_iterations; ++fit.iterations) {
    const Eigen::ArrayXd p = 1.0 / (1.0 + (-eta.array()).exp());
    const Eigen::VectorXd gradient =
        design.transpose() * (p.matrix() - y) + penalty.cwiseProduct(fit.beta);
    weighted.noalias() = (design.array().colwise() * (p * (1 - p)).sqrt()).matrix();
    hessian.setZero();
    hessian.selfadjointView<Eigen::Lower>().rankUpdate(weighted.transpose());
    hessian.diagonal() += penalty;
    const Eigen::VectorXd step =
        hessian.selfadjointView<Eigen::Lower>().ldlt().solve(gradient);
    if (!step.allFinite())
      return absl::FailedPreconditionError("logistic fit: the Hessian is singular");
    // Halve the step until the objective does not rise (rarely needed).
    double scale = 1;
    Eigen::VectorXd beta;
    double next = 0;
    for (int halvings = 0; halvings < 30; ++halvings, scale /= 2) {
      beta = fit.beta - scale * step;
      eta.noalias() = design * beta;
      next = Objective(eta, y, beta, l2);
      if (next <= objective + 1e-12 * std::abs(objective)) break;
    }
    fit.beta = beta;
    objective = next;
    if (scale * step.lpNorm<Eigen::Infinity>() < tolerance) return fit;
  }
  return absl::FailedPreconditionError(
      absl::StrCat("logistic fit: Newton's method did not converge in ", max_iterations,
                   " iterations (separable data? raise l2)"));
}

}  // namespace baton::internal
