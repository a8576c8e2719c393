// The quality score of the GAN lab: a small classifier trained by the project on the MNIST train
// split (`latentlab train-scorer`), built into the app (docs/gan.md), that judges generated
// samples two ways:
//   - class coverage: the histogram of predicted classes over many samples, its entropy
//     H = -sum_k p_k ln p_k (ln 10 = 2.30 nats when all ten digits are equally common; a
//     mode-collapsed generator that draws one digit scores near 0) and the classes present;
//   - a Fréchet distance (core/frechet.h) between Gaussians fitted to the classifier's last
//     hidden layer on the samples and on real test digits: the idea of FID (Heusel et al. 2017)
//     with our own 64-feature network instead of Inception.
// Inputs are images as columns with pixels in [0, 1] (0 = background).
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/frechet.h"
#include "core/mlp.h"
#include "labs/datasets.h"

namespace ll {

struct ScoreReport {
  int samples = 0;
  std::array<int, 10> histogram{};  // predicted classes
  int classes_present = 0;          // classes predicted for at least 1% of the samples
  double class_entropy = 0;         // nats, at most ln 10 = 2.303
  double frechet = 0;               // squared Fréchet distance to real test digits' features
  nlohmann::json json() const;
};

class DigitScorer {
 public:
  static constexpr int kClasses = 10;
  DigitScorer() = default;
  // A 784-...-h-10 net with sigmoid outputs (one-vs-rest logistic units).
  explicit DigitScorer(const Mlp& classifier);
  bool ready() const { return features_.num_layers() > 0; }
  bool has_reference() const { return reference_.mean.size() > 0; }

  Matrix features(const Matrix& X01);        // last hidden layer, h x n
  std::vector<int> classify(const Matrix& X01);
  // Fits the reference Gaussian to real images (the test split).
  void set_reference(const Matrix& real01);
  ScoreReport score(const Matrix& X01);
  // The same from features already computed (the lab computes them in chunks across frames).
  ScoreReport score_features(const Matrix& F);

 private:
  Mlp features_, head_;
  Gaussian reference_;
};

struct ScorerTraining {
  int epochs = 8, batch = 64;
  float lr = 1e-3f;
  uint64_t seed = 1;
  std::vector<int> hidden{128, 64};
};
// Trains the classifier on the dataset's train split (Adam, cross-entropy of the logistic
// outputs against one-hot labels); returns it and its accuracy on the test split.
Mlp train_scorer(const Dataset& d, const ScorerTraining& t, double* test_accuracy, bool verbose);

// The scorer built into this binary (made at build time by `ll_train_scorer`; docs/gan.md).
// Throws FormatError if the embedded file is missing or malformed.
Mlp builtin_scorer_net();

}  // namespace ll
