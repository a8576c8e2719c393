// Timing for the benchmarks: warm up, calibrate a repetition count so that one sample lasts at
// least `min_sample_s`, then take `samples` samples and return the median time of ONE call.
//
// The median, not the mean or the minimum: the benchmark machine is shared (2 cores, other builds),
// and the median of several samples is what stays put from one run to the next. Wall-clock time
// via std::chrono::steady_clock, so it means the same natively and in wasm under node.
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <vector>

namespace bench {

struct TimerConfig {
  double min_sample_s = 0.1;  // each sample repeats the workload at least this long
  int samples = 5;            // the median is taken over this many samples
};

inline double now_s() {
  using clock = std::chrono::steady_clock;
  return std::chrono::duration<double>(clock::now().time_since_epoch()).count();
}

// Median seconds per call of f().
template <typename F>
double median_seconds(F&& f, const TimerConfig& cfg) {
  // Warm-up: first touches of memory, lazily sized buffers, optimizer state, JIT tiers in wasm.
  double t0 = now_s();
  f();
  double once = now_s() - t0;
  int reps = std::max(1, static_cast<int>(std::ceil(cfg.min_sample_s / std::max(once, 1e-9))));
  // A second warm-up round at the calibrated count; the first call alone is often much slower,
  // which would make the calibration too short, so recalibrate from this round.
  t0 = now_s();
  for (int r = 0; r < reps; ++r) f();
  double per_call = (now_s() - t0) / reps;
  reps = std::max(1, static_cast<int>(std::ceil(cfg.min_sample_s / std::max(per_call, 1e-9))));

  std::vector<double> per_sample;
  for (int s = 0; s < cfg.samples; ++s) {
    t0 = now_s();
    for (int r = 0; r < reps; ++r) f();
    per_sample.push_back((now_s() - t0) / reps);
  }
  std::nth_element(per_sample.begin(), per_sample.begin() + per_sample.size() / 2, per_sample.end());
  return per_sample[per_sample.size() / 2];
}

}  // namespace bench
