// Same seed, same bits, whatever the thread count (issue 14): the work is split into tasks by
// its shape alone (core/parallel.h, gemm_split), so 1, 2 and 8 threads compute every number the
// same way. Checked on the products themselves, a training step of the deep autoencoder (W2), an
// iteration of the MLP GAN (W3) and a PCA fit on MNIST. In the single-thread wasm build
// set_thread_count does nothing and the checks hold trivially; natively and in the threaded
// wasm build they exercise the pool.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "core/gemm.h"
#include "core/mlp.h"
#include "core/optimizer.h"
#include "core/parallel.h"
#include "core/rng.h"
#include "core/train.h"
#include "labs/datasets.h"
#include "labs/gan.h"
#include "labs/pca_lab.h"

using namespace ll;

namespace {

bool same_bits(const float* a, const float* b, Index n) { return std::memcmp(a, b, size_t(n) * sizeof(float)) == 0; }

// Runs `f` with 1, 2 and 8 threads and returns the three results.
template <class F>
auto with_threads(F f) {
  std::vector<decltype(f())> out;
  for (int t : {1, 2, 8}) {
    set_thread_count(t);
    out.push_back(f());
  }
  set_thread_count(1);
  return out;
}

// MNIST natively; the wasm test binary has no file access (datasets_test.cpp), so there the same
// shapes get 10,000 random sparse 28x28 "strokes" (the bits, not the digits, are under test).
const Dataset& mnist() {
#ifndef __EMSCRIPTEN__
  static const Dataset d = load_dataset_file(dataset_path("mnist"));
#else
  static const Dataset d = [] {
    Dataset s;
    s.name = "strokes";
    s.rows = s.cols = 28;
    s.count = 10000;
    Rng rng(9, 9);
    for (int i = 0; i < s.count * 784; ++i) s.pixels.push_back(uint8_t(rng.uniform() < 0.2f ? rng.uniform_int(256) : 0));
    for (int i = 0; i < s.count; ++i) s.labels.push_back(uint8_t(i % 10));
    return s;
  }();
#endif
  return d;
}

}  // namespace

TEST_CASE("parallel_for runs every task once, with any thread count, also nested") {
  for (int t : {1, 2, 8}) {
    set_thread_count(t);
    CHECK(thread_count() == (hardware_threads() > 1 || t == 1 ? t : thread_count()));
    std::vector<int> hits(1000, 0);
    parallel_for(1000, [&](int i) {
      ++hits[size_t(i)];
      if (i == 7) parallel_for(3, [&](int) {});  // a call from inside a task runs serially
    });
    CHECK(std::count(hits.begin(), hits.end(), 1) == 1000);
  }
  set_thread_count(1);
}

TEST_CASE("gemm: the split product is bit-identical for 1, 2 and 8 threads and to one undivided call") {
  Rng rng(5, 1);
  // W2's shapes: forward (1000 x 100), weight gradient (784 x 1000), input gradient.
  struct Case { GemmShape s; bool ta, tb; };
  for (const Case& c : {Case{{1000, 100, 784}, true, false}, Case{{784, 1000, 100}, false, true},
                        Case{{784, 100, 1000}, false, false}, Case{{500, 300, 250}, true, true}}) {
    const GemmShape s = c.s;
    REQUIRE(gemm_split(s).count > 1);
    const Index lda = c.ta ? s.k : s.m, ldb = c.tb ? s.n : s.k;
    std::vector<float> A(size_t(s.m * s.k)), B(size_t(s.k * s.n));
    rng.fill_uniform(A.data(), Index(A.size()), -1, 1);
    rng.fill_uniform(B.data(), Index(B.size()), -1, 1);
    const auto results = with_threads([&] {
      std::vector<float> C(size_t(s.m * s.n));
      gemm(s, A.data(), lda, c.ta, B.data(), ldb, c.tb, 0.0f, C.data(), s.m);
      return C;
    });
    CHECK(results[0] == results[1]);
    CHECK(results[0] == results[2]);
    // One undivided call: the packed kernel in wasm, Eigen natively (what gemm() runs per block).
    std::vector<float> whole(size_t(s.m * s.n));
#ifdef __wasm_simd128__
    gemm_packed(s, A.data(), lda, c.ta, B.data(), ldb, c.tb, 0.0f, whole.data(), s.m);
#else
    using Map = Eigen::Map<const Matrix>;
    const Map a(A.data(), c.ta ? s.k : s.m, c.ta ? s.m : s.k), b(B.data(), c.tb ? s.n : s.k, c.tb ? s.k : s.n);
    Eigen::Map<Matrix> w(whole.data(), s.m, s.n);
    if (c.ta && c.tb) w.noalias() = a.transpose() * b.transpose();
    else if (c.ta) w.noalias() = a.transpose() * b;
    else if (c.tb) w.noalias() = a * b.transpose();
    else w.noalias() = a * b;
#endif
    CHECK(same_bits(whole.data(), results[0].data(), s.m * s.n));
  }
}

