// A GAN being trained: Algorithm 1 of Goodfellow et al. 2014 (k discriminator steps, then one
// generator step) sliced into time budgets for the UI, with the curves the student sees and the
// divergence guard. Shared by the image GAN lab and the 2-D GAN lab, which differ only in
// where real samples come from.
#pragma once
#include "core/time_slice.h"
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "labs/gan.h"

namespace ll {

// Averages over the iterations since the previous point.
struct GanCurvePoint {
  int64_t iteration = 0;
  double d_loss = 0, g_loss = 0;        // E_D, E_G (E_G in the form being trained)
  double d_real = 0, d_fake = 0;        // mean D(x) on real, mean D(G(z)) on fake batches
};

class GanRun {
 public:
  // Fills `out` (data_dims x p) with p real samples, scaled to G's output range.
  using RealBatch = std::function<void(Matrix& out, int p)>;

  // The real data comes with each call that needs it, rather than being stored: a lab holding
  // a GanRun can then be copied (the training thread publishes copies, ui/lab_runner.h) without
  // the copy's run reaching back into the original lab.
  explicit GanRun(const GanConfig& config, int curve_every = 25);

  Gan& gan() { return gan_; }
  const Gan& gan() const { return gan_; }

  // One step of Algorithm 1: the next of the k D steps, or the G step that completes the
  // iteration (then returns true).
  bool step(const RealBatch& real);
  // Steps until budget_ms has passed, stopping after `max_iterations` iterations in total.
  void train(double budget_ms, int64_t max_iterations, const RealBatch& real);
  // Exactly n iterations (k D steps + 1 G step each); results depend only on n, never on timing.
  void iterations(int64_t n, const RealBatch& real);
  // One discriminator step or one generator step alone, outside the k:1 rhythm (the lab's
  // "step D" / "step G" buttons).
  void step_discriminator(const RealBatch& real);
  void step_generator();

  // Remembers the current weights as the last good state (the labs call it after evaluating).
  void checkpoint();

  int64_t iteration() const { return iteration_; }
  int phase() const { return phase_; }  // D steps done in the current iteration
  // 0 when step() does a D step next, 1 for the G step, which takes longer (it goes back
  // through D into G): the frame's time estimates keep them apart (core/time_slice.h).
  int next_step_kind() const { return phase_ < gan_.config().d_steps ? 0 : 1; }
  int64_t d_steps() const { return d_steps_; }
  int64_t g_steps() const { return g_steps_; }
  double train_seconds() const { return train_seconds_; }
  double iterations_per_second() const { return train_seconds_ > 0 ? iteration_ / train_seconds_ : 0; }
  const std::vector<GanCurvePoint>& curve() const { return curve_; }
  const GanStepStats& last() const { return last_; }
  bool diverged() const { return diverged_; }
  const std::string& status() const { return status_; }

  nlohmann::json curve_json() const;

 private:
  bool guard(const GanStepStats& s);  // false (and restores the last good state) on NaN/Inf
  void accumulate(const GanStepStats& s, bool d_step, bool g_step);
  void flush_curve();

  Gan gan_;
  int curve_every_;
  Matrix real_;
  Vector good_g_, good_d_;
  std::vector<GanCurvePoint> curve_;
  GanCurvePoint acc_;
  int acc_d_ = 0, acc_g_ = 0, acc_iters_ = 0;
  int phase_ = 0;
  GanStepStats last_;
  int64_t iteration_ = 0, d_steps_ = 0, g_steps_ = 0;
  double train_seconds_ = 0;
  bool diverged_ = false;
  std::string status_;
  ItemTimes item_times_;  // recent work items, for the next slice (core/time_slice.h)
};

}  // namespace ll
