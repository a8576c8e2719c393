#include "labs/gan_lab.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ll {

GanConfig GanLabSettings::default_config() {
  GanConfig c;  // 784 outputs, tanh, Adam 2e-4 / beta1 0.5, batch 64, one D step per G step
  c.latent = 32;
  c.gen_hidden = {256};
  c.disc_hidden = {256};
  c.hidden = Activation::LeakyReLU;
  c.d_opt.lr = c.g_opt.lr = 5e-4f;
  return c;
}

GanLab::GanLab(std::shared_ptr<const Dataset> data, const GanLabSettings& settings,
               std::shared_ptr<DigitScorer> scorer)
    : data_(std::move(data)), run_(settings.gan) {
  const Split split = dataset_split(*data_);
  train_index_ = split.train;
  train01_ = std::make_shared<const Matrix>(to_matrix(*data_, split.train));
  train_norms_ = train01_->colwise().squaredNorm().transpose();
  // Only digits can be scored by the digit classifier.
  if (scorer && data_->name == "mnist" && data_->dims() == 784) {
    scorer_ = std::move(scorer);
    scorer_->set_reference(to_matrix(*data_, split.test));
  }
  reset(settings);
}

void GanLab::reset(const GanLabSettings& s) {
  settings_ = s;
  settings_.gan.data_dims = data_->dims();
  data_rng_ = Rng(s.gan.seed, 77);
  order_.resize(size_t(train01_->cols()));
  for (size_t i = 0; i < order_.size(); ++i) order_[i] = int(i);
  next_ = order_.size();  // shuffle on first use
  run_ = GanRun(settings_.gan);
  Rng z_rng(s.gan.seed, 99);  // fixed z: the same grid for the same seed, whatever the training
  grid_z_ = run_.gan().sample_latent(kGrid * kGrid, z_rng);
  score_z_ = run_.gan().sample_latent(settings_.score_samples, z_rng);
  scores_.clear();
  collapse_.clear();
  scoring_pending_ = false;
  evaluate();
  if (scoring()) score();
}

// Minibatches in epochs: each training image once per pass, in a fresh random order.
void GanLab::real_batch(Matrix& out, int p) {
  out.resize(train01_->rows(), p);
  for (int j = 0; j < p; ++j) {
    if (next_ >= order_.size()) {
      data_rng_.shuffle(order_.data(), int(order_.size()));
      next_ = 0;
    }
    out.col(j) = train01_->col(order_[next_++]);
  }
  if (settings_.gan.gen_output == Activation::Tanh) out = (out.array() * 2.0f - 1.0f).matrix();
}

Matrix GanLab::to_unit(const Matrix& g) const {
  if (settings_.gan.gen_output == Activation::Tanh) return ((g.array() + 1.0f) * 0.5f).matrix();
  return g.cwiseMax(0.0f).cwiseMin(1.0f);
}

Matrix GanLab::discriminate_unit(const Matrix& X01) const {
  const Matrix X = settings_.gan.gen_output == Activation::Tanh ? Matrix((X01.array() * 2.0f - 1.0f).matrix()) : X01;
  return run_.gan().discriminator().apply(X);
}

void GanLab::iterations(int64_t n) {
  const int64_t target = run_.iteration() + n;
  while (!done() && run_.iteration() < target)
    if (run_.step(real()) && score_due()) score();
}

// Steps within the budget. A due score is computed in chunks of kScoreChunk samples at the
// start of the next slices, with training held until it is complete, so it scores the G of that
// iteration and no frame has to wait for all of it.
void GanLab::train(double budget_ms) {
  TimeSlice slice(budget_ms, item_times_);
  while ((scoring_pending_ || !done()) && slice.next(scoring_pending_ ? 2 : run_.next_step_kind())) {
    if (scoring_pending_) score_chunk();
    else if (run_.step(real()) && score_due()) begin_score();
  }
}

bool GanLab::score_due() const {
  return scoring() && run_.iteration() % settings_.score_every == 0;
}

void GanLab::begin_score() {
  scoring_pending_ = true;
  score_done_ = 0;
}

void GanLab::score_chunk() {
  const Index n = std::min<Index>(kScoreChunk, score_z_.cols() - score_done_);
  const Matrix X = to_unit(run_.gan().generate(score_z_.middleCols(score_done_, n)));
  const Matrix F = scorer_->features(X);
  if (score_F_.cols() != score_z_.cols()) score_F_.resize(F.rows(), score_z_.cols());
  score_F_.middleCols(score_done_, n) = F;
  score_done_ += n;
  if (score_done_ < score_z_.cols()) return;
  scoring_pending_ = false;
  record_score(scorer_->score_features(score_F_));
}

