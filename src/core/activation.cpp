#include "core/activation.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <type_traits>

#include "core/elementwise.h"
#include "core/parallel.h"
#include "core/vector_math.h"

namespace ll {

const char* activation_name(Activation a) {
  switch (a) {
    case Activation::Identity:
      return "identity";
    case Activation::Tanh:
      return "tanh";
    case Activation::Sigmoid:
      return "sigmoid";
    case Activation::ReLU:
      return "relu";
    case Activation::LeakyReLU:
      return "leaky_relu";
  }
  return "?";
}

Activation activation_from_name(const std::string& name) {
  for (Activation a : {Activation::Identity, Activation::Tanh, Activation::Sigmoid,
                       Activation::ReLU, Activation::LeakyReLU})
    if (name == activation_name(a)) return a;
  throw std::invalid_argument("unknown activation '" + name + "'");
}

namespace {

// Large matrices are done in column blocks (samples) on the pool (core/parallel.h): with 2
// threads the element-wise passes of a W2 step were ~7% of it, serial on the calling thread.
// Every element is computed alone, so the bits do not depend on the split.
template <typename F>
void by_column_blocks(Index rows, Index cols, F f) {
  constexpr Index kMinElements = Index(1) << 14;  // below, waking the pool costs more
  if (rows * cols < 2 * kMinElements || cols < 2) return f(0, cols);
  const Index per = std::max<Index>((cols + 7) / 8, (kMinElements + rows - 1) / rows);
  parallel_for(int((cols + per - 1) / per), [&](int t) {
    const Index c0 = Index(t) * per;
    f(c0, std::min(per, cols - c0));
  });
}

}  // namespace

template <typename S>
void activate(Activation a, const MatrixT<S>& Z, MatrixT<S>& A) {
  const S leak = S(kLeakySlope);
  A.resize(Z.rows(), Z.cols());
  by_column_blocks(Z.rows(), Z.cols(), [&](Index c0, Index n) {
    const Index rows = Z.rows(), size = rows * n;
    const S* z = Z.data() + c0 * rows;
    S* y = A.data() + c0 * rows;
    switch (a) {
      case Activation::Identity:
        std::copy(z, z + size, y);
        break;
      case Activation::Tanh:
        A.middleCols(c0, n) = Z.middleCols(c0, n).array().tanh();
        break;
      // 1 / (1 + e^-z). In float, our vectorizable exp (core/vector_math.h); the double version,
      // which only gradient checks run, stays exact: e^-z = inf gives 0, no NaN.
      case Activation::Sigmoid:
        if constexpr (std::is_same_v<S, float>)
          for (Index i = 0; i < size; ++i) y[i] = sigmoid_vectorizable(z[i]);
        else
          for (Index i = 0; i < size; ++i) y[i] = S(1) / (S(1) + std::exp(-z[i]));
        break;
      case Activation::ReLU:
        for (Index i = 0; i < size; ++i) y[i] = z[i] > S(0) ? z[i] : S(0);
        break;
      case Activation::LeakyReLU:
        for (Index i = 0; i < size; ++i) y[i] = z[i] > S(0) ? z[i] : leak * z[i];
        break;
    }
    flush_tiny(y, size);  // layer outputs feed the next GEMM (core/elementwise.h says why)
  });
}

template <typename S>
void activation_backward(Activation a, const MatrixT<S>& Z, const MatrixT<S>& A,
                         const MatrixT<S>& dA, MatrixT<S>& dZ) {
  const S leak = S(kLeakySlope);
  dZ.resize(dA.rows(), dA.cols());
  by_column_blocks(dA.rows(), dA.cols(), [&](Index c0, Index n) {
    const Index rows = dA.rows(), size = rows * n, at = c0 * rows;
    const S *z = Z.data() + at, *y = A.data() + at, *g = dA.data() + at;
    S* d = dZ.data() + at;
    switch (a) {
      case Activation::Identity:
        std::copy(g, g + size, d);
        break;
      case Activation::Tanh:
        for (Index i = 0; i < size; ++i) d[i] = g[i] * (S(1) - y[i] * y[i]);
        break;
      case Activation::Sigmoid:
        for (Index i = 0; i < size; ++i) d[i] = g[i] * y[i] * (S(1) - y[i]);
        break;
      case Activation::ReLU:
        for (Index i = 0; i < size; ++i) d[i] = z[i] > S(0) ? g[i] : S(0);
        break;
      case Activation::LeakyReLU:
        for (Index i = 0; i < size; ++i) d[i] = z[i] > S(0) ? g[i] : leak * g[i];
        break;
    }
    flush_tiny(d, size);  // as in activate(): dZ feeds the dW and dX GEMMs
  });
}

template void activate<float>(Activation, const MatrixT<float>&, MatrixT<float>&);
template void activate<double>(Activation, const MatrixT<double>&, MatrixT<double>&);
template void activation_backward<float>(Activation, const MatrixT<float>&, const MatrixT<float>&,
                                         const MatrixT<float>&, MatrixT<float>&);
template void activation_backward<double>(Activation, const MatrixT<double>&,
                                          const MatrixT<double>&, const MatrixT<double>&,
                                          MatrixT<double>&);

}  // namespace ll
