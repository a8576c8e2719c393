// Where a plot's axis gets its ticks (ui/widgets/plot.h). Free of ImGui, so the unit tests check it.
#pragma once
#include <vector>

namespace ll::ui {

// "Nice" tick positions inside [lo, hi]: multiples of one step of 1, 2 or 5 x 10^k, the
// smallest such step giving at most `count` steps (a smaller one when that leaves fewer than two
// ticks inside); 0 exactly when the range holds it.
std::vector<double> nice_ticks(double lo, double hi, int count);

}  // namespace ll::ui
