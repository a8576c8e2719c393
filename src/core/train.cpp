#include "core/train.h"

#include <stdexcept>

namespace ll {

float train_step(Mlp& net, Optimizer& opt, Loss loss, const Matrix& X, const Matrix& T) {
  const Matrix& Y = net.forward(X);
  if (T.rows() != Y.rows() || T.cols() != Y.cols())
    throw std::invalid_argument("train_step: targets do not match the network output shape");
  Matrix dZ;
  float E = loss_and_grad(loss, net.activation(net.num_layers() - 1), net.logits(), Y, T, dZ);
  dZ *= 1.0f / static_cast<float>(X.cols());
  net.backward(dZ);
  opt.step(net);
  return E;
}

float evaluate(Mlp& net, Loss loss, const Matrix& X, const Matrix& T) {
  const Matrix& Y = net.forward(X);
  if (loss == Loss::CrossEntropy) return cross_entropy_from_logits(net.logits(), T);
  if (loss == Loss::SoftmaxCrossEntropy) return softmax_cross_entropy_from_logits(net.logits(), T);
  return squared_error(Y, T);
}

Matrix gather_columns(const Matrix& data, const int* idx, int n) {
  Matrix out(data.rows(), n);
  for (int j = 0; j < n; ++j) out.col(j) = data.col(idx[j]);
  return out;
}

}  // namespace ll
