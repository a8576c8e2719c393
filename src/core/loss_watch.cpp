#include "core/loss_watch.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ll {

void LossWatch::start(double loss) {
  if (!std::isfinite(loss)) return;
  if (start_ < 0) start_ = loss;
  if (best_ < 0 || loss < best_) best_ = loss;
}

LossWatch::Verdict LossWatch::observe(double loss) {
  if (diverged_) return Diverged;
  char buf[160];
  if (!std::isfinite(loss)) {
    diverged_ = true;
    what_ = "the loss became NaN or infinite";
    return Diverged;
  }
  if (best_ >= 0 && loss > factor_ * std::max(best_, 0.1 * start_)) {
    diverged_ = true;
    std::snprintf(buf, sizeof buf, "the loss rose to %.4g, %.1fx its best (%.4g)", loss, loss / best_, best_);
    what_ = buf;
    return Diverged;
  }
  if (start_ < 0) start_ = loss;
  if (best_ < 0 || loss < best_) {
    best_ = loss;
    return Improved;
  }
  return Fine;
}

std::string LossWatch::message(const std::string& learning_rates) const {
  return "Training diverged: " + what_ + " at " + learning_rates +
         ", which is likely too high. The weights of the best point so far are kept; lower it and train again.";
}

std::string learning_rate_text(double lr) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "learning rate %g", lr);
  return buf;
}

}  // namespace ll
