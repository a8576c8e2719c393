// The pretraining lab (labs/pretrain_lab.h): the labelled set rule, a whole small run, same seed
// same result, relabel() keeping the pretrained encoder, bad input. The MNIST check of the issue's
// target (100 labels: pretrained beats random init) runs natively only, like the datasets tests.
#include <doctest/doctest.h>

#include <set>

#include "core/rng.h"
#include "labs/pretrain_lab.h"

using namespace ll;

namespace {

// 500 noisy 8x8 images in 10 classes: class c is a horizontal bar at row c (c < 5) or a
// vertical bar at column c - 5, with random ink elsewhere.
std::shared_ptr<const Dataset> bars10() {
  auto d = std::make_shared<Dataset>();
  d->name = "bars10";
  d->rows = d->cols = 8;
  d->count = 500;
  Rng rng(4);
  for (int i = 0; i < d->count; ++i) {
    const int c = int(rng.uniform_int(10));
    for (int p = 0; p < 64; ++p) {
      const bool on = c < 5 ? p / 8 == c + 1 : p % 8 == c - 4;
      d->pixels.push_back(uint8_t(on ? 200 + rng.uniform_int(56) : rng.uniform() < 0.08f ? 255 : 0));
    }
    d->labels.push_back(uint8_t(c));
  }
  return d;
}

PretrainSettings small() {
  PretrainSettings s;
  s.hidden = {32, 16};
  s.labels = 30;
  s.rbm_epochs = 3;
  s.steps = 60;
  s.eval_every = 20;
  s.batch = 10;
  return s;
}

}  // namespace

TEST_CASE("pretrain lab: labelled images are the first N of a fixed class-balanced order") {
  auto d = bars10();
  const Split split = dataset_split(*d);
  const std::vector<int> a = balanced_labelled(*d, split.train, 20), b = balanced_labelled(*d, split.train, 35);
  REQUIRE(a.size() == 20);
  int per_class[10] = {};
  for (int i : a) ++per_class[d->labels[size_t(i)]];
  for (int c : per_class) CHECK(c == 2);
  for (size_t i = 0; i < a.size(); ++i) CHECK(a[i] == b[i]);  // nested: a smaller N is a prefix
  CHECK(std::set<int>(b.begin(), b.end()).size() == b.size());
  // Round robin over the classes, each class in dataset order.
  CHECK(d->labels[size_t(a[0])] == 0);
  CHECK(d->labels[size_t(a[9])] == 9);
  CHECK(a[10] > a[0]);
  // More than there are: all of them, once.
  CHECK(balanced_labelled(*d, split.train, 100000).size() == split.train.size());
}

TEST_CASE("pretrain lab: a small run trains both arms and reports test accuracy curves") {
  PretrainLab lab(bars10(), small());
  CHECK_FALSE(lab.pretrained());
  lab.train(0);
  REQUIRE(lab.done());
  CHECK_FALSE(lab.diverged());
  CHECK(lab.pretrained());
  REQUIRE(lab.rbm_curves().size() == 2);
  CHECK(lab.rbm_curves()[0].size() == 3);
  CHECK(lab.rbm_curves()[0].back() < lab.rbm_curves()[0].front());  // CD-1 learns the images
  REQUIRE(lab.curve().size() == 4);  // steps 0, 20, 40, 60
  CHECK(lab.curve().back().step == 60);
  CHECK(lab.curve().back().pretrained > 0.5);  // chance is 0.1
  CHECK(lab.curve().back().random > 0.3);
  const nlohmann::json m = lab.metrics();
  CHECK(m["test_accuracy"]["pretrained"].get<double>() == lab.curve().back().pretrained);
  CHECK(m["test_accuracy"]["random"].get<double>() == lab.curve().back().random);
  CHECK(m["labels"] == 30);
  CHECK(m["architecture"] == std::vector<int>{64, 32, 16, 10});
  CHECK(m["progress"] == 1.0);
}

TEST_CASE("pretrain lab: same seed same result; relabel keeps the encoder and equals a fresh run") {
  PretrainLab a(bars10(), small()), b(bars10(), small());
  a.train(0);
  b.train(3.0);  // a different slicing of the same work
  while (!b.done()) b.train(3.0);
  CHECK(a.metrics()["curve"] == b.metrics()["curve"]);

  const Vector w = a.rbms()[0].params();
  a.relabel(50);
  CHECK_FALSE(a.done());
  CHECK(a.curve().empty());
  a.train(0);
  CHECK(a.rbms()[0].params() == w);  // no new pretraining
  PretrainSettings s = small();
  s.labels = 50;
  PretrainLab fresh(bars10(), s);
  fresh.train(0);
  CHECK(a.metrics()["curve"] == fresh.metrics()["curve"]);
}

TEST_CASE("pretrain lab: bad input is refused with a message") {
  PretrainSettings s = small();
  s.labels = 0;
  CHECK_THROWS_WITH(PretrainLab(bars10(), s), doctest::Contains("labels must be between 1 and"));
  s.labels = 10;
  PretrainLab lab(bars10(), s);
  CHECK_THROWS_WITH(lab.relabel(100000), doctest::Contains("labels must be between 1 and"));
  auto faces = std::make_shared<Dataset>(*bars10());
  faces->labels.clear();
  CHECK_THROWS_WITH(PretrainLab(faces, s), doctest::Contains("has no labels"));
}

#ifndef __EMSCRIPTEN__
TEST_CASE("pretrain lab: on MNIST with 100 labels the pretrained encoder beats random init") {
  PretrainLab lab(std::make_shared<const Dataset>(load_dataset_file(dataset_path("mnist"))), PretrainSettings{});
  lab.train(0);
  REQUIRE(lab.done());
  CHECK(lab.train_images() == 8000);
  CHECK(lab.labelled().size() == 100);
  const AccuracyPoint& p = lab.curve().back();
  MESSAGE("MNIST, 100 labels: pretrained " << p.pretrained << ", random init " << p.random);
  CHECK(p.pretrained > p.random + 0.02);
  CHECK(p.pretrained > 0.7);
}
#endif
