// The lecture's central experiment: an MLP 64-m-64 with tanh hidden and output units learns to
// reproduce random 8x8 frames of a 256x256 8-bit image (pixels scaled to [-1, 1]) under the
// squared reconstruction error E = sum_i ||x_i - psi(phi(x_i))||^2. The whole image is then
// coded tile by tile, plain and with the m code values rounded to 6 and 4 bits, and the same
// net codes an image it never saw. PCA-m and JPEG at the same rates are the baselines.
//
// Steppable: train(budget_ms) runs whole minibatches until the time budget is spent, so the
// UI keeps drawing; results depend only on the number of minibatches, never on frame timing.
#pragma once
#include "core/time_slice.h"
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/loss_watch.h"
#include "core/mlp.h"
#include "core/optimizer.h"
#include "core/rng.h"
#include "labs/image_codecs.h"

namespace ll {

struct CompressionSettings {
  int hidden = 16;                                  // code size m
  OptimizerKind optimizer = OptimizerKind::Adam;
  float lr = 0.004f;
  int batch = 64;
  uint64_t seed = 1;
  int64_t samples = 3'000'000;                      // training budget, in random frames
  // Train for rounded codes: add uniform noise of the b-bit rounding step to the code during
  // the first `noise_until` of the budget (0 bits = off), so the encoder spreads its codes over
  // [-1, 1] and the decoder tolerates rounding (Ballé et al. 2017 use the same stand-in for
  // quantization, which has no useful gradient). The clean last part lets the plain
  // reconstruction recover. Measured on camera, seeds 1-5 (README): 5 bits until 0.8 lifts the
  // 4-bit panel from about 26.6 to 27.6-27.8 dB and costs the plain one about 0.15 dB.
  int noise_bits = 5;
  double noise_until = 0.8;
};

// A 256x256 8-bit image and a note on how it was made from its source.
struct LabImage {
  std::string name;
  GrayImage image;
  std::string note;  // e.g. "512x512 -> 256x256 by 2x2 area averaging"
};
// Gray, centre-cropped, area-resized to 256x256, rounded to 8 bits. Throws ImageError when the
// source is smaller than 64x64 (too little to crop 8x8 frames from at 256x256 sensibly).
LabImage prepare_lab_image(const GrayImage& source, const std::string& name);
LabImage builtin_lab_image(const std::string& name);

struct ImageResults {
  CodedImage ae, pca;
  JpegPanel jpeg_q6, jpeg_q4;  // JPEG at the 6-bit and 4-bit code rates
};

struct LossPoint {
  int64_t samples;  // frames seen so far
  double mse;       // mean squared error per value on [-1, 1], averaged since the last point
};

class CompressionLab {
 public:
  CompressionLab(const CompressionSettings& settings, LabImage trained, LabImage fresh);

  // Starts over with new settings (same images): new weights from the seed, baselines refit.
  void reset(const CompressionSettings& settings);
  void set_trained_image(LabImage img);  // resets training (the net learns this image)
  void set_new_image(LabImage img);      // re-evaluates only

  // Trains minibatches until budget_ms has passed (at least one) or the budget is used up.
  void train(double budget_ms);
  // Exactly n minibatches (n = 0: none); for tests and the "step" button.
  void train_batches(int64_t n);
  // A finished run trains on for `frames` more ("Train further"): a new cosine cycle over them
  // (a warm restart, Loshchilov & Hutter 2017) at kFurtherLrScale of the learning rate.
  void extend(int64_t frames);
  static constexpr double kFurtherLrScale = 0.1;
  // Codes both images with the current net. Cheap (2 x 1024 tiles); the UI calls it a few
  // times per second while training.
  void evaluate();

  bool done() const { return samples_ >= settings_.samples || diverged_; }
  bool diverged() const { return diverged_; }
  const std::string& status() const { return status_; }
  const CompressionSettings& settings() const { return settings_; }
  int64_t samples() const { return samples_; }
  double train_seconds() const { return train_seconds_; }
  double samples_per_second() const { return train_seconds_ > 0 ? samples_ / train_seconds_ : 0; }
  const std::vector<LossPoint>& loss_curve() const { return loss_curve_; }
  const Mlp& encoder() const { return encoder_; }  // phi: 64 -> m, tanh
  const Mlp& decoder() const { return decoder_; }  // psi: m -> 64, tanh
  const LabImage& trained_image() const { return trained_; }
  const LabImage& new_image() const { return fresh_; }
  const ImageResults& trained_results() const { return trained_results_; }
  const ImageResults& new_results() const { return new_results_; }

  // Every number the UI shows, for window.latentlab.metrics() and `latentlab compress --json`.
  // The loss curve as [{frames, mse}, ...] (metrics() has it as "loss_curve").
  nlohmann::json loss_curve_json() const;
  nlohmann::json metrics() const;

 private:
  double train_batch();  // one SGD step on fresh random frames; returns the batch's E
  void diverge();        // restore the best weights and say why training stopped
  void fit_baselines(const LabImage& img, ImageResults& r) const;

  CompressionSettings settings_;
  LabImage trained_, fresh_;
  Mlp encoder_, decoder_;
  Optimizer enc_opt_, dec_opt_;
  Rng rng_;
  Matrix batch_, code_, dY_, dZ_code_;
  LossWatch watch_;
  Vector best_enc_, best_dec_;  // the weights at the lowest point of the loss curve
  PcaCoder pca_;
  ImageResults trained_results_, new_results_;
  std::vector<LossPoint> loss_curve_;
  double loss_acc_ = 0;
  int64_t loss_acc_samples_ = 0;
  int64_t samples_ = 0;
  int64_t cycle_start_ = 0;  // samples_ when the current cosine cycle began (extend())
  double cycle_lr_ = 0;      // its peak learning rate
  double train_seconds_ = 0;
  bool diverged_ = false;
  std::string status_;
  ItemTimes item_times_;  // recent work items, for the next slice (core/time_slice.h)
};

nlohmann::json panel_json(const Panel& p);
const char* optimizer_key(OptimizerKind k);           // "sgd", "momentum", "adam"
OptimizerKind optimizer_from_key(const std::string& key);  // throws std::invalid_argument

}  // namespace ll
