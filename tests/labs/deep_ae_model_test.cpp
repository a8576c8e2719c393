// The deep autoencoder's model file and its 2-D map: save/load round trip through the lab,
// files that are not one of the lab's autoencoders refused with a reason, test codes and the
// decoder agree with the whole net, and the class-separation number (k-NN accuracy).
#include <doctest/doctest.h>

#include "core/model_io.h"
#include "core/rng.h"
#include "labs/deep_ae_lab.h"
#include "labs/deep_ae_model.h"
#include "labs/knn.h"

using namespace ll;

namespace {

// 300 8x8 images of two kinds (a bar at the top half or at the bottom half), labels 0/1.
std::shared_ptr<const Dataset> halves() {
  auto d = std::make_shared<Dataset>();
  d->name = "halves";
  d->rows = d->cols = 8;
  d->count = 300;
  Rng rng(5);
  for (int i = 0; i < d->count; ++i) {
    const int kind = int(rng.uniform_int(2)), row = int(rng.uniform_int(4)) + 4 * kind;
    for (int p = 0; p < 64; ++p) d->pixels.push_back(uint8_t(p / 8 == row ? 240 : rng.uniform_int(30)));
    d->labels.push_back(uint8_t(kind));
  }
  return d;
}

DeepAeSettings map_settings() {
  DeepAeSettings s;
  s.hidden = {16, 8};
  s.code = 2;
  s.pretrain = Pretrain::None;
  s.epochs = 6;
  s.batch = 20;
  s.lr = 5e-3f;
  return s;
}

}  // namespace

TEST_CASE("deep ae model: a trained lab's net saved and loaded into a new lab gives the same test error") {
  DeepAeLab trained(halves(), map_settings());
  trained.train(0);
  REQUIRE(trained.done());
  const std::vector<uint8_t> bytes = save_deep_ae(trained.deep(), "halves");

  DeepAeModel m = load_deep_ae(bytes, "net.safetensors", {64});
  CHECK(m.dataset == "halves");
  CHECK(m.net.sizes() == std::vector<int>{64, 16, 8, 2, 8, 16, 64});
  DeepAeSettings base = map_settings();
  base.hidden = {99};  // replaced by the file's architecture
  base.epochs = 1;
  const DeepAeSettings s = DeepAeLab::settings_for(m.net, base);
  CHECK(s.hidden == std::vector<int>{16, 8});
  CHECK(s.code == 2);
  DeepAeLab loaded(halves(), s);
  loaded.adopt(std::move(m.net), "net.safetensors");
  loaded.train(0);
  REQUIRE(loaded.done());
  // Only the logistic PCA trained; the deep net is the file's, evaluated on the same test split.
  CHECK(loaded.deep_test_error() == doctest::Approx(trained.deep_test_error()).epsilon(1e-5));
  CHECK(loaded.deep().params() == trained.deep().params());
  CHECK(loaded.metrics()["loaded_from"] == "net.safetensors");
}

