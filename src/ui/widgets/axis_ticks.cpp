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
  // A range that holds fewer than two of them (GAN losses from 0.55 to 1.3 at step 0.5 had
  // only the tick 1, nothing to read a value against) takes the next smaller step: 5 -> 2 -> 1.
  for (int tries = 0; tries < 3; ++tries) {
    ticks.clear();
    for (double i = std::ceil(lo / step - 1e-9); i * step <= hi + 1e-9 * step; i += 1.0)
      ticks.push_back(i == 0 ? 0.0 : i * step);
    if (ticks.size() >= 2) break;
    const double m = step / std::pow(10.0, std::floor(std::log10(step) + 1e-9));
    step *= m > 4.5 ? 0.4 : 0.5;  // 5 -> 2; 2 -> 1 and 1 -> 0.5
  }
  return ticks;
}

}  // namespace ll::ui
