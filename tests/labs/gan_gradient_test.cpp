// The GAN's gradients against central finite differences, in double on the same templated code
// the float lab runs (tolerances as in tests/core/test_gradcheck.cpp). The generator's gradient
// is the one that matters: it flows backward through the discriminator into G.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "labs/gan.h"

using namespace ll;
using MlpD = BasicMlp<double>;
using MatD = MatrixT<double>;

namespace {

const double kStep = 1e-5, kTolerance = 1e-5;

double rel_error(double a, double b) {
  return std::abs(a - b) / std::max({std::abs(a), std::abs(b), 1e-3});
}

MatD random_matrix(Rng& rng, Index rows, Index cols) {
  MatD M(rows, cols);
  for (Index i = 0; i < M.size(); ++i) M.data()[i] = rng.normal();
  return M;
}

// A tiny GAN: G 3-5-4 (LeakyReLU, tanh out), D 4-6-1 (LeakyReLU, sigmoid out), random weights.
struct TinyGan {
  MlpD G, D;
  TinyGan(Activation hidden, Activation out) {
    Rng rng(7);
    Mlp g({3, 5, 4}, {hidden, out}), d({4, 6, 1}, {hidden, Activation::Sigmoid});
    g.init(rng);
    d.init(rng);
    G = g.cast<double>();
    D = d.cast<double>();
    // Nonzero biases so every term of the backward pass is exercised.
    for (Index i = 0; i < G.params().size(); ++i) G.params()[i] += 0.1 * rng.normal();
    for (Index i = 0; i < D.params().size(); ++i) D.params()[i] += 0.1 * rng.normal();
  }
};

double max_generator_grad_error(TinyGan& gan, const MatD& Z, GenLoss kind) {
  generator_loss_and_grad(gan.G, gan.D, Z, kind);
  const VectorT<double> analytic = gan.G.grads();
  double worst = 0;
  for (Index i = 0; i < gan.G.params().size(); ++i) {
    const double saved = gan.G.params()[i];
    gan.G.params()[i] = saved + kStep;
    const double up = generator_loss_and_grad(gan.G, gan.D, Z, kind);
    gan.G.params()[i] = saved - kStep;
    const double down = generator_loss_and_grad(gan.G, gan.D, Z, kind);
    gan.G.params()[i] = saved;
    worst = std::max(worst, rel_error(analytic[i], (up - down) / (2 * kStep)));
  }
  return worst;
}

}  // namespace

TEST_CASE("GAN generator gradient through D matches finite differences (minimax and non-saturating)") {
  Rng rng(3);
  const MatD Z = random_matrix(rng, 3, 5);
  for (Activation out : {Activation::Tanh, Activation::Sigmoid, Activation::Identity})
    for (GenLoss kind : {GenLoss::Minimax, GenLoss::NonSaturating}) {
      TinyGan gan(Activation::Tanh, out);
      const VectorT<double> d_before = gan.D.params();
      const double err = max_generator_grad_error(gan, Z, kind);
      INFO(activation_name(out), " ", gen_loss_key(kind), ": max relative error ", err);
      CHECK(err < kTolerance);
      CHECK(gan.D.params() == d_before);  // the generator step never changes D
      for (int l = 0; l < gan.D.num_layers(); ++l) CHECK_FALSE(gan.D.frozen(l));
    }
}

