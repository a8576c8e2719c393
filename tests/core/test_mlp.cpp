#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <limits>

#include "core/loss.h"
#include "core/mlp.h"
#include "core/optimizer.h"
#include "core/train.h"

using namespace ll;

TEST_CASE("mlp: one dense layer computed by hand") {
  // W = [1 2; 3 4; -1 0.5], b = [0.5, -1, 0], x = [1, -2]:
  // W x + b = [1 - 4 + 0.5, 3 - 8 - 1, -1 - 1 + 0] = [-2.5, -6, -2].
  Mlp net({2, 3}, {Activation::Identity});
  net.W(0) << 1, 2, 3, 4, -1, 0.5f;
  net.b(0) << 0.5f, -1, 0;
  Matrix X(2, 2);
  X << 1, 0, -2, 1;  // two samples: columns (1,-2) and (0,1)
  const Matrix& Y = net.forward(X);
  CHECK(Y(0, 0) == -2.5f);
  CHECK(Y(1, 0) == -6.0f);
  CHECK(Y(2, 0) == -2.0f);
  // Second sample (0,1): W x + b = [2.5, 3, 0.5].
  CHECK(Y(0, 1) == 2.5f);
  CHECK(Y(1, 1) == 3.0f);
  CHECK(Y(2, 1) == 0.5f);
  // W is row-major inside the flat buffer: params = [1 2 3 4 -1 0.5 | 0.5 -1 0].
  CHECK(net.params()[1] == 2.0f);
  CHECK(net.params()[6] == 0.5f);
}

TEST_CASE("mlp: activations computed by hand") {
  Matrix Z(1, 3);
  Z << -2, 0, 3;
  Matrix A;
  activate(Activation::ReLU, Z, A);
  CHECK(A(0, 0) == 0.0f);
  CHECK(A(0, 2) == 3.0f);
  activate(Activation::LeakyReLU, Z, A);
  CHECK(A(0, 0) == doctest::Approx(-0.02));
  activate(Activation::Sigmoid, Z, A);
  CHECK(A(0, 1) == 0.5f);
  CHECK(A(0, 2) == doctest::Approx(1.0 / (1.0 + std::exp(-3.0))));
  activate(Activation::Tanh, Z, A);
  CHECK(A(0, 0) == doctest::Approx(std::tanh(-2.0)));
  CHECK(activation_from_name("leaky_relu") == Activation::LeakyReLU);
  CHECK_THROWS_AS(activation_from_name("swish"), std::invalid_argument);
}

TEST_CASE("mlp: layer outputs and gradients below 2^-63 are flushed to zero") {
  // Saturated sigmoids give 1e-22 (z = -50) down to denormals (z = -100); kept, they and their
  // products reach every GEMM and cost x86 a microcode assist per operation (elementwise.h).
  Matrix Z(1, 4), A;
  Z << -100, -50, -40, 0;
  activate(Activation::Sigmoid, Z, A);
  CHECK(A(0, 0) == 0.0f);
  CHECK(A(0, 1) == 0.0f);
  CHECK(A(0, 2) == doctest::Approx(std::exp(-40.0)).epsilon(1e-5));  // 4.2e-18 stays
  Matrix dA = Matrix::Constant(1, 4, 1e-10f), dZ;
  Matrix Zs(1, 4), As;
  Zs << -30, -20, 0, 1;
  activate(Activation::Sigmoid, Zs, As);
  activation_backward(Activation::Sigmoid, Zs, As, dA, dZ);
  CHECK(dZ(0, 0) == 0.0f);  // 1e-10 * 9.4e-14 = 9.4e-24
  CHECK(dZ(0, 1) == doctest::Approx(1e-10 * std::exp(-20.0)).epsilon(1e-4));  // 2.1e-19 stays
  CHECK(dZ(0, 2) == doctest::Approx(0.25e-10));
  // Every activation, forward and backward, and the identity too.
  Matrix tiny = Matrix::Constant(2, 2, 1e-30f), out;
  for (Activation a : {Activation::Identity, Activation::Tanh, Activation::ReLU,
                       Activation::LeakyReLU}) {
    activate(a, tiny, out);
    CHECK(out.cwiseAbs().maxCoeff() == 0.0f);
    activation_backward(a, tiny, tiny, tiny, out);
    CHECK(out.cwiseAbs().maxCoeff() == 0.0f);
  }
}

