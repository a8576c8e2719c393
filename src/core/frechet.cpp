#include "core/frechet.h"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ll {

Gaussian fit_gaussian(const Matrix& F) {
  if (F.cols() < 2) throw std::invalid_argument("fit_gaussian needs at least 2 samples");
  const Eigen::MatrixXd X = F.cast<double>();
  Gaussian g;
  g.mean = X.rowwise().mean();
  const Eigen::MatrixXd C = X.colwise() - g.mean;
  g.cov = (C * C.transpose()) / double(X.cols() - 1);
  return g;
}

double frechet_distance(const Gaussian& a, const Gaussian& b) {
  if (a.mean.size() != b.mean.size()) throw std::invalid_argument("frechet_distance: dimensions differ");
  // S_1^(1/2) from the eigen-decomposition of S_1 (symmetric positive semi-definite).
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> e1(a.cov);
  const Eigen::VectorXd s = e1.eigenvalues().cwiseMax(0.0).cwiseSqrt();
  const Eigen::MatrixXd root1 = e1.eigenvectors() * s.asDiagonal() * e1.eigenvectors().transpose();
  const Eigen::MatrixXd M = root1 * b.cov * root1;
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> e2((M + M.transpose()) / 2.0, Eigen::EigenvaluesOnly);
  const double tr_sqrt = e2.eigenvalues().cwiseMax(0.0).cwiseSqrt().sum();
  const double d2 = (a.mean - b.mean).squaredNorm() + a.cov.trace() + b.cov.trace() - 2.0 * tr_sqrt;
  return std::max(0.0, d2);
}

}  // namespace ll
