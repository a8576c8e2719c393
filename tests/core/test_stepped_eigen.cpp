// The stepped symmetric eigensolver (core/stepped_eigen.h) against Eigen's one-piece solver in
// double precision, and the properties that define an eigendecomposition, natively and in wasm.
// (Its eigenvalues are 30-100x closer to the double-precision ones than Eigen's float solver's,
// because it iterates on T in double.)
#include <doctest/doctest.h>

#include <Eigen/Eigenvalues>

#include "core/rng.h"
#include "core/stepped_eigen.h"

using namespace ll;

namespace {

// A covariance-like matrix: B B^T / n for a random d x n B with columns of decaying scale.
Matrix random_covariance(Index d, Index n, Rng& rng) {
  Matrix B(d, n);
  rng.fill_normal(B.data(), B.size(), 1.0f);
  for (Index i = 0; i < d; ++i) B.row(i) *= 1.0f / float(1 + i % 17);
  return B * B.transpose() / float(n);
}

void check_decomposition(const Matrix& A, double tol) {
  SteppedSymmetricEigen eig(A);
  int steps = 0;
  while (!eig.step()) ++steps;
  CHECK(steps > 2);  // the reduction, forming Q, and QL sweeps
  CHECK(eig.done());
  const Vector& lambda = eig.eigenvalues();
  const Matrix& V = eig.eigenvectors();
  const Index d = A.rows();
  for (Index i = 1; i < d; ++i) CHECK(lambda[i] <= lambda[i - 1]);
  // Orthonormal eigenvectors, A V = V diag(lambda), and the same spectrum as Eigen's solver.
  const double scale = A.cwiseAbs().maxCoeff();
  CHECK((V.transpose() * V - Matrix::Identity(d, d)).cwiseAbs().maxCoeff() < tol);
  CHECK((A * V - V * lambda.asDiagonal()).cwiseAbs().maxCoeff() < tol * scale);
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> ref(A.cast<double>());
  CHECK((ref.eigenvalues().reverse() - lambda.cast<double>()).cwiseAbs().maxCoeff() < tol * scale);
}

}  // namespace

TEST_CASE("stepped eigensolver: random symmetric matrices, small to PCA-sized") {
  Rng rng(11);
  for (Index d : {1, 2, 3, 10, 57}) {
    Matrix M(d, d);
    rng.fill_uniform(M.data(), M.size(), -1, 1);
    const Matrix A = (M + M.transpose()) / 2;
    if (d < 3) {  // too small for the step count check: just the results
      SteppedSymmetricEigen eig(A);
      while (!eig.step()) {
      }
      Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> ref(A.cast<double>());
      CHECK((ref.eigenvalues().reverse() - eig.eigenvalues().cast<double>()).cwiseAbs().maxCoeff() < 1e-6);
      continue;
    }
    check_decomposition(A, 1e-5);
  }
  check_decomposition(random_covariance(200, 400, rng), 1e-5);
}

TEST_CASE("stepped eigensolver: repeated eigenvalues, a diagonal and a zero matrix") {
  Matrix I = Matrix::Identity(20, 20) * 3.0f;
  SteppedSymmetricEigen eig(I);
  while (!eig.step()) {
  }
  CHECK((eig.eigenvalues().array() - 3.0f).abs().maxCoeff() < 1e-6);
  Vector diag(5);
  diag << 1, 5, 2, 4, 3;
  SteppedSymmetricEigen d(Matrix(diag.asDiagonal()));
  while (!d.step()) {
  }
  CHECK(d.eigenvalues()[0] == doctest::Approx(5));
  CHECK(d.eigenvalues()[4] == doctest::Approx(1));
  CHECK(std::abs(d.eigenvectors()(1, 0)) == doctest::Approx(1));  // e_2 for the largest
  SteppedSymmetricEigen z(Matrix::Zero(4, 4));
  while (!z.step()) {
  }
  CHECK(z.eigenvalues().cwiseAbs().maxCoeff() == 0.0f);
}

TEST_CASE("stepped eigensolver: NaN input is an error, not a hang") {
  Matrix A = Matrix::Identity(4, 4);
  A(2, 1) = std::numeric_limits<float>::quiet_NaN();
  SteppedSymmetricEigen eig(A);
  CHECK_THROWS_AS(eig.step(), std::runtime_error);
}

TEST_CASE("stepped eigensolver: each step is a bounded piece, progress rises to 1") {
  Rng rng(12);
  SteppedSymmetricEigen eig(random_covariance(120, 240, rng));
  double last = -1;
  int steps = 0;
  while (!eig.done()) {
    eig.step();
    CHECK(eig.progress() >= last);
    last = eig.progress();
    ++steps;
  }
  CHECK(last == 1.0);
  // About 1-2 QL sweeps per eigenvalue, so many small steps rather than one big one.
  CHECK(steps > 120);
}

TEST_CASE("stepped eigensolver: a PCA-sized reduction and Q are formed in pieces") {
  Rng rng(13);
  const Matrix A = random_covariance(784, 100, rng);
  SteppedSymmetricEigen eig(A);
  // Progress is below 0.2 while reducing and below 0.4 while forming Q; every step advances it.
  int reduce_steps = 0, q_steps = 0;
  double last = 0;
  while (eig.progress() < 0.4) {
    (eig.progress() < 0.2 ? reduce_steps : q_steps) += 1;
    eig.step();
    CHECK(eig.progress() > last);
    last = eig.progress();
  }
  // Each is about 2 n^3 / 3 = 3.2e8 multiply-adds, in pieces of about 2^24: 10 to 20 steps.
  CHECK(reduce_steps >= 10);
  CHECK(reduce_steps <= 40);
  CHECK(q_steps >= 10);
  CHECK(q_steps <= 40);
  while (!eig.step()) {
  }
  // Float rounding over 784-term sums: about n eps = 5e-5 (1.4e-5 measured in wasm).
  const Matrix& V = eig.eigenvectors();
  CHECK((V.transpose() * V - Matrix::Identity(784, 784)).cwiseAbs().maxCoeff() < 1e-4);
  CHECK((A * V - V * eig.eigenvalues().asDiagonal()).cwiseAbs().maxCoeff() <
        1e-4 * A.cwiseAbs().maxCoeff());
}
