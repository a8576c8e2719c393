// Finite-difference checks of every analytic gradient, run in double
// precision on the same templated code the float models use.
//
// Central differences g_i ~ (E(theta + h e_i) - E(theta - h e_i)) / 2h with
// h = 1e-5 have truncation error O(h^2) ~ 1e-10 and rounding error
// ~ 1e-16 |E| / h ~ 1e-9 for the |E| ~ 100 of the larger nets here, so we
// require a relative error |g - g_fd| / max(|g|, |g_fd|, 1e-3) below 1e-5 for
// every parameter. (A wrong gradient gives errors of order 1; float finite
// differences could not resolve better than ~1e-2.)
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "core/loss.h"
#include "core/mlp.h"

using namespace ll;
using MlpD = BasicMlp<double>;
using MatD = MatrixT<double>;

namespace {

const double kStep = 1e-5, kTolerance = 1e-5;

double loss_of(MlpD& net, Loss loss, const MatD& X, const MatD& T) {
  MatD dZ;
  net.forward(X);
  return loss_and_grad(loss, net.activation(net.num_layers() - 1), net.logits(), net.output(), T,
                       dZ);
}

double rel_error(double a, double b) {
  return std::abs(a - b) / std::max({std::abs(a), std::abs(b), 1e-3});
}

// Largest relative error between backprop and central differences over all
// parameters of a trainable net (frozen layers must have zero gradient).
double max_param_grad_error(MlpD& net, Loss loss, const MatD& X, const MatD& T) {
  MatD dZ;
  net.forward(X);
  loss_and_grad(loss, net.activation(net.num_layers() - 1), net.logits(), net.output(), T, dZ);
  net.backward(dZ);
  const VectorT<double> analytic = net.grads();
  double worst = 0;
  for (Index i = 0; i < net.params().size(); ++i) {
    const double saved = net.params()[i];
    net.params()[i] = saved + kStep;
    double up = loss_of(net, loss, X, T);
    net.params()[i] = saved - kStep;
    double down = loss_of(net, loss, X, T);
    net.params()[i] = saved;
    worst = std::max(worst, rel_error(analytic[i], (up - down) / (2 * kStep)));
  }
  return worst;
}

MatD random_matrix(Rng& rng, Index rows, Index cols, double lo, double hi) {
  MatD M(rows, cols);
  for (Index i = 0; i < M.size(); ++i) M.data()[i] = lo + (hi - lo) * rng.uniform();
  return M;
}

MlpD random_net(Rng& rng, const std::vector<int>& sizes, const std::vector<Activation>& acts) {
  Mlp net(sizes, acts);
  net.init(rng);
  // Non-zero biases so every code path (and ReLU kinks) is exercised.
  for (int l = 0; l < net.num_layers(); ++l)
    for (Index i = 0; i < net.b(l).size(); ++i) net.b(l)[i] = 0.2f * rng.normal();
  return net.cast<double>();
}

const Activation kAll[] = {Activation::Identity, Activation::Tanh, Activation::Sigmoid,
                           Activation::ReLU, Activation::LeakyReLU};

}  // namespace

TEST_CASE("gradcheck: every hidden activation x output activation x loss") {
  Rng rng(11);
  const MatD X = random_matrix(rng, 4, 3, -1, 1);
  const MatD T = random_matrix(rng, 3, 3, 0, 1);  // valid for squared error and CE
  for (Activation hidden : kAll) {
    for (Activation out : kAll) {
      for (Loss loss : {Loss::SquaredError, Loss::CrossEntropy}) {
        if (loss == Loss::CrossEntropy && out != Activation::Sigmoid) continue;
        CAPTURE(std::string(activation_name(hidden)) + " -> " + activation_name(out) + ", " +
                loss_name(loss));
        MlpD net = random_net(rng, {4, 5, 3}, {hidden, out});
        CHECK(max_param_grad_error(net, loss, X, T) < kTolerance);
      }
    }
  }
}

TEST_CASE("gradcheck: single dense layer for each activation") {
  Rng rng(12);
  const MatD X = random_matrix(rng, 3, 4, -2, 2);
  const MatD T = random_matrix(rng, 2, 4, 0, 1);
  for (Activation a : kAll) {
    CAPTURE(activation_name(a));
    MlpD net = random_net(rng, {3, 2}, {a});
    CHECK(max_param_grad_error(net, Loss::SquaredError, X, T) < kTolerance);
  }
}

TEST_CASE("gradcheck: 64-16-64 tanh autoencoder, squared error") {
  Rng rng(13);
  const MatD X = random_matrix(rng, 64, 4, -1, 1);
  MlpD net = random_net(rng, {64, 16, 64}, {Activation::Tanh, Activation::Tanh});
  CHECK(max_param_grad_error(net, Loss::SquaredError, X, X) < kTolerance);
}

