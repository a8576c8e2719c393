#include "core/activation.h"

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

template <typename S>
void activate(Activation a, const MatrixT<S>& Z, MatrixT<S>& A) {
  const S leak = S(kLeakySlope);
  switch (a) {
    case Activation::Identity:
      A = Z;
      break;
    case Activation::Tanh:
      A = Z.array().tanh();
      break;
    // 1 / (1 + e^-z). In float, our vectorizable exp (core/vector_math.h); the double version,
    // which only gradient checks run, stays exact: e^-z = inf gives 0, no NaN.
    case Activation::Sigmoid:
      if constexpr (std::is_same_v<S, float>)
        elementwise(Z, A, sigmoid_vectorizable);
      else
        A = (S(1) + (-Z.array()).exp()).inverse();
      break;
    case Activation::ReLU:
      A = Z.array().max(S(0));
      break;
    case Activation::LeakyReLU:
      elementwise(Z, A, [leak](S z) { return z > S(0) ? z : leak * z; });
      break;
  }
  flush_tiny(A);  // layer outputs feed the next GEMM (core/elementwise.h says why)
}

template <typename S>
void activation_backward(Activation a, const MatrixT<S>& Z, const MatrixT<S>& A,
                         const MatrixT<S>& dA, MatrixT<S>& dZ) {
  const S leak = S(kLeakySlope);
  switch (a) {
    case Activation::Identity:
      dZ = dA;
      break;
    case Activation::Tanh:
      dZ = dA.array() * (S(1) - A.array().square());
      break;
    case Activation::Sigmoid:
      dZ = dA.array() * A.array() * (S(1) - A.array());
      break;
    case Activation::ReLU:
      elementwise(Z, dA, dZ, [](S z, S g) { return z > S(0) ? g : S(0); });
      break;
    case Activation::LeakyReLU:
      elementwise(Z, dA, dZ, [leak](S z, S g) { return z > S(0) ? g : leak * g; });
      break;
  }
  flush_tiny(dZ);  // as in activate(): dZ feeds the dW and dX GEMMs
}

template void activate<float>(Activation, const MatrixT<float>&, MatrixT<float>&);
template void activate<double>(Activation, const MatrixT<double>&, MatrixT<double>&);
template void activation_backward<float>(Activation, const MatrixT<float>&, const MatrixT<float>&,
                                         const MatrixT<float>&, MatrixT<float>&);
template void activation_backward<double>(Activation, const MatrixT<double>&,
                                          const MatrixT<double>&, const MatrixT<double>&,
                                          MatrixT<double>&);

}  // namespace ll
