#include "core/loss.h"

#include <stdexcept>

namespace ll {

const char* loss_name(Loss l) {
  return l == Loss::SquaredError ? "squared_error" : "cross_entropy";
}

template <typename S>
S squared_error(const MatrixT<S>& Y, const MatrixT<S>& X) {
  return (X - Y).squaredNorm();
}

template <typename S>
S cross_entropy_from_logits(const MatrixT<S>& Z, const MatrixT<S>& P) {
  auto z = Z.array();
  return (z.max(S(0)) - z * P.array() + (-z.abs()).exp().log1p()).sum();
}

template <typename S>
S loss_and_grad(Loss loss, Activation out, const MatrixT<S>& Z, const MatrixT<S>& Y,
                const MatrixT<S>& T, MatrixT<S>& dZ) {
  if (loss == Loss::CrossEntropy) {
    if (out != Activation::Sigmoid)
      throw std::invalid_argument(std::string("cross-entropy needs a sigmoid output layer, got ") +
                                  activation_name(out));
    dZ = Y - T;  // d/dz [max(z,0) - z p + ln(1 + e^-|z|)] = sigmoid(z) - p
    return cross_entropy_from_logits(Z, T);
  }
  MatrixT<S> dY = S(2) * (Y - T);
  activation_backward(out, Z, Y, dY, dZ);
  return squared_error(Y, T);
}

ErrorReport report_error(double total, Index dims, Index batch) {
  ErrorReport r;
  r.total = total;
  r.per_image = batch > 0 ? total / double(batch) : 0.0;
  r.mse = dims * batch > 0 ? total / double(dims * batch) : 0.0;
  return r;
}

#define LL_INSTANTIATE(S)                                                             \
  template S squared_error<S>(const MatrixT<S>&, const MatrixT<S>&);                  \
  template S cross_entropy_from_logits<S>(const MatrixT<S>&, const MatrixT<S>&);      \
  template S loss_and_grad<S>(Loss, Activation, const MatrixT<S>&, const MatrixT<S>&, \
                              const MatrixT<S>&, MatrixT<S>&);
LL_INSTANTIATE(float)
LL_INSTANTIATE(double)
#undef LL_INSTANTIATE

}  // namespace ll
