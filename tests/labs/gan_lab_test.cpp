// The image GAN lab on a small synthetic dataset (runs natively and in wasm, no files), the
// Fréchet distance by hand, and the built-in scorer.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>

#include "core/frechet.h"
#include "labs/gan_lab.h"

using namespace ll;

namespace {
// 8x8 images of one bright horizontal or vertical bar (labels 0..15), 400 of them.
std::shared_ptr<const Dataset> bars() {
  auto d = std::make_shared<Dataset>();
  d->name = "bars";
  d->rows = d->cols = 8;
  d->count = 400;
  d->pixels.assign(size_t(d->count) * 64, 0);
  for (int i = 0; i < d->count; ++i) {
    const int k = i % 16;
    for (int t = 0; t < 8; ++t) d->pixels[size_t(i) * 64 + size_t(k < 8 ? k * 8 + t : t * 8 + (k - 8))] = 255;
    d->labels.push_back(uint8_t(k % 10));
  }
  return d;
}

GanLabSettings small() {
  GanLabSettings s;
  s.gan.latent = 4;
  s.gan.gen_hidden = {32};
  s.gan.disc_hidden = {32};
  s.gan.batch = 32;
  s.gan.d_opt.lr = s.gan.g_opt.lr = 2e-3f;
  s.max_iterations = 600;
  return s;
}

// Mean distance of G's grid samples to their nearest training image (RMS over pixels).
double mean_nearest(const GanLab& lab) {
  double sum = 0;
  for (int c = 0; c < GanLab::kGrid * GanLab::kGrid; ++c) sum += lab.nearest_training_image(c).rms;
  return sum / (GanLab::kGrid * GanLab::kGrid);
}
}  // namespace

TEST_CASE("image GAN lab learns bars: samples move towards training images, curves are recorded") {
  GanLab lab(bars(), small(), nullptr);
  CHECK(lab.grid().cols() == 64);
  CHECK(lab.grid().rows() == 64);
  const double before = mean_nearest(lab);
  lab.iterations(600);
  lab.evaluate();
  const double after = mean_nearest(lab);
  INFO("mean RMS distance to the nearest bar: ", before, " -> ", after);
  CHECK(lab.done());
  CHECK_FALSE(lab.run().diverged());
  CHECK(after < 0.6 * before);
  CHECK(lab.run().curve().size() == 600 / 25);
  CHECK(lab.run().d_steps() == 600);
  CHECK(lab.grid().minCoeff() >= 0.0f);
  CHECK(lab.grid().maxCoeff() <= 1.0f);
  CHECK(lab.interpolation().cols() == GanLab::kInterp);
  const nlohmann::json m = lab.metrics();
  CHECK(m["iteration"] == 600);
  CHECK(m["curve"].size() == 24);
}

TEST_CASE("image GAN lab: the same seed gives the same samples; k = 3 takes 3 D steps per iteration") {
  GanLabSettings s = small();
  s.gan.d_steps = 3;
  GanLab a(bars(), s, nullptr), b(bars(), s, nullptr);
  a.iterations(40);
  b.iterations(40);
  a.evaluate();
  b.evaluate();
  CHECK(a.grid() == b.grid());
  CHECK(a.run().d_steps() == 120);
  CHECK(a.run().g_steps() == 40);
}

TEST_CASE("image GAN lab: a huge learning rate diverges with a message and keeps the last good weights") {
  GanLabSettings s = small();
  s.gan.d_opt.kind = s.gan.g_opt.kind = OptimizerKind::SGD;
  s.gan.d_opt.lr = s.gan.g_opt.lr = 1e30f;
  GanLab lab(bars(), s, nullptr);
  lab.iterations(50);
  CHECK(lab.run().diverged());
  CHECK(lab.run().status().find("diverged") != std::string::npos);
  CHECK(lab.run().gan().finite());
  lab.evaluate();
  CHECK(lab.grid().allFinite());
}

TEST_CASE("Frechet distance by hand: 1-D Gaussians and a pure mean shift") {
  Gaussian a{Eigen::VectorXd::Constant(1, 1.0), Eigen::MatrixXd::Constant(1, 1, 4.0)};
  Gaussian b{Eigen::VectorXd::Constant(1, 3.0), Eigen::MatrixXd::Constant(1, 1, 1.0)};
  // (1 - 3)^2 + 4 + 1 - 2 sqrt(4 * 1) = 4 + 5 - 4 = 5
  CHECK(frechet_distance(a, b) == doctest::Approx(5.0));
  CHECK(frechet_distance(a, a) == doctest::Approx(0.0).epsilon(1e-9));
  Rng rng(2);
  Matrix F(5, 300);
  rng.fill_normal(F.data(), F.size(), 1.0f);
  const Gaussian g = fit_gaussian(F);
  Gaussian shifted = g;
  shifted.mean.array() += 0.5;
  CHECK(frechet_distance(g, shifted) == doctest::Approx(5 * 0.25).epsilon(1e-6));
}

TEST_CASE("built-in scorer: embedded by the build, 784-128-64-10, and scores real-looking histograms") {
  const Mlp net = builtin_scorer_net();
  CHECK(net.sizes() == std::vector<int>{784, 128, 64, 10});
  DigitScorer scorer(net);
  // Blank images all fall into one class: one class present, entropy 0 (mode collapse).
  const ScoreReport r = scorer.score(Matrix::Zero(784, 50));
  CHECK(r.classes_present == 1);
  CHECK(r.class_entropy == doctest::Approx(0.0));
  CHECK(r.samples == 50);
}

TEST_CASE("mode-collapse warning: silent while coverage grows, raised when classes are lost") {
  auto point = [](int64_t it, int classes, double entropy) {
    ScorePoint p;
    p.iteration = it;
    p.report.classes_present = classes;
    p.report.class_entropy = entropy;
    return p;
  };
  std::vector<ScorePoint> s{point(0, 1, 0.0), point(250, 4, 0.9), point(500, 7, 1.4)};
  CHECK(mode_collapse_message(s).empty());  // still learning: not a collapse
  s.push_back(point(750, 10, 2.2));
  CHECK(mode_collapse_message(s).empty());
  s.push_back(point(1000, 9, 2.1));
  CHECK(mode_collapse_message(s).empty());  // small wobble
  s.push_back(point(1250, 3, 0.8));
  CHECK(mode_collapse_message(s).find("3 of 10") != std::string::npos);
}

TEST_CASE("image GAN lab: same seed, same result natively and in wasm (golden numbers)") {
  GanLab lab(bars(), small(), nullptr);
  lab.iterations(50);
  const GanCurvePoint& p = lab.run().curve().back();
  char buf[96];
  std::snprintf(buf, sizeof buf, "golden: E_D %.9g E_G %.9g", p.d_loss, p.g_loss);
  MESSAGE(buf);
  // Golden numbers from the native build (g++ 12, AVX-512); the wasm build must agree within
  // 1e-4 relative, as for the MLP's deterministic run (tests/core/test_mlp.cpp).
  CHECK(p.d_loss == doctest::Approx(1.01681121).epsilon(1e-4));
  CHECK(p.g_loss == doctest::Approx(0.641345003).epsilon(1e-4));
}
