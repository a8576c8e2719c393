// The faces' standard transformations: exact on known images, drawn from train faces only,
// reproducible, and standardised as the slide says (mean 0, variance 1 per image).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "labs/datasets.h"
#include "labs/face_augment.h"

using namespace ll;

namespace {
// A 5x4 image whose pixel (x, y) holds 10 y + x, so every pixel says where it came from.
Vector ramp() {
  Vector v(20);
  for (int y = 0; y < 4; ++y)
    for (int x = 0; x < 5; ++x) v[y * 5 + x] = float(10 * y + x);
  return v;
}
}  // namespace

TEST_CASE("face transforms: identity, mirror, whole-pixel shift and a quarter turn move pixels exactly") {
  const Vector img = ramp();
  CHECK(transform_image(img, 5, 4, Similarity{}) == img);
  Similarity mirror;
  mirror.mirror = true;
  const Vector m = transform_image(img, 5, 4, mirror);
  for (int y = 0; y < 4; ++y)
    for (int x = 0; x < 5; ++x) CHECK(m[y * 5 + x] == doctest::Approx(10 * y + (4 - x)));
  Similarity right;
  right.dx = 1;  // the content moves one pixel right; the left column repeats the edge
  const Vector r = transform_image(img, 5, 4, right);
  for (int y = 0; y < 4; ++y) {
    CHECK(r[y * 5] == doctest::Approx(10 * y));
    for (int x = 1; x < 5; ++x) CHECK(r[y * 5 + x] == doctest::Approx(10 * y + x - 1));
  }
  // A square image turned 90 degrees clockwise: the top row becomes the right column.
  Vector sq(9);
  for (int i = 0; i < 9; ++i) sq[i] = float(i);
  Similarity turn;
  turn.degrees = 90;
  const Vector q = transform_image(sq, 3, 3, turn);
  const float expected[9] = {6, 3, 0, 7, 4, 1, 8, 5, 2};
  for (int i = 0; i < 9; ++i) CHECK(q[i] == doctest::Approx(expected[i]).epsilon(1e-5));
  // Half a pixel to the right: each pixel is the mean of its two source neighbours.
  Similarity half;
  half.dx = 0.5f;
  const Vector h = transform_image(img, 5, 4, half);
  CHECK(h[1] == doctest::Approx(0.5));
  CHECK(h[5 + 3] == doctest::Approx(12.5));
}

TEST_CASE("face augmentation: same seed, same images; each one a small transform of a given face") {
  // Two very different "faces": every augmented image must be far closer to its own source
  // than to the other one, and the set must use both.
  Matrix faces(100, 2);
  for (int i = 0; i < 100; ++i) {
    faces(i, 0) = float(i / 10);       // a vertical ramp
    faces(i, 1) = float(9 - i % 10);   // a horizontal one
  }
  Rng a(5), b(5);
  const Matrix x = augment_faces(faces, 10, 10, 200, AugmentRange{}, a);
  CHECK(x == augment_faces(faces, 10, 10, 200, AugmentRange{}, b));
  Similarity mirror;
  mirror.mirror = true;
  const Vector mirrored1 = transform_image(faces.col(1), 10, 10, mirror);  // half the copies are
  int near[2] = {0, 0};
  for (Index j = 0; j < x.cols(); ++j) {
    const float d0 = (x.col(j) - faces.col(0)).norm();
    const float d1 = std::min((x.col(j) - faces.col(1)).norm(), (x.col(j) - mirrored1).norm());
    ++near[d0 < d1 ? 0 : 1];
  }
  CHECK(near[0] > 60);
  CHECK(near[1] > 60);
}

TEST_CASE("standardize_columns: mean 0 and variance 1 per image; a flat image becomes zeros") {
  Matrix X(4, 3);
  X << 0, 5, 2,  //
       1, 5, 4,  //
       2, 5, 6,  //
       3, 5, 8;
  standardize_columns(X);
  for (Index j : {0, 2}) {
    CHECK(X.col(j).mean() == doctest::Approx(0.0).scale(1));
    CHECK(X.col(j).squaredNorm() / 4 == doctest::Approx(1.0));
  }
  CHECK(X.col(1).isZero());
  CHECK(X.col(0) == X.col(2));  // the same shape at another scale and offset
}

#ifndef __EMSCRIPTEN__  // real faces: the wasm test binary has no file access (datasets_test.cpp)
TEST_CASE("face augmentation on the real faces: only training faces are used, tens of thousands are cheap") {
  // skimage's faces (labs/datasets.h: the first 100 of lfw_subset.npy), split by face before
  // augmenting: 80 train, 20 test. An augmented image is a transform of a train face, so its
  // best match among all 100 (after standardising) is a train face.
  const Dataset d = load_dataset_file(dataset_path("faces"));
  const Split split = dataset_split(d);
  REQUIRE(split.train.size() == 80);
  REQUIRE(split.test.size() == 20);
  Matrix train = to_matrix(d, split.train), test = to_matrix(d, split.test);
  Rng rng(7);
  Matrix grown = augment_faces(train, 25, 25, 400, AugmentRange{}, rng);
  standardize_columns(grown);
  standardize_columns(train);
  standardize_columns(test);
  Similarity mirror;
  mirror.mirror = true;
  // the closest face, or its mirror image, of a set
  const auto closest = [&](const Vector& x, const Matrix& set) {
    float best = 1e30f;
    for (Index k = 0; k < set.cols(); ++k) {
      const Vector face = set.col(k);
      best = std::min({best, (x - face).squaredNorm(), (x - transform_image(face, 25, 25, mirror)).squaredNorm()});
    }
    return best;
  };
  int from_train = 0;
  for (Index j = 0; j < grown.cols(); ++j) from_train += closest(grown.col(j), train) < closest(grown.col(j), test);
  INFO(from_train, " of 400 augmented faces are closest to a training face");
  CHECK(from_train > 360);
}
#endif
