#include <doctest/doctest.h>

#include <cmath>

#include "core/rng.h"
#include "labs/datasets.h"
#include "labs/deep_ae_lab.h"
#include "labs/deep_ae_model.h"

using namespace ll;

namespace {

// 400 binary-ish 8x8 "strokes": a horizontal or vertical bar at a random position, labels 0/1.
std::shared_ptr<const Dataset> bars() {
  auto d = std::make_shared<Dataset>();
  d->name = "bars";
  d->rows = d->cols = 8;
  d->count = 400;
  Rng rng(3);
  for (int i = 0; i < d->count; ++i) {
    const int vertical = int(rng.uniform_int(2)), at = int(rng.uniform_int(8));
    for (int p = 0; p < 64; ++p) {
      const bool on = vertical ? p % 8 == at : p / 8 == at;
      d->pixels.push_back(uint8_t(on ? 230 + rng.uniform_int(25) : rng.uniform_int(20)));
    }
    d->labels.push_back(uint8_t(vertical));
  }
  return d;
}

DeepAeSettings small(Pretrain p) {
  DeepAeSettings s;
  s.hidden = {32, 16};
  s.code = 4;
  s.pretrain = p;
  s.rbm_epochs = 8;
  s.epochs = 15;
  s.batch = 20;
  s.lr = 3e-3f;
  return s;
}

}  // namespace

TEST_CASE("deep ae lab: RBM pretraining, unrolling and fine-tuning lower the test error") {
  DeepAeLab lab(bars(), small(Pretrain::Rbm));
  lab.train(0);
  REQUIRE(lab.done());
  CHECK_FALSE(lab.diverged());
  REQUIRE(lab.rbms().size() == 3);  // 64-32, 32-16, 16-4 (linear hidden units)
  CHECK(lab.rbms()[2].units() == HiddenUnits::Gaussian);
  for (const auto& c : lab.rbm_curves()) CHECK(c.size() == 8);
  CHECK(lab.rbm_curves()[0].back() < lab.rbm_curves()[0].front());  // CD-1 learns
  CHECK(lab.deep().sizes() == std::vector<int>{64, 32, 16, 4, 16, 32, 64});
  CHECK(lab.deep().activation(2) == Activation::Identity);           // linear code
  REQUIRE(lab.curve().size() == 16);                                  // start + 15 epochs
  CHECK(lab.curve().back().deep < 0.7 * lab.curve().front().deep);
  CHECK(lab.curve().back().logistic < lab.curve().front().logistic);
  const nlohmann::json m = lab.metrics();
  CHECK(m["test_error_per_image"].get<double>() == doctest::Approx(lab.deep_test_error()));
  CHECK(m["pca_test_error_per_image"].get<double>() > 0);
  CHECK(m["progress"].get<double>() == 1.0);
  CHECK(lab.reconstruct_shown_deep().cols() == 2);  // one shown image per class
}

TEST_CASE("deep ae lab: the result depends on the seed only, not on how training is sliced") {
  DeepAeSettings s = small(Pretrain::None);
  s.epochs = 3;
  DeepAeLab a(bars(), s), b(bars(), s);
  a.train(0);
  while (!b.done()) b.train(0.01);
  CHECK(a.deep().params() == b.deep().params());
  CHECK(a.deep_test_error() == b.deep_test_error());
}

TEST_CASE("deep ae lab: with RBM pretraining too, slicing changes nothing (the RBMs' weights are drawn in pieces)") {
  DeepAeSettings s = small(Pretrain::Rbm);
  s.epochs = 1;
  DeepAeLab a(bars(), s), b(bars(), s);
  a.train(0);
  while (!b.done()) b.train(1e-6);  // one work item per call
  CHECK(a.deep().params() == b.deep().params());
  CHECK(a.deep_test_error() == b.deep_test_error());
}

TEST_CASE("deep ae lab: divergence stops with a message and keeps finite weights") {
  DeepAeSettings s = small(Pretrain::None);
  s.lr = 3e38f;  // an Adam step of ~lr per weight overflows float within two steps
  DeepAeLab lab(bars(), s);
  lab.train(0);
  CHECK(lab.done());
  REQUIRE(lab.diverged());
  CHECK(lab.status().find("diverged") != std::string::npos);
  CHECK(lab.deep().params_finite());
  CHECK(lab.metrics()["status"].get<std::string>() == lab.status());
}

