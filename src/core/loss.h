// Losses summed over the batch, and their gradient with respect to the
// output layer's pre-activation Z (what Mlp::backward takes).
#pragma once

#include "core/activation.h"
#include "core/tensor.h"

namespace ll {

enum class Loss { SquaredError, CrossEntropy };

const char* loss_name(Loss l);

// The slide's reconstruction error E = sum_i ||x_i - y_i||^2 over the batch.
template <typename S>
S squared_error(const MatrixT<S>& Y, const MatrixT<S>& X);

// E = -sum p ln q - sum (1-p) ln(1-q) with q = sigmoid(z), computed from the
// logits z. Per element it equals max(z,0) - z p + ln(1 + e^-|z|), which never
// takes log(0) and never overflows, even when q rounds to 0 or 1.
template <typename S>
S cross_entropy_from_logits(const MatrixT<S>& Z, const MatrixT<S>& P);

// Loss of an output layer (pre-activation Z, activation `out`, output
// Y = out(Z)) against targets T; writes dE/dZ.
//   SquaredError: dE/dY = 2 (Y - T), chained through out'(Z).
//   CrossEntropy: needs out == Sigmoid (throws otherwise); dE/dZ = q - p.
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
