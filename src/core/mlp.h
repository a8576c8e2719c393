// Multilayer perceptron: a stack of dense layers A_{l+1} = f_l(W_l A_l + b_l).
//
// An autoencoder is one Mlp (encoder layers then decoder layers); slice()
// cuts out the encoder or decoder, stack() joins two Mlps (e.g. to unroll
// pretrained layers into a deep autoencoder), and frozen layers keep their
// weights while the rest trains. Parameters and gradients are two flat
// buffers with the layout from params.h; tensors are named "<l>.W", "<l>.b".
#pragma once

#include <utility>
#include <vector>

#include "core/activation.h"
#include "core/dense.h"
#include "core/params.h"
#include "core/rng.h"

namespace ll {

// A half-open range [begin, end) of a flat parameter buffer.
using ParamRange = std::pair<Index, Index>;

template <typename S>
class BasicMlp {
 public:
  using Mat = MatrixT<S>;
  using Vec = VectorT<S>;

  BasicMlp() = default;
  // sizes = {n_0, ..., n_L} units per layer, acts[l] applied by layer l (L of them).
  // Parameters start at zero; call init().
  BasicMlp(const std::vector<int>& sizes, const std::vector<Activation>& acts);

  int num_layers() const { return static_cast<int>(acts_.size()); }
  int input_size() const { return sizes_.front(); }
  int output_size() const { return sizes_.back(); }
  const std::vector<int>& sizes() const { return sizes_; }
  const std::vector<Activation>& activations() const { return acts_; }
  Activation activation(int l) const { return acts_[l]; }

  // Frozen layers get no gradient and are skipped by the optimizer.
  bool frozen(int l) const { return frozen_[l]; }
  void set_frozen(int l, bool frozen);

  // Weights from rng, biases zero: Xavier/Glorot uniform, U(+-sqrt(6/(in+out)))
  // (Glorot & Bengio 2010) for identity/tanh/sigmoid layers; He normal,
  // N(0, 2/in) (He et al. 2015) for ReLU/LeakyReLU layers.
  void init(Rng& rng);

  Eigen::Map<RowMatrixT<S>> W(int l) { return layout_.matrix(params_, 2 * l); }
  Eigen::Map<VectorT<S>> b(int l) { return layout_.vector(params_, 2 * l + 1); }
  Eigen::Map<const RowMatrixT<S>> W(int l) const { return layout_.matrix(params_, 2 * l); }
  Eigen::Map<const VectorT<S>> b(int l) const { return layout_.vector(params_, 2 * l + 1); }
  Eigen::Map<RowMatrixT<S>> dW(int l) { return layout_.matrix(grads_, 2 * l); }
  Eigen::Map<VectorT<S>> db(int l) { return layout_.vector(grads_, 2 * l + 1); }

  Vec& params() { return params_; }
  const Vec& params() const { return params_; }
  Vec& grads() { return grads_; }
  const Vec& grads() const { return grads_; }
  const ParamLayout& layout() const { return layout_; }
  // Buffer ranges the optimizer may update (one per run of unfrozen layers).
  std::vector<ParamRange> trainable_ranges() const;
  // False as soon as any parameter is NaN or Inf (training diverged): one
  // vectorised pass (x - x is 0 only for finite x), cheap enough every step.
  bool params_finite() const { return params_.allFinite(); }

  // Forward pass over a batch X (input_size x batch); keeps what backward needs.
  const Mat& forward(const Mat& X);
  // The same forward pass keeping nothing in the net: for drawing or scoring a net that may
  // be in the middle of a step in pieces (core/train_pieces.h), whose backward pass needs the
  // activations forward() would overwrite (the browser's deep autoencoder drew its shown images
  // between pieces and trained to 48.4 instead of 12.9). Same bits as forward().
  Mat apply(const Mat& X) const;
  const Mat& output() const { return A_.back(); }  // f_L(Z_L)
  const Mat& layer_output(int l) const { return A_[l + 1]; }  // f_l(Z_l) of the last forward()
  const Mat& logits() const { return Z_.back(); }  // Z_L, the output pre-activation

  // Backpropagation from dZ_out = dE/dZ_L of the last forward(). Overwrites
  // the gradients of trainable layers. With want_input_grad it also computes
  // dE/dX (e.g. a GAN discriminator passing the gradient to its generator).
  void backward(const Mat& dZ_out, bool want_input_grad = false);
  const Mat& input_grad() const { return dX_; }

  // The same two passes one layer at a time, for a step cut into pieces
  // (core/train_pieces.h): forward(X) is begin_forward(X), then forward_layer(l)
  // for l = 0 .. L-1; backward(dZ, g) is lowest = begin_backward(dZ, g), then
  // backward_layer(l, lowest, g) for l = L-1 down to lowest.
  void begin_forward(const Mat& X);
  void forward_layer(int l);
  int begin_backward(const Mat& dZ_out, bool want_input_grad);
  void backward_layer(int l, int lowest, bool want_input_grad);
  // Layer l's weights and biases in the flat buffers.
  ParamRange layer_range(int l) const { return {layer_begin(l), layer_end(l)}; }

  // Layers [first, last) as a new Mlp with copies of their parameters.
  BasicMlp slice(int first, int last) const;
  // The same slice into out, copied in place when out already has its layers: the deep
  // autoencoder tab slices its 2.8 M-parameter net after every evaluation, and memory touched for
  // the first time cost about 3 ms per MB on our test machine (page faults; natively too), so a
  // new slice made each evaluation's last piece 55 ms long in wasm (bench/item_times.cpp).
  void slice_into(int first, int last, BasicMlp& out) const;
  // a's layers followed by b's (a.output_size() must equal b.input_size()).
  static BasicMlp stack(const BasicMlp& a, const BasicMlp& b);

  // Same network in another scalar type (the gradient tests run it in double).
  template <typename T>
  BasicMlp<T> cast() const {
    BasicMlp<T> out(sizes_, acts_);
    out.params() = params_.template cast<T>();
    for (int l = 0; l < num_layers(); ++l) out.set_frozen(l, frozen_[l]);
    return out;
  }

 private:
  Index layer_begin(int l) const { return layout_.slot(2 * l).offset; }
  Index layer_end(int l) const { return layout_.slot(2 * l + 1).offset + sizes_[l + 1]; }

  std::vector<int> sizes_;
  std::vector<Activation> acts_;
  std::vector<bool> frozen_;
  ParamLayout layout_;
  Vec params_, grads_;
  std::vector<Mat> Z_, A_, dZ_;  // A_[0] = X, A_[l+1] = f_l(Z_[l]), dZ_[l] = dE/dZ_l
  Mat dA_, dX_;
};

using Mlp = BasicMlp<float>;

}  // namespace ll
