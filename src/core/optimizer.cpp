#include "core/optimizer.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <stdexcept>

#include "core/elementwise.h"

namespace ll {

namespace {
// Where a parameter's gradient stays 0 (a dead or saturated unit), its velocity or Adam moments
// decay geometrically into the denormals and, with a factor above 1/2, stay there for good
// (0.9 * 2^-149 rounds back to 2^-149), every later operation on them a microcode assist on x86
// (core/elementwise.h). So every kFlushEvery steps the denormal moments are set to 0, which
// changes nothing but parameters within 1e-38 of 0. Not in every step: the test in the update
// loop made Adam 1.6x slower in wasm.
constexpr int kFlushEvery = 64;
}  // namespace

void Optimizer::reset() {
  m_.resize(0);
  v_.resize(0);
  zeroed_ = 0;
  t_ = 0;
}

bool Optimizer::prepare_piece(Index n, Index max_zeroed) {
  if (m_.size() != n) {  // allocated, not touched: resize() leaves the entries as they are
    m_.resize(n);
    v_.resize(n);
    zeroed_ = 0;
    t_ = 0;
  }
  while (zeroed_ < 2 * n && max_zeroed > 0) {
    Vector& state = zeroed_ < n ? m_ : v_;
    const Index at = zeroed_ < n ? zeroed_ : zeroed_ - n, count = std::min(max_zeroed, n - at);
    state.segment(at, count).setZero();
    zeroed_ += count;
    max_zeroed -= count;
  }
  return zeroed_ == 2 * n;
}

void Optimizer::step(Vector& params, const Vector& grads, const std::vector<ParamRange>& ranges) {
  begin_step(params, grads);
  for (const ParamRange& r : ranges) update(params, grads, r);
  end_step();
}

void Optimizer::begin_step(const Vector& params, const Vector& grads) {
  if (grads.size() != params.size())
    throw std::invalid_argument("Optimizer::step: params and grads differ in size");
  if (zeroed_ != 2 * params.size()) {  // zeroed_ is 2 m_.size() only once the state is ready
    m_ = Vector::Zero(params.size());
    v_ = Vector::Zero(params.size());
    zeroed_ = 2 * params.size();
    t_ = 0;
  }
  ++t_;
  // Adam's bias corrections folded into the step size, as Kingma & Ba (2015, end of section 2)
  // suggest: lr m_hat / (sqrt(v_hat) + eps) = a m / (sqrt(v) + eps sqrt(c2)), with
  // a = lr sqrt(c2) / c1. One division and one square root per parameter instead of three
  // divisions: the update was 7% of a W3 GAN iteration in wasm.
  const double c1 = 1.0 - std::pow(double(cfg_.beta1), t_), c2 = 1.0 - std::pow(double(cfg_.beta2), t_);
  adam_lr_ = float(double(cfg_.lr) * std::sqrt(c2) / c1);
  adam_eps_ = float(double(cfg_.eps) * std::sqrt(c2));
}

void Optimizer::update(Vector& params, const Vector& grads, ParamRange range) {
  const float lr = cfg_.lr, wd = cfg_.weight_decay;
  const float mu = cfg_.momentum, b1 = cfg_.beta1, b2 = cfg_.beta2;
  const float adam_lr = adam_lr_, adam_eps = adam_eps_;
  float* theta = params.data();
  const float* grad = grads.data();
  float* m = m_.data();
  float* v = v_.data();
  // On the calling thread, not spread over the pool: with Adam's blocks on both threads, W3 ran
  // 40.6 iterations/s in the threaded wasm build, and 48.1 with them on one (means of 12
  // alternating rounds, 2026-12-07/08; every round faster, natively too). Each parameter reads 16
  // bytes and writes 12 for a few flops, so the update is bound by memory, and on this host a
  // block of it took 1.3-3x as long with both threads updating at once (README, "Threads").
  switch (cfg_.kind) {
    case OptimizerKind::SGD:
      for (Index i = range.first; i < range.second; ++i) theta[i] -= lr * (grad[i] + wd * theta[i]);
      break;
    case OptimizerKind::Momentum:
      for (Index i = range.first; i < range.second; ++i) {
        m[i] = mu * m[i] - lr * (grad[i] + wd * theta[i]);
        theta[i] += m[i];
      }
      break;
    case OptimizerKind::Adam:
      for (Index i = range.first; i < range.second; ++i) {
        const float g = grad[i] + wd * theta[i];
        m[i] = b1 * m[i] + (1.0f - b1) * g;
        v[i] = b2 * v[i] + (1.0f - b2) * g * g;
        theta[i] -= adam_lr * m[i] / (std::sqrt(v[i]) + adam_eps);
      }
      break;
  }
}

void Optimizer::end_step() {
  if (t_ % kFlushEvery == 0)
    for (Vector* state : {&m_, &v_}) zero_below(state->data(), state->size(), FLT_MIN);
}

}  // namespace ll
