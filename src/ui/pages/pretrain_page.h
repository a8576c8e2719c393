// The Pretraining lab's page: an encoder pretrained on all training digits without labels, then
// fine-tuned with N labels next to the same net from random weights. Controls and progress on
// the left (the N slider restarts only the fine-tuning: the encoder never saw a label); on the
// right the RBMs' progress and filters, the N labelled digits, both test accuracy curves in one
// plot, and a table of the final accuracies of every finished N.
#pragma once
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "gfx/gray_texture.h"
#include "labs/pretrain_lab.h"
#include "ui/widgets/run_clock.h"
#include "ui/lab_runner.h"
#include "ui/dataset_store.h"
#include "ui/lab_page.h"
#include "ui/widgets/drawing_pad.h"

namespace ll::ui {

class PretrainPage : public LabPage {
 public:
  PretrainPage(DatasetStore& datasets, DrawingPad& pad);
  void update(double budget_ms) override;
  void draw() override;
  nlohmann::json metrics() const override;
  std::string describe() const override;
  std::string load_file(std::string_view, const std::string&, const std::string&) override {
    return "This lab reads MNIST itself; files are not used here.";
  }
  bool set_training(bool on) override {
    runner_.set_playing(on);
    return true;
  }
  Controls* controls() override { return &controls_; }
  bool busy() const override { return !started_ || runner_.busy(); }
  bool train_between_frames(double budget_ms) override { return started_ && runner_.train_between_frames(budget_ms); }
  bool uses_drawing_pad() const override { return true; }
  bool reset() override;  // the Reset button: a new lab with the panel's settings

 private:
  void draw_controls();
  void draw_results();
  void draw_accuracy_plot(float width, float height);
  void refresh_textures();
  void draw_drawing_answers();
  PretrainLab* lab() { return runner_.view(); }
  const PretrainLab* lab() const { return runner_.view(); }

  DatasetStore& datasets_;
  DrawingPad& pad_;
  Matrix drawing_probs_[2];  // each arm's class probabilities for the drawing (10 x 1), or empty
  int answered_version_ = -1;
  size_t answered_points_ = 0;  // lab()->curve().size() when answered: the nets have moved since
  PretrainSettings pending_;  // applied on Reset (N applies at once)
  int labels_ = 100;
  Controls controls_;  // the flags of `latentlab pretrain`
  LabRunner<PretrainLab> runner_;
  RunClock clock_;  // wall time of the run and what is left
  bool started_ = false;   // the current run's lab was asked for (it needs the dataset first)
  bool recorded_ = false;  // the finished run is in finished_
  bool textures_stale_ = true;
  std::chrono::steady_clock::time_point refreshed_at_;
  std::vector<nlohmann::json> finished_;  // N and the final accuracies of finished runs
  gfx::GrayTexture filters_, labelled_;
};

}  // namespace ll::ui
