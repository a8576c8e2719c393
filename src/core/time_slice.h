// Whole work items within a frame's time budget (the single-thread web build trains between
// frames, issue 14: no slice may run past the frame). The next item starts only if the time it
// is expected to take still fits, so a slice ends before its budget instead of one item after
// it; the first item of a slice always runs, so training always moves. The expectation is the
// caller's running estimate of one item, kept between slices (the larger of the last item and a
// moving average, so a slow item is believed at once and a fast one slowly).
// Results never depend on this: it changes only how many whole items one call does.
#pragma once
#include <algorithm>
#include <chrono>

namespace ll {

class TimeSlice {
 public:
  // budget_ms <= 0: no limit. item_ms: the estimate, updated by next().
  TimeSlice(double budget_ms, double& item_ms)
      : budget_ms_(budget_ms), item_ms_(item_ms), start_(Clock::now()), item_start_(start_) {}

  // Call before each item: whether to do it.
  bool next() {
    const auto now = Clock::now();
    if (items_ > 0) {
      const double last = ms(now - item_start_);
      item_ms_ = std::max(last, 0.7 * item_ms_ + 0.3 * last);
    }
    item_start_ = now;
    const bool go = budget_ms_ <= 0 || items_ == 0 || ms(now - start_) + item_ms_ <= budget_ms_;
    if (go) ++items_;
    return go;
  }
  double elapsed_ms() const { return ms(Clock::now() - start_); }

 private:
  using Clock = std::chrono::steady_clock;
  static double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }
  double budget_ms_;
  double& item_ms_;
  Clock::time_point start_, item_start_;
  int items_ = 0;
};

}  // namespace ll
