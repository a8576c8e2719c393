// Restricted Boltzmann machine trained with one-step contrastive divergence
// (CD-1, Hinton 2002), as used for the layer-wise pretraining of deep
// autoencoders in Hinton & Salakhutdinov, "Reducing the Dimensionality of Data
// with Neural Networks", Science 2006.
//
// Energy, binary units:          E(v,h) = -b^T v - c^T h - h^T W v
// Gaussian (linear) hidden units, unit variance, for the code layer:
//                                E(v,h) = -b^T v - c^T h - h^T W v + |h|^2 / 2
// Gaussian (linear) visible units, unit variance, for real-valued data
// standardised to variance 1 (the paper's faces):
//                                E(v,h) = |v - b|^2 / 2 - c^T h - h^T W v
// so p(h|v) is Bernoulli(sigmoid(W v + c)) or Normal(W v + c, 1), and p(v|h)
// is Bernoulli(sigmoid(W^T h + b)) or Normal(W^T h + b, 1). The CD-1 update
// has the same form for every kind: <h v^T>_data - <h v^T>_reconstruction
// (each is -dF/dW of the free energy below). Batches: one sample per column.
#pragma once

#include <vector>

#include "core/mlp.h"
#include "core/params.h"
#include "core/rng.h"

namespace ll {

enum class HiddenUnits { Binary, Gaussian };
enum class VisibleUnits { Binary, Gaussian };

// Defaults follow the 2006 paper's code: lr 0.1 (0.001 for Gaussian hidden or
// visible units), momentum 0.5 for the first epochs then 0.9, weight cost 2e-4.
struct RbmConfig {
  float lr = 0.1f;
  float momentum = 0.9f;
  float weight_cost = 2e-4f;  // L2 penalty on W only, not on the biases
};

class Rbm {
 public:
  Rbm() = default;
  Rbm(int visible, int hidden, HiddenUnits units = HiddenUnits::Binary,
      VisibleUnits visible_units = VisibleUnits::Binary);

  int visible_size() const { return visible_; }
  int hidden_size() const { return hidden_; }
  HiddenUnits units() const { return units_; }
  VisibleUnits visible_units() const { return visible_units_; }

  // W ~ N(0, stddev^2), biases zero (the 2006 code uses 0.1).
  void init(Rng& rng, float stddev = 0.1f);
  // init() in pieces, on a fresh Rbm (all zero): W's weights [from, from + n) in init()'s order,
  // so the pieces give init()'s bits. The deep autoencoder tab draws 1.2 M normals for its four
  // RBMs, 52 ms of one work item in wasm (bench/item_times.cpp), more than a frame.
  void init_weights(Rng& rng, float stddev, Index from, Index n);
  Index weight_count() const { return layout_.slot(0).size; }

  Eigen::Map<RowMatrixT<float>> W() { return layout_.matrix(params_, 0); }  // hidden x visible
  Eigen::Map<Vector> b_visible() { return layout_.vector(params_, 1); }
  Eigen::Map<Vector> b_hidden() { return layout_.vector(params_, 2); }
  Eigen::Map<const RowMatrixT<float>> W() const { return layout_.matrix(params_, 0); }
  Eigen::Map<const Vector> b_visible() const { return layout_.vector(params_, 1); }
  Eigen::Map<const Vector> b_hidden() const { return layout_.vector(params_, 2); }
  Vector& params() { return params_; }
  const Vector& params() const { return params_; }
  const ParamLayout& layout() const { return layout_; }
  bool params_finite() const { return params_.allFinite(); }
  // Forget the CD momentum (after loading or replacing the parameters).
  void reset_momentum() { velocity_.setZero(); }

  // E[h | v]: sigmoid(W V + c) for binary units, W V + c for Gaussian ones.
  Matrix hidden_mean(const Matrix& V) const;
  // E[v | h]: p(v = 1 | h) = sigmoid(W^T H + b), or W^T H + b for Gaussian units.
  Matrix visible_mean(const Matrix& H) const;
  // A sample of h given its mean: Bernoulli, or mean + N(0, 1) noise.
  Matrix sample_hidden(const Matrix& mean, Rng& rng) const;
  // The same for v.
  Matrix sample_visible(const Matrix& mean, Rng& rng) const;

  // One CD-1 update on batch V; returns the batch's squared reconstruction
  // error sum ||v - E[v1]||^2 of the one-step reconstruction. The update uses
  // binary v1 at its probabilities (less sampling noise, Hinton 2010, "A
  // Practical Guide to Training RBMs", sec. 3.2) and Gaussian v1 sampled, with
  // the unit-variance noise on the pixels that the faces slide describes.
  float cd1_step(const Matrix& V, const RbmConfig& cfg, Rng& rng);

  // The same step in pieces a frame of the single-thread web build can hold (one 784x1000 step
  // took 9 ms in wasm, 16 in Chromium beside its drawing; issue 14): the Gibbs step, E[h|v1],
  // the gradient, the update. cd1_step(V) is Cd1Step s{V}; while (!cd1_piece(s, ...)) {}, so
  // both give the same bits; how a step is cut never depends on timing. The state holds no
  // pointer to the RBM, so a lab in the middle of a step can be copied.
  struct Cd1Step {
    Matrix V, h0, v1, h1;
    float error = 0;  // cd1_step's return value, once the last piece has run
    int next = 0;     // the next piece
  };
  // Runs the next piece; true when that was the last.
  bool cd1_piece(Cd1Step& s, const RbmConfig& cfg, Rng& rng);

  // Deterministic reconstruction error sum ||v - p(v|E[h|v])||^2 (monitoring).
  float reconstruction_error(const Matrix& V) const;
  // Mean free energy per sample, F(v) = -ln sum_h e^{-E(v,h)}:
  //   binary hidden:   V(v) - sum_j ln(1 + e^{x_j}),  x = W v + c
  //   Gaussian hidden: V(v) - sum_j x_j^2 / 2 (dropping the constant ln sqrt(2 pi)),
  // with V(v) = -b^T v for binary visible units and |v - b|^2 / 2 for Gaussian ones.
  // Comparing it on training and held-out data shows overfitting.
  float free_energy(const Matrix& V) const;

  // Unrolling (Hinton & Salakhutdinov 2006, Fig. 1): copy W, c into encoder
  // layer `layer` of net (sigmoid, or identity for Gaussian hidden units), and
  // W^T, b into a decoder layer (sigmoid, or identity for Gaussian visible
  // units). Throws if the layer's shape or activation differs.
  void export_encoder(Mlp& net, int layer) const;
  void export_decoder(Mlp& net, int layer) const;

 private:
  int visible_ = 0, hidden_ = 0;
  HiddenUnits units_ = HiddenUnits::Binary;
  VisibleUnits visible_units_ = VisibleUnits::Binary;
  ParamLayout layout_;
  Vector params_, velocity_, grads_;
};

// The deep autoencoder unrolled from a stack of pretrained RBMs (first RBM
// reads the data): encoder layers 0..n-1 then decoder layers with transposed
// weights, ready for fine-tuning with backpropagation.
Mlp unroll(const std::vector<Rbm>& rbms);

}  // namespace ll
