// Eigendecomposition of a symmetric matrix, A = V diag(lambda) V^T, in steps of bounded work.
//
// Why steps: for a 784 x 784 covariance a one-piece solver holds a browser frame for 0.15-0.3 s
// in wasm; here the reduction and forming Q run a few columns or reflectors per step and each QL
// step is O(n^2), so the page keeps drawing between them. The method is the textbook one:
//   1. Householder reduction to tridiagonal form T = Q^T A Q, column by column (Golub & Van Loan,
//      Matrix Computations, 4th ed., algorithm 8.3.1; the same Eigen expressions as Eigen's
//      Tridiagonalization, which does it in one call);
//   2. forming Q from the Householder vectors, a block of them per step;
//   3. implicit QL iterations with Wilkinson shifts on T, each plane rotation also applied to
//      the columns of Q, which converge to the eigenvectors (EISPACK tql2; Press et al.,
//      Numerical Recipes, 3rd ed., section 11.4). One step is one QL sweep.
#pragma once

#include <Eigen/Householder>

#include "core/tensor.h"

namespace ll {

class SteppedSymmetricEigen {
 public:
  // Reads the lower triangle of the square matrix A.
  explicit SteppedSymmetricEigen(const Matrix& A);

  // One piece of work; true once the decomposition is complete (then a no-op).
  // Throws std::runtime_error if the QL iteration does not converge (NaN or Inf in A).
  bool step();
  bool done() const { return stage_ == Stage::Done; }
  // 0..1, for a progress bar.
  double progress() const;

  // When done(): eigenvalues in decreasing order, and the orthonormal eigenvectors as the
  // matching columns.
  const Vector& eigenvalues() const { return eigenvalues_; }
  const Matrix& eigenvectors() const { return vectors_; }

 private:
  enum class Stage { Reduce, FormQ, Iterate, Done };
  void reduce_column(Index i);    // one Householder similarity transformation
  void sweep(Index l, Index m);  // one implicit QL sweep on rows/columns l..m of T
  void finish();                 // sort, unscale

  Stage stage_ = Stage::Reduce;
  Index n_ = 0;
  Matrix a_;  // the scaled input; during the reduction, the Householder vectors below T
  float scale_ = 1.0f;
  Index reduced_ = 0;  // columns 0..reduced_-1 of a_ are reduced
  Vector h_;           // the Householder coefficients (tau), one per reduced column
  Index formed_ = 0;   // reflectors formed_.. are applied to Q
  Eigen::VectorXd d_, e_;  // T's diagonal and subdiagonal (e_[i] couples d_[i], d_[i+1])
  Matrix vectors_;         // Q, rotated into the eigenvectors
  Index l_ = 0;            // eigenvalues 0..l_-1 have converged
  int iterations_ = 0;     // QL sweeps spent on eigenvalue l_
  double t_norm_ = 0;      // max_i |d_i| + |e_i| of T: the scale of "negligible" (see step())
  Vector eigenvalues_;
};

}  // namespace ll
