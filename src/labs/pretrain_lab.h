// Unsupervised pretraining with few labels (the lecture's point after Hinton & Salakhutdinov
// 2006): an encoder learns from all training images without their labels, a softmax layer is
// put on top, and the whole network is fine-tuned with only N labelled images. The same
// architecture from random (Glorot) weights, fine-tuned on the same N images with the same
// minibatches, optimizer and steps, is the control.
//
//   encoder:     784-256-128 logistic units (settings.hidden), pretrained greedily as a stack of
//                binary RBMs with CD-1 on all training images (the deep autoencoder lab's recipe
//                for its binary layers). Not the deep AE's 784-1000-500-250-30 encoder: that one
//                needs minutes natively, ~6x the work of this one per epoch, and its 30-d linear
//                code only discards what a classifier needs. Measured with 100 labels, 784-500-250
//                gains about as much (79.1% vs 74.2%) as 784-256-128 (78.6% vs 73.0%) at over twice
//                the cost, so the smaller one keeps the browser run short.
//   classifier:  encoder + 10-way softmax layer (linear logits, softmax cross-entropy).
//   labels:      the first N of a fixed class-balanced order of the training split, no
//                randomness: class 0's first training image (in dataset order), class 1's first,
//                ..., class 9's first, then each class's second, ... So N = 100 is 10 per class
//                and a smaller N is always a subset of a larger one. The seed does not change it.
//
// Steppable like every lab: train(budget_ms) runs whole work items (an RBM minibatch, one arm's
// fine-tuning step, a chunk of the test evaluation) until the budget is spent, so results depend
// only on settings and seed. relabel(N) restarts fine-tuning with another N and keeps the
// pretrained encoder (it never saw a label, so it does not depend on N).
#pragma once
#include "core/time_slice.h"
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/loss_watch.h"
#include "core/mlp.h"
#include "core/optimizer.h"
#include "core/train_pieces.h"
#include "core/rbm.h"
#include "labs/greedy_rbm.h"
#include "labs/datasets.h"

namespace ll {

struct PretrainSettings {
  std::vector<int> hidden = {256, 128};  // encoder layers (logistic units)
  int labels = 100;         // N labelled training images for fine-tuning
  int rbm_epochs = 3;       // CD-1 epochs per RBM over all training images (1-10 all help alike)
  int steps = 300;          // fine-tuning minibatch steps (each arm); N = 100 plateaus by ~200
  int eval_every = 25;      // steps between points of the test accuracy curves
  int batch = 20;           // minibatch size (RBMs and fine-tuning; at most N for fine-tuning).
                            // Small, so one work item stays well under a frame's 10 ms in wasm.
  // Momentum SGD for both arms: its steps scale with the gradient, so the pretrained weights
  // that matter little for the labels stay where the RBMs put them. Adam moves every weight by
  // ~lr per step whatever its gradient and erased most of the benefit (measured: 74.8% vs 73.5%
  // with Adam 1e-3, 78.6% vs 73.0% with momentum 0.9, lr 0.1, N = 100).
  OptimizerKind optimizer = OptimizerKind::Momentum;
  float lr = 0.1f;          // on the mean gradient of the minibatch
  float rbm_lr = 0.1f;      // CD-1 learning rate
  uint64_t seed = 1;
};

struct AccuracyPoint {
  int step;                 // fine-tuning steps done
  double pretrained, random;  // test accuracy in [0, 1]
};

// Training-split indices of the first n labelled images in the fixed class-balanced order above.
std::vector<int> balanced_labelled(const Dataset& d, const std::vector<int>& train, int n);

class PretrainLab {
 public:
  PretrainLab(std::shared_ptr<const Dataset> data, const PretrainSettings& s);

  void train(double budget_ms);  // budget <= 0: run to the end
  void relabel(int labels);      // new N: restart fine-tuning, keep the pretrained encoder
  bool done() const { return phase_ == Phase::Done; }
  bool pretrained() const { return encoder_ready_; }  // pretraining finished (or 0 epochs)
  bool diverged() const { return !status_.empty(); }
  const std::string& status() const { return status_; }
  const PretrainSettings& settings() const { return s_; }
  std::string phase_name() const;
  double progress() const;  // 0..1 of the estimated work of this run
  double eta_seconds() const;
  double train_seconds() const { return seconds_; }

  const std::vector<Rbm>& rbms() const { return pretrainer_.rbms(); }
  const std::vector<std::vector<double>>& rbm_curves() const { return pretrainer_.curves(); }
  const std::vector<AccuracyPoint>& curve() const { return curve_; }
  const std::vector<int>& labelled() const { return labelled_; }
  const Dataset& dataset() const { return *data_; }
  // Class probabilities (10 x n, softmax of the logits) of any images (784 x n on [0, 1], e.g.
  // a student's drawing) by arm 0 (pretrained) or 1 (random init), with their current weights.
  // Empty before fine-tuning starts (the classifiers do not exist yet).
  Matrix class_probabilities(int arm, const Matrix& X) const;
  int train_images() const { return int(train_x_->cols()); }
  int test_images() const { return int(test_x_->cols()); }

  nlohmann::json metrics() const;

 private:
  enum class Phase { Rbm, FineTune, Evaluate, Done };
  bool step();
  int next_item_kind() const;  // for the frame's time estimates (core/time_slice.h)
  void rbm_step();
  void start_fine_tuning();
  void fine_tune_piece();
  void start_batch(int n, int m);
  void evaluate_chunk();
  void diverge();  // both arms back to their best weights, say why, test them once more
  double work_total() const;

  std::shared_ptr<const Dataset> data_;
  PretrainSettings s_;
  Rng rng_;
  // Shared and never changed, so copies of the lab (ui/lab_runner.h) do not copy the data.
  std::shared_ptr<const Matrix> train_x_, test_x_;
  std::vector<int> train_idx_, test_labels_, labelled_;
  Matrix labelled_x_, labelled_t_;  // the N images and their one-hot targets
  Phase phase_ = Phase::Rbm;
  int step_ = 0, arm_ = 0;
  size_t pos_ = 0, eval_pos_ = 0;  // in the fine-tuning epoch; in the test set
  bool encoder_ready_ = false;
  std::vector<int> order_;
  Matrix batch_x_, batch_t_;
  TrainStepInPieces arm_step_;  // the current arm's step on the batch (core/train_pieces.h)
  GreedyRbmPretrainer pretrainer_;
  Mlp init_[2], net_[2];      // [0] pretrained encoder, [1] random init; init_ = before fine-tuning
  Optimizer opt_[2];
  // Each arm's mean training loss between test points, watched (core/loss_watch.h), and its
  // weights at the lowest one.
  LossWatch watch_[2];
  Vector best_[2];
  double loss_sum_[2] = {0, 0};
  int loss_count_[2] = {0, 0};
  long correct_[2] = {0, 0};
  std::vector<AccuracyPoint> curve_;
  double work_done_ = 0, fine_work_done_ = 0, seconds_ = 0;
  std::string status_;
  ItemTimes item_times_;  // recent work items, for the next slice (core/time_slice.h)
};

}  // namespace ll
