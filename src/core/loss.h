// Losses summed over the batch, and their gradient with respect to the
// output layer's pre-activation Z (what Mlp::backward takes).
#pragma once

#include "core/activation.h"
#include "core/tensor.h"

namespace ll {

enum class Loss { SquaredError, CrossEntropy, SoftmaxCrossEntropy };

const char* loss_name(Loss l);

// The slide's reconstruction error E = sum_i ||x_i - y_i||^2 over the batch.
template <typename S>
S squared_error(const MatrixT<S>& Y, const MatrixT<S>& X);

// E = -sum p ln q - sum (1-p) ln(1-q) with q = sigmoid(z), computed from the
// logits z. Per element it equals max(z,0) - z p + ln(1 + e^-|z|), which never
// takes log(0) and never overflows, even when q rounds to 0 or 1.
template <typename S>
S cross_entropy_from_logits(const MatrixT<S>& Z, const MatrixT<S>& P);

// Softmax cross-entropy over the rows of each column (one class per row), from the logits:
// E = sum_columns [ logsumexp(z) * sum_k t_k - sum_k t_k z_k ], i.e. -sum_k t_k ln softmax(z)_k.
// logsumexp is taken after subtracting the column's max, so no exp overflows and no log(0)
// is taken however large or confident the logits are. T: one-hot (or probability) columns.
template <typename S>
S softmax_cross_entropy_from_logits(const MatrixT<S>& Z, const MatrixT<S>& T);

// Column-wise softmax(z)_k = e^{z_k - max z} / sum_j e^{z_j - max z} (class probabilities).
template <typename S>
MatrixT<S> softmax_columns(const MatrixT<S>& Z);

// Loss of an output layer (pre-activation Z, activation `out`, output
// Y = out(Z)) against targets T; writes dE/dZ.
//   SquaredError: dE/dY = 2 (Y - T), chained through out'(Z).
//   CrossEntropy: needs out == Sigmoid (throws otherwise); dE/dZ = q - p.
//   SoftmaxCrossEntropy: needs out == Identity (the layer outputs logits; throws otherwise);
//                 dE/dZ = softmax(Z) * sum_k t_k - T (= softmax(Z) - T for one-hot T).
template <typename S>
S loss_and_grad(Loss loss, Activation out, const MatrixT<S>& Z, const MatrixT<S>& Y,
                const MatrixT<S>& T, MatrixT<S>& dZ);

// A total squared error reported three ways: total E, E per image (per
// column) and the mean squared error per value.
struct ErrorReport {
  double total = 0, per_image = 0, mse = 0;
};
ErrorReport report_error(double total, Index dims, Index batch);

}  // namespace ll
