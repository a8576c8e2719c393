#include "core/metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace ll {

double mse(const Matrix& A, const Matrix& B) {
  if (A.rows() != B.rows() || A.cols() != B.cols())
    throw std::invalid_argument("mse: matrices differ in shape");
  if (A.size() == 0) return 0.0;
  return (A.cast<double>() - B.cast<double>()).squaredNorm() / static_cast<double>(A.size());
}

double psnr(double mse, double peak) {
  if (mse <= 0) return std::numeric_limits<double>::infinity();
  return 10.0 * std::log10(peak * peak / mse);
}

double psnr_8bit(const Matrix& A, const Matrix& B, double lo, double hi) {
  const double scale = 255.0 / (hi - lo);
  return psnr(mse(A, B) * scale * scale, 255.0);
}

double bits_per_pixel(Index code_values, double bits_per_value, Index pixels) {
  return static_cast<double>(code_values) * bits_per_value / static_cast<double>(pixels);
}

double entropy_bits(const std::vector<int>& symbols) {
  if (symbols.empty()) return 0.0;
  std::vector<int> sorted = symbols;
  std::sort(sorted.begin(), sorted.end());
  const double n = static_cast<double>(sorted.size());
  double h = 0;
  for (size_t i = 0; i < sorted.size();) {
    size_t j = i;
    while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
    const double p = static_cast<double>(j - i) / n;
    h -= p * std::log2(p);
    i = j;
  }
  return h;
}

}  // namespace ll