TEST_CASE("gradcheck: deep logistic autoencoder with linear code, cross-entropy") {
  // The Hinton & Salakhutdinov 2006 shape in miniature: logistic units, a
  // linear code layer, cross-entropy on the reconstruction.
  Rng rng(14);
  const MatD X = random_matrix(rng, 20, 3, 0, 1);
  const Activation S = Activation::Sigmoid, I = Activation::Identity;
  MlpD net = random_net(rng, {20, 12, 6, 3, 6, 12, 20}, {S, S, I, S, S, S});
  CHECK(max_param_grad_error(net, Loss::CrossEntropy, X, X) < kTolerance);
}

TEST_CASE("gradcheck: frozen layers get no gradient, the others stay exact") {
  Rng rng(15);
  const MatD X = random_matrix(rng, 6, 3, -1, 1);
  MlpD net =
      random_net(rng, {6, 4, 3, 6}, {Activation::Tanh, Activation::ReLU, Activation::Sigmoid});
  net.set_frozen(0, true);
  MatD dZ;
  net.forward(X);
  loss_and_grad(Loss::SquaredError, Activation::Sigmoid, net.logits(), net.output(), X, dZ);
  net.backward(dZ);
  CHECK(net.dW(0).norm() == 0.0);
  CHECK(net.db(0).norm() == 0.0);
  CHECK(net.dW(1).norm() > 0.0);
  // The unfrozen layers' gradients still match finite differences.
  MlpD upper = net.slice(1, 3);
  MatD H = net.slice(0, 1).forward(X);
  CHECK(max_param_grad_error(upper, Loss::SquaredError, H, X) < kTolerance);
}

TEST_CASE("gradcheck: gradient with respect to the input") {
  Rng rng(16);
  MatD X = random_matrix(rng, 5, 2, -1, 1);
  const MatD T = random_matrix(rng, 3, 2, 0, 1);
  MlpD net = random_net(rng, {5, 4, 3}, {Activation::LeakyReLU, Activation::Sigmoid});
  MatD dZ;
  net.forward(X);
  loss_and_grad(Loss::CrossEntropy, Activation::Sigmoid, net.logits(), net.output(), T, dZ);
  net.backward(dZ, /*want_input_grad=*/true);
  const MatD analytic = net.input_grad();
  double worst = 0;
  for (Index i = 0; i < X.size(); ++i) {
    const double saved = X.data()[i];
    X.data()[i] = saved + kStep;
    double up = loss_of(net, Loss::CrossEntropy, X, T);
    X.data()[i] = saved - kStep;
    double down = loss_of(net, Loss::CrossEntropy, X, T);
    X.data()[i] = saved;
    worst = std::max(worst, rel_error(analytic.data()[i], (up - down) / (2 * kStep)));
  }
  CHECK(worst < kTolerance);
}

TEST_CASE("gradcheck: float backward agrees with the double reference") {
  Rng rng(17);
  Mlp net({8, 5, 8}, {Activation::Tanh, Activation::Sigmoid});
  net.init(rng);
  Matrix X(8, 4);
  rng.fill_uniform(X.data(), X.size(), 0, 1);
  MlpD ref = net.cast<double>();
  Matrix dZ;
  net.forward(X);
  loss_and_grad(Loss::CrossEntropy, Activation::Sigmoid, net.logits(), net.output(), X, dZ);
  net.backward(dZ);
  MatD dZd;
  ref.forward(X.cast<double>());
  loss_and_grad(Loss::CrossEntropy, Activation::Sigmoid, ref.logits(), ref.output(),
                MatD(X.cast<double>()), dZd);
  ref.backward(dZd);
  double err = (net.grads().cast<double>() - ref.grads()).norm() / ref.grads().norm();
  CHECK(err < 1e-5);
}

TEST_CASE("gradcheck: GAN chaining, D's input gradient drives G's backward") {
  // The generator's loss goes through the discriminator: dE/dG is obtained by
  // D.backward(.., want_input_grad) then G's output activation, then G.backward.
  // It must equal the gradient of the stacked network G+D on G's parameters.
  Rng rng(18);
  const MatD noise = random_matrix(rng, 3, 4, -1, 1);
  const MatD real_label = MatD::Ones(1, 4);
  MlpD G = random_net(rng, {3, 5, 6}, {Activation::ReLU, Activation::Tanh});
  MlpD D = random_net(rng, {6, 4, 1}, {Activation::LeakyReLU, Activation::Sigmoid});

  MatD dZ, dZ_g;
  D.forward(G.forward(noise));
  loss_and_grad(Loss::CrossEntropy, Activation::Sigmoid, D.logits(), D.output(), real_label, dZ);
  D.backward(dZ, /*want_input_grad=*/true);
  activation_backward(G.activation(1), G.logits(), G.output(), D.input_grad(), dZ_g);
  G.backward(dZ_g);

  MlpD GD = MlpD::stack(G, D);
  CHECK(max_param_grad_error(GD, Loss::CrossEntropy, noise, real_label) < kTolerance);
  const Index n = G.params().size();
  CHECK((GD.grads().head(n) - G.grads()).cwiseAbs().maxCoeff() < 1e-12);
}
