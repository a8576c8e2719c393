#include <doctest/doctest.h>

#include <Eigen/QR>

#include "core/pca.h"
#include "core/rng.h"

using namespace ll;

namespace {

// n samples in d dims with very different variances along random directions.
Matrix anisotropic_data(Rng& rng, int d, int n) {
  Matrix Z(d, n), mix(d, d);
  rng.fill_normal(Z.data(), Z.size(), 1.0f);
  for (int i = 0; i < d; ++i) Z.row(i) *= float(d - i);  // stddev d, d-1, ..., 1
  rng.fill_normal(mix.data(), mix.size(), 1.0f);
  Eigen::HouseholderQR<Matrix> qr(mix);
  Matrix Q = qr.householderQ();
  Vector offset(d);
  rng.fill_uniform(offset.data(), d, -3, 3);
  return (Q * Z).colwise() + offset;
}

}  // namespace

TEST_CASE("pca: orthonormal components sorted by decreasing eigenvalue") {
  Rng rng(31);
  Matrix X = anisotropic_data(rng, 8, 500);
  Pca pca;
  pca.fit(X, 5);
  const Matrix& U = pca.components();
  CHECK(U.rows() == 8);
  CHECK(U.cols() == 5);
  CHECK((U.transpose() * U - Matrix::Identity(5, 5)).cwiseAbs().maxCoeff() < 1e-5f);
  for (int i = 1; i < 8; ++i) CHECK(pca.eigenvalues()[i - 1] >= pca.eigenvalues()[i]);
  const Vector ratio = pca.explained_variance_ratio();
  CHECK(ratio.sum() < 1.0f);
  CHECK(ratio[0] == doctest::Approx(pca.eigenvalues()[0] / pca.eigenvalues().sum()));
}

TEST_CASE("pca: eigenpairs match a covariance built by hand") {
  Rng rng(32);
  Matrix X = anisotropic_data(rng, 6, 300);
  Pca pca;
  pca.fit(X, 6);
  // Covariance by explicit double loops: C_ab = 1/n sum_i (x_ai - mu_a)(x_bi - mu_b).
  const int d = 6, n = 300;
  Eigen::MatrixXd C = Eigen::MatrixXd::Zero(d, d);
  Eigen::VectorXd mu = Eigen::VectorXd::Zero(d);
  for (int i = 0; i < n; ++i)
    for (int a = 0; a < d; ++a) mu[a] += X(a, i) / double(n);
  for (int i = 0; i < n; ++i)
    for (int a = 0; a < d; ++a)
      for (int b = 0; b < d; ++b) C(a, b) += (X(a, i) - mu[a]) * (X(b, i) - mu[b]) / n;
  CHECK((pca.mean().cast<double>() - mu).cwiseAbs().maxCoeff() < 1e-4);
  // C u_j = lambda_j u_j, and the lambdas add up to trace(C).
  for (int j = 0; j < d; ++j) {
    Eigen::VectorXd u = pca.components().col(j).cast<double>();
    double lambda = pca.eigenvalues()[j];
    CHECK((C * u - lambda * u).norm() < 1e-4 * C.norm());
    CHECK(u.dot(C * u) == doctest::Approx(lambda).epsilon(1e-4));
  }
  CHECK(pca.eigenvalues().cast<double>().sum() == doctest::Approx(C.trace()).epsilon(1e-5));
}

TEST_CASE("pca: reconstruction error equals the sum of discarded eigenvalues") {
  Rng rng(33);
  Matrix X = anisotropic_data(rng, 10, 400);
  for (int k : {1, 3, 7, 10}) {
    CAPTURE(k);
    Pca pca;
    pca.fit(X, k);
    Matrix codes = pca.project(X);
    CHECK(codes.rows() == k);
    double mean_sq_error = double((X - pca.reconstruct(codes)).squaredNorm()) / X.cols();
    double discarded = pca.eigenvalues().tail(10 - k).cast<double>().sum();
    CHECK(mean_sq_error == doctest::Approx(discarded).epsilon(1e-3).scale(1e-3));
  }
}
