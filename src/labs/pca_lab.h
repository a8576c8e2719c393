// The PCA lab: principal components of a dataset's training split, the explained variance, and
// reconstructions of test images from their first k components (the lecture's eigen-digits and
// eigenfaces, "784 numbers -> k numbers").
//
// Steppable like every lab: fit(budget_ms) accumulates the covariance C = sum (x-mu)(x-mu)^T / n
// a chunk of images at a time, runs the eigensolver a step at a time (core/stepped_eigen.h: the
// longest step, the Householder reduction, takes about 30 ms in wasm for 784 dims), then projects
// the test and train images a chunk at a time, so the page keeps drawing while it fits.
//
// Test error at every k from one projection: with orthonormal U, the residual of x is
//   ||x - mu - U_k U_k^T (x - mu)||^2 = ||x - mu||^2 - sum_{j<=k} y_j^2,   y = U^T (x - mu),
// so the whole curve k = 1..max_k costs one GEMM (accumulated in double).
#pragma once
#include "core/time_slice.h"
#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/pca.h"
#include "labs/datasets.h"

namespace ll {

class PcaLab {
 public:
  // max_k is capped at the image size. Throws std::invalid_argument for an empty split.
  explicit PcaLab(std::shared_ptr<const Dataset> data, int max_k = 200);
  // PCA of images already made from `data`'s split (one per column), e.g. the faces slide's
  // augmented, standardised faces (labs/face_augment.h): `test` holds the split's test images in
  // order, so shown() still names dataset images. Errors are then in the images' own units.
  PcaLab(std::shared_ptr<const Dataset> data, std::shared_ptr<const Matrix> train,
         std::shared_ptr<const Matrix> test, int max_k);

  // Works until budget_ms has passed or the fit is complete (budget <= 0: to completion).
  void fit(double budget_ms);
  bool ready() const { return ready_; }
  double progress() const;  // 0..1

  int k() const { return k_; }
  void set_k(int k);        // clamped to 1..max_k
  int max_k() const { return max_k_; }
  const Dataset& dataset() const { return *data_; }
  const Pca& pca() const { return pca_; }

  // Sum over pixels on [0,1] of the squared error, averaged over test (train) images, at k.
  double test_error_per_image(int k) const { return test_curve_[size_t(k - 1)]; }
  double train_error_per_image(int k) const { return train_curve_[size_t(k - 1)]; }
  // Fraction of the total variance in the first k components.
  double explained_variance(int k) const;

  // A few test images (one per class when there are labels) and their PCA-k reconstructions.
  const std::vector<int>& shown() const { return shown_; }
  const Matrix& shown_images() const { return shown_images_; }
  Matrix reconstruct_shown(int k) const;
  // Any images (dims x n on [0, 1], e.g. a student's drawing) from their first k components.
  Matrix reconstruct(const Matrix& X, int k) const;
  double shown_error(int k, int i) const;  // squared error of shown image i at k

  nlohmann::json metrics() const;

 private:
  void init_shown_and_mean();
  // Training (or test) images [from, from + m) as columns: from the dataset, or the given matrices.
  Matrix images(bool test, size_t from, size_t m) const;
  size_t count(bool test) const;
  // Adds the residuals of images [from, from + m) at every k to sum (see the formula above).
  void accumulate_errors(bool test, size_t from, size_t m, std::vector<double>& sum) const;

  std::shared_ptr<const Dataset> data_;
  Split split_;
  std::shared_ptr<const Matrix> train_, test_;  // null: images come from data_ by split_
  int max_k_ = 0, k_ = 30;
  enum class Stage { Covariance, Eigen, Errors, Done } stage_ = Stage::Covariance;
  size_t next_ = 0;          // images of the current stage done so far
  Vector mean_;
  Matrix cov_;
  Pca pca_;
  bool ready_ = false;
  double fit_seconds_ = 0;
  std::vector<double> test_curve_, train_curve_;
  std::vector<int> shown_;
  Matrix shown_images_, shown_codes_;
  ItemTimes item_times_;  // recent work items, for the next slice (core/time_slice.h)
};

}  // namespace ll