TEST_CASE("loss: squared error and cross-entropy by hand, stable for huge logits") {
  Matrix Y(2, 1), X(2, 1);
  Y << 1, 2;
  X << 0, 4;
  CHECK(squared_error(Y, X) == 5.0f);  // 1^2 + 2^2
  ErrorReport r = report_error(5.0, 2, 1);
  CHECK(r.per_image == 5.0);
  CHECK(r.mse == 2.5);

  // z = 0, p = 1: -ln(1/2) = ln 2.
  Matrix Z(1, 1), P(1, 1);
  Z << 0;
  P << 1;
  CHECK(cross_entropy_from_logits(Z, P) == doctest::Approx(std::log(2.0)));
  // Moderate logits: matches the textbook formula on q = sigmoid(z).
  Z << 1.5f;
  P << 0.25f;
  double q = 1.0 / (1.0 + std::exp(-1.5));
  CHECK(cross_entropy_from_logits(Z, P) ==
        doctest::Approx(-0.25 * std::log(q) - 0.75 * std::log(1 - q)).epsilon(1e-6));
  // Huge logits, where q rounds to exactly 0 or 1 in float: still finite and exact.
  Z.resize(1, 2);
  P.resize(1, 2);
  Z << 200, -200;
  P << 0, 1;
  CHECK(cross_entropy_from_logits(Z, P) == doctest::Approx(400.0));
  // Cross-entropy is only defined for a sigmoid output.
  Matrix dZ;
  CHECK_THROWS_AS(loss_and_grad(Loss::CrossEntropy, Activation::Tanh, Z, Z, P, dZ),
                  std::invalid_argument);
}

TEST_CASE("mlp: slice and stack keep parameters and outputs") {
  Rng rng(5);
  Mlp ae({6, 4, 2, 4, 6},
         {Activation::Tanh, Activation::Identity, Activation::Tanh, Activation::Sigmoid});
  ae.init(rng);
  Matrix X(6, 3);
  rng.fill_uniform(X.data(), X.size(), -1, 1);
  Matrix full = ae.forward(X);

  Mlp encoder = ae.slice(0, 2), decoder = ae.slice(2, 4);
  CHECK(encoder.output_size() == 2);
  CHECK(decoder.input_size() == 2);
  Matrix code = encoder.forward(X);
  CHECK((decoder.forward(code) - full).norm() == 0.0f);

  // slice_into: a new slice into a net of another shape, in place into one of the same shape
  Mlp into = ae.slice(0, 1);
  ae.slice_into(2, 4, into);
  CHECK(into.params() == decoder.params());
  CHECK(into.sizes() == decoder.sizes());
  ae.params() *= 2.0f;
  const float* storage = into.params().data();
  ae.slice_into(2, 4, into);
  CHECK(into.params().data() == storage);
  CHECK(into.params() == ae.slice(2, 4).params());
  ae.params() *= 0.5f;

  Mlp again = Mlp::stack(encoder, decoder);
  CHECK(again.params() == ae.params());
  CHECK(again.activations() == ae.activations());
  CHECK_THROWS_AS(Mlp::stack(encoder, encoder), std::invalid_argument);
}

TEST_CASE("mlp: frozen layers are not updated, the rest is") {
  Rng rng(6);
  Mlp net({3, 4, 3}, {Activation::Tanh, Activation::Identity});
  net.init(rng);
  net.set_frozen(0, true);
  auto ranges = net.trainable_ranges();
  REQUIRE(ranges.size() == 1);
  CHECK(ranges[0].first == 3 * 4 + 4);
  CHECK(ranges[0].second == net.params().size());
  const Vector before = net.params();
  Optimizer opt({OptimizerKind::Adam, 0.01f});
  Matrix X(3, 5);
  rng.fill_uniform(X.data(), X.size(), -1, 1);
  train_step(net, opt, Loss::SquaredError, X, X);
  CHECK(net.params().head(16) == before.head(16));
  CHECK(net.params().tail(15) != before.tail(15));
}

TEST_CASE("mlp: divergence to NaN/Inf is detected") {
  Mlp net({2, 2}, {Activation::Identity});
  CHECK(net.params_finite());
  net.W(0)(1, 1) = std::numeric_limits<float>::infinity();
  CHECK_FALSE(net.params_finite());
  net.W(0)(1, 1) = std::numeric_limits<float>::quiet_NaN();
  CHECK_FALSE(net.params_finite());
  net.W(0)(1, 1) = 3e38f;  // large but finite
  CHECK(net.params_finite());
}

