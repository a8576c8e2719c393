#include "core/rbm.h"

#include <stdexcept>
#include <string>

#include "core/elementwise.h"
#include "core/vector_math.h"

namespace ll {

namespace {

Matrix sigmoid(const Matrix& X) {
  Matrix S = (1.0f + (-X.array()).exp()).inverse().matrix();
  flush_tiny(S);  // probabilities feed the CD-1 GEMMs (core/elementwise.h says why)
  return S;
}

Activation encoder_activation(HiddenUnits u) {
  return u == HiddenUnits::Binary ? Activation::Sigmoid : Activation::Identity;
}

Activation decoder_activation(VisibleUnits u) {
  return u == VisibleUnits::Binary ? Activation::Sigmoid : Activation::Identity;
}

void check_layer(const Mlp& net, int layer, int out, int in, Activation act, const char* what) {
  if (layer < 0 || layer >= net.num_layers())
    throw std::invalid_argument(std::string(what) + ": no layer " + std::to_string(layer));
  if (net.sizes()[layer + 1] != out || net.sizes()[layer] != in)
    throw std::invalid_argument(std::string(what) + ": layer " + std::to_string(layer) + " is " +
                                std::to_string(net.sizes()[layer]) + "->" +
                                std::to_string(net.sizes()[layer + 1]) + ", expected " +
                                std::to_string(in) + "->" + std::to_string(out));
  if (net.activation(layer) != act)
    throw std::invalid_argument(std::string(what) + ": layer " + std::to_string(layer) +
                                " must be " + activation_name(act));
}

}  // namespace

Rbm::Rbm(int visible, int hidden, HiddenUnits units, VisibleUnits visible_units)
    : visible_(visible), hidden_(hidden), units_(units), visible_units_(visible_units) {
  if (visible <= 0 || hidden <= 0) throw std::invalid_argument("Rbm sizes must be positive");
  layout_.add_matrix("W", hidden, visible);
  layout_.add_vector("b_visible", visible);
  layout_.add_vector("b_hidden", hidden);
  params_ = Vector::Zero(layout_.size());
  velocity_ = Vector::Zero(layout_.size());
  grads_ = Vector::Zero(layout_.size());
}

void Rbm::init(Rng& rng, float stddev) {
  params_.setZero();
  velocity_.setZero();
  init_weights(rng, stddev, 0, weight_count());
}

void Rbm::init_weights(Rng& rng, float stddev, Index from, Index n) {
  rng.fill_normal(params_.data() + from, std::min(n, weight_count() - from), stddev);
}

Matrix Rbm::hidden_mean(const Matrix& V) const {
  Matrix X = W() * V;
  X.colwise() += b_hidden();
  return units_ == HiddenUnits::Binary ? sigmoid(X) : X;
}

Matrix Rbm::visible_mean(const Matrix& H) const {
  Matrix X = W().transpose() * H;
  X.colwise() += b_visible();
  return visible_units_ == VisibleUnits::Binary ? sigmoid(X) : X;
}

Matrix Rbm::sample_hidden(const Matrix& mean, Rng& rng) const {
  Matrix h(mean.rows(), mean.cols());
  for (Index i = 0; i < h.size(); ++i) {
    const float m = mean.data()[i];
    h.data()[i] =
        units_ == HiddenUnits::Binary ? (rng.uniform() < m ? 1.0f : 0.0f) : m + rng.normal();
  }
  return h;
}

Matrix Rbm::sample_visible(const Matrix& mean, Rng& rng) const {
  Matrix v(mean.rows(), mean.cols());
  for (Index i = 0; i < v.size(); ++i) {
    const float m = mean.data()[i];
    v.data()[i] = visible_units_ == VisibleUnits::Binary ? (rng.uniform() < m ? 1.0f : 0.0f) : m + rng.normal();
  }
  return v;
}

float Rbm::cd1_step(const Matrix& V, const RbmConfig& cfg, Rng& rng) {
  Cd1Step s;
  s.V = V;
  while (!cd1_piece(s, cfg, rng)) {
  }
  return s.error;
}

bool Rbm::cd1_piece(Cd1Step& s, const RbmConfig& cfg, Rng& rng) {
  const float n = static_cast<float>(s.V.cols());
  switch (s.next++) {
    case 0:
      // Positive phase: data statistics <h v^T>_data with h at its mean.
      s.h0 = hidden_mean(s.V);
      // One Gibbs step: sample h, reconstruct v (binary: as probabilities;
      // Gaussian: sampled, see rbm.h), then E[h|v1].
      s.v1 = visible_mean(sample_hidden(s.h0, rng));
      // The error is taken before the Gaussian noise: with it, every standardised 625-pixel face
      // would add ~625 of pure noise (the faces' first RBM read 2,570 after one epoch, 868 after
      // ten), hiding what the RBM has learned.
      s.error = (s.V - s.v1).squaredNorm();
      if (visible_units_ == VisibleUnits::Gaussian) s.v1 = sample_visible(s.v1, rng);
      return false;
    case 1: s.h1 = hidden_mean(s.v1); return false;
    case 2:
      // Gradient of the log-likelihood, approximated: <h v^T>_0 - <h v^T>_1.
      layout_.matrix(grads_, 0).noalias() = (s.h0 * s.V.transpose() - s.h1 * s.v1.transpose()) / n;
      layout_.vector(grads_, 1) = (s.V - s.v1).rowwise().sum() / n;
      layout_.vector(grads_, 2) = (s.h0 - s.h1).rowwise().sum() / n;
      // Weight cost on W only (the first slot).
      layout_.matrix(grads_, 0) -= cfg.weight_cost * W();
      return false;
    default:
      // Momentum ascent on the flat buffer: one loop for all parameters.
      velocity_ = cfg.momentum * velocity_ + cfg.lr * grads_;
      params_ += velocity_;
      return true;
  }
}

float Rbm::reconstruction_error(const Matrix& V) const {
  return (V - visible_mean(hidden_mean(V))).squaredNorm();
}

float Rbm::free_energy(const Matrix& V) const {
  Matrix X = W() * V;
  X.colwise() += b_hidden();
  const Eigen::ArrayXXf x = X.array();
  const float visible_term = visible_units_ == VisibleUnits::Binary
                                 ? (b_visible().transpose() * V).sum()
                                 : -0.5f * (V.colwise() - b_visible()).squaredNorm();
  float hidden_term;
  if (units_ == HiddenUnits::Binary)
    hidden_term = x.unaryExpr([](float v) { return softplus_vectorizable(v); }).sum();
  else
    hidden_term = 0.5f * x.square().sum();
  return -(visible_term + hidden_term) / static_cast<float>(V.cols());
}

void Rbm::export_encoder(Mlp& net, int layer) const {
  check_layer(net, layer, hidden_, visible_, encoder_activation(units_), "Rbm::export_encoder");
  net.W(layer) = W();
  net.b(layer) = b_hidden();
}

void Rbm::export_decoder(Mlp& net, int layer) const {
  check_layer(net, layer, visible_, hidden_, decoder_activation(visible_units_), "Rbm::export_decoder");
  net.W(layer) = W().transpose();
  net.b(layer) = b_visible();
}

Mlp unroll(const std::vector<Rbm>& rbms) {
  if (rbms.empty()) throw std::invalid_argument("unroll: no RBMs");
  const int n = static_cast<int>(rbms.size());
  std::vector<int> sizes = {rbms[0].visible_size()};
  std::vector<Activation> acts;
  for (const Rbm& r : rbms) {
    if (r.visible_size() != sizes.back())
      throw std::invalid_argument("unroll: RBM sizes do not chain");
    sizes.push_back(r.hidden_size());
    acts.push_back(encoder_activation(r.units()));
  }
  for (int i = n - 1; i >= 0; --i) {
    sizes.push_back(rbms[i].visible_size());
    acts.push_back(decoder_activation(rbms[i].visible_units()));
  }
  Mlp net(sizes, acts);
  for (int i = 0; i < n; ++i) {
    rbms[i].export_encoder(net, i);
    rbms[i].export_decoder(net, 2 * n - 1 - i);
  }
  return net;
}

}  // namespace ll
