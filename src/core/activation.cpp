#include "core/activation.h"

#include <stdexcept>
#include <type_traits>

#include "core/vector_exp.h"

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

// out = f(in) element by element. A plain loop over raw pointers: compilers vectorize it, with
// compares becoming a bit-select (Eigen's select() ran element by element in wasm).
template <typename S, typename F>
void elementwise(const MatrixT<S>& in, MatrixT<S>& out, F f) {
  out.resize(in.rows(), in.cols());
  const S* x = in.data();
  S* y = out.data();
  for (Index i = 0, n = in.size(); i < n; ++i) y[i] = f(x[i]);
}

// out = f(in1, in2) element by element (same shapes), the same way.
template <typename S, typename F>
void elementwise(const MatrixT<S>& in1, const MatrixT<S>& in2, MatrixT<S>& out, F f) {
  out.resize(in1.rows(), in1.cols());
  const S* x1 = in1.data();
  const S* x2 = in2.data();
  S* y = out.data();
  for (Index i = 0, n = in1.size(); i < n; ++i) y[i] = f(x1[i], x2[i]);
}

}  // namespace

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
    // 1 / (1 + e^-z). In float, our vectorizable exp (core/vector_exp.h); the double version,
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
}

template void activate<float>(Activation, const MatrixT<float>&, MatrixT<float>&);
template void activate<double>(Activation, const MatrixT<double>&, MatrixT<double>&);
template void activation_backward<float>(Activation, const MatrixT<float>&, const MatrixT<float>&,
                                         const MatrixT<float>&, MatrixT<float>&);
template void activation_backward<double>(Activation, const MatrixT<double>&,
                                          const MatrixT<double>&, const MatrixT<double>&,
                                          MatrixT<double>&);

}  // namespace ll