void GanLab::evaluate() {
  Gan& g = run_.gan();
  grid_ = to_unit(g.generate(grid_z_));
  Matrix Z(grid_z_.rows(), kInterp);
  for (int i = 0; i < kInterp; ++i) {
    const float t = float(i) / float(kInterp - 1);  // straight line in z (Radford et al. 2016)
    Z.col(i) = (1 - t) * grid_z_.col(interp_a_) + t * grid_z_.col(interp_b_);
  }
  interp_ = to_unit(g.generate(Z));
  run_.checkpoint();
}

void GanLab::set_interpolation(int from, int to) {
  interp_a_ = std::clamp(from, 0, kGrid * kGrid - 1);
  interp_b_ = std::clamp(to, 0, kGrid * kGrid - 1);
  evaluate();
}

GanLab::Nearest GanLab::nearest_training_image(int cell) const {
  Nearest n;
  const Vector x = grid_.col(std::clamp(cell, 0, int(grid_.cols()) - 1));
  // ||x - t||^2 = ||x||^2 - 2 x.t + ||t||^2 for every training image t at once
  const Vector d2 = (train_norms_ - 2.0f * (train01_->transpose() * x)).array() + x.squaredNorm();
  Index best;
  const float m = d2.minCoeff(&best);
  n.index = train_index_[size_t(best)];
  n.image = train01_->col(best);
  n.rms = std::sqrt(std::max(0.0f, m) / float(x.size()));
  return n;
}

void GanLab::score() {
  if (!scoring()) return;
  begin_score();
  while (scoring_pending_) score_chunk();
}

void GanLab::record_score(const ScoreReport& report) {
  ScorePoint p;
  p.iteration = run_.iteration();
  p.report = report;
  scores_.push_back(p);
  collapse_ = mode_collapse_message(scores_);
}

std::string mode_collapse_message(const std::vector<ScorePoint>& scores) {
  if (scores.empty()) return "";
  int best_classes = 0;
  double best_entropy = 0;
  for (const ScorePoint& s : scores) {
    best_classes = std::max(best_classes, s.report.classes_present);
    best_entropy = std::max(best_entropy, s.report.class_entropy);
  }
  // A drop from a good coverage, not the low coverage of the first iterations.
  const ScoreReport& r = scores.back().report;
  const bool classes_lost = best_classes >= 8 && r.classes_present <= best_classes - 2;
  const bool entropy_lost = best_entropy >= 1.5 && r.class_entropy < best_entropy - 0.3;
  if (!classes_lost && !entropy_lost) return "";
  char buf[240];
  std::snprintf(buf, sizeof buf, "Mode collapse? Class coverage dropped: %d of 10 digit classes among "
                "the samples (best %d), class entropy %.2f nats (best %.2f). G is drawing fewer kinds "
                "of digits.", r.classes_present, best_classes, r.class_entropy, best_entropy);
  return buf;
}

GrayImage image_grid(const Matrix& X01, int per_row, int side) {
  const int n = int(X01.cols()), rows = (n + per_row - 1) / per_row;
  GrayImage img(per_row * (side + 1) - 1, rows * (side + 1) - 1, 0.0f);
  for (int k = 0; k < n; ++k)
    for (int i = 0; i < side * side; ++i)
      img.at((k % per_row) * (side + 1) + i % side, (k / per_row) * (side + 1) + i / side) =
          255.0f * std::clamp(X01(i, k), 0.0f, 1.0f);
  return img;
}

nlohmann::json GanLab::metrics() const {
  const GanConfig& c = settings_.gan;
  nlohmann::json scores = nlohmann::json::array();
  for (const ScorePoint& s : scores_) {
    nlohmann::json j = s.report.json();
    j["iteration"] = s.iteration;
    scores.push_back(j);
  }
  return {{"dataset", data_->name},
          {"settings", {{"latent", c.latent}, {"gen_hidden", c.gen_hidden}, {"disc_hidden", c.disc_hidden},
                        {"latent_dist", latent_key(c.latent_dist)}, {"gen_output", activation_name(c.gen_output)},
                        {"gen_loss", gen_loss_key(c.gen_loss)}, {"d_steps", c.d_steps}, {"batch", c.batch},
                        {"optimizer", c.d_opt.kind == OptimizerKind::Adam ? "adam"
                                      : c.d_opt.kind == OptimizerKind::SGD ? "sgd" : "momentum"},
                        {"lr_d", c.d_opt.lr}, {"lr_g", c.g_opt.lr}, {"seed", c.seed},
                        {"max_iterations", settings_.max_iterations}}},
          {"iteration", run_.iteration()},
          {"d_steps_done", run_.d_steps()},
          {"g_steps_done", run_.g_steps()},
          {"train_seconds", run_.train_seconds()},
          {"iterations_per_second", run_.iterations_per_second()},
          {"done", done()},
          {"diverged", run_.diverged()},
          {"status", run_.status()},
          {"curve", run_.curve_json()},
          {"scores", scores},
          {"score", scores_.empty() ? nlohmann::json(nullptr) : scores.back()},
          {"mode_collapse", collapse_}};
}

}  // namespace ll
