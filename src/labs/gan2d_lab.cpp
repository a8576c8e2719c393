#include "labs/gan2d_lab.h"

#include <cmath>

namespace ll {

constexpr double kPi = 3.14159265358979;

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
    : run_(settings.gan) {
  reset(settings);
}

void Gan2dLab::reset(const Gan2dSettings& s) {
  settings_ = s;
  settings_.gan.data_dims = 2;
  data_rng_ = Rng(s.gan.seed, 77);  // its own stream: the data does not shift when z sampling does
  run_ = GanRun(settings_.gan);
  Rng z_rng(s.gan.seed, 99);
  fixed_z_ = run_.gan().sample_latent(kSamples, z_rng);
  grid_.resize(2, kGrid * kGrid);
  for (int r = 0; r < kGrid; ++r)
    for (int c = 0; c < kGrid; ++c) {
      grid_(0, r * kGrid + c) = -kExtent + (c + 0.5f) * 2 * kExtent / kGrid;
      grid_(1, r * kGrid + c) = kExtent - (r + 0.5f) * 2 * kExtent / kGrid;
    }
  show_target();
  evaluate();
}

void Gan2dLab::add_point(float x, float y) {
  points_.push_back({x, y});
  if (settings_.target == ToyTarget::Drawn) show_target();
}

// The real points drawn under G's samples: always the same draw, so they do not flicker.
void Gan2dLab::show_target() {
  real_.resize(2, 0);
  Rng show_rng(settings_.gan.seed, 55);
  if (!empty_target()) sample_target(real_, kSamples, show_rng);
}

void Gan2dLab::clear_points() {
  points_.clear();
  if (settings_.target == ToyTarget::Drawn) reset(settings_);
}

std::vector<std::array<float, 2>> Gan2dLab::centres() const {
  std::vector<std::array<float, 2>> c;
  if (settings_.target == ToyTarget::Ring)
    for (int k = 0; k < 8; ++k)
      c.push_back({float(2 * std::cos(2 * kPi * k / 8)), float(2 * std::sin(2 * kPi * k / 8))});
  else if (settings_.target == ToyTarget::Grid)
    for (int y = -2; y <= 2; ++y)
      for (int x = -2; x <= 2; ++x) c.push_back({float(x), float(y)});
  else
    c = points_;
  return c;
}

// Mixtures of isotropic Gaussians: pick a centre uniformly, add N(0, sigma^2 I).
void Gan2dLab::sample_target(Matrix& out, int p, Rng& rng) {
  out.resize(2, p);
  for (int j = 0; j < p; ++j) {
    float cx = 0, cy = 0, sigma = 0.05f;
    if (settings_.target == ToyTarget::Ring) {
      // 8 modes on a circle of radius 2, the benchmark of Metz et al. 2017 (unrolled GANs)
      const double angle = 2 * kPi * double(rng.uniform_int(8)) / 8.0;
      cx = float(2 * std::cos(angle));
      cy = float(2 * std::sin(angle));
      sigma = 0.05f;
    } else if (settings_.target == ToyTarget::Grid) {
      cx = float(int(rng.uniform_int(5)) - 2);
      cy = float(int(rng.uniform_int(5)) - 2);
    } else if (!points_.empty()) {
      const auto& q = points_[rng.uniform_int(uint32_t(points_.size()))];
      cx = q[0];
      cy = q[1];
    }
    out(0, j) = cx + sigma * rng.normal();
    out(1, j) = cy + sigma * rng.normal();
  }
}

void Gan2dLab::evaluate() {
  Gan& g = run_.gan();
  const Matrix d = g.discriminate(grid_);
  heat_.assign(d.data(), d.data() + d.size());
  samples_ = g.generate(fixed_z_);
  generator_loss_at(g.discriminator(), samples_, g.config().gen_loss);
  pushes_ = -float(kSamples) * g.discriminator().input_grad();
  if (g.finite()) run_.checkpoint();
}

nlohmann::json Gan2dLab::metrics() const {
  const GanConfig& c = settings_.gan;
  // How G matches the target: the fraction of its samples within 0.25 of a mode centre (few
  // strays), and the modes that got at least a fifth of their fair share of samples (coverage;
  // a mode-collapsed G lands everything on one or two modes).
  const std::vector<std::array<float, 2>> modes = centres();
  std::vector<int> per_mode(modes.size(), 0);
  int on_target = 0;
  for (Index i = 0; i < samples_.cols(); ++i) {
    for (size_t m = 0; m < modes.size(); ++m) {
      const float dx = samples_(0, i) - modes[m][0], dy = samples_(1, i) - modes[m][1];
      if (dx * dx + dy * dy < 0.0625f) {
        ++per_mode[m];
        ++on_target;
        break;
      }
    }
  }
  int covered = 0;
  for (int n : per_mode) covered += 5 * n * int(modes.size()) >= kSamples;
  return {{"target", toy_target_key(settings_.target)},
          {"points", points_.size()},
          {"settings", {{"d_steps", c.d_steps}, {"gen_loss", gen_loss_key(c.gen_loss)},
                        {"batch", c.batch}, {"lr_d", c.d_opt.lr}, {"lr_g", c.g_opt.lr},
                        {"seed", c.seed}}},
          {"iteration", run_.iteration()},
          {"iterations_per_second", run_.iterations_per_second()},
          {"diverged", run_.diverged()},
          {"modes", modes.size()},
          {"modes_covered", covered},
          {"samples_on_target", double(on_target) / double(kSamples)},
          {"mean_d_real", run_.last().mean_d_real},
          {"mean_d_fake", run_.last().mean_d_fake}};
}

}  // namespace ll
