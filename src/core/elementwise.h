// out = f(in) or f(in1, in2) element by element over Eigen matrices, as plain loops over raw
// pointers: compilers vectorize them, compares included (they become a bit-select), where Eigen's
// select() and its packet exp ran element by element in wasm.
#pragma once

#include "core/tensor.h"

namespace ll {

template <typename S, typename F>
void elementwise(const MatrixT<S>& in, MatrixT<S>& out, F f) {
  out.resize(in.rows(), in.cols());
  const S* x = in.data();
  S* y = out.data();
  for (Index i = 0, n = in.size(); i < n; ++i) y[i] = f(x[i]);
}

// in1 and in2 have the same shape.
template <typename S, typename F>
void elementwise(const MatrixT<S>& in1, const MatrixT<S>& in2, MatrixT<S>& out, F f) {
  out.resize(in1.rows(), in1.cols());
  const S* x1 = in1.data();
  const S* x2 = in2.data();
  S* y = out.data();
  for (Index i = 0, n = in1.size(); i < n; ++i) y[i] = f(x1[i], x2[i]);
}

}  // namespace ll
