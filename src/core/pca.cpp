#include "core/pca.h"

#include <stdexcept>

namespace ll {

Pca& Pca::operator=(const Pca& o) {
  if (this == &o) return *this;
  mean_ = o.mean_;
  components_ = o.components_;
  eigenvalues_ = o.eigenvalues_;
  solver_ = o.solver_ ? std::make_unique<SteppedSymmetricEigen>(*o.solver_) : nullptr;
  pending_k_ = o.pending_k_;
  return *this;
}

void Pca::fit(const Matrix& X, int k) {
  const Index d = X.rows(), n = X.cols();
  if (n < 1 || k < 1 || k > d) throw std::invalid_argument("Pca::fit: need n >= 1 and 1 <= k <= d");
  mean_ = X.rowwise().mean();
  const Matrix centered = X.colwise() - mean_;
  // Only the lower triangle: a symmetric rank-n update does half the GEMM work.
  Matrix cov = Matrix::Zero(d, d);
  cov.selfadjointView<Eigen::Lower>().rankUpdate(centered, 1.0f / static_cast<float>(n));
  fit_covariance(mean_, cov, k);
}

void Pca::fit_covariance(const Vector& mean, const Matrix& cov, int k) {
  begin_fit_covariance(mean, cov, k);
  while (!fit_step()) {
  }
}

void Pca::begin_fit_covariance(const Vector& mean, const Matrix& cov, int k) {
  const Index d = mean.size();
  if (cov.rows() != d || cov.cols() != d || k < 1 || k > d)
    throw std::invalid_argument("Pca::fit_covariance: need a d x d covariance and 1 <= k <= d");
  mean_ = mean;
  pending_k_ = k;
  solver_ = std::make_unique<SteppedSymmetricEigen>(cov);  // reads the lower triangle
}

bool Pca::fit_step() {
  if (!solver_) return true;
  if (!solver_->step()) return false;
  // Decreasing already; clamp the tiny negative values rounding can give.
  eigenvalues_ = solver_->eigenvalues().cwiseMax(0.0f);
  components_ = solver_->eigenvectors().leftCols(pending_k_);
  solver_.reset();
  return true;
}

Vector Pca::explained_variance_ratio() const {
  const float total = eigenvalues_.sum();
  if (total <= 0) return Vector::Zero(num_components());
  return eigenvalues_.head(num_components()) / total;
}

Matrix Pca::project(const Matrix& X) const {
  return components_.transpose() * (X.colwise() - mean_);
}

Matrix Pca::reconstruct(const Matrix& codes) const {
  return (components_ * codes).colwise() + mean_;
}

}  // namespace ll
