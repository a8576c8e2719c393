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

TEST_CASE("rbm, Gaussian visible units: free energy equals -ln sum_h exp(-E(v,h)) by enumeration") {
  // E(v,h) = |v - b|^2 / 2 - c^T h - h^T W v for real-valued v (rbm.h).
  Rng rng(25);
  Rbm rbm(3, 2, HiddenUnits::Binary, VisibleUnits::Gaussian);
  rbm.init(rng, 1.0f);
  rbm.b_visible() << 0.3f, -0.2f, 0.1f;
  rbm.b_hidden() << -0.5f, 0.4f;
  Matrix v(3, 1);
  v << 1.2f, -0.7f, 0.4f;
  double sum = 0;
  for (int h0 = 0; h0 < 2; ++h0)
    for (int h1 = 0; h1 < 2; ++h1) {
      const int h[2] = {h0, h1};
      double energy = 0;
      for (int i = 0; i < 3; ++i) energy += 0.5 * std::pow(v(i, 0) - rbm.b_visible()[i], 2);
      for (int j = 0; j < 2; ++j) {
        energy -= rbm.b_hidden()[j] * h[j];
        for (int i = 0; i < 3; ++i) energy -= h[j] * rbm.W()(j, i) * v(i, 0);
      }
      sum += std::exp(-energy);
    }
  CHECK(rbm.free_energy(v) == doctest::Approx(-std::log(sum)).epsilon(1e-5));
}

TEST_CASE("rbm: CD-1's data statistics are minus the free energy's gradient (finite differences)") {
  // CD-1 moves the parameters by <-dF/dtheta>_data - <-dF/dtheta>_reconstruction. The first term,
  // as cd1_step forms it from E[h|v] (W: h v^T; b: v, or v - b for Gaussian units, whose -b
  // cancels between the two terms; c: h), checked against central differences of F for every
  // kind of visible and hidden unit.
  for (VisibleUnits vis : {VisibleUnits::Binary, VisibleUnits::Gaussian})
    for (HiddenUnits hid : {HiddenUnits::Binary, HiddenUnits::Gaussian}) {
      CAPTURE(vis == VisibleUnits::Binary ? "binary visible" : "gaussian visible");
      CAPTURE(hid == HiddenUnits::Binary ? "binary hidden" : "gaussian hidden");
      Rng rng(26);
      Rbm rbm(5, 3, hid, vis);
      rbm.init(rng, 0.5f);
      rng.fill_normal(rbm.b_visible().data(), 5, 0.3f);
      rng.fill_normal(rbm.b_hidden().data(), 3, 0.3f);
      Matrix V(5, 4);
      if (vis == VisibleUnits::Binary) rng.fill_uniform(V.data(), V.size(), 0, 1);
      else rng.fill_normal(V.data(), V.size(), 1.0f);
      const float n = float(V.cols());
      const Matrix H = rbm.hidden_mean(V);
      Vector minus_grad(rbm.params().size());
      rbm.layout().matrix(minus_grad, 0) = H * V.transpose() / n;
      rbm.layout().vector(minus_grad, 1) =
          (vis == VisibleUnits::Binary ? Matrix(V) : Matrix(V.colwise() - rbm.b_visible())).rowwise().sum() / n;
      rbm.layout().vector(minus_grad, 2) = H.rowwise().sum() / n;
      const float step = 1e-2f;
      float worst = 0;
      for (Index i = 0; i < rbm.params().size(); ++i) {
        const float saved = rbm.params()[i];
        rbm.params()[i] = saved + step;
        const float up = rbm.free_energy(V);
        rbm.params()[i] = saved - step;
        const float down = rbm.free_energy(V);
        rbm.params()[i] = saved;
        const float numeric = -(up - down) / (2 * step);
        worst = std::max(worst, std::abs(numeric - minus_grad[i]) / std::max(1.0f, std::abs(numeric)));
      }
      CHECK(worst < 2e-3f);
    }
}

TEST_CASE("rbm: sampled visible units have the conditional's mean and variance") {
  // Gaussian: v ~ N(W^T h + b, 1); binary: v ~ Bernoulli(p). 20,000 draws per unit.
  Rng rng(27);
  Rbm gauss(2, 1, HiddenUnits::Binary, VisibleUnits::Gaussian), binary(2, 1);
  Matrix mean(2, 20000);
  mean.row(0).setConstant(1.5f);
  mean.row(1).setConstant(-0.25f);
  const Matrix v = gauss.sample_visible(mean, rng);
  for (int r = 0; r < 2; ++r) {
    const double m = v.row(r).mean(), var = (v.row(r).array() - float(m)).square().mean();
    CHECK(std::abs(m - mean(r, 0)) < 0.03);   // 4 standard errors (1 / sqrt(20000) = 0.007)
    CHECK(std::abs(var - 1.0) < 0.05);
  }
  Matrix p(1, 20000);
  p.setConstant(0.3f);
  const Matrix b = Rbm(1, 1).sample_visible(p, rng);
  CHECK((b.array() == 0.0f || b.array() == 1.0f).all());
  CHECK(std::abs(b.mean() - 0.3) < 0.015);
}

TEST_CASE("rbm, Gaussian visible units: CD-1 learns standardised real data; the unrolled decoder is linear") {
  // Two real-valued prototypes plus N(0, 0.3^2) noise, standardised, as the faces are.
  Rng rng(28);
  Matrix V(12, 128);
  for (Index j = 0; j < V.cols(); ++j)
    for (Index i = 0; i < V.rows(); ++i)
      V(i, j) = (j % 2 ? std::sin(0.5f * float(i)) : std::cos(0.9f * float(i))) * 1.5f + 0.3f * rng.normal();
  Rbm rbm(12, 8, HiddenUnits::Binary, VisibleUnits::Gaussian);
  rbm.init(rng, 0.01f);
  RbmConfig cfg;
  cfg.lr = 0.01f;
  cfg.momentum = 0.5f;
  const float before = rbm.reconstruction_error(V);
  for (int epoch = 0; epoch < 400; ++epoch) {
    if (epoch == 5) cfg.momentum = 0.9f;
    for (Index b = 0; b < V.cols(); b += 16) rbm.cd1_step(V.middleCols(b, 16), cfg, rng);
  }
  const float after = rbm.reconstruction_error(V);
  INFO("reconstruction error ", before, " -> ", after);
  CHECK(rbm.params_finite());
  CHECK(after < 0.3f * before);
  Rbm code(8, 2, HiddenUnits::Gaussian);
  code.init(rng);
  Mlp ae = unroll({rbm, code});
  CHECK(ae.activation(3) == Activation::Identity);  // real-valued pixels out
  const Matrix expected = rbm.visible_mean(code.visible_mean(code.hidden_mean(rbm.hidden_mean(V))));
  CHECK((ae.forward(V) - expected).cwiseAbs().maxCoeff() < 1e-5f);
}

TEST_CASE("rbm: random weights drawn in pieces are init()'s, bit for bit") {
  // Odd piece sizes: Box-Muller's spare normal must carry across pieces.
  ll::Rng a(7), b(7);
  ll::Rbm whole(13, 7), pieces(13, 7);
  whole.init(a, 0.1f);
  for (ll::Index from = 0; from < pieces.weight_count(); from += 5) pieces.init_weights(b, 0.1f, from, 5);
  CHECK(pieces.params() == whole.params());
  CHECK(a.next_u32() == b.next_u32());  // and the stream goes on from the same place
}