TEST_CASE("deep ae lab: epoch_images makes each epoch a fresh subset of that many images") {
  DeepAeSettings s = small(Pretrain::Rbm);
  s.rbm_epochs = 2;
  s.epochs = 3;
  s.epoch_images = 60;  // of the 320 training images
  DeepAeLab lab(bars(), s);
  lab.train(0);
  REQUIRE(lab.done());
  CHECK(lab.metrics()["epoch_images"] == 60);
  CHECK(lab.rbm_curves()[0].size() == 2);
  CHECK(lab.curve().size() == 4);  // before fine-tuning, then after each epoch
  CHECK(lab.curve().back().deep < lab.curve().front().deep);
}

#ifndef __EMSCRIPTEN__  // real faces: the wasm test binary has no file access (datasets_test.cpp)
TEST_CASE("deep ae lab, faces slide: standardised faces, Gaussian visible units, linear output, PCA on the same images") {
  auto faces = std::make_shared<const Dataset>(load_dataset_file(dataset_path("faces")));
  DeepAeSettings s = faces_deep_ae_settings();
  CHECK(s.hidden == std::vector<int>{2000, 1000, 500});  // the slide's net, 625-2000-1000-500-30
  CHECK(s.code == 30);
  CHECK(s.rbm_lr_linear == 0.001f);                       // "a low learning rate of 0.001"
  s.hidden = {40};                                       // small enough for a unit test
  s.code = 10;
  s.augment_to = 400;
  s.rbm_epochs = 2;
  s.epochs = 3;
  s.batch = 20;
  DeepAeLab lab(faces, s);
  lab.train(0);
  REQUIRE(lab.done());
  CHECK_FALSE(lab.diverged());
  REQUIRE(lab.rbms().size() == 2);
  CHECK(lab.rbms()[0].visible_units() == VisibleUnits::Gaussian);  // real-valued pixels
  CHECK(lab.rbms()[1].visible_units() == VisibleUnits::Binary);
  CHECK(lab.deep().activations().back() == Activation::Identity);  // linear output
  CHECK_FALSE(lab.has_logistic_pca());
  // Training: 80 faces grown to 400; test: the split's 20 faces, untransformed; both standardised.
  const nlohmann::json m = lab.metrics();
  CHECK(m["train_images"] == 400);
  CHECK(m["test_images"] == 20);
  CHECK_FALSE(m.contains("logistic_pca_test_error_per_image"));
  CHECK(lab.pca().metrics()["train_images"] == 400);  // PCA fits the very images the nets train on
  const Matrix& test = lab.test_images();
  for (Index j = 0; j < test.cols(); ++j) {
    CHECK(double(test.col(j).mean()) == doctest::Approx(0.0).epsilon(1e-4));
    CHECK(double(test.col(j).squaredNorm()) / 625 == doctest::Approx(1.0).epsilon(1e-3));
  }
  // Errors are squared standard deviations summed over 625 pixels: an all-zero guess scores 625.
  const double deep = lab.deep_test_error(), pca = m["pca_test_error_per_image"].get<double>();
  MESSAGE("faces, tiny net: deep " << deep << ", PCA-10 " << pca);
  CHECK(std::isfinite(deep));
  CHECK(deep < 625);
  CHECK(lab.curve().back().deep < lab.curve().front().deep);  // fine-tuning lowers the error
  CHECK(pca > 0);
  CHECK(pca < 625);
  CHECK(lab.reconstruct_shown_logistic().size() == 0);
  CHECK(lab.reconstruct_shown_deep().cols() == 10);

  // Saved and loaded like the digit nets: the linear output says "standardised faces".
  DeepAeModel file = load_deep_ae(save_deep_ae(lab.deep(), "faces"), "faces.safetensors", {784, 625});
  CHECK(file.dataset == "faces");
  const DeepAeSettings again = DeepAeLab::settings_for(file.net, s);
  CHECK(again.standardize);
  DeepAeLab loaded(faces, again);
  loaded.adopt(std::move(file.net), "faces.safetensors");
  loaded.train(0);
  REQUIRE(loaded.done());
  CHECK(loaded.deep_test_error() == doctest::Approx(deep).epsilon(1e-5));
}
#endif
