#include "labs/gan_run.h"

#include <chrono>
#include <cmath>
#include <cstdio>

namespace ll {

GanRun::GanRun(const GanConfig& config, RealBatch real_batch, int curve_every)
    : gan_(config), real_batch_(std::move(real_batch)), curve_every_(curve_every < 1 ? 1 : curve_every) {
  checkpoint();
}

void GanRun::checkpoint() {
  if (!gan_.finite()) return;
  good_g_ = gan_.generator().params();
  good_d_ = gan_.discriminator().params();
}

bool GanRun::guard(const GanStepStats& s) {
  if (std::isfinite(s.d_loss) && std::isfinite(s.g_loss) && gan_.finite()) return true;
  gan_.generator().params() = good_g_;
  gan_.discriminator().params() = good_d_;
  diverged_ = true;
  char lr[64];
  std::snprintf(lr, sizeof lr, "D %g, G %g", gan_.config().d_opt.lr, gan_.config().g_opt.lr);
  status_ = std::string("Training diverged (a loss or weight became NaN or infinite) at learning "
                        "rates ") + lr + ". The last good weights are kept; lower the learning "
                        "rates and press Reset.";
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

void GanRun::step_discriminator() {
  if (diverged_) return;
  real_batch_(real_, gan_.config().batch);
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

void GanRun::iterations(int64_t n) {
  for (int64_t i = 0; i < n && !diverged_; ++i) {
    ++acc_iters_;
    ++iteration_;
    for (int k = 0; k < gan_.config().d_steps && !diverged_; ++k) step_discriminator();
    step_generator();
  }
}

void GanRun::train(double budget_ms, int64_t max_iterations) {
  using clock = std::chrono::steady_clock;
  if (diverged_ || iteration_ >= max_iterations) return;
  const auto start = clock::now();
  auto elapsed_ms = [&] { return std::chrono::duration<double, std::milli>(clock::now() - start).count(); };
  do {
    iterations(1);
  } while (!diverged_ && iteration_ < max_iterations && elapsed_ms() < budget_ms);
  train_seconds_ += elapsed_ms() / 1000.0;
}

nlohmann::json GanRun::curve_json() const {
  nlohmann::json j = nlohmann::json::array();
  for (const GanCurvePoint& p : curve_)
    j.push_back({{"iteration", p.iteration}, {"d_loss", p.d_loss}, {"g_loss", p.g_loss},
                 {"d_real", p.d_real}, {"d_fake", p.d_fake}});
  return j;
}

}  // namespace ll
