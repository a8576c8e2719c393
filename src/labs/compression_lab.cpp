#include "labs/compression_lab.h"

#include <cmath>
#include <stdexcept>

#include "core/loss.h"
#include "labs/image_io.h"
#include "labs/patches.h"

namespace ll {

constexpr int kSide = 256;

LabImage prepare_lab_image(const GrayImage& source, const std::string& name) {
  if (source.width < 64 || source.height < 64)
    throw ImageError(name + " is " + std::to_string(source.width) + "x" +
                     std::to_string(source.height) + " pixels; the lab needs at least 64x64");
  LabImage out;
  out.name = name;
  const GrayImage square = center_crop_square(source);
  out.image = quantize_8bit(resize_area(square, kSide, kSide));
  const std::string from = std::to_string(source.width) + "x" + std::to_string(source.height);
  if (source.width == 2 * kSide && source.height == 2 * kSide)
    out.note = from + " -> 256x256 by 2x2 area averaging";
  else if (source.width == kSide && source.height == kSide)
    out.note = "256x256 as given";
  else
    out.note = "gray, " + from + (source.width != source.height ? " centre-cropped to a square," : "") +
               " area-resized to 256x256";
  return out;
}

LabImage builtin_lab_image(const std::string& name) {
  return prepare_lab_image(load_builtin_image(name), name);
}

const char* optimizer_key(OptimizerKind k) {
  switch (k) {
    case OptimizerKind::SGD: return "sgd";
    case OptimizerKind::Momentum: return "momentum";
    case OptimizerKind::Adam: return "adam";
  }
  return "?";
}

OptimizerKind optimizer_from_key(const std::string& key) {
  for (OptimizerKind k : {OptimizerKind::SGD, OptimizerKind::Momentum, OptimizerKind::Adam})
    if (key == optimizer_key(k)) return k;
  throw std::invalid_argument("unknown optimizer '" + key + "' (sgd, momentum, adam)");
}

CompressionLab::CompressionLab(const CompressionSettings& settings, LabImage trained, LabImage fresh)
    : trained_(std::move(trained)), fresh_(std::move(fresh)) {
  reset(settings);
}

void CompressionLab::reset(const CompressionSettings& s) {
  if (s.hidden < 1 || s.hidden > 64) throw std::invalid_argument("code size must be 1..64");
  if (s.noise_bits < 0 || s.noise_bits > 16) throw std::invalid_argument("noise bits must be 0..16");
  if (!(s.noise_until >= 0 && s.noise_until <= 1)) throw std::invalid_argument("noise_until must be in [0, 1]");
  if (s.batch < 1) throw std::invalid_argument("batch size must be at least 1");
  if (!(s.lr > 0) || !std::isfinite(s.lr)) throw std::invalid_argument("learning rate must be > 0");
  settings_ = s;
  rng_ = Rng(s.seed);
  encoder_ = Mlp({kFrameDims, s.hidden}, {Activation::Tanh});
  decoder_ = Mlp({s.hidden, kFrameDims}, {Activation::Tanh});
  encoder_.init(rng_);
  decoder_.init(rng_);
  OptimizerConfig oc;
  oc.kind = s.optimizer;
  oc.lr = s.lr;
  enc_opt_ = Optimizer(oc);
  dec_opt_ = Optimizer(oc);
  batch_.resize(kFrameDims, s.batch);
  best_enc_ = encoder_.params();
  best_dec_ = decoder_.params();
  watch_ = LossWatch();
  loss_curve_.clear();
  loss_acc_ = 0;
  loss_acc_samples_ = 0;
  samples_ = 0;
  cycle_start_ = 0;
  cycle_lr_ = settings_.lr;
  train_seconds_ = 0;
  diverged_ = false;
  status_.clear();
  pca_ = fit_pca_coder(trained_.image, s.hidden);
  fit_baselines(trained_, trained_results_);
  fit_baselines(fresh_, new_results_);
  evaluate();
}

void CompressionLab::set_trained_image(LabImage img) {
  trained_ = std::move(img);
  reset(settings_);
}

void CompressionLab::set_new_image(LabImage img) {
  fresh_ = std::move(img);
  fit_baselines(fresh_, new_results_);
  evaluate();
}

void CompressionLab::fit_baselines(const LabImage& img, ImageResults& r) const {
  r.pca = code_with_pca(pca_, img.image);
  const double pixels = kFrameDims;
  r.jpeg_q6 = code_with_jpeg(img.image, settings_.hidden * 6 / pixels);
  r.jpeg_q4 = code_with_jpeg(img.image, settings_.hidden * 4 / pixels);
}

// forward, loss, backward, update: one step of minibatch gradient descent on
// E = sum_i ||x_i - psi(phi(x_i))||^2 over fresh random frames.
double CompressionLab::train_batch() {
  // Cosine learning-rate decay over the budget (Loshchilov & Hutter 2017): large steps first,
  // then small ones that let the weights settle instead of rattling around the minimum.
  const double progress = double(samples_ - cycle_start_) / double(settings_.samples - cycle_start_);
  const float lr = float(cycle_lr_ * 0.5 * (1.0 + std::cos(3.14159265358979 * progress)));
  enc_opt_.config().lr = dec_opt_.config().lr = lr;

  random_frames(trained_.image, rng_, batch_, 0, batch_.cols());
  // forward: code h = phi(x), optionally plus rounding noise, then y = psi(h)
  code_ = encoder_.forward(batch_);
  if (settings_.noise_bits > 0 && progress < settings_.noise_until) {
    const float step = 2.0f / float((1 << settings_.noise_bits) - 1);
    for (Index i = 0; i < code_.size(); ++i) code_.data()[i] += step * (rng_.uniform() - 0.5f);
  }
  decoder_.forward(code_);
  // loss and its gradient at the decoder's pre-activation, averaged over the batch so the
  // learning rate does not depend on the batch size
  const double E = loss_and_grad(Loss::SquaredError, Activation::Tanh, decoder_.logits(),
                                 decoder_.output(), batch_, dY_);
  dY_ *= 1.0f / float(batch_.cols());
  // backward: through psi to the code (noise has derivative 1), then through phi
  decoder_.backward(dY_, /*want_input_grad=*/true);
  activation_backward(Activation::Tanh, encoder_.logits(), encoder_.output(), decoder_.input_grad(),
                      dZ_code_);
  encoder_.backward(dZ_code_);
  // update
  enc_opt_.step(encoder_);
  dec_opt_.step(decoder_);
  samples_ += batch_.cols();
  return E;
}

void CompressionLab::extend(int64_t frames) {
  if (diverged_ || frames <= 0) return;
  cycle_start_ = samples_;
  cycle_lr_ = settings_.lr * kFurtherLrScale;
  settings_.samples += frames;
}

void CompressionLab::train_batches(int64_t n) {
  for (int64_t i = 0; i < n && !done(); ++i) {
    const bool first = samples_ == 0;
    const double E = train_batch();
    const double mse = E / (double(batch_.cols()) * kFrameDims);
    if (first) watch_.start(mse);  // the untrained net's loss: E is computed before the update
    if (!std::isfinite(E) || !encoder_.params_finite() || !decoder_.params_finite()) {
      watch_.observe(NAN);
      return diverge();
    }
    loss_acc_ += E;
    loss_acc_samples_ += batch_.cols();
    if (loss_acc_samples_ >= 8192 || done()) {
      loss_curve_.push_back({samples_, loss_acc_ / (double(loss_acc_samples_) * kFrameDims)});
      loss_acc_ = 0;
      loss_acc_samples_ = 0;
      const LossWatch::Verdict v = watch_.observe(loss_curve_.back().mse);
      if (v == LossWatch::Diverged) return diverge();
      if (v == LossWatch::Improved) {
        best_enc_ = encoder_.params();
        best_dec_ = decoder_.params();
      }
    }
  }
}

void CompressionLab::diverge() {
  // Back to the best weights so far: nothing the student saw get worse is kept.
  encoder_.params() = best_enc_;
  decoder_.params() = best_dec_;
  diverged_ = true;
  status_ = watch_.message(learning_rate_text(settings_.lr));
  evaluate();
}

void CompressionLab::train(double budget_ms) {
  TimeSlice slice(budget_ms, item_times_);
  while (!done() && slice.next()) train_batches(16);
  train_seconds_ += slice.elapsed_ms() / 1000.0;
}

void CompressionLab::evaluate() {
  if (!encoder_.params_finite() || !decoder_.params_finite()) return;
  trained_results_.ae = code_with_autoencoder(encoder_, decoder_, trained_.image);
  new_results_.ae = code_with_autoencoder(encoder_, decoder_, fresh_.image);
}

nlohmann::json panel_json(const Panel& p) {
  nlohmann::json j = {{"psnr_db", p.psnr_db}, {"mse", p.mse}, {"bpp", p.bpp}};
  if (p.entropy_bpp >= 0) j["entropy_bpp"] = p.entropy_bpp;
  return j;
}

static nlohmann::json coded_json(const CodedImage& c) {
  return {{"plain", panel_json(c.plain)}, {"q6", panel_json(c.q6)}, {"q4", panel_json(c.q4)}};
}

static nlohmann::json results_json(const LabImage& img, const ImageResults& r) {
  auto jpeg = [](const JpegPanel& p) {
    nlohmann::json j = panel_json(p.panel);
    j["quality"] = p.quality;
    j["target_bpp"] = p.target_bpp;
    return j;
  };
  return {{"image", img.name}, {"note", img.note}, {"ae", coded_json(r.ae)},
          {"pca", coded_json(r.pca)},
          {"jpeg", {{"q6", jpeg(r.jpeg_q6)}, {"q4", jpeg(r.jpeg_q4)}}}};
}

nlohmann::json CompressionLab::loss_curve_json() const {
  nlohmann::json j = nlohmann::json::array();
  for (const LossPoint& p : loss_curve_) j.push_back({{"frames", p.samples}, {"mse", p.mse}});
  return j;
}

nlohmann::json CompressionLab::metrics() const {
  const CompressionSettings& s = settings_;
  return {
      {"settings", {{"hidden", s.hidden}, {"optimizer", optimizer_key(s.optimizer)}, {"lr", s.lr},
                    {"batch", s.batch}, {"seed", s.seed}, {"samples", s.samples},
                    {"noise_bits", s.noise_bits}, {"noise_until", s.noise_until}}},
      {"samples_seen", samples_},
      {"train_seconds", train_seconds_},
      {"samples_per_second", samples_per_second()},
      {"loss_mse", loss_curve_.empty() ? nlohmann::json(nullptr) : nlohmann::json(loss_curve_.back().mse)},
      {"loss_curve", loss_curve_json()},
      {"done", done()},
      {"diverged", diverged_},
      {"status", status_},  // why training stopped early ("" while it has not)
      {"trained", results_json(trained_, trained_results_)},
      {"new", results_json(fresh_, new_results_)},
  };
}

}  // namespace ll