TEST_CASE("optimizer: SGD and momentum steps by hand") {
  Vector p(2), g(2);
  p << 1, -1;
  g << 0.5f, 2;
  std::vector<ParamRange> all = {{0, 2}};
  Optimizer sgd({OptimizerKind::SGD, 0.1f});
  sgd.step(p, g, all);
  CHECK(p[0] == doctest::Approx(0.95));
  CHECK(p[1] == doctest::Approx(-1.2));
  // Momentum: v1 = -lr g, v2 = mu v1 - lr g = -(1 + mu) lr g.
  p << 0, 0;
  Optimizer mom({OptimizerKind::Momentum, 0.1f, 0.9f});
  mom.step(p, g, all);
  mom.step(p, g, all);
  CHECK(p[0] == doctest::Approx(-(0.1 + 1.9 * 0.1) * 0.5));
  // Adam's first step moves every coordinate by lr, whatever the gradient's scale.
  p << 0, 0;
  Optimizer adam({OptimizerKind::Adam, 0.01f});
  adam.step(p, g, all);
  CHECK(p[0] == doctest::Approx(-0.01).epsilon(1e-4));
  CHECK(p[1] == doctest::Approx(-0.01).epsilon(1e-4));
  // After reset() Adam starts afresh: a 10x larger gradient again moves
  // exactly lr (without the reset the moment estimates would give ~0.81 lr).
  adam.reset();
  adam.step(p, 10.0f * g, all);
  CHECK(p[0] == doctest::Approx(-0.02).epsilon(1e-4));
}

TEST_CASE("optimizer: momentum of a parameter whose gradient stopped decays to 0, not a denormal") {
  // A decay factor above 1/2 leaves a float stuck at the smallest denormal (0.9 * 2^-149 rounds
  // back to 2^-149): the velocity would never reach 0, every later step would take x86 microcode
  // assists (core/elementwise.h), and a parameter near 0 would drift by 2^-149 a step forever.
  OptimizerConfig c;
  c.kind = OptimizerKind::Momentum;
  c.lr = 0.01f;
  Optimizer opt(c);
  Vector p = Vector::Zero(1), g = Vector::Constant(1, 2e-37f);  // velocity -2e-39: a denormal
  const std::vector<ParamRange> all = {{0, 1}};
  opt.step(p, g, all);
  g.setZero();
  for (int s = 0; s < 1200; ++s) opt.step(p, g, all);
  const float settled = p[0];
  for (int s = 0; s < 200; ++s) opt.step(p, g, all);
  CHECK(p[0] == settled);
}

TEST_CASE("optimizer: Adam fits a small linear regression") {
  // y = A x + c with a known A, c; a linear layer trained by Adam must find it.
  Rng rng(7);
  Matrix A(2, 3);
  A << 1, -2, 0.5f, 0, 3, -1;
  Vector c(2);
  c << 0.5f, -0.25f;
  Matrix X(3, 64);
  rng.fill_uniform(X.data(), X.size(), -1, 1);
  Matrix T = (A * X).colwise() + c;
  Mlp net({3, 2}, {Activation::Identity});
  net.init(rng);
  Optimizer opt({OptimizerKind::Adam, 0.05f});
  const float initial = evaluate(net, Loss::SquaredError, X, T);
  float first = 0, last = 0;
  for (int it = 0; it < 600; ++it) {
    last = train_step(net, opt, Loss::SquaredError, X, T);
    if (it == 0) first = last;
  }
  CHECK(first == initial);  // train_step reports the loss before its update
  CHECK(last < 1e-4f * first);
  CHECK((Matrix(net.W(0)) - A).cwiseAbs().maxCoeff() < 1e-3f);
  CHECK((Vector(net.b(0)) - c).cwiseAbs().maxCoeff() < 1e-3f);
}

TEST_CASE("train: deterministic 64-16-64 tanh autoencoder run (compare native vs wasm)") {
  Rng rng(42);
  Mlp net({64, 16, 64}, {Activation::Tanh, Activation::Tanh});
  net.init(rng);
  // Data on a 4-d subspace so a 16-unit code can learn it.
  Matrix basis(64, 4), coeff(4, 256);
  rng.fill_normal(basis.data(), basis.size(), 0.25f);
  rng.fill_uniform(coeff.data(), coeff.size(), -1, 1);
  Matrix data = (basis * coeff).array().tanh();
  Optimizer opt({OptimizerKind::Momentum, 0.05f, 0.9f});
  std::vector<int> order(256);
  float first_epoch = 0, last_epoch = 0;
  for (int epoch = 0; epoch < 20; ++epoch) {
    rng.shuffle(order.data(), 256);
    float total = 0;
    for (int start = 0; start < 256; start += 64) {
      Matrix X = gather_columns(data, order.data() + start, 64);
      total += train_step(net, opt, Loss::SquaredError, X, X);
    }
    if (epoch == 0) first_epoch = total;
    last_epoch = total;
  }
  std::printf("[deterministic run] 64-16-64 tanh AE, 20 epochs: E first %.9g last %.9g\n",
              first_epoch, last_epoch);
  CHECK(net.params_finite());
  CHECK(last_epoch < 0.2f * first_epoch);
  // Golden numbers from the native build (g++ 12, AVX-512); the wasm build must agree within
  // 1e-4 relative (measured difference about 1e-7), which is what "same seed, same result" means.
  CHECK(first_epoch == doctest::Approx(1455.99182).epsilon(1e-4));
  CHECK(last_epoch == doctest::Approx(4.62056398).epsilon(1e-4));
}
