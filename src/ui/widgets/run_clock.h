// Wall time of a run as the student lives it, and an estimate of what is left. The labs count
// only their own compute time, which in the single-thread build is ~40% of the wall time (the
// rest of each frame draws), so "about 46 s left" turned into 101 s (issue 15). This counts the
// wall time while the run trains on screen and estimates what is left from the progress made
// in the last 10 s of wall time, so slower phases (a bigger RBM layer) correct it as they come.
#pragma once
#include <chrono>
#include <deque>
#include <string>
#include <utility>

namespace ll::ui {

class RunClock {
 public:
  // Every frame the page is drawn: `progress` in [0, 1], `running` while it trains.
  void update(double progress, bool running);
  void reset();
  double elapsed_seconds() const { return elapsed_; }
  // Seconds left, or -1 while there is not enough history to say.
  double eta_seconds() const;
  // "12 s", "2 min 5 s"
  static std::string format(double seconds);
  // "12 s so far, about 30 s left", "finished in 38 s", "paused after 12 s"
  std::string describe(bool done, bool running) const;
  // describe(), wrapped, always two lines high: the buttons below must not jump when the
  // estimate's text grows or shrinks (a click aimed at one would land on another).
  void draw(bool done, bool running) const;

 private:
  using Clock = std::chrono::steady_clock;
  Clock::time_point last_{};
  bool has_last_ = false;
  double elapsed_ = 0.0;
  std::deque<std::pair<double, double>> history_;  // (elapsed, progress)
};

}  // namespace ll::ui
