// Dense layer Z = W X + b as a forward/backward pair (batch layout: tensor.h).
#pragma once

#include "core/tensor.h"

namespace ll {

// Read-only views of a layer's W (row-major, see tensor.h) and b; they bind
// to the Maps into a flat parameter buffer without copying.
template <typename S>
using WeightView = Eigen::Ref<const RowMatrixT<S>>;
template <typename S>
using BiasView = Eigen::Ref<const VectorT<S>>;

// Z = W X + b, b added to every column (sample).
template <typename S>
void dense_forward(const WeightView<S>& W, const BiasView<S>& b, const MatrixT<S>& X,
                   MatrixT<S>& Z) {
  Z.noalias() = W * X;
  Z.colwise() += b;
}

// Given dZ = dE/dZ for the batch:  dW = dZ X^T,  db = dZ 1 (sum over samples).
template <typename S>
void dense_backward_params(const MatrixT<S>& X, const MatrixT<S>& dZ, Eigen::Map<RowMatrixT<S>> dW,
                           Eigen::Map<VectorT<S>> db) {
  dW.noalias() = dZ * X.transpose();
  db.noalias() = dZ.rowwise().sum();
}

// dX = W^T dZ, the gradient passed to the layer below.
template <typename S>
void dense_backward_input(const WeightView<S>& W, const MatrixT<S>& dZ, MatrixT<S>& dX) {
  dX.noalias() = W.transpose() * dZ;
}

}  // namespace ll
