#include "labs/pca_lab.h"

#include <algorithm>
#include <stdexcept>

namespace ll {

namespace {
constexpr int kChunk = 256;  // images per covariance update (~10 ms of wasm GEMM at 784 dims)
}  // namespace

PcaLab::PcaLab(std::shared_ptr<const Dataset> data, int max_k)
    : data_(std::move(data)), split_(dataset_split(*data_)) {
  if (split_.train.empty() || split_.test.empty())
    throw std::invalid_argument("PCA lab: " + data_->name + " has an empty train or test split");
  max_k_ = std::max(1, std::min(max_k, data_->dims()));
  init_shown_and_mean();
}

PcaLab::PcaLab(std::shared_ptr<const Dataset> data, std::shared_ptr<const Matrix> train,
               std::shared_ptr<const Matrix> test, int max_k)
    : data_(std::move(data)), split_(dataset_split(*data_)), train_(std::move(train)), test_(std::move(test)) {
  if (train_->cols() == 0 || test_->cols() == 0)
    throw std::invalid_argument("PCA lab: " + data_->name + " has an empty train or test split");
  if (train_->rows() != data_->dims() || test_->rows() != data_->dims() || size_t(test_->cols()) != split_.test.size())
    throw std::invalid_argument("PCA lab: the images do not match " + data_->name + "'s size and test split");
  max_k_ = std::max(1, std::min(max_k, data_->dims()));
  init_shown_and_mean();
}

size_t PcaLab::count(bool test) const {
  if (train_) return size_t(test ? test_->cols() : train_->cols());
  return test ? split_.test.size() : split_.train.size();
}

Matrix PcaLab::images(bool test, size_t from, size_t m) const {
  if (train_) return (test ? *test_ : *train_).middleCols(Index(from), Index(m));
  const std::vector<int>& idx = test ? split_.test : split_.train;
  return to_matrix(*data_, {idx.begin() + long(from), idx.begin() + long(from + m)});
}

void PcaLab::init_shown_and_mean() {
  k_ = std::min(30, max_k_);
  // The mean first (cheap), so every covariance chunk can be centred right away.
  const size_t n_train = count(false);
  mean_ = Vector::Zero(data_->dims());
  for (size_t i = 0; i < n_train; i += kChunk) mean_ += images(false, i, std::min<size_t>(kChunk, n_train - i)).rowwise().sum();
  mean_ /= float(n_train);
  cov_ = Matrix::Zero(data_->dims(), data_->dims());

  // Shown: the first test image of each class in order (or the first ten test images), kept as
  // places in the test split so the images come from wherever the test images are.
  std::vector<bool> have(256, false);
  std::vector<int> columns;
  for (size_t t = 0; t < split_.test.size() && columns.size() < 10; ++t) {
    const int i = split_.test[t];
    if (data_->labels.empty() || !have[data_->labels[size_t(i)]]) columns.push_back(int(t));
    if (!data_->labels.empty()) have[data_->labels[size_t(i)]] = true;
  }
  auto label = [this](int t) { return data_->labels.empty() ? 0 : int(data_->labels[size_t(split_.test[size_t(t)])]); };
  std::stable_sort(columns.begin(), columns.end(), [&](int a, int b) { return label(a) < label(b); });
  for (int t : columns) shown_.push_back(split_.test[size_t(t)]);
  shown_images_.resize(data_->dims(), Index(shown_.size()));
  for (size_t j = 0; j < shown_.size(); ++j) shown_images_.col(Index(j)) = images(true, size_t(columns[j]), 1);
}

double PcaLab::progress() const {
  const double n = double(count(false)), all = n + double(count(true));
  switch (stage_) {
    case Stage::Covariance: return 0.6 * double(next_) / n;
    case Stage::Eigen: return 0.6 + 0.1 * pca_.fit_progress();
    case Stage::Errors: return 0.7 + 0.3 * double(next_) / all;
    default: return 1.0;
  }
}

void PcaLab::fit(double budget_ms) {
  TimeSlice slice(budget_ms, item_times_);
  const size_t n_train = count(false), n_test = count(true);
  while (stage_ != Stage::Done && slice.next(int(stage_))) {
    if (stage_ == Stage::Covariance) {
      const size_t m = std::min<size_t>(kChunk, n_train - next_);
      const Matrix centered = images(false, next_, m).colwise() - mean_;
      // Lower triangle only: the symmetric rank-m update does half the GEMM work.
      cov_.selfadjointView<Eigen::Lower>().rankUpdate(centered, 1.0f / float(n_train));
      next_ += m;
      if (next_ == n_train) {
        pca_.begin_fit_covariance(mean_, cov_, max_k_);  // copies what it needs
        cov_ = Matrix();
        stage_ = Stage::Eigen;
      }
    } else if (stage_ == Stage::Eigen) {
      if (!pca_.fit_step()) continue;  // one piece of the eigensolver (core/stepped_eigen.h)
      test_curve_.assign(size_t(max_k_), 0.0);
      train_curve_.assign(size_t(max_k_), 0.0);
      next_ = 0;
      stage_ = Stage::Errors;
    } else {  // Errors: the test images, then the training images
      const bool test = next_ < n_test;
      const size_t from = test ? next_ : next_ - n_test;
      const size_t m = std::min<size_t>(kChunk, (test ? n_test : n_train) - from);
      accumulate_errors(test, from, m, test ? test_curve_ : train_curve_);
      next_ += m;
      if (next_ == n_test + n_train) {
        for (double& e : test_curve_) e /= double(n_test);
        for (double& e : train_curve_) e /= double(n_train);
        shown_codes_ = pca_.project(shown_images_);
        stage_ = Stage::Done;
        ready_ = true;
      }
    }
  }
  fit_seconds_ += slice.elapsed_ms() / 1000;
}

void PcaLab::accumulate_errors(bool test, size_t from, size_t m, std::vector<double>& sum) const {
  const Matrix centered = images(test, from, m).colwise() - pca_.mean();
  const Matrix codes = pca_.components().transpose() * centered;  // max_k x m
  for (Index c = 0; c < centered.cols(); ++c) {
    double residual = centered.col(c).cast<double>().squaredNorm();
    for (int k = 0; k < max_k_; ++k) {
      residual -= double(codes(k, c)) * double(codes(k, c));
      sum[size_t(k)] += std::max(0.0, residual);
    }
  }
}

void PcaLab::set_k(int k) { k_ = std::clamp(k, 1, max_k_); }

double PcaLab::explained_variance(int k) const {
  const Vector& ev = pca_.eigenvalues();
  const double total = ev.cast<double>().sum();
  return total > 0 ? ev.head(k).cast<double>().sum() / total : 0.0;
}

Matrix PcaLab::reconstruct_shown(int k) const {
  return (pca_.components().leftCols(k) * shown_codes_.topRows(k)).colwise() + pca_.mean();
}

Matrix PcaLab::reconstruct(const Matrix& X, int k) const {
  const Matrix U = pca_.components().leftCols(k);
  return (U * (U.transpose() * (X.colwise() - pca_.mean()))).colwise() + pca_.mean();
}

double PcaLab::shown_error(int k, int i) const {
  const Matrix r = pca_.components().leftCols(k) * shown_codes_.col(i).head(k) + pca_.mean();
  return double((r - shown_images_.col(i)).squaredNorm());
}

nlohmann::json PcaLab::metrics() const {
  nlohmann::json j = {{"dataset", data_->name},
                      {"dims", data_->dims()},
                      {"train_images", count(false)},
                      {"test_images", count(true)},
                      {"ready", ready_},
                      {"fit_progress", progress()},
                      {"k", k_}};
  if (!ready_) return j;
  j["fit_seconds"] = fit_seconds_;
  j["test_error_per_image"] = test_error_per_image(k_);
  j["train_error_per_image"] = train_error_per_image(k_);
  j["explained_variance"] = explained_variance(k_);
  j["total_variance"] = pca_.eigenvalues().cast<double>().sum();
  // The curves at a few k, in order of k (the UI plots all of them).
  nlohmann::json curve = nlohmann::json::array();
  for (int k : {1, 2, 5, 10, 20, 30, 50, 100, 200})
    if (k <= max_k_)
      curve.push_back({{"k", k}, {"test_error_per_image", test_error_per_image(k)},
                       {"explained_variance", explained_variance(k)}});
  j["curve"] = curve;
  return j;
}

}  // namespace ll
