// Uniform b-bit scalar quantizer for codes in a known range [lo, hi].
//
// The 2^b levels are lo + k * step, k = 0 .. 2^b - 1, step = (hi - lo) / (2^b - 1),
// so both ends are representable; a value maps to the nearest level (ties
// upward) after clamping to [lo, hi]. The max error inside the range is step/2.
#pragma once

#include <vector>

#include "core/tensor.h"

namespace ll {

class UniformQuantizer {
 public:
  // bits in [1, 24], lo < hi; throws std::invalid_argument otherwise.
  UniformQuantizer(float lo, float hi, int bits);

  int bits() const { return bits_; }
  int levels() const { return levels_; }
  float step() const { return step_; }

  int index(float x) const;  // 0 .. levels-1 (NaN maps to 0)
  float level(int k) const { return lo_ + static_cast<float>(k) * step_; }
  float quantize(float x) const { return level(index(x)); }

  Matrix quantize(const Matrix& X) const;           // every value to its level
  std::vector<int> indices(const Matrix& X) const;  // the integer codes, column-major
  Matrix dequantize(const std::vector<int>& codes, Index rows, Index cols) const;

 private:
  float lo_, hi_, step_;
  int bits_, levels_;
};

}  // namespace ll
