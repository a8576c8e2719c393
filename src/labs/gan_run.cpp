#include "labs/gan_run.h"

#include <chrono>
#include <cmath>
#include <cstdio>

namespace ll {

GanRun::GanRun(const GanConfig& config, int curve_every)
    : gan_(config), curve_every_(curve_every < 1 ? 1 : curve_every) {
  checkpoint();
}

void GanRun::checkpoint() {
  if (!gan_.finite()) return;
  good_g_ = gan_.generator().params();
  good_d_ = gan_.discriminator().params();
}

bool GanRun::guard(const GanStepStats& s) {
  // Both losses are -ln of probabilities averaged over a batch: a few units while the game is
  // played, about 44 when D is certain (sigmoid saturates at 2^-63). Far above that, the logits
  // have exploded, which a too-large learning rate does without ever producing NaN (issue 17:
  // lr 100 ended at a G loss of 1.78e9 "successfully").
  constexpr double kExplodedLoss = 1000;
  const bool finite = std::isfinite(s.d_loss) && std::isfinite(s.g_loss) && gan_.finite();
  if (finite && std::fabs(s.d_loss) < kExplodedLoss && std::fabs(s.g_loss) < kExplodedLoss) return true;
  gan_.generator().params() = good_g_;
  gan_.discriminator().params() = good_d_;
  diverged_ = true;
  char what[160];
  if (finite)
    std::snprintf(what, sizeof what, "the %s loss rose to %.3g (a few units is normal)",
                  std::fabs(s.g_loss) >= kExplodedLoss ? "generator's" : "discriminator's",
                  std::fabs(s.g_loss) >= kExplodedLoss ? s.g_loss : s.d_loss);
  else
    std::snprintf(what, sizeof what, "a loss or weight became NaN or infinite");
  char lr[96];
  std::snprintf(lr, sizeof lr, "learning rates D %g, G %g", gan_.config().d_opt.lr, gan_.config().g_opt.lr);
  status_ = std::string("Training diverged: ") + what + " at " + lr +
            ", which are likely too high. The last good weights are kept; lower them and train again.";
  return false;
}

void GanRun::accumulate(const GanStepStats& s, bool d_step, bool g_step) {
  last_ = s;
  if (d_step) {
    acc_.d_loss += s.d_loss;
    acc_.d_real += s.mean_d_real;
    acc_.d_fake += s.mean_d_fake;
    ++acc_d_;
  }
  if (g_step) {
    acc_.g_loss += s.g_loss;
    ++acc_g_;
  }
}

void GanRun::flush_curve() {
  if (acc_iters_ < curve_every_) return;
  GanCurvePoint p;
  p.iteration = iteration_;
  p.d_loss = acc_d_ ? acc_.d_loss / acc_d_ : NAN;
  p.d_real = acc_d_ ? acc_.d_real / acc_d_ : NAN;
  p.d_fake = acc_d_ ? acc_.d_fake / acc_d_ : NAN;
  p.g_loss = acc_g_ ? acc_.g_loss / acc_g_ : NAN;
  curve_.push_back(p);
  acc_ = GanCurvePoint();
  acc_d_ = acc_g_ = acc_iters_ = 0;
}

void GanRun::step_discriminator(const RealBatch& real) {
  if (diverged_) return;
  real(real_, gan_.config().batch);
  GanStepStats s = gan_.step_discriminator(real_);
  s.g_loss = last_.g_loss;
  ++d_steps_;
  if (guard(s)) accumulate(s, true, false);
}

void GanRun::step_generator() {
  if (diverged_) return;
  GanStepStats s = gan_.step_generator();
  s.d_loss = last_.d_loss;
  s.mean_d_real = last_.mean_d_real;
  ++g_steps_;
  if (guard(s)) accumulate(s, false, true);
}

// Algorithm 1 one step at a time: steps 1..k of an iteration update D, step k+1 updates G.
// Training in steps rather than whole iterations keeps each frame's slice short.
bool GanRun::step(const RealBatch& real) {
  if (diverged_) return false;
  const auto start = std::chrono::steady_clock::now();
  bool completed = false;
  if (phase_ < gan_.config().d_steps) {
    step_discriminator(real);
    ++phase_;
  } else {
    step_generator();
    phase_ = 0;
    ++iteration_;
    ++acc_iters_;
    flush_curve();
    completed = !diverged_;
  }
  train_seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return completed;
}

void GanRun::iterations(int64_t n, const RealBatch& real) {
  const int64_t target = iteration_ + n;
  while (!diverged_ && iteration_ < target) step(real);
}

void GanRun::train(double budget_ms, int64_t max_iterations, const RealBatch& real) {
  TimeSlice slice(budget_ms, item_times_);
  while (!diverged_ && iteration_ < max_iterations && slice.next(next_step_kind())) step(real);
}

nlohmann::json GanRun::curve_json() const {
  nlohmann::json j = nlohmann::json::array();
  for (const GanCurvePoint& p : curve_)
    j.push_back({{"iteration", p.iteration}, {"d_loss", p.d_loss}, {"g_loss", p.g_loss},
                 {"d_real", p.d_real}, {"d_fake", p.d_fake}});
  return j;
}

}  // namespace ll
