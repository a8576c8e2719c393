#include "core/quantize.h"

#include <cmath>
#include <stdexcept>

namespace ll {

UniformQuantizer::UniformQuantizer(float lo, float hi, int bits) : lo_(lo), hi_(hi), bits_(bits) {
  if (bits < 1 || bits > 24)
    throw std::invalid_argument("UniformQuantizer: bits must be in [1, 24]");
  if (!(lo < hi)) throw std::invalid_argument("UniformQuantizer: need lo < hi");
  levels_ = 1 << bits;
  step_ = (hi - lo) / static_cast<float>(levels_ - 1);
}

int UniformQuantizer::index(float x) const {
  if (!(x > lo_)) return 0;  // also catches NaN
  if (x >= hi_) return levels_ - 1;
  // (x - lo) (2^b - 1) / (hi - lo) rather than / step_: step_ is rounded,
  // which would move exact midpoints such as 3.5 to 3.4999998.
  const double t = (double(x) - lo_) * (levels_ - 1) / (double(hi_) - lo_);
  int k = static_cast<int>(std::floor(t + 0.5));
  return k < levels_ ? k : levels_ - 1;
}

Matrix UniformQuantizer::quantize(const Matrix& X) const {
  return X.unaryExpr([this](float x) { return quantize(x); });
}

std::vector<int> UniformQuantizer::indices(const Matrix& X) const {
  std::vector<int> codes(static_cast<size_t>(X.size()));
  for (Index i = 0; i < X.size(); ++i) codes[static_cast<size_t>(i)] = index(X.data()[i]);
  return codes;
}

Matrix UniformQuantizer::dequantize(const std::vector<int>& codes, Index rows, Index cols) const {
  if (static_cast<Index>(codes.size()) != rows * cols)
    throw std::invalid_argument("UniformQuantizer::dequantize: code count does not match shape");
  Matrix X(rows, cols);
  for (Index i = 0; i < X.size(); ++i) X.data()[i] = level(codes[static_cast<size_t>(i)]);
  return X;
}

}  // namespace ll
