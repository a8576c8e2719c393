// Whole work items within a frame's time budget (the single-thread web build trains between
// frames, issue 14: no slice may run past the frame). The next item starts only if the time it
// is expected to take still fits, so a slice ends before its budget instead of one item after
// it; the first item of a slice always runs, so training always moves.
// Results never depend on this: it changes only how many whole items one call does.
#pragma once
#include <algorithm>
#include <array>
#include <chrono>

namespace ll {

// What the next item is expected to take, per kind of item. A training step is cut into items
// of different kinds (train_pieces.h: a 784x1000 layer's update beside a 30-unit one's), and one
// estimate for all of them forgot the long kind after a run of short items and let it start
// late (slices of 16-17 ms at p95, README "Threads"). The labs name the next item's kind (a
// step's piece, a phase's chunk), so each kind is expected from its own history: the larger of
// its last time and a moving average, so a slow item is believed at once and a fast one slowly.
// A window's second longest item over all kinds, tried first, kept slices shorter but ended
// them at 6-8 ms instead of 12-13 (median, in Chromium): an item the browser preempts (software
// WebGL rasterizes on the same two cores) stayed in the window for 64 items.
class ItemTimes {
 public:
  static constexpr int kKinds = 256;  // kinds beyond share an estimate: harmless, only coarser
  void add(int kind, double ms) {
    double& e = est_[slot(kind)];
    e = std::max(ms, 0.7 * e + 0.3 * ms);
  }
  double expected(int kind) const { return est_[slot(kind)]; }

 private:
  static size_t slot(int kind) { return size_t(kind) % kKinds; }
  std::array<double, kKinds> est_{};
};

class TimeSlice {
 public:
  // budget_ms <= 0: no limit. times: the lab's recent items, kept between slices.
  TimeSlice(double budget_ms, ItemTimes& times)
      : budget_ms_(budget_ms), times_(times), start_(Clock::now()), item_start_(start_) {}

  // Call before each item, with its kind (any small number the lab picks): whether to do it.
  bool next(int kind = 0) {
    const auto now = Clock::now();
    if (items_ > 0) times_.add(kind_, ms(now - item_start_));
    item_start_ = now;
    kind_ = kind;
    const bool go = budget_ms_ <= 0 || items_ == 0 || ms(now - start_) + times_.expected(kind) <= budget_ms_;
    if (go) ++items_;
    return go;
  }
  double elapsed_ms() const { return ms(Clock::now() - start_); }

 private:
  using Clock = std::chrono::steady_clock;
  static double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }
  double budget_ms_;
  ItemTimes& times_;
  Clock::time_point start_, item_start_;
  int items_ = 0, kind_ = 0;
};

}  // namespace ll