TEST_CASE("deep autoencoder (W2): three Adam steps on MNIST give the same bits with 1, 2 and 8 threads") {
  const Matrix X = to_matrix(mnist(), [] {
    std::vector<int> idx(100);
    for (int i = 0; i < 100; ++i) idx[size_t(i)] = i * 37;
    return idx;
  }());
  const auto results = with_threads([&] {
    const std::vector<Activation> acts = {Activation::Sigmoid, Activation::Sigmoid, Activation::Sigmoid,
                                          Activation::Identity, Activation::Sigmoid, Activation::Sigmoid,
                                          Activation::Sigmoid, Activation::Sigmoid};
    Mlp net({784, 1000, 500, 250, 30, 250, 500, 1000, 784}, acts);
    Rng rng(1, 1);
    net.init(rng);
    OptimizerConfig oc;
    oc.kind = OptimizerKind::Adam;
    oc.lr = 1e-3f;
    Optimizer opt(oc);
    std::vector<float> losses;
    for (int step = 0; step < 3; ++step) losses.push_back(train_step(net, opt, Loss::CrossEntropy, X, X));
    return std::make_pair(losses, net.params());
  });
  MESSAGE("W2 losses: " << results[0].first[0] << " " << results[0].first[1] << " " << results[0].first[2]);
  for (int i : {1, 2}) {
    CHECK(results[size_t(i)].first == results[0].first);
    CHECK(same_bits(results[size_t(i)].second.data(), results[0].second.data(), results[0].second.size()));
  }
}

TEST_CASE("MLP GAN (W3): two iterations give the same bits with 1, 2 and 8 threads") {
  const Matrix X = to_matrix(mnist(), [] {
    std::vector<int> idx(64);
    for (int i = 0; i < 64; ++i) idx[size_t(i)] = i * 101;
    return idx;
  }()).array() * 2.0f - 1.0f;
  const auto results = with_threads([&] {
    GanConfig c;
    c.latent = 100;
    c.gen_hidden = {256, 512, 1024};
    c.disc_hidden = {512, 256};
    Gan gan(c);
    std::vector<double> losses;
    for (int it = 0; it < 2; ++it) {
      losses.push_back(gan.step_discriminator(X).d_loss);
      losses.push_back(gan.step_generator().g_loss);
    }
    return std::make_pair(losses, gan.generator().params());
  });
  for (int i : {1, 2}) {
    CHECK(results[size_t(i)].first == results[0].first);
    CHECK(same_bits(results[size_t(i)].second.data(), results[0].second.data(), results[0].second.size()));
  }
}

TEST_CASE("PCA on MNIST gives the same bits with 1, 2 and 8 threads") {
  auto data = std::make_shared<const Dataset>(mnist());
  const auto results = with_threads([&] {
    PcaLab lab(data);
    lab.fit(0);
    return lab.test_error_per_image(30);
  });
  CHECK(results[1] == results[0]);
  CHECK(results[2] == results[0]);
}