TEST_CASE("GAN: dE_G/dx at fake points (the 2-D lab's arrows) matches finite differences") {
  Rng rng(11);
  MatD X = random_matrix(rng, 4, 5);
  for (GenLoss kind : {GenLoss::Minimax, GenLoss::NonSaturating}) {
    TinyGan gan(Activation::LeakyReLU, Activation::Tanh);
    const VectorT<double> d_before = gan.D.params();
    generator_loss_at(gan.D, X, kind);
    const MatD analytic = gan.D.input_grad();
    REQUIRE(analytic.rows() == X.rows());
    REQUIRE(analytic.cols() == X.cols());
    double worst = 0;
    for (Index i = 0; i < X.size(); ++i) {
      const double saved = X.data()[i];
      X.data()[i] = saved + kStep;
      const double up = generator_loss_at(gan.D, X, kind);
      X.data()[i] = saved - kStep;
      const double down = generator_loss_at(gan.D, X, kind);
      X.data()[i] = saved;
      worst = std::max(worst, rel_error(analytic.data()[i], (up - down) / (2 * kStep)));
    }
    INFO(gen_loss_key(kind), ": max relative error ", worst);
    CHECK(worst < kTolerance);
    CHECK(gan.D.params() == d_before);
  }
}

TEST_CASE("GAN discriminator gradient matches finite differences") {
  Rng rng(5);
  TinyGan gan(Activation::LeakyReLU, Activation::Tanh);
  const MatD real = random_matrix(rng, 4, 6), fake = random_matrix(rng, 4, 6);
  discriminator_loss_and_grad(gan.D, real, fake);
  const VectorT<double> analytic = gan.D.grads();
  double worst = 0;
  for (Index i = 0; i < gan.D.params().size(); ++i) {
    const double saved = gan.D.params()[i];
    gan.D.params()[i] = saved + kStep;
    const double up = discriminator_loss_and_grad(gan.D, real, fake);
    gan.D.params()[i] = saved - kStep;
    const double down = discriminator_loss_and_grad(gan.D, real, fake);
    gan.D.params()[i] = saved;
    worst = std::max(worst, rel_error(analytic[i], (up - down) / (2 * kStep)));
  }
  INFO("max relative error ", worst);
  CHECK(worst < kTolerance);
}

TEST_CASE("GAN losses by hand: an undecided D (D = 1/2 everywhere) gives E_D = 2 ln 2") {
  MlpD D({2, 1}, {Activation::Sigmoid});  // all-zero weights: logit 0, D = 1/2
  MlpD G({1, 2}, {Activation::Identity});
  const MatD real = MatD::Ones(2, 4), fake = MatD::Zero(2, 4);
  double mr = 0, mf = 0;
  CHECK(discriminator_loss_and_grad(D, real, fake, &mr, &mf) == doctest::Approx(2 * std::log(2.0)));
  CHECK(mr == doctest::Approx(0.5));
  CHECK(mf == doctest::Approx(0.5));
  const MatD Z = MatD::Ones(1, 4);
  // minimax E_G = ln(1 - 1/2) = -ln 2; non-saturating E_G = -ln(1/2) = ln 2
  CHECK(generator_loss_and_grad(G, D, Z, GenLoss::Minimax) == doctest::Approx(-std::log(2.0)));
  CHECK(generator_loss_and_grad(G, D, Z, GenLoss::NonSaturating) == doctest::Approx(std::log(2.0)));
}

TEST_CASE("GAN saturation: when D confidently rejects fakes, minimax gives G almost no gradient") {
  // Goodfellow et al. 2014, sec. 3: early on D(G(z)) ~ 0 and ln(1 - D(G(z))) saturates; the
  // non-saturating loss keeps a gradient of order one. Here D's logit on the fakes is about -8.
  MlpD D({1, 1}, {Activation::Sigmoid});
  D.W(0)(0, 0) = 4.0;
  D.b(0)(0) = -8.0;
  MlpD G({1, 1}, {Activation::Identity});  // G(z) = 0 * z + 0 = 0 -> logit -8
  const MatD Z = MatD::Ones(1, 8);
  generator_loss_and_grad(G, D, Z, GenLoss::Minimax);
  const double minimax = G.grads().norm();
  generator_loss_and_grad(G, D, Z, GenLoss::NonSaturating);
  const double nonsat = G.grads().norm();
  CHECK(minimax < 1e-3 * nonsat);
  CHECK(nonsat > 1.0);
}
