#include "labs/gan2d_lab.h"

#include <cmath>

namespace ll {

const char* toy_target_key(ToyTarget t) {
  switch (t) {
    case ToyTarget::Ring: return "ring";
    case ToyTarget::Grid: return "grid";
    case ToyTarget::Drawn: return "drawn";
  }
  return "?";
}

GanConfig Gan2dSettings::default_config() {
  GanConfig c;
  c.data_dims = 2;
  c.latent = 2;
  c.gen_hidden = {64, 64};
  c.disc_hidden = {64, 64};
  c.hidden = Activation::ReLU;
  c.gen_output = Activation::Identity;  // points anywhere in the plane
  c.batch = 128;
  c.d_opt.lr = c.g_opt.lr = 1e-3f;
  return c;
}

Gan2dLab::Gan2dLab(const Gan2dSettings& settings)
    : run_(settings.gan, [this](Matrix& out, int p) { sample_target(out, p); }) {
  reset(settings);
}

void Gan2dLab::reset(const Gan2dSettings& s) {
  settings_ = s;
  settings_.gan.data_dims = 2;
  data_rng_ = Rng(s.gan.seed, 77);  // its own stream: the data does not shift when z sampling does
  run_ = GanRun(settings_.gan, [this](Matrix& out, int p) { sample_target(out, p); });
  Rng z_rng(s.gan.seed, 99);
  fixed_z_ = run_.gan().sample_latent(kSamples, z_rng);
  grid_.resize(2, kGrid * kGrid);
  for (int r = 0; r < kGrid; ++r)
    for (int c = 0; c < kGrid; ++c) {
      grid_(0, r * kGrid + c) = -kExtent + (c + 0.5f) * 2 * kExtent / kGrid;
      grid_(1, r * kGrid + c) = kExtent - (r + 0.5f) * 2 * kExtent / kGrid;
    }
  Rng show_rng(s.gan.seed, 55);
  std::swap(show_rng, data_rng_);
  real_.resize(2, kSamples);
  if (!empty_target()) sample_target(real_, kSamples);
  std::swap(show_rng, data_rng_);
  evaluate();
}

void Gan2dLab::add_point(float x, float y) {
  points_.push_back({x, y});
  if (settings_.target == ToyTarget::Drawn) {
    Rng show_rng(settings_.gan.seed, 55);
    std::swap(show_rng, data_rng_);
    sample_target(real_, kSamples);
    std::swap(show_rng, data_rng_);
  }
}

void Gan2dLab::clear_points() {
  points_.clear();
  if (settings_.target == ToyTarget::Drawn) reset(settings_);
}

// Mixtures of isotropic Gaussians: pick a centre uniformly, add N(0, sigma^2 I).
void Gan2dLab::sample_target(Matrix& out, int p) {
  out.resize(2, p);
  for (int j = 0; j < p; ++j) {
    float cx = 0, cy = 0, sigma = 0.05f;
    if (settings_.target == ToyTarget::Ring) {
      // 8 modes on a circle of radius 2, the benchmark of Metz et al. 2017 (unrolled GANs)
      const double angle = 2 * 3.14159265358979 * double(data_rng_.uniform_int(8)) / 8.0;
      cx = float(2 * std::cos(angle));
      cy = float(2 * std::sin(angle));
      sigma = 0.05f;
    } else if (settings_.target == ToyTarget::Grid) {
      cx = float(int(data_rng_.uniform_int(5)) - 2);
      cy = float(int(data_rng_.uniform_int(5)) - 2);
    } else if (!points_.empty()) {
      const auto& q = points_[data_rng_.uniform_int(uint32_t(points_.size()))];
      cx = q[0];
      cy = q[1];
    }
    out(0, j) = cx + sigma * data_rng_.normal();
    out(1, j) = cy + sigma * data_rng_.normal();
  }
}

void Gan2dLab::evaluate() {
  Gan& g = run_.gan();
  const Matrix d = g.discriminate(grid_);
  heat_.assign(d.data(), d.data() + d.size());
  samples_ = g.generate(fixed_z_);
  if (g.finite()) run_.checkpoint();
}

nlohmann::json Gan2dLab::metrics() const {
  const GanConfig& c = settings_.gan;
  // How well G covers the target: the fraction of real points with a generated point within 0.25,
  // and the fraction of generated points within 0.25 of a target mode (high quality, few strays).
  auto near = [](const Matrix& from, const Matrix& to) {
    int hits = 0;
    for (Index i = 0; i < from.cols(); ++i) {
      const float best = (to.colwise() - from.col(i)).colwise().squaredNorm().minCoeff();
      hits += best < 0.0625f;
    }
    return from.cols() ? double(hits) / double(from.cols()) : 0.0;
  };
  const bool have_real = !empty_target();
  return {{"target", toy_target_key(settings_.target)},
          {"points", points_.size()},
          {"settings", {{"d_steps", c.d_steps}, {"gen_loss", gen_loss_key(c.gen_loss)},
                        {"batch", c.batch}, {"lr_d", c.d_opt.lr}, {"lr_g", c.g_opt.lr},
                        {"seed", c.seed}}},
          {"iteration", run_.iteration()},
          {"iterations_per_second", run_.iterations_per_second()},
          {"diverged", run_.diverged()},
          {"target_covered", have_real ? near(real_, samples_) : 0.0},
          {"samples_on_target", have_real ? near(samples_, real_) : 0.0},
          {"mean_d_real", run_.last().mean_d_real},
          {"mean_d_fake", run_.last().mean_d_fake}};
}

}  // namespace ll
