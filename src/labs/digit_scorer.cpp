#include "labs/digit_scorer.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "core/optimizer.h"
#include "core/train.h"

namespace ll {

nlohmann::json ScoreReport::json() const {
  return {{"samples", samples}, {"histogram", histogram}, {"classes_present", classes_present},
          {"class_entropy", class_entropy}, {"frechet", frechet}};
}

DigitScorer::DigitScorer(const Mlp& classifier) {
  const int L = classifier.num_layers();
  if (L < 2 || classifier.output_size() != kClasses)
    throw std::invalid_argument("the scorer needs a hidden layer and 10 outputs");
  features_ = classifier.slice(0, L - 1);
  head_ = classifier.slice(L - 1, L);
}

Matrix DigitScorer::features(const Matrix& X01) { return features_.forward(X01); }

std::vector<int> DigitScorer::classify(const Matrix& X01) {
  const Matrix& Y = head_.forward(features_.forward(X01));
  std::vector<int> out(size_t(Y.cols()));
  for (Index j = 0; j < Y.cols(); ++j) Y.col(j).maxCoeff(&out[size_t(j)]);
  return out;
}

void DigitScorer::set_reference(const Matrix& real01) { reference_ = fit_gaussian(features(real01)); }

ScoreReport DigitScorer::score(const Matrix& X01) { return score_features(features(X01)); }

ScoreReport DigitScorer::score_features(const Matrix& F) {
  ScoreReport r;
  r.samples = int(F.cols());
  const Matrix& Y = head_.forward(F);
  for (Index j = 0; j < Y.cols(); ++j) {
    Index k;
    Y.col(j).maxCoeff(&k);
    ++r.histogram[size_t(k)];
  }
  for (int n : r.histogram) {
    if (n == 0) continue;
    const double p = double(n) / r.samples;
    r.class_entropy -= p * std::log(p);
    r.classes_present += 100 * n >= r.samples;
  }
  if (has_reference() && F.cols() >= 2) r.frechet = frechet_distance(fit_gaussian(F), reference_);
  return r;
}

Mlp train_scorer(const Dataset& d, const ScorerTraining& t, double* test_accuracy, bool verbose) {
  if (d.labels.empty()) throw std::invalid_argument(d.name + " has no labels to train a classifier on");
  const Split split = dataset_split(d);
  const Matrix X = to_matrix(d, split.train), Xt = to_matrix(d, split.test);
  Matrix T = Matrix::Zero(DigitScorer::kClasses, X.cols());
  for (size_t j = 0; j < split.train.size(); ++j) T(d.labels[size_t(split.train[j])], Index(j)) = 1.0f;
  std::vector<int> sizes{d.dims()};
  sizes.insert(sizes.end(), t.hidden.begin(), t.hidden.end());
  sizes.push_back(DigitScorer::kClasses);
  std::vector<Activation> acts(t.hidden.size(), Activation::ReLU);
  acts.push_back(Activation::Sigmoid);
  Mlp net(sizes, acts);
  Rng rng(t.seed);
  net.init(rng);
  OptimizerConfig oc;
  oc.kind = OptimizerKind::Adam;
  oc.lr = t.lr;
  Optimizer opt(oc);
  std::vector<int> order(size_t(X.cols()));
  auto accuracy = [&] {
    DigitScorer s(net);
    const std::vector<int> pred = s.classify(Xt);
    int ok = 0;
    for (size_t j = 0; j < pred.size(); ++j) ok += pred[j] == d.labels[size_t(split.test[j])];
    return double(ok) / double(pred.size());
  };
  for (int e = 0; e < t.epochs; ++e) {
    rng.shuffle(order.data(), int(order.size()));
    double E = 0;
    for (size_t b = 0; b + size_t(t.batch) <= order.size(); b += size_t(t.batch)) {
      const Matrix xb = gather_columns(X, &order[b], t.batch), tb = gather_columns(T, &order[b], t.batch);
      E += train_step(net, opt, Loss::CrossEntropy, xb, tb);
    }
    if (verbose) std::printf("epoch %d: loss %.4f per image, test accuracy %.4f\n", e + 1,
                             E / double(order.size()), accuracy());
  }
  if (test_accuracy) *test_accuracy = accuracy();
  return net;
}

}  // namespace ll
