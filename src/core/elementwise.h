// out = f(in) or f(in1, in2) element by element over Eigen matrices, as plain loops over raw
// pointers: compilers vectorize them, compares included (they become a bit-select), where Eigen's
// select() and its packet exp ran element by element in wasm.
#pragma once

#include <algorithm>
#include <cmath>
#include <type_traits>

#include "core/parallel.h"
#include "core/tensor.h"

namespace ll {

// Calls body(begin, end) over [0, n): once for a small n, else in blocks on the pool
// (core/parallel.h). Why: with 2 threads the serial element-wise passes (activations and their
// gradients) were ~7% of a W2 step. The blocks depend on n only and each element is computed
// alone, so the bits do not depend on the thread count. Blocks start at multiples of 16
// elements (64 bytes of floats), so every element lies in the same vector lane or scalar tail
// as in one pass over the array.
template <typename F>
void in_blocks(Index n, F body) {
  constexpr Index kMinBlock = Index(1) << 14;  // below, waking the pool costs more than it saves
  if (n < 2 * kMinBlock) return body(Index(0), n);
  const Index per = std::max(kMinBlock, (n / 8 + 15) / 16 * 16);  // at most 8 blocks
  parallel_for(int((n + per - 1) / per), [&](int t) {
    const Index begin = Index(t) * per;
    body(begin, std::min(n, begin + per));
  });
}

template <typename S, typename F>
void elementwise(const MatrixT<S>& in, MatrixT<S>& out, F f) {
  out.resize(in.rows(), in.cols());
  const S* x = in.data();
  S* y = out.data();
  in_blocks(in.size(), [&](Index begin, Index end) {
    for (Index i = begin; i < end; ++i) y[i] = f(x[i]);
  });
}

// in1 and in2 have the same shape.
template <typename S, typename F>
void elementwise(const MatrixT<S>& in1, const MatrixT<S>& in2, MatrixT<S>& out, F f) {
  out.resize(in1.rows(), in1.cols());
  const S* x1 = in1.data();
  const S* x2 = in2.data();
  S* y = out.data();
  in_blocks(in1.size(), [&](Index begin, Index end) {
    for (Index i = begin; i < end; ++i) y[i] = f(x1[i], x2[i]);
  });
}

// v, or 0 if |v| < limit; in a plain loop it vectorizes to a compare and a select.
inline float zero_if_below(float v, float limit) { return std::fabs(v) < limit ? 0.0f : v; }
inline void zero_below(float* p, Index n, float limit) {
  for (Index i = 0; i < n; ++i) p[i] = zero_if_below(p[i], limit);
}

// Sets float entries smaller than 2^-63 (about 1e-19) in magnitude to zero. Why: an x86 CPU
// takes a microcode assist of about a hundred cycles for each operation whose input or result is
// below 2^-126 (a denormal, or an underflow), and WebAssembly has no flush-to-zero mode to switch
// that off. Saturated sigmoid units make such values (outputs and gradients near 0) and their
// products spread through every GEMM: trained with learning rate 0.1, a W2 network's step went
// from 50 to 450 ms in node. Two entries of at least 2^-63 multiply to at least 2^-126, so with
// layer outputs and gradients flushed here the GEMMs stay out of that range; a term this small
// changes nothing a float sum can see. Doubles (gradient checks only) are left alone.
// flushed(v) is one value of it, for use inside an element-wise pass.
template <typename S>
S flushed(S v) {
  if constexpr (std::is_same_v<S, float>) return zero_if_below(v, 0x1p-63f);
  else return v;
}
template <typename S>
void flush_tiny(MatrixT<S>& M) {
  S* p = M.data();
  in_blocks(M.size(), [&](Index begin, Index end) {
    for (Index i = begin; i < end; ++i) p[i] = flushed(p[i]);
  });
}

}  // namespace ll
