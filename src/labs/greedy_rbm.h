// Greedy layer-wise RBM pretraining (Hinton & Salakhutdinov 2006) as a steppable process, shared
// by the deep autoencoder and pretraining labs: CD-1 on RBM 1 for `epochs` epochs, then its
// hidden probabilities become RBM 2's data, and so on. Each step() is one piece of a CD-1
// minibatch (core/rbm.h) or one chunk of that propagation, so a lab can slice it across frames.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/rbm.h"
#include "core/rng.h"

namespace ll {

struct GreedyRbmConfig {
  int epochs = 10;            // CD-1 epochs per RBM
  int batch = 100;
  int epoch_size = 0;         // images per epoch (the first of each shuffle); 0 = all
  float lr = 0.1f;            // binary hidden units
  float lr_linear = 0.001f;   // Gaussian (linear) units: the code layer, real-valued pixels
  int propagate_chunk = 100;  // images per propagation step
};

class GreedyRbmPretrainer {
 public:
  enum class State { Training, Done, Diverged };

  GreedyRbmPretrainer() = default;
  // `rbms` already initialised, `data` the first RBM's visible data (one image per column),
  // shared with the lab: copying MNIST's 8,000 training images here took 78 ms of one work
  // item in wasm, and every copy of the lab (ui/lab_runner.h) copied them again.
  GreedyRbmPretrainer(std::vector<Rbm> rbms, std::shared_ptr<const Matrix> data, const GreedyRbmConfig& cfg);

  // One piece of a CD-1 minibatch or one propagation chunk. Returns the CD-1 work done, in
  // images x visible x hidden units, when a minibatch ends (else 0), for progress estimates.
  double step(Rng& rng);

  State state() const { return state_; }
  // Which piece comes next (the RBM, and a CD-1 piece or propagation), for a frame's time
  // estimates (core/time_slice.h).
  int next_piece() const { return layer_ * 8 + (propagating_ ? 7 : cd1_.next); }
  std::string phase_name() const;  // "RBM 2 of 4" or "RBM 2: hidden probabilities"
  const std::string& status() const { return status_; }  // why it stopped, when diverged
  const std::vector<Rbm>& rbms() const { return rbms_; }
  // Reconstruction error per image of each RBM, one point per epoch.
  const std::vector<std::vector<double>>& curves() const { return curves_; }

 private:
  double cd1_batch(Rng& rng);
  void propagate_chunk();

  GreedyRbmConfig cfg_;
  std::vector<Rbm> rbms_;
  std::vector<std::vector<double>> curves_;
  // The data the current RBM sees (shared, never changed); the next RBM's, being built.
  std::shared_ptr<const Matrix> layer_in_;
  Matrix layer_next_;
  std::vector<int> order_;
  Rbm::Cd1Step cd1_;  // the minibatch's CD-1 step, in pieces
  State state_ = State::Done;
  bool propagating_ = false;
  int layer_ = 0, epoch_ = 0;
  size_t pos_ = 0;
  double err_acc_ = 0;
  std::string status_;
};

}  // namespace ll
