#include "labs/greedy_rbm.h"

#include <algorithm>

#include "core/train.h"

namespace ll {

GreedyRbmPretrainer::GreedyRbmPretrainer(std::vector<Rbm> rbms, std::shared_ptr<const Matrix> data,
                                         const GreedyRbmConfig& cfg)
    : cfg_(cfg), rbms_(std::move(rbms)), curves_(rbms_.size()), layer_in_(std::move(data)) {
  const int n = int(layer_in_->cols());
  if (cfg_.epoch_size <= 0 || cfg_.epoch_size > n) cfg_.epoch_size = n;
  order_.resize(size_t(n));
  state_ = rbms_.empty() || cfg_.epochs <= 0 ? State::Done : State::Training;
}

std::string GreedyRbmPretrainer::phase_name() const {
  const std::string rbm = "RBM " + std::to_string(layer_ + 1);
  return propagating_ ? rbm + ": hidden probabilities" : rbm + " of " + std::to_string(rbms_.size());
}

double GreedyRbmPretrainer::step(Rng& rng) {
  if (state_ != State::Training) return 0;
  if (propagating_) {
    propagate_chunk();
    return 0;
  }
  return cd1_batch(rng);
}

double GreedyRbmPretrainer::cd1_batch(Rng& rng) {
  Rbm& rbm = rbms_[size_t(layer_)];
  const int n = int(layer_in_->cols());
  if (cd1_.next == 0) {  // a new minibatch
    if (pos_ == 0) {
      for (int i = 0; i < n; ++i) order_[size_t(i)] = i;
      rng.shuffle(order_.data(), n);
    }
    cd1_.V = gather_columns(*layer_in_, order_.data() + pos_, std::min<int>(cfg_.batch, cfg_.epoch_size - int(pos_)));
  }
  const int m = int(cd1_.V.cols());
  // The paper's schedule: momentum 0.5 for the first 5 epochs, then 0.9.
  RbmConfig rc;
  const bool gaussian = rbm.units() == HiddenUnits::Gaussian || rbm.visible_units() == VisibleUnits::Gaussian;
  rc.lr = gaussian ? cfg_.lr_linear : cfg_.lr;
  rc.momentum = epoch_ < 5 ? 0.5f : 0.9f;
  // One piece of the CD-1 step per call (core/rbm.h), so no call outlasts a frame.
  if (!rbm.cd1_piece(cd1_, rc, rng)) return 0;
  err_acc_ += cd1_.error;
  cd1_ = Rbm::Cd1Step();
  pos_ += size_t(m);
  const double work = m * double(rbm.visible_size()) * rbm.hidden_size();
  if (!rbm.params_finite()) {
    state_ = State::Diverged;
    status_ = "RBM " + std::to_string(layer_ + 1) + " diverged (NaN); lower its learning rate and reset.";
    return work;
  }
  if (int(pos_) < cfg_.epoch_size) return work;
  curves_[size_t(layer_)].push_back(err_acc_ / cfg_.epoch_size);
  err_acc_ = 0;
  pos_ = 0;
  if (++epoch_ < cfg_.epochs) return work;
  epoch_ = 0;
  if (layer_ + 1 < int(rbms_.size())) {
    layer_next_ = Matrix(rbm.hidden_size(), n);
    propagating_ = true;
  } else {
    layer_in_.reset();
    state_ = State::Done;
  }
  return work;
}

void GreedyRbmPretrainer::propagate_chunk() {
  const Index n = layer_in_->cols();
  const Index m = std::min<Index>(cfg_.propagate_chunk, n - Index(pos_));
  layer_next_.middleCols(Index(pos_), m) = rbms_[size_t(layer_)].hidden_mean(layer_in_->middleCols(Index(pos_), m));
  pos_ += size_t(m);
  if (Index(pos_) < n) return;
  layer_in_ = std::make_shared<const Matrix>(std::move(layer_next_));
  layer_next_ = Matrix();
  ++layer_;
  pos_ = 0;
  propagating_ = false;
}

}  // namespace ll
