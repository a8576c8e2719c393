#include "core/activation.h"

#include <cmath>
#include <stdexcept>
#include <type_traits>

#include "core/elementwise.h"
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

// Every output is flushed (core/elementwise.h says why): layer outputs feed the next GEMM, and
// dZ feeds the dW and dX GEMMs.
template <typename S>
void activate(Activation a, const MatrixT<S>& Z, MatrixT<S>& A) {
  const S leak = S(kLeakySlope);
  switch (a) {
    case Activation::Identity:
      return elementwise(Z, A, [](S z) { return flushed(z); });
    case Activation::Tanh:  // Eigen's tanh, on each block as one array
      A.resize(Z.rows(), Z.cols());
      return in_blocks(Z.size(), [&](Index begin, Index end) {
        using Array = Eigen::Array<S, Eigen::Dynamic, 1>;
        Eigen::Map<Array> y(A.data() + begin, end - begin);
        y = Eigen::Map<const Array>(Z.data() + begin, end - begin).tanh();
        y = y.unaryExpr([](S v) { return flushed(v); });
      });
    // 1 / (1 + e^-z). In float, our vectorizable exp (core/vector_math.h); the double version,
    // which only gradient checks run, stays exact: e^-z = inf gives 0, no NaN.
    case Activation::Sigmoid:
      if constexpr (std::is_same_v<S, float>)
        return elementwise(Z, A, [](float z) { return flushed(sigmoid_vectorizable(z)); });
      else
        return elementwise(Z, A, [](S z) { return S(1) / (S(1) + std::exp(-z)); });
    case Activation::ReLU:
      return elementwise(Z, A, [](S z) { return flushed(z > S(0) ? z : S(0)); });
    case Activation::LeakyReLU:
      return elementwise(Z, A, [leak](S z) { return flushed(z > S(0) ? z : leak * z); });
  }
}

template <typename S>
void activation_backward(Activation a, const MatrixT<S>& Z, const MatrixT<S>& A,
                         const MatrixT<S>& dA, MatrixT<S>& dZ) {
  const S leak = S(kLeakySlope);
  switch (a) {
    case Activation::Identity:
      return elementwise(dA, dZ, [](S g) { return flushed(g); });
    case Activation::Tanh:
      return elementwise(dA, A, dZ, [](S g, S y) { return flushed(g * (S(1) - y * y)); });
    case Activation::Sigmoid:
      return elementwise(dA, A, dZ, [](S g, S y) { return flushed(g * y * (S(1) - y)); });
    case Activation::ReLU:
      return elementwise(dA, Z, dZ, [](S g, S z) { return flushed(z > S(0) ? g : S(0)); });
    case Activation::LeakyReLU:
      return elementwise(dA, Z, dZ, [leak](S g, S z) { return flushed(z > S(0) ? g : leak * g); });
  }
}

template void activate<float>(Activation, const MatrixT<float>&, MatrixT<float>&);
template void activate<double>(Activation, const MatrixT<double>&, MatrixT<double>&);
template void activation_backward<float>(Activation, const MatrixT<float>&, const MatrixT<float>&,
                                         const MatrixT<float>&, MatrixT<float>&);
template void activation_backward<double>(Activation, const MatrixT<double>&,
                                          const MatrixT<double>&, const MatrixT<double>&,
                                          MatrixT<double>&);

}  // namespace ll
