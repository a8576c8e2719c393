#include "core/mlp.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace ll {

template <typename S>
BasicMlp<S>::BasicMlp(const std::vector<int>& sizes, const std::vector<Activation>& acts)
    : sizes_(sizes), acts_(acts), frozen_(acts.size(), false) {
  if (sizes.size() < 2 || acts.size() != sizes.size() - 1)
    throw std::invalid_argument("Mlp needs L+1 layer sizes and L activations");
  for (int n : sizes)
    if (n <= 0) throw std::invalid_argument("Mlp layer sizes must be positive");
  for (int l = 0; l < num_layers(); ++l) {
    layout_.add_matrix(std::to_string(l) + ".W", sizes[l + 1], sizes[l]);
    layout_.add_vector(std::to_string(l) + ".b", sizes[l + 1]);
  }
  params_ = Vec::Zero(layout_.size());
  grads_ = Vec::Zero(layout_.size());
  Z_.resize(acts.size());
  A_.resize(acts.size() + 1);
  dZ_.resize(acts.size());
}

template <typename S>
void BasicMlp<S>::set_frozen(int l, bool frozen) {
  frozen_[l] = frozen;
  if (frozen) grads_.segment(layer_begin(l), layer_end(l) - layer_begin(l)).setZero();
}

template <typename S>
void BasicMlp<S>::init(Rng& rng) {
  for (int l = 0; l < num_layers(); ++l) {
    const double fan_in = sizes_[l], fan_out = sizes_[l + 1];
    auto w = W(l);
    bool relu = acts_[l] == Activation::ReLU || acts_[l] == Activation::LeakyReLU;
    double limit = std::sqrt(6.0 / (fan_in + fan_out)), stddev = std::sqrt(2.0 / fan_in);
    for (Index i = 0; i < w.size(); ++i)
      w.data()[i] = S(relu ? stddev * rng.normal() : limit * (2.0 * rng.uniform() - 1.0));
    b(l).setZero();
  }
}

template <typename S>
std::vector<ParamRange> BasicMlp<S>::trainable_ranges() const {
  std::vector<ParamRange> ranges;
  for (int l = 0; l < num_layers(); ++l) {
    if (frozen_[l]) continue;
    if (!ranges.empty() && ranges.back().second == layer_begin(l))
      ranges.back().second = layer_end(l);  // merge with the previous layer
    else
      ranges.emplace_back(layer_begin(l), layer_end(l));
  }
  return ranges;
}

template <typename S>
const typename BasicMlp<S>::Mat& BasicMlp<S>::forward(const Mat& X) {
  begin_forward(X);
  for (int l = 0; l < num_layers(); ++l) forward_layer(l);
  return A_.back();
}

template <typename S>
typename BasicMlp<S>::Mat BasicMlp<S>::apply(const Mat& X) const {
  if (X.rows() != input_size())
    throw std::invalid_argument("Mlp::apply: input has " + std::to_string(X.rows()) +
                                " rows, expected " + std::to_string(input_size()));
  Mat A = X, Z;
  for (int l = 0; l < num_layers(); ++l) {
    dense_forward<S>(W(l), b(l), A, Z);
    activate(acts_[l], Z, A);
  }
  return A;
}

template <typename S>
void BasicMlp<S>::begin_forward(const Mat& X) {
  if (X.rows() != input_size())
    throw std::invalid_argument("Mlp::forward: input has " + std::to_string(X.rows()) +
                                " rows, expected " + std::to_string(input_size()));
  A_[0] = X;
}

template <typename S>
void BasicMlp<S>::forward_layer(int l) {
  dense_forward<S>(W(l), b(l), A_[l], Z_[l]);
  activate(acts_[l], Z_[l], A_[l + 1]);
}

template <typename S>
void BasicMlp<S>::backward(const Mat& dZ_out, bool want_input_grad) {
  const int lowest = begin_backward(dZ_out, want_input_grad);
  for (int l = num_layers() - 1; l >= lowest; --l) backward_layer(l, lowest, want_input_grad);
}

template <typename S>
int BasicMlp<S>::begin_backward(const Mat& dZ_out, bool want_input_grad) {
  const int L = num_layers();
  // Layers below the lowest trainable one need no gradient at all.
  int lowest = 0;
  if (!want_input_grad)
    while (lowest < L && frozen_[lowest]) ++lowest;
  dZ_[L - 1] = dZ_out;
  return lowest;
}

template <typename S>
void BasicMlp<S>::backward_layer(int l, int lowest, bool want_input_grad) {
  if (!frozen_[l]) dense_backward_params<S>(A_[l], dZ_[l], dW(l), db(l));
  if (l > lowest) {
    dense_backward_input<S>(W(l), dZ_[l], dA_);
    activation_backward(acts_[l - 1], Z_[l - 1], A_[l], dA_, dZ_[l - 1]);
  } else if (want_input_grad) {  // lowest is 0 then
    dense_backward_input<S>(W(0), dZ_[0], dX_);
  }
}

template <typename S>
BasicMlp<S> BasicMlp<S>::slice(int first, int last) const {
  BasicMlp out;
  slice_into(first, last, out);
  return out;
}

template <typename S>
void BasicMlp<S>::slice_into(int first, int last, BasicMlp& out) const {
  if (first < 0 || last > num_layers() || first >= last)
    throw std::invalid_argument("Mlp::slice: bad layer range");
  std::vector<int> sizes(sizes_.begin() + first, sizes_.begin() + last + 1);
  std::vector<Activation> acts(acts_.begin() + first, acts_.begin() + last);
  if (out.sizes_ != sizes || out.acts_ != acts) out = BasicMlp(sizes, acts);
  out.params_ = params_.segment(layer_begin(first), out.params_.size());  // same size: no allocation
  for (int l = first; l < last; ++l) out.frozen_[l - first] = frozen_[l];
}

template <typename S>
BasicMlp<S> BasicMlp<S>::stack(const BasicMlp& a, const BasicMlp& b) {
  if (a.output_size() != b.input_size())
    throw std::invalid_argument("Mlp::stack: output size " + std::to_string(a.output_size()) +
                                " does not match input size " + std::to_string(b.input_size()));
  std::vector<int> sizes = a.sizes_;
  sizes.insert(sizes.end(), b.sizes_.begin() + 1, b.sizes_.end());
  std::vector<Activation> acts = a.acts_;
  acts.insert(acts.end(), b.acts_.begin(), b.acts_.end());
  BasicMlp out(sizes, acts);
  out.params_ << a.params_, b.params_;  // layer blocks are laid out in order
  for (int l = 0; l < a.num_layers(); ++l) out.frozen_[l] = a.frozen_[l];
  for (int l = 0; l < b.num_layers(); ++l) out.frozen_[a.num_layers() + l] = b.frozen_[l];
  return out;
}

template class BasicMlp<float>;
template class BasicMlp<double>;

}  // namespace ll
