// LatentLab core benchmark: workloads W1-W5 of issue 3 on src/core, the same source natively and
// as wasm under node. Progress goes to stderr; the result is ONE JSON line on stdout, which
// bench/run parses and merges with the TF.js and PyTorch figures.
//
//   bench_core [--quick] [--only W1,W5] [--system NAME] [--threads N]
//
// Every figure is a median over repeated samples after a warm-up (bench_timer.h). Inputs are
// random (our PCG32, fixed seeds): speed does not depend on the values, and nothing to download.
#include <cstdio>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "bench_timer.h"
#include "core/activation.h"
#include "core/dense.h"
#include "core/gemm.h"
#include "core/loss.h"
#include "core/mlp.h"
#include "core/optimizer.h"
#include "core/parallel.h"
#include "core/pca.h"
#include "core/rng.h"
#include "core/train.h"

using namespace ll;
using bench::median_seconds;
using bench::TimerConfig;

namespace {

using RowMatrix = RowMatrixT<float>;
constexpr Activation kTanh = Activation::Tanh, kSig = Activation::Sigmoid, kId = Activation::Identity,
                     kRelu = Activation::ReLU, kLeaky = Activation::LeakyReLU;

// Results in insertion order, printed as one flat JSON object.
std::vector<std::pair<std::string, double>> g_results;
// Keeps the compiler from discarding work whose result is otherwise unused.
volatile float g_sink = 0;

void report(const std::string& key, double value, const char* unit) {
  g_results.emplace_back(key, value);
  std::fprintf(stderr, "  %-28s %12.4g %s\n", key.c_str(), value, unit);
}

Matrix uniform(Rng& rng, Index rows, Index cols, float lo, float hi) {
  Matrix m(rows, cols);
  rng.fill_uniform(m.data(), m.size(), lo, hi);
  return m;
}

OptimizerConfig momentum_sgd() {
  OptimizerConfig c;
  c.kind = OptimizerKind::Momentum;
  c.lr = 0.01f;
  c.momentum = 0.9f;
  return c;
}

// W1: 64-16-64 tanh autoencoder (the lecture's 8x8-patch compression net), MSE, momentum, batch 64.
void w1(const TimerConfig& cfg) {
  Rng rng(1);
  Mlp net({64, 16, 64}, {kTanh, kTanh});
  net.init(rng);
  Optimizer opt(momentum_sgd());
  Matrix X = uniform(rng, 64, 64, -1, 1);
  double t = median_seconds([&] { g_sink = g_sink + train_step(net, opt, Loss::SquaredError, X, X); }, cfg);
  report("W1", 64 / t, "samples/s");
}

const std::vector<int> kW2Sizes = {784, 1000, 500, 250, 30, 250, 500, 1000, 784};
constexpr int kW2Batch = 100;

// The FLOPs the issue counts per W2 step: 2 per multiply-add, three GEMMs per weight (forward,
// dW, dX). The first layer's dX is in this count but never computed (nothing needs it).
double w2_flops() {
  double weights = 0;
  for (size_t l = 0; l + 1 < kW2Sizes.size(); ++l) weights += double(kW2Sizes[l]) * kW2Sizes[l + 1];
  return 6.0 * weights * kW2Batch;
}

// W2: the Hinton & Salakhutdinov (2006) deep autoencoder, logistic units, linear 30-d code,
// cross-entropy on [0,1] inputs, momentum, batch 100. Returns seconds per step.
double w2(const TimerConfig& cfg) {
  Rng rng(2);
  std::vector<Activation> acts = {kSig, kSig, kSig, kId, kSig, kSig, kSig, kSig};
  Mlp net(kW2Sizes, acts);
  net.init(rng);
  Optimizer opt(momentum_sgd());
  Matrix X = uniform(rng, 784, kW2Batch, 0, 1);
  double t = median_seconds([&] { g_sink = g_sink + train_step(net, opt, Loss::CrossEntropy, X, X); }, cfg);
  report("W2", kW2Batch / t, "samples/s");
  report("W2_gflops", w2_flops() / t / 1e9, "GFLOP/s");
  return t;
}

// The operands of one dense layer's three products (core/dense.h) at batch B.
struct LayerOperands {
  RowMatrix W, dW;
  Matrix X, dZ, Z, dX;
  LayerOperands(Rng& rng, Index in, Index out, Index B)
      : W(RowMatrix(uniform(rng, out, in, -0.1f, 0.1f))), dW(out, in),
        X(uniform(rng, in, B, -1, 1)), dZ(uniform(rng, out, B, -1, 1)), Z(out, B), dX(in, B) {}
  void forward() { product_w_x<float>(W, X, Z); }
  void weight_grad() {
    product_dz_xt<float>(dZ, X, Eigen::Map<RowMatrix>(dW.data(), dW.rows(), dW.cols()));
  }
  void input_grad() { product_wt_dz<float>(W, dZ, dX); }
};

std::vector<LayerOperands> layers(Rng& rng, const std::vector<int>& sizes, Index B) {
  std::vector<LayerOperands> net;
  for (size_t l = 0; l + 1 < sizes.size(); ++l) net.emplace_back(rng, sizes[l], sizes[l + 1], B);
  return net;
}

// The GEMM ceiling of W2: every GEMM one step really performs, through the same functions and
// types as core/dense.h (row-major weights, column-major batches), each timed alone.
// W2_gemm_gflops is the rate our GEMM reaches at exactly these shapes; W2_gemm_share is the
// fraction of a step those GEMMs would take at that rate (1.0 = pure GEMM, no overhead).
// W2_gemm_eigen_gflops times the same products as plain Eigen expressions, the reference our
// wasm kernel has to beat (natively core/gemm.cpp hands them to Eigen anyway).
void w2_gemm_bound(const TimerConfig& cfg, double step_s) {
  Rng rng(3);
  double time = 0, eigen_time = 0, flops = 0;
  auto net = layers(rng, kW2Sizes, kW2Batch);
  for (size_t l = 0; l < net.size(); ++l) {
    LayerOperands& L = net[l];
    time += median_seconds([&] { L.forward(); }, cfg);
    eigen_time += median_seconds([&] { L.Z.noalias() = L.W * L.X; }, cfg);
    time += median_seconds([&] { L.weight_grad(); }, cfg);
    eigen_time += median_seconds([&] { L.dW.noalias() = L.dZ * L.X.transpose(); }, cfg);
    if (l > 0) {
      time += median_seconds([&] { L.input_grad(); }, cfg);
      eigen_time += median_seconds([&] { L.dX.noalias() = L.W.transpose() * L.dZ; }, cfg);
    }
    flops += (l > 0 ? 3 : 2) * 2.0 * double(L.W.size()) * kW2Batch;
    g_sink = g_sink + L.Z(0, 0) + L.dW(0, 0) + L.dX(0, 0);
  }
  report("W2_gemm_gflops", flops / time / 1e9, "GFLOP/s");
  report("W2_gemm_share", time / step_s, "of a step");
  report("W2_gemm_eigen_gflops", flops / eigen_time / 1e9, "GFLOP/s");
}

const std::vector<int> kW3GenSizes = {100, 256, 512, 1024, 784}, kW3DiscSizes = {784, 512, 256, 1};
constexpr int kW3Batch = 64;

// W3: one iteration of an MLP GAN (Goodfellow et al. 2014) with the non-saturating G loss:
// a D step on 64 real + 64 generated samples, then a G step through the frozen D. Adam, batch 64.
// Returns seconds per iteration.
double w3(const TimerConfig& cfg) {
  Rng rng(4);
  const int B = kW3Batch;
  Mlp G(kW3GenSizes, {kRelu, kRelu, kRelu, kTanh});
  Mlp D(kW3DiscSizes, {kLeaky, kLeaky, kSig});
  G.init(rng);
  D.init(rng);
  OptimizerConfig adam;
  adam.kind = OptimizerKind::Adam;
  adam.lr = 2e-4f;
  adam.beta1 = 0.5f;
  Optimizer optG(adam), optD(adam);
  Matrix real = uniform(rng, 784, B, -1, 1), z(100, B), Xd(784, 2 * B), dZd, dZg;
  Matrix Td(1, 2 * B), ones = Matrix::Ones(1, B);
  Td << Matrix::Ones(1, B), Matrix::Zero(1, B);  // D's targets: real = 1, fake = 0

  auto iteration = [&] {
    // D step: generated samples are inputs only (no gradient into G).
    rng.fill_normal(z.data(), z.size(), 1.0f);
    Xd << real, G.forward(z);
    g_sink = g_sink + train_step(D, optD, Loss::CrossEntropy, Xd, Td);
    // G step: loss -ln D(G(z)); D is frozen so it passes dE/dX back without computing its dW.
    rng.fill_normal(z.data(), z.size(), 1.0f);
    const Matrix& p = D.forward(G.forward(z));
    for (int l = 0; l < D.num_layers(); ++l) D.set_frozen(l, true);
    g_sink = g_sink + loss_and_grad(Loss::CrossEntropy, kSig, D.logits(), p, ones, dZd);
    dZd *= 1.0f / B;
    D.backward(dZd, /*want_input_grad=*/true);
    activation_backward(kTanh, G.logits(), G.output(), D.input_grad(), dZg);
    G.backward(dZg);
    optG.step(G);
    for (int l = 0; l < D.num_layers(); ++l) D.set_frozen(l, false);
  };
  const double t = median_seconds(iteration, cfg);
  report("W3", 1.0 / t, "iterations/s");
  return t;
}

// The GEMM share of W3: every product one iteration performs, at the same shapes and through the
// same functions, run back to back on random operands without the rest of the iteration (Adam,
// activations, losses, copies). W3_gemm_share = their time / an iteration's time.
void w3_gemm_share(const TimerConfig& cfg, double iteration_s) {
  Rng rng(5);
  auto G = layers(rng, kW3GenSizes, kW3Batch), D2 = layers(rng, kW3DiscSizes, 2 * kW3Batch),
       D = layers(rng, kW3DiscSizes, kW3Batch);
  const double t = median_seconds([&] {
    // D step: G forward, D forward and backward on 64 real + 64 generated samples (no dX into
    // the data, so layer 0 has none).
    for (auto& L : G) L.forward();
    for (auto& L : D2) L.forward();
    for (size_t l = 0; l < D2.size(); ++l) {
      D2[l].weight_grad();
      if (l > 0) D2[l].input_grad();
    }
    // G step: G and D forward, dX back through the frozen D (no dW), then G's backward.
    for (auto& L : G) L.forward();
    for (auto& L : D) L.forward();
    for (auto& L : D) L.input_grad();
    for (size_t l = 0; l < G.size(); ++l) {
      G[l].weight_grad();
      if (l > 0) G[l].input_grad();
    }
  }, cfg);
  g_sink = g_sink + G[0].dW(0, 0) + D[0].dX(0, 0);
  report("W3_gemm_share", t / iteration_s, "of an iteration");
}

// W4: PCA of 10,000 x 784, k = 30 (Pca::fit: mean, covariance by a rank update, full symmetric
// eigendecomposition). Data: a random 30-d subspace with decaying scales plus isotropic noise
// (same recipe as tfjs_bench.cjs, so its iterative eigensolver converges as on image data).
void w4(const TimerConfig& cfg) {
  Rng rng(5);
  const Index d = 784, n = 10000, k = 30;
  Matrix basis = uniform(rng, d, k, -1, 1), codes(k, n), noise = uniform(rng, d, n, -0.1f, 0.1f);
  rng.fill_normal(codes.data(), codes.size(), 1.0f);
  for (Index j = 0; j < k; ++j) codes.row(j) *= 1.0f / (1.0f + j);
  Matrix X = basis * codes + noise;
  Pca pca;
  TimerConfig c = cfg;
  c.min_sample_s = 0;  // one fit per sample: a fit is long enough to time on its own
  double t = median_seconds([&] { pca.fit(X, int(k)); g_sink = g_sink + pca.eigenvalues()[0]; }, c);
  report("W4", t, "s");
  std::fprintf(stderr, "  (W4: lambda_1 = %.4g)\n", pca.eigenvalues()[0]);
}

// W5: C = A B for (m x k)(k x n) through core/gemm.h, plain and with either operand stored
// transposed (A^T B is what dense_backward_input does, A B^T what dense_backward_params does).
// The _eigen figures are the plain product as an Eigen expression, for comparison.
void w5(const TimerConfig& cfg) {
  Rng rng(6);
  const int shapes[][3] = {{100, 784, 1000}, {64, 64, 16}, {1000, 1000, 1000}};
  for (const auto& s : shapes) {
    const Index m = s[0], k = s[1], n = s[2];
    const std::string name = "W5_" + std::to_string(m) + "x" + std::to_string(k) + "x" + std::to_string(n);
    const double flops = 2.0 * m * k * n;
    Matrix A = uniform(rng, m, k, -1, 1), B = uniform(rng, k, n, -1, 1), C(m, n);
    Matrix At = A.transpose(), Bt = B.transpose();
    auto rate = [&](bool ta, bool tb) {
      const float* a = ta ? At.data() : A.data();
      const float* b = tb ? Bt.data() : B.data();
      auto f = [&] { gemm({m, n, k}, a, ta ? k : m, ta, b, tb ? n : k, tb, 0.0f, C.data(), m); };
      return flops / median_seconds(f, cfg) / 1e9;
    };
    report(name, rate(false, false), "GFLOP/s");
    report(name + "_At", rate(true, false), "GFLOP/s");
    report(name + "_Bt", rate(false, true), "GFLOP/s");
    report(name + "_eigen", flops / median_seconds([&] { C.noalias() = A * B; }, cfg) / 1e9, "GFLOP/s");
    g_sink = g_sink + C(0, 0);
  }
}

bool selected(const std::string& only, const char* w) {
  return only.empty() || ("," + only + ",").find(std::string(",") + w + ",") != std::string::npos;
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  int threads = 1;  // the pool's size (core/parallel.h); 1 = the single-thread figures
  std::string only, system =
#ifdef __EMSCRIPTEN__
      "latentlab_wasm";
#else
      "latentlab_native";
#endif
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--quick")) quick = true;
    else if (!std::strcmp(argv[i], "--only") && i + 1 < argc) only = argv[++i];
    else if (!std::strcmp(argv[i], "--system") && i + 1 < argc) system = argv[++i];
    else if (!std::strcmp(argv[i], "--threads") && i + 1 < argc) threads = std::atoi(argv[++i]);
    else {
      std::fprintf(stderr, "usage: bench_core [--quick] [--only W1,W2,W3,W4,W5] [--system NAME] [--threads N]\n");
      return 2;
    }
  }
  // Quick: a few minutes for everything; full: longer samples, 11 of them, for stable medians.
  TimerConfig cfg;
  cfg.min_sample_s = quick ? 0.1 : 0.3;
  cfg.samples = quick ? 5 : 11;
  ll::set_thread_count(threads);
  std::fprintf(stderr, "%s (Eigen SIMD: %s, %d threads)\n", system.c_str(), Eigen::SimdInstructionSetsInUse(),
               ll::thread_count());

  if (selected(only, "W1")) w1(cfg);
  if (selected(only, "W2")) {
    double step_s = w2(cfg);
    w2_gemm_bound(cfg, step_s);
  }
  if (selected(only, "W3")) {
    double iteration_s = w3(cfg);
    w3_gemm_share(cfg, iteration_s);
  }
  if (selected(only, "W4")) w4(cfg);
  if (selected(only, "W5")) w5(cfg);

  std::printf("{\"system\": \"%s\", \"quick\": %s, \"simd\": \"%s\", \"threads\": %d, \"results\": {",
              system.c_str(), quick ? "true" : "false", Eigen::SimdInstructionSetsInUse(), ll::thread_count());
  for (size_t i = 0; i < g_results.size(); ++i)
    std::printf("%s\"%s\": %.6g", i ? ", " : "", g_results[i].first.c_str(), g_results[i].second);
  std::printf("}}\n");
  return 0;
}
