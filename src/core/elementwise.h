// out = f(in) or f(in1, in2) element by element over Eigen matrices, as plain loops over raw
// pointers: compilers vectorize them, compares included (they become a bit-select), where Eigen's
// select() and its packet exp ran element by element in wasm.
#pragma once

#include <cmath>
#include <type_traits>

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

// p[i] = 0 wherever |p[i]| < limit (a plain loop: it vectorizes to a compare and a select).
inline void zero_below(float* p, Index n, float limit) {
  for (Index i = 0; i < n; ++i) p[i] = std::fabs(p[i]) < limit ? 0.0f : p[i];
}

// Sets float entries smaller than 2^-63 (about 1e-19) in magnitude to zero. Why: an x86 CPU
// takes a microcode assist of about a hundred cycles for each operation whose input or result is
// below 2^-126 (a denormal, or an underflow), and WebAssembly has no flush-to-zero mode to switch
// that off. Saturated sigmoid units make such values (outputs and gradients near 0) and their
// products spread through every GEMM: trained with learning rate 0.1, a W2 network's step went
// from 50 to 450 ms in node. Two entries of at least 2^-63 multiply to at least 2^-126, so with
// layer outputs and gradients flushed here the GEMMs stay out of that range; a term this small
// changes nothing a float sum can see. Doubles (gradient checks only) are left alone.
template <typename S>
void flush_tiny(S* p, Index n) {
  if constexpr (std::is_same_v<S, float>) zero_below(p, n, 0x1p-63f);
}
template <typename S>
void flush_tiny(MatrixT<S>& M) {
  flush_tiny(M.data(), M.size());
}

}  // namespace ll
