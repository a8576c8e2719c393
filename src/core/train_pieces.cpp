#include "core/train_pieces.h"

#include <stdexcept>

namespace ll {

void TrainStepInPieces::start(const Mlp& net, Loss loss, Matrix X, Matrix T) {
  if (T.rows() != net.output_size() || T.cols() != X.cols())
    throw std::invalid_argument("train_step: targets do not match the network output shape");
  loss_ = loss;
  X_ = std::move(X);
  T_ = std::move(T);
  stage_ = Stage::Forward;
  layer_ = -1;  // the first piece also takes the input
}

namespace {
// Optimizer state zeroed per piece: 2 MB, about 6 ms where memory's first touch costs 3 ms per MB.
constexpr Index kPrepareChunk = Index(1) << 19;
}  // namespace

bool TrainStepInPieces::run_piece(Mlp& net, Optimizer& opt) {
  const int L = net.num_layers();
  switch (stage_) {
    case Stage::Idle: throw std::logic_error("TrainStepInPieces::run_piece without a step");
    case Stage::Prepare:
      if (opt.prepare_piece(net.params().size(), kPrepareChunk)) {
        stage_ = Stage::Forward;
        layer_ = -1;
      }
      return false;
    case Stage::Forward:
      if (layer_ < 0) {
        if (!opt.prepare_piece(net.params().size(), 0)) {  // a new optimizer's state first
          stage_ = Stage::Prepare;
          layer_ = 0;
          return run_piece(net, opt);
        }
        net.begin_forward(X_);
        layer_ = 0;
      }
      net.forward_layer(layer_);
      if (++layer_ == L) stage_ = Stage::Loss;
      return false;
    case Stage::Loss: {
      Matrix dZ;
      E_ = loss_and_grad(loss_, net.activation(L - 1), net.logits(), net.output(), T_, dZ);
      dZ *= 1.0f / static_cast<float>(X_.cols());
      lowest_ = net.begin_backward(dZ, false);
      layer_ = L - 1;
      if (layer_ < lowest_) begin_update(net, opt);  // every layer frozen
      else stage_ = Stage::Backward;
      return false;
    }
    case Stage::Backward:
      net.backward_layer(layer_, lowest_, false);
      if (--layer_ < lowest_) begin_update(net, opt);
      return false;
    case Stage::Update:
      // One trainable layer per piece (frozen ones are skipped, as step() skips them).
      while (layer_ < L && net.frozen(layer_)) ++layer_;
      if (layer_ < L) opt.update(net.params(), net.grads(), net.layer_range(layer_++));
      while (layer_ < L && net.frozen(layer_)) ++layer_;
      if (layer_ == L) stage_ = Stage::Finish;
      return false;
    case Stage::Finish:
      opt.end_step();
      stage_ = Stage::Idle;
      X_.resize(0, 0);
      T_.resize(0, 0);
      return true;
  }
  return false;
}

void TrainStepInPieces::begin_update(Mlp& net, Optimizer& opt) {
  opt.begin_step(net.params(), net.grads());
  stage_ = Stage::Update;
  layer_ = 0;
}

}  // namespace ll
