// Distortion and rate measures for the compression labs.
#pragma once

#include <vector>

#include "core/tensor.h"

namespace ll {

// Mean squared error over all values of two same-shaped matrices.
double mse(const Matrix& A, const Matrix& B);

// Peak signal-to-noise ratio in dB, 10 log10(peak^2 / mse); peak 255 is the
// 8-bit scale for pixels in [0, 255]. +infinity when mse == 0.
double psnr(double mse, double peak = 255.0);

// PSNR on the 8-bit scale for data stored in [lo, hi] (e.g. [0,1] or
// [-1,1]): the range is mapped onto [0, 255], i.e. the MSE is scaled by
// (255 / (hi - lo))^2, so results compare with image-codec figures.
double psnr_8bit(const Matrix& A, const Matrix& B, double lo, double hi);

// Rate of a code: code_values numbers of bits_per_value bits each,
// describing `pixels` pixels (e.g. 30 values x 8 bits / 784 pixels).
double bits_per_pixel(Index code_values, double bits_per_value, Index pixels);

// Empirical entropy H = -sum_k p_k log2 p_k of a sequence of symbols (e.g.
// quantizer indices), in bits per symbol: the rate an ideal entropy coder
// would reach on these codes.
double entropy_bits(const std::vector<int>& symbols);

}  // namespace ll
