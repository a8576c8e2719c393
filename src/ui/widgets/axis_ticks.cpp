#include "ui/widgets/axis_ticks.h"

#include <cmath>

namespace ll::ui {

std::vector<double> nice_ticks(double lo, double hi, int count) {
  std::vector<double> ticks;
  if (!(hi > lo) || count < 1) return ticks;
  const double raw = (hi - lo) / count, mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = mag;
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * mag >= raw) {
      step = m * mag;
      break;
    }
  // Multiples i * step (no running sum, so no drift), and 0 written as 0, never -0 or 1e-17.
  for (double i = std::ceil(lo / step - 1e-9); i * step <= hi + 1e-9 * step; i += 1.0) ticks.push_back(i == 0 ? 0.0 : i * step);
  return ticks;
}

}  // namespace ll::ui
