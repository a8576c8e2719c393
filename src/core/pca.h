// Principal component analysis of a batch X (d x n, one sample per column).
//
//   mean  mu = X 1 / n
//   covariance C = (X - mu)(X - mu)^T / n        (one GEMM, rank-n update)
//   C = U diag(lambda) U^T, lambda sorted in decreasing order
//   code  y = U_k^T (x - mu),  reconstruction  x^ = U_k y + mu
// With the 1/n (population) covariance, the mean squared reconstruction
// error per sample equals the sum of the discarded eigenvalues.
#pragma once

#include <memory>

#include "core/stepped_eigen.h"
#include "core/tensor.h"

namespace ll {

class Pca {
 public:
  Pca() = default;
  // Copies carry an unfinished stepped fit with them (labs are copied for display,
  // ui/lab_runner.h).
  Pca(const Pca& o) { *this = o; }
  Pca& operator=(const Pca& o);
  Pca(Pca&&) = default;
  Pca& operator=(Pca&&) = default;

  // Fits mean, all eigenvalues and the first k components (k <= d).
  void fit(const Matrix& X, int k);
  // The same from a covariance accumulated elsewhere (e.g. in slices across frames, see
  // labs/pca_lab.h); only its lower triangle is read.
  void fit_covariance(const Vector& mean, const Matrix& cov, int k);
  // fit_covariance in pieces, for a caller that draws frames in between: begin, then call
  // fit_step() until it returns true (each call is one step of core/stepped_eigen.h).
  void begin_fit_covariance(const Vector& mean, const Matrix& cov, int k);
  bool fit_step();
  double fit_progress() const { return solver_ ? solver_->progress() : 1.0; }

  int dims() const { return static_cast<int>(mean_.size()); }
  int num_components() const { return static_cast<int>(components_.cols()); }
  const Vector& mean() const { return mean_; }
  // d x k, orthonormal columns, column j for the j-th largest eigenvalue.
  const Matrix& components() const { return components_; }
  // All d eigenvalues of the covariance (variances along each axis), decreasing.
  const Vector& eigenvalues() const { return eigenvalues_; }
  // Fraction of the total variance captured by each of the first k components.
  Vector explained_variance_ratio() const;

  Matrix project(const Matrix& X) const;          // k x n codes
  Matrix reconstruct(const Matrix& codes) const;  // d x n

 private:
  Vector mean_;
  Matrix components_;
  Vector eigenvalues_;
  std::unique_ptr<SteppedSymmetricEigen> solver_;  // while a stepped fit runs
  int pending_k_ = 0;
};

}  // namespace ll