TEST_CASE("deep ae model: files that are not the lab's autoencoders are refused with the reason") {
  DeepAeLab lab(halves(), map_settings());
  const std::vector<uint8_t> good = save_deep_ae(lab.deep(), "halves");
  CHECK_THROWS_WITH_AS(load_deep_ae(good, "a.safetensors", {784}),
                       doctest::Contains("input and output must have 784 units"), FormatError);
  Mlp classifier({64, 16, 10}, {Activation::Sigmoid, Activation::Identity});
  CHECK_THROWS_WITH_AS(load_deep_ae(save_mlp(classifier), "c.safetensors", {64}),
                       doctest::Contains("input and output must have 64 units"), FormatError);
  Mlp odd({64, 16, 8, 64}, {Activation::Sigmoid, Activation::Identity, Activation::Sigmoid});
  CHECK_THROWS_WITH_AS(load_deep_ae(save_mlp(odd), "o.safetensors", {64}),
                       doctest::Contains("even number of layers"), FormatError);
  Mlp lopsided({64, 16, 2, 8, 64}, {Activation::Sigmoid, Activation::Identity, Activation::Sigmoid,
                                    Activation::Sigmoid});
  CHECK_THROWS_WITH_AS(load_deep_ae(save_mlp(lopsided), "l.safetensors", {64}),
                       doctest::Contains("mirror"), FormatError);
  Mlp tanh_code({64, 2, 64}, {Activation::Tanh, Activation::Sigmoid});
  CHECK_THROWS_WITH_AS(load_deep_ae(save_mlp(tanh_code), "t.safetensors", {64}),
                       doctest::Contains("code layer must be linear"), FormatError);
  Mlp tanh_out({64, 2, 64}, {Activation::Identity, Activation::Tanh});
  CHECK_THROWS_WITH_AS(load_deep_ae(save_mlp(tanh_out), "t.safetensors", {784, 64}),
                       doctest::Contains("output layer must be logistic or linear"), FormatError);
  Mlp tanh_hidden({64, 8, 2, 8, 64}, {Activation::Tanh, Activation::Identity, Activation::Sigmoid, Activation::Sigmoid});
  CHECK_THROWS_WITH_AS(load_deep_ae(save_mlp(tanh_hidden), "h.safetensors", {64}),
                       doctest::Contains("every hidden layer must be logistic"), FormatError);
  CHECK_THROWS_WITH_AS(load_deep_ae(good, "a.safetensors", {784, 625}),
                       doctest::Contains("784 or 625-pixel images (input and output must have 784 or 625 units)"), FormatError);
  std::vector<uint8_t> truncated(good.begin(), good.begin() + long(good.size() / 2));
  CHECK_THROWS_AS(load_deep_ae(truncated, "cut.safetensors", {64}), FormatError);
  CHECK_THROWS_AS(load_deep_ae({}, "empty.safetensors", {64}), FormatError);
}

TEST_CASE("deep ae lab: 2-D test codes, decoding them equals the whole net, and PCA-2 codes") {
  DeepAeLab lab(halves(), map_settings());
  CHECK(lab.test_codes().size() == 0);
  lab.train(0);
  REQUIRE(lab.done());
  const Matrix& codes = lab.test_codes();
  REQUIRE(codes.rows() == 2);
  REQUIRE(codes.cols() == lab.test_images().cols());
  REQUIRE(lab.test_labels().size() == size_t(codes.cols()));
  Mlp net = lab.deep();
  const Matrix whole = net.forward(lab.test_images().leftCols(5));
  const Matrix decoded = lab.decode(codes.leftCols(5));
  CHECK((whole - decoded).cwiseAbs().maxCoeff() < 1e-5f);
  REQUIRE(lab.pca_test_codes().rows() == 2);
  const Matrix pca_back = lab.pca_decode(lab.pca_test_codes().leftCols(5));
  CHECK(pca_back.rows() == 64);
  // The autoencoder's map keeps the two kinds apart; PCA-2's mixes some of them.
  CHECK(lab.deep_knn_accuracy() > 0.9);
  CHECK(lab.pca_knn_accuracy() > 0.6);
  CHECK(lab.metrics()["knn5_accuracy"].get<double>() == lab.deep_knn_accuracy());
}

TEST_CASE("knn accuracy: separated clusters score 1, labels independent of position about chance") {
  Rng rng(7);
  const int n = 400;
  Matrix pts(2, n);
  std::vector<int> clustered(n), shuffled(n);
  for (int i = 0; i < n; ++i) {
    clustered[size_t(i)] = i % 4;
    shuffled[size_t(i)] = int(rng.uniform_int(4));
    pts(0, i) = 10.0f * float(i % 4) + rng.normal();
    pts(1, i) = rng.normal();
  }
  CHECK(knn_accuracy(pts, clustered) == 1.0);
  const double chance = knn_accuracy(pts, shuffled);
  CHECK(chance > 0.1);
  CHECK(chance < 0.45);
  CHECK_THROWS(knn_accuracy(pts, std::vector<int>(3, 0)));
}
