// The image GAN lab: G and D (labs/gan.h) trained on MNIST or Fashion-MNIST digits, with what
// the student sees: an 8x8 grid of samples from fixed z, a latent interpolation row, the nearest
// training image to a chosen sample, the loss curves (labs/gan_run.h) and, for digits, the
// quality score over training (labs/digit_scorer.h) with a mode-collapse warning.
// Pixels are scaled to G's output range (tanh: [-1, 1]); everything shown is back in [0, 1].
#pragma once
#include "core/time_slice.h"
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/gray_image.h"
#include "labs/datasets.h"
#include "labs/digit_scorer.h"
#include "labs/gan_run.h"

namespace ll {

struct GanLabSettings {
  GanConfig gan = default_config();
  int64_t max_iterations = 10000;
  int score_every = 250;    // iterations between quality scores
  int score_samples = 500;  // generated samples per score (the CLI's targets use 2,000)
  static GanConfig default_config();
};

struct ScorePoint {
  int64_t iteration = 0;
  ScoreReport report;
};

class GanLab {
 public:
  static constexpr int kGrid = 8;     // kGrid x kGrid samples from fixed z
  static constexpr int kInterp = 10;  // samples on the line between two z

  // `scorer` may be null (then no quality score); it is used only for labelled digit datasets.
  GanLab(std::shared_ptr<const Dataset> data, const GanLabSettings& settings,
         std::shared_ptr<DigitScorer> scorer);
  void reset(const GanLabSettings& settings);

  // Steps within the budget, scoring when due (the score counts against the budget).
  void train(double budget_ms);
  // Exactly n iterations (plus the scores that fall due); for the CLI and tests.
  void iterations(int64_t n);
  // Algorithm 1 one step at a time, and single D or G steps (the slow-motion and step buttons).
  bool step() { return run_.step(real()); }
  void step_discriminator() { run_.step_discriminator(real()); }
  void step_generator() { run_.step_generator(); }
  GanRun& run() { return run_; }
  const GanRun& run() const { return run_; }
  bool done() const { return run_.iteration() >= settings_.max_iterations || run_.diverged(); }

  // Regenerates the grid and the interpolation row from the current G (cheap: 74 samples).
  void evaluate();
  const Matrix& grid() const { return grid_; }            // dims x 64, pixels in [0, 1]
  const Matrix& interpolation() const { return interp_; } // dims x kInterp, in [0, 1]
  void set_interpolation(int from, int to);               // two grid cells
  int interpolation_from() const { return interp_a_; }
  int interpolation_to() const { return interp_b_; }
  // The training image closest (Euclidean, in pixels) to grid sample `cell`: its index in the
  // dataset, and the pixels, and the RMS pixel distance on [0, 1].
  struct Nearest { int index = -1; Matrix image; double rms = 0; };
  Nearest nearest_training_image(int cell) const;

  // Scores G now on the fixed scoring z (also called by train when due).
  void score();
  bool scoring() const { return scorer_ != nullptr; }
  const std::vector<ScorePoint>& scores() const { return scores_; }
  // Non-empty when class coverage dropped (mode_collapse_message): the usual sign of mode collapse.
  const std::string& mode_collapse() const { return collapse_; }

  const Dataset& data() const { return *data_; }
  const GanLabSettings& settings() const { return settings_; }
  Matrix to_unit(const Matrix& G_out) const;  // G's output range -> [0, 1]
  // D(x) (1 x n) of any images on [0, 1] (e.g. a student's drawing), scaled as real images are.
  Matrix discriminate_unit(const Matrix& X01) const;
  nlohmann::json metrics() const;

 private:
  void real_batch(Matrix& out, int p);
  GanRun::RealBatch real() {
    return [this](Matrix& out, int p) { real_batch(out, p); };
  }
  bool score_due() const;
  void begin_score();
  void score_chunk();
  void record_score(const ScoreReport& report);
  static constexpr Index kScoreChunk = 100;

  std::shared_ptr<const Dataset> data_;
  std::shared_ptr<DigitScorer> scorer_;
  GanLabSettings settings_;
  // dims x N training images in [0, 1]; shared, so copies of the lab (ui/lab_runner.h) are cheap
  std::shared_ptr<const Matrix> train01_;
  std::vector<int> train_index_;  // their indices in the dataset
  Vector train_norms_;      // squared norms of the columns, for nearest-image search
  std::vector<int> order_;  // epoch order of training images
  size_t next_ = 0;
  Rng data_rng_;
  GanRun run_;
  Matrix grid_z_, score_z_, grid_, interp_;
  int interp_a_ = 0, interp_b_ = 7;
  std::vector<ScorePoint> scores_;
  bool scoring_pending_ = false;
  Index score_done_ = 0;
  Matrix score_F_;  // scorer features of the samples scored so far
  std::string collapse_;
  ItemTimes item_times_;  // recent work items, for the next slice (core/time_slice.h)
};

// The mode-collapse warning for a score history: non-empty when the latest score lost two or
// more classes from a best of at least 8, or its class entropy fell 0.3 nats below a best of at
// least 1.5 (so the low coverage of the first iterations is not mistaken for a collapse).
std::string mode_collapse_message(const std::vector<ScorePoint>& scores);

// Images (columns of side*side pixels in [0, 1]) tiled `per_row` to a row with a 1-pixel gap, on
// the 8-bit scale (0 = background), for PNG files and textures.
GrayImage image_grid(const Matrix& X01, int per_row, int side);

}  // namespace ll
