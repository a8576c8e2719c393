// Dense layer Z = W X + b as a forward/backward pair (batch layout: tensor.h).
//
// The three products of a layer are separate functions so bench_core can time exactly them. The
// float ones go through core/gemm.h (our SIMD128 kernel in wasm, Eigen natively); the double
// ones, which only the gradient checks run, stay Eigen expressions. W is row-major, so for gemm()
// it is the column-major storage of W^T with leading dimension W.outerStride().
#pragma once

#include <type_traits>

#include "core/gemm.h"
#include "core/tensor.h"

namespace ll {

// Read-only views of a layer's W (row-major, see tensor.h) and b; they bind
// to the Maps into a flat parameter buffer without copying.
template <typename S>
using WeightView = Eigen::Ref<const RowMatrixT<S>>;
template <typename S>
using BiasView = Eigen::Ref<const VectorT<S>>;

// Z = W X
template <typename S>
void product_w_x(const WeightView<S>& W, const MatrixT<S>& X, MatrixT<S>& Z) {
  if constexpr (std::is_same_v<S, float>) {
    Z.resize(W.rows(), X.cols());
    gemm({W.rows(), X.cols(), W.cols()}, W.data(), W.outerStride(), true, X.data(), X.rows(),
         false, 0.0f, Z.data(), Z.rows());
  } else {
    Z.noalias() = W * X;
  }
}

// dW = dZ X^T
template <typename S>
void product_dz_xt(const MatrixT<S>& dZ, const MatrixT<S>& X, Eigen::Map<RowMatrixT<S>> dW) {
  if constexpr (std::is_same_v<S, float>) {
    // Row-major dW is column-major dW^T = X dZ^T.
    gemm({X.rows(), dZ.rows(), X.cols()}, X.data(), X.rows(), false, dZ.data(), dZ.rows(), true,
         0.0f, dW.data(), dW.outerStride());
  } else {
    dW.noalias() = dZ * X.transpose();
  }
}

// dX = W^T dZ
template <typename S>
void product_wt_dz(const WeightView<S>& W, const MatrixT<S>& dZ, MatrixT<S>& dX) {
  if constexpr (std::is_same_v<S, float>) {
    dX.resize(W.cols(), dZ.cols());
    gemm({W.cols(), dZ.cols(), W.rows()}, W.data(), W.outerStride(), false, dZ.data(), dZ.rows(),
         false, 0.0f, dX.data(), dX.rows());
  } else {
    dX.noalias() = W.transpose() * dZ;
  }
}

// Z = W X + b, b added to every column (sample).
template <typename S>
void dense_forward(const WeightView<S>& W, const BiasView<S>& b, const MatrixT<S>& X,
                   MatrixT<S>& Z) {
  product_w_x<S>(W, X, Z);
  Z.colwise() += b;
}

// Given dZ = dE/dZ for the batch:  dW = dZ X^T,  db = dZ 1 (sum over samples).
template <typename S>
void dense_backward_params(const MatrixT<S>& X, const MatrixT<S>& dZ, Eigen::Map<RowMatrixT<S>> dW,
                           Eigen::Map<VectorT<S>> db) {
  product_dz_xt<S>(dZ, X, dW);
  db.noalias() = dZ.rowwise().sum();
}

// dX = W^T dZ, the gradient passed to the layer below.
template <typename S>
void dense_backward_input(const WeightView<S>& W, const MatrixT<S>& dZ, MatrixT<S>& dX) {
  product_wt_dz<S>(W, dZ, dX);
}

}  // namespace ll
