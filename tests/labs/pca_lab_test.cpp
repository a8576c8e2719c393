#include <doctest/doctest.h>

#include <Eigen/SVD>

#include "core/rng.h"
#include "labs/pca_lab.h"

using namespace ll;

namespace {

// 600 random 6x6 "images" with labels 0..2: smooth blobs plus noise, so variance is uneven.
std::shared_ptr<const Dataset> synthetic() {
  auto d = std::make_shared<Dataset>();
  d->name = "synthetic";
  d->rows = d->cols = 6;
  d->count = 600;
  Rng rng(5);
  for (int i = 0; i < d->count; ++i) {
    const float a = rng.uniform(), b = rng.uniform();
    for (int p = 0; p < 36; ++p) {
      const float v = 120 * a * float(p % 6) / 5 + 100 * b * float(p / 6) / 5 + 20 * rng.uniform();
      d->pixels.push_back(uint8_t(std::min(255.0f, v)));
    }
    d->labels.push_back(uint8_t(i % 3));
  }
  return d;
}

// Reference: thin SVD of the centred training data in double (BDCSVD, Eigen's divide and
// conquer SVD, not the covariance eigensolver the lab uses); left singular vectors are the
// principal axes. Test error by explicit reconstruction, averaged over test images.
double reference_test_error(const Dataset& d, int k) {
  const Split s = dataset_split(d);
  const Eigen::MatrixXd train = to_matrix(d, s.train).cast<double>();
  const Eigen::VectorXd mu = train.rowwise().mean();
  Eigen::BDCSVD<Eigen::MatrixXd> svd(train.colwise() - mu, Eigen::ComputeThinU);
  const Eigen::MatrixXd U = svd.matrixU().leftCols(k);
  const Eigen::MatrixXd test = to_matrix(d, s.test).cast<double>().colwise() - mu;
  const Eigen::MatrixXd rec = U * (U.transpose() * test);
  return (rec - test).squaredNorm() / double(test.cols());
}

}  // namespace

TEST_CASE("pca lab: sliced fit equals the one-shot fit; curve equals explicit reconstruction") {
  PcaLab lab(synthetic(), 20);
  CHECK(lab.max_k() == 20);
  int slices = 0;
  while (!lab.ready()) {
    lab.fit(0.001);  // tiny budget: one chunk per call
    ++slices;
  }
  CHECK(slices > 1);
  const Split s = dataset_split(lab.dataset());
  Pca one_shot;
  one_shot.fit(to_matrix(lab.dataset(), s.train), 20);
  CHECK((one_shot.eigenvalues() - lab.pca().eigenvalues()).cwiseAbs().maxCoeff() < 1e-4f);
  for (int k : {1, 3, 10})
    CHECK(lab.test_error_per_image(k) == doctest::Approx(reference_test_error(lab.dataset(), k)).epsilon(1e-3));
  // More components never hurt, and the curve starts at the variance not in component 1.
  for (int k = 2; k <= 20; ++k) CHECK(lab.test_error_per_image(k) <= lab.test_error_per_image(k - 1) + 1e-9);
  CHECK(lab.explained_variance(20) > lab.explained_variance(1));
  // The shown images: one per class, sorted by class; reconstructions match shown_error.
  REQUIRE(lab.shown().size() == 3);
  CHECK(lab.dataset().labels[size_t(lab.shown()[2])] == 2);
  const Matrix r = lab.reconstruct_shown(5);
  CHECK(double((r.col(1) - lab.shown_images().col(1)).squaredNorm()) == doctest::Approx(lab.shown_error(5, 1)));
  lab.set_k(500);
  CHECK(lab.k() == 20);
  CHECK(lab.metrics()["test_error_per_image"].get<double>() == doctest::Approx(lab.test_error_per_image(20)));
}

#ifndef __EMSCRIPTEN__  // real MNIST: the wasm test binary has no file access (datasets_test.cpp)
namespace {
// The lab fitted on `d`; its PCA-30 test error checked against the double-precision reference.
PcaLab fitted_against_reference(std::shared_ptr<const Dataset> d) {
  PcaLab lab(d);
  lab.fit(0);
  REQUIRE(lab.ready());
  const double ours = lab.test_error_per_image(30), ref = reference_test_error(*d, 30);
  MESSAGE(d->name << ", PCA-30 test error per image: ours " << ours << ", BDCSVD reference " << ref);
  CHECK(ours == doctest::Approx(ref).epsilon(0.01));
  return lab;
}
}  // namespace

TEST_CASE("pca lab: PCA-30 on the MNIST split matches a double-precision SVD reference") {
  const PcaLab lab = fitted_against_reference(std::make_shared<const Dataset>(load_dataset_file(dataset_path("mnist"))));
  const double ours = lab.test_error_per_image(30);
  CHECK(ours > 13.0);  // the "about 14.2"
  CHECK(ours < 15.5);
  CHECK(lab.shown().size() == 10);
}

// A student's small data set: 500 digits, every 20th of the file (all classes), so 400 training
// images for 784 pixels: a covariance of rank <= 399 with hundreds of (near-)zero eigenvalues.
// The eigensolver once gave up on it ("QL iteration did not converge"), found by the CLI smoke
// test's IDX file.
TEST_CASE("pca lab: a rank-deficient covariance (400 images, 784 pixels) is solved") {
  const Dataset mnist = load_dataset_file(dataset_path("mnist"));
  auto small = std::make_shared<Dataset>();
  small->name = "every-20th";
  small->rows = mnist.rows;
  small->cols = mnist.cols;
  small->count = 500;
  for (int i = 0; i < 500; ++i) {
    const auto* p = mnist.pixels.data() + size_t(i) * 20 * 784;
    small->pixels.insert(small->pixels.end(), p, p + 784);
    small->labels.push_back(mnist.labels[size_t(i) * 20]);
  }
  const PcaLab lab = fitted_against_reference(small);
  CHECK(lab.explained_variance(200) > lab.explained_variance(30));
}
#endif
