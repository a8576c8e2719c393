#include <doctest/doctest.h>

#include <cmath>

#include "core/rbm.h"

using namespace ll;

namespace {

// 16-pixel binary data: four prototype stripes with 1 in 16 pixels flipped.
Matrix tiny_binary_data(Rng& rng, int n) {
  Matrix V(16, n);
  for (int j = 0; j < n; ++j) {
    int proto = static_cast<int>(rng.uniform_int(4));
    for (int i = 0; i < 16; ++i) {
      float bit = (i / 4 == proto) ? 1.0f : 0.0f;
      V(i, j) = rng.uniform_int(16) == 0 ? 1.0f - bit : bit;
    }
  }
  return V;
}

}  // namespace

TEST_CASE("rbm: CD-1 lowers the reconstruction error on tiny binary data") {
  for (HiddenUnits units : {HiddenUnits::Binary, HiddenUnits::Gaussian}) {
    CAPTURE(units == HiddenUnits::Binary ? "binary" : "gaussian");
    Rng rng(21);
    Matrix V = tiny_binary_data(rng, 64);
    Rbm rbm(16, 6, units);
    rbm.init(rng);
    RbmConfig cfg;
    cfg.lr = units == HiddenUnits::Binary ? 0.1f : 0.01f;  // linear units need smaller steps
    cfg.momentum = 0.5f;
    const float before = rbm.reconstruction_error(V);
    for (int epoch = 0; epoch < 300; ++epoch) {
      if (epoch == 5) cfg.momentum = 0.9f;
      rbm.cd1_step(V, cfg, rng);
    }
    const float after = rbm.reconstruction_error(V);
    CHECK(rbm.params_finite());
    CHECK(after < 0.3f * before);
    // Training data becomes more probable: lower free energy than at random init.
    Rbm fresh(16, 6, units);
    fresh.init(rng);
    CHECK(rbm.free_energy(V) < fresh.free_energy(V));
  }
}

TEST_CASE("rbm: saturated probabilities are exactly 0, not denormals") {
  Rbm rbm(2, 1, HiddenUnits::Binary);
  rbm.W()(0, 0) = -87.5f;  // visible unit 0 on: 1 / (1 + e^87.5) = 1e-38, a denormal
  rbm.W()(0, 1) = -45.0f;  // visible unit 1 on: e^-45 = 2.9e-20, below 2^-63
  Matrix V(2, 2);
  V << 1, 0, 0, 1;
  const Matrix H = rbm.hidden_mean(V);
  CHECK(H(0, 0) == 0.0f);
  CHECK(H(0, 1) == 0.0f);
}

TEST_CASE("rbm: free energy equals -ln sum_h exp(-E(v,h)) by enumeration") {
  Rng rng(22);
  Rbm rbm(3, 2);
  rbm.init(rng, 1.0f);
  rbm.b_visible() << 0.3f, -0.2f, 0.1f;
  rbm.b_hidden() << -0.5f, 0.4f;
  Matrix v(3, 1);
  v << 1, 0, 1;
  // E(v,h) = -b^T v - c^T h - h^T W v, summed over the 4 hidden states.
  double sum = 0;
  for (int h0 = 0; h0 < 2; ++h0)
    for (int h1 = 0; h1 < 2; ++h1) {
      const int h[2] = {h0, h1};
      double energy = 0;
      for (int i = 0; i < 3; ++i) energy -= rbm.b_visible()[i] * v(i, 0);
      for (int j = 0; j < 2; ++j) {
        energy -= rbm.b_hidden()[j] * h[j];
        for (int i = 0; i < 3; ++i) energy -= h[j] * rbm.W()(j, i) * v(i, 0);
      }
      sum += std::exp(-energy);
    }
  CHECK(rbm.free_energy(v) == doctest::Approx(-std::log(sum)).epsilon(1e-5));
}

TEST_CASE("rbm: Gaussian free energy equals -ln integral exp(-E(v,h)) dh up to a constant") {
  // With unit-variance Gaussian h the integral is Gaussian: per hidden unit
  // int exp(x h - h^2/2) dh = sqrt(2 pi) exp(x^2 / 2). Check F(v) - F(v') for two v.
  Rng rng(23);
  Rbm rbm(2, 1, HiddenUnits::Gaussian);
  rbm.init(rng, 1.0f);
  rbm.b_visible() << 0.2f, -0.1f;
  rbm.b_hidden() << 0.3f;
  auto numeric = [&](float a, float b) {
    double x = rbm.W()(0, 0) * a + rbm.W()(0, 1) * b + 0.3, integral = 0, dh = 1e-3;
    for (double h = -20; h < 20; h += dh) integral += std::exp(x * h - h * h / 2) * dh;
    return -(0.2 * a - 0.1 * b) - std::log(integral);
  };
  Matrix v1(2, 1), v2(2, 1);
  v1 << 1, 0;
  v2 << 0, 1;
  CHECK(rbm.free_energy(v1) - rbm.free_energy(v2) ==
        doctest::Approx(numeric(1, 0) - numeric(0, 1)).epsilon(1e-4));
}

TEST_CASE("rbm: unrolled stack reproduces the RBM encoders and decoders") {
  Rng rng(24);
  Rbm first(8, 5), code(5, 2, HiddenUnits::Gaussian);
  first.init(rng);
  code.init(rng);
  first.b_hidden().setConstant(0.1f);
  code.b_visible().setConstant(-0.2f);
  Mlp ae = unroll({first, code});
  REQUIRE(ae.sizes() == std::vector<int>{8, 5, 2, 5, 8});
  CHECK(ae.activation(1) == Activation::Identity);
  CHECK(ae.activation(2) == Activation::Sigmoid);
  Matrix V(8, 3);
  rng.fill_uniform(V.data(), V.size(), 0, 1);
  Matrix expected = first.visible_mean(code.visible_mean(code.hidden_mean(first.hidden_mean(V))));
  CHECK((ae.forward(V) - expected).cwiseAbs().maxCoeff() < 1e-6f);
  // Shape and activation mismatches are refused.
  Mlp wrong({8, 4}, {Activation::Sigmoid});
  CHECK_THROWS_AS(first.export_encoder(wrong, 0), std::invalid_argument);
  CHECK_THROWS_AS(unroll({code, first}), std::invalid_argument);
}
