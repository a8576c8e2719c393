// train_step() (core/train.h) cut into pieces a frame can hold. The single-thread web build trains
// between frames, and one minibatch of the deep autoencoder (784-1000-500-250-30, batch 20) took
// 15-28 ms in wasm, over a frame by itself (issue 14). The pieces are the step's own operations
// in the step's order: the forward pass a layer at a time, the loss, the backward pass a layer at
// a time, the update a layer at a time (before a new optimizer's first step, its state is zeroed
// a part per piece: Optimizer::prepare_piece), so a step done in pieces gives train_step's bits
// (tests/core/test_train_pieces.cpp); only when each piece runs differs. How a step is cut
// depends on the net alone, never on timing.
//
// The state holds no pointer to the net or the optimizer (each piece is given them), so a lab
// that keeps a step in progress can be copied, as the threaded build copies labs to draw them.
// Between the update's pieces some layers have this step's update and some not yet.
#pragma once

#include "core/loss.h"
#include "core/mlp.h"
#include "core/optimizer.h"

namespace ll {

class TrainStepInPieces {
 public:
  // Starts a step on inputs X and targets T (one sample per column), as train_step would.
  void start(const Mlp& net, Loss loss, Matrix X, Matrix T);
  bool running() const { return stage_ != Stage::Idle; }
  // Which piece comes next (a stage and a layer), for a frame's time estimates (core/time_slice.h).
  int next_piece() const { return stage_ == Stage::Idle ? int(Stage::Forward) * 16 : int(stage_) * 16 + layer_ + 1; }
  // Runs the next piece on the net and optimizer the step was started for; true when that
  // was the last one (loss() is then the batch's summed loss before the update).
  bool run_piece(Mlp& net, Optimizer& opt);
  float loss() const { return E_; }

 private:
  enum class Stage { Idle, Forward, Loss, Backward, Update, Finish, Prepare };
  void begin_update(Mlp& net, Optimizer& opt);
  Stage stage_ = Stage::Idle;
  Loss loss_ = Loss::SquaredError;
  Matrix X_, T_;
  int layer_ = 0, lowest_ = 0;
  float E_ = 0;
};

}  // namespace ll
