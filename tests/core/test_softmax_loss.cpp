// Softmax cross-entropy from logits (core/loss.h): its gradient against central differences in
// double (same step and tolerance reasoning as test_gradcheck.cpp), through a whole Mlp too, and
// stability where a naive -ln(softmax) would overflow or take log(0).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "core/loss.h"
#include "core/mlp.h"

using namespace ll;
using MatD = MatrixT<double>;

namespace {
const double kStep = 1e-5, kTolerance = 1e-6;

MatD one_hot(Rng& rng, int classes, int n) {
  MatD T = MatD::Zero(classes, n);
  for (int j = 0; j < n; ++j) T(int(rng.uniform_int(uint32_t(classes))), j) = 1;
  return T;
}
}  // namespace

TEST_CASE("softmax cross-entropy: dE/dZ matches central differences") {
  Rng rng(5);
  MatD Z(10, 7);
  for (Index i = 0; i < Z.size(); ++i) Z.data()[i] = 4.0 * rng.normal();
  MatD T = one_hot(rng, 10, 7);
  T.col(3).setConstant(0.1);  // a soft target column (sums to 1) takes the general path too
  MatD dZ;
  const double E = loss_and_grad(Loss::SoftmaxCrossEntropy, Activation::Identity, Z, Z, T, dZ);
  CHECK(E > 0);
  double worst = 0;
  for (Index i = 0; i < Z.size(); ++i) {
    MatD up = Z, down = Z;
    up.data()[i] += kStep;
    down.data()[i] -= kStep;
    const double fd = (softmax_cross_entropy_from_logits(up, T) - softmax_cross_entropy_from_logits(down, T)) / (2 * kStep);
    worst = std::max(worst, std::abs(fd - dZ.data()[i]) / std::max({std::abs(fd), std::abs(dZ.data()[i]), 1e-3}));
  }
  CHECK(worst < kTolerance);
}

TEST_CASE("softmax cross-entropy: gradients of a sigmoid Mlp with a logit layer") {
  Rng rng(9);
  Mlp f({6, 5, 4}, {Activation::Sigmoid, Activation::Identity});
  f.init(rng);
  BasicMlp<double> net = f.cast<double>();
  MatD X(6, 8);
  for (Index i = 0; i < X.size(); ++i) X.data()[i] = rng.uniform();
  const MatD T = one_hot(rng, 4, 8);
  auto loss = [&] {
    MatD dZ;
    net.forward(X);
    return loss_and_grad(Loss::SoftmaxCrossEntropy, Activation::Identity, net.logits(), net.output(), T, dZ);
  };
  MatD dZ;
  net.forward(X);
  loss_and_grad(Loss::SoftmaxCrossEntropy, Activation::Identity, net.logits(), net.output(), T, dZ);
  net.backward(dZ);
  const VectorT<double> g = net.grads();
  double worst = 0;
  for (Index i = 0; i < net.params().size(); ++i) {
    const double saved = net.params()[i];
    net.params()[i] = saved + kStep;
    const double up = loss();
    net.params()[i] = saved - kStep;
    const double down = loss();
    net.params()[i] = saved;
    const double fd = (up - down) / (2 * kStep);
    worst = std::max(worst, std::abs(fd - g[i]) / std::max({std::abs(fd), std::abs(g[i]), 1e-3}));
  }
  CHECK(worst < 1e-5);
}

TEST_CASE("softmax cross-entropy: stable for huge logits, probabilities sum to 1") {
  Matrix Z(3, 2);
  Z << 1000.0f, -1000.0f,  //
      0.0f, 0.0f,          //
      -1000.0f, 1000.0f;
  Matrix T = Matrix::Zero(3, 2);
  T(0, 0) = 1;  // confident and right: E ~ 0
  T(0, 1) = 1;  // confident and wrong: E = 2000, not inf
  const float E = softmax_cross_entropy_from_logits(Z, T);
  CHECK(std::isfinite(E));
  CHECK(E == doctest::Approx(2000.0f).epsilon(1e-6));
  const Matrix P = softmax_columns(Z);
  CHECK(P.allFinite());
  CHECK(P.colwise().sum()(0) == doctest::Approx(1.0f));
  CHECK(P(0, 0) == doctest::Approx(1.0f));
  Matrix dZ;
  CHECK_THROWS_WITH(loss_and_grad(Loss::SoftmaxCrossEntropy, Activation::Sigmoid, Z, Z, T, dZ),
                    doctest::Contains("linear (logit) output layer"));
}
