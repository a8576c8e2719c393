// Gradient descent over a flat parameter buffer (params.h): one loop per
// trainable range, whatever the model.
//
//   SGD:       theta -= lr * g
//   Momentum:  v = mu v - lr g;  theta += v                (Polyak 1964)
//   Adam:      m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;
//              theta -= lr * m_hat / (sqrt(v_hat) + eps)    (Kingma & Ba 2015)
// with m_hat = m / (1 - b1^t), v_hat = v / (1 - b2^t).
// weight_decay adds weight_decay * theta to g (L2 penalty).
#pragma once

#include <vector>

#include "core/mlp.h"

namespace ll {

enum class OptimizerKind { SGD, Momentum, Adam };

struct OptimizerConfig {
  OptimizerKind kind = OptimizerKind::SGD;
  float lr = 0.01f;
  float momentum = 0.9f;
  float beta1 = 0.9f, beta2 = 0.999f, eps = 1e-8f;
  float weight_decay = 0.0f;
};

class Optimizer {
 public:
  explicit Optimizer(const OptimizerConfig& config = {}) : cfg_(config) {}

  // One update of params from grads on the given ranges (state is sized to
  // the buffer on first use).
  void step(Vector& params, const Vector& grads, const std::vector<ParamRange>& ranges);
  void step(Mlp& net) { step(net.params(), net.grads(), net.trainable_ranges()); }
  // The state for n parameters (momentum or Adam moments, two buffers of n) allocated and then
  // zeroed at most max_zeroed entries a call; true once it is ready (then at once, doing
  // nothing). A step in pieces calls it first, a piece at a time: the deep autoencoder's Adam
  // moments are 22 MB, and memory touched for the first time cost about 3 ms per MB on our test
  // machine, so zeroing them in one piece made it 91 ms long in wasm (bench/item_times.cpp).
  // begin_step() makes the state whole itself when this was not done (or not finished).
  bool prepare_piece(Index n, Index max_zeroed);
  // step() in pieces (core/train_pieces.h): begin_step(), update() on ranges that
  // together are step()'s, then end_step(). Each parameter's update reads and
  // writes only its own entries, so this gives step()'s bits.
  void begin_step(const Vector& params, const Vector& grads);
  void update(Vector& params, const Vector& grads, ParamRange range);
  void end_step();
  // Forget momentum / moment estimates (e.g. after loading a model).
  void reset();

  OptimizerConfig& config() { return cfg_; }
  const OptimizerConfig& config() const { return cfg_; }

 private:
  OptimizerConfig cfg_;
  Vector m_, v_;  // momentum velocity or Adam first moment; Adam second moment
  Index zeroed_ = 0;  // entries of m_ then v_ zeroed so far (all 2 n once the state is ready)
  int t_ = 0;     // Adam step count for bias correction
  float adam_lr_ = 0, adam_eps_ = 0;  // this step's bias-corrected step size and epsilon
};

}  // namespace ll
