// The 2-D GAN: the same Gan as the image lab, with n = 2, learning a toy distribution in the
// plane (a ring of 8 Gaussians, a 5x5 grid of Gaussians, or points the student draws). What the
// student sees: D's output over the plane as a heat map and G's samples as points, every frame,
// in the spirit of the known 2-D GAN visualizers (e.g. Kahng et al. 2019, "GAN Lab").
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "labs/gan_run.h"

namespace ll {

enum class ToyTarget { Ring, Grid, Drawn };
const char* toy_target_key(ToyTarget t);  // "ring", "grid", "drawn"

struct Gan2dSettings {
  ToyTarget target = ToyTarget::Ring;
  GanConfig gan = default_config();
  int64_t max_iterations = 20000;
  static GanConfig default_config();  // G 2-64-64-2, D 2-64-64-1, Adam 1e-3, batch 128
};

class Gan2dLab {
 public:
  static constexpr float kExtent = 3.0f;  // the plane shown is [-3, 3]^2
  static constexpr int kGrid = 64;        // D is evaluated on kGrid x kGrid cell centres
  static constexpr int kSamples = 512;    // G's samples shown, from a fixed set of z

  explicit Gan2dLab(const Gan2dSettings& settings);
  void reset(const Gan2dSettings& settings);

  // Drawn target: points in plane coordinates; each becomes a small Gaussian (sigma 0.05).
  void add_point(float x, float y);
  void clear_points();
  const std::vector<std::array<float, 2>>& points() const { return points_; }

  void train(double budget_ms) {
    if (!empty_target()) run_.train(budget_ms, settings_.max_iterations, real());
  }
  void iterations(int64_t n) { run_.iterations(n, real()); }
  // Algorithm 1 one step at a time, and single D or G steps (the slow-motion and step buttons).
  bool step() { return run_.step(real()); }
  void step_discriminator() { run_.step_discriminator(real()); }
  void step_generator() { run_.step_generator(); }
  GanRun& run() { return run_; }
  const GanRun& run() const { return run_; }
  bool done() const { return run_.iteration() >= settings_.max_iterations || run_.diverged(); }
  // The target has no points yet (drawn target before the first click): nothing to train on.
  bool empty_target() const { return settings_.target == ToyTarget::Drawn && points_.empty(); }

  // D over the grid, G(z) for the fixed z and the pushes on them; cheap, the page calls it
  // every frame.
  void evaluate();
  // heat()[row * kGrid + col] = D(x, y), row 0 at the top (y = +kExtent).
  const std::vector<float>& heat() const { return heat_; }
  const Matrix& samples() const { return samples_; }     // 2 x kSamples, G(z)
  // -dE_G/dx at each sample, times kSamples (one sample's share): the direction and strength
  // with which the next generator step pulls that sample, before it passes back through G.
  const Matrix& pushes() const { return pushes_; }       // 2 x kSamples
  const Matrix& real_points() const { return real_; }    // 2 x kSamples from the target

  const Gan2dSettings& settings() const { return settings_; }
  nlohmann::json metrics() const;

 private:
  void sample_target(Matrix& out, int p, Rng& rng);
  GanRun::RealBatch real() {
    return [this](Matrix& out, int p) { sample_target(out, p, data_rng_); };
  }
  void show_target();
  std::vector<std::array<float, 2>> centres() const;  // the mixture's mode centres

  Gan2dSettings settings_;
  std::vector<std::array<float, 2>> points_;
  Rng data_rng_;
  GanRun run_;
  Matrix fixed_z_, grid_, samples_, pushes_, real_;
  std::vector<float> heat_;
};

}  // namespace ll
