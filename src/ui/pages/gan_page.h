// The GAN lab's page, two tabs:
//   Digits: G and D on MNIST / Fashion-MNIST; the 8x8 grid of G(z) for fixed z, a latent
//     interpolation row, the nearest training image to a chosen sample, the curves (E_D, E_G,
//     mean D(x), mean D(G(z))), the quality score over training and the mode-collapse warning.
//   2-D: the same model on points in the plane; D's output as a heat map drawn by our shader
//     (gray_image.frag, diverging colours) with the target and G's samples as dots on top.
// Both: the minimax / non-saturating switch, k, step D only, step G only, slow motion.
#pragma once
#include <chrono>
#include <cmath>
#include <memory>
#include <string>

#include "gfx/gray_texture.h"
#include "labs/gan2d_lab.h"
#include "labs/gan_lab.h"
#include "ui/lab_runner.h"
#include "ui/dataset_store.h"
#include "ui/lab_page.h"
#include "ui/widgets/drawing_pad.h"
#include "ui/widgets/file_request.h"

namespace ll::ui {

class GanPage : public LabPage {
 public:
  GanPage(DatasetStore& datasets, FileRequest files, DrawingPad& pad);
  void update(double budget_ms) override;
  void draw() override;
  nlohmann::json metrics() const override;
  std::string describe() const override;
  // A data set for the Digits tab (labs/image_arrays.h, labs/zip_images.h): its own button, or a
  // drop while that tab is open.
  std::string load_file(std::string_view bytes, const std::string& name, const std::string& target) override;
  std::string dataset_target(std::string_view bytes, const std::string& target) const override;
  // A link cannot carry the student's file: on one, it opens on the default data set.
  KeyValues link_settings() override;
  bool uses_drawing_pad() const override { return tab_ == Digits; }
  // Both act on the open tab (Digits or 2-D), like its own buttons.
  bool set_training(bool on) override;
  bool reset() override;
  // Links set up the Digits tab (the flags of `latentlab gan`, plus z-dist, g-output, g-hidden
  // and d-hidden, which the CLI does not have).
  Controls* controls() override { return &controls_; }
  bool busy() const override {
    if (slow_) return true;  // a step every 0.4 s
    if (tab_ == Plane) return playing2_ && !toy_->done() && !toy_->empty_target();
    return started_dataset_ != dataset_ || runner_.busy();
  }
  // The 2-D game and slow motion train by the clock in update() itself, frames are enough.
  bool train_between_frames(double budget_ms) override {
    return tab_ == Digits && !slow_ && started_dataset_ == dataset_ && runner_.train_between_frames(budget_ms);
  }

 private:
  enum Tab { Digits = 0, Plane = 1 };
  // Digits tab (gan_page.cpp)
  void ensure_image_lab();
  void draw_digits();
  void draw_digit_controls();
  void draw_digit_results();
  void draw_curves(const GanRun& run, float width);
  void draw_scores(float width);
  void refresh_textures();
  void draw_drawing_answer();
  // 2-D tab (gan_page_2d.cpp)
  void draw_plane_tab();
  void draw_plane();
  // shared controls: loss switch, k, step buttons, slow motion
  // k and the G loss of `run`, applied at once; `keys` names their link controls (for hide=).
  struct GameKeys {
    const char* k;
    const char* loss;
  };
  // What a control asked for, applied to the 2-D lab at once (toy) or posted to the digits lab.
  struct GameAction {
    enum Kind { None, Loss, K, StepD, StepG, Step } kind = None;
    int value = 0;
  };
  GameAction draw_game_controls(const GanRun& run, bool& playing, GanConfig& pending, GameKeys keys);
  void apply(GameAction a, Gan2dLab* toy);
  static std::string slow_step_name(const GanRun& run);  // the step a slow-motion tick does
  GanLab* lab() { return runner_.view(); }
  const GanLab* lab() const { return runner_.view(); }
  void register_controls();

  DatasetStore& datasets_;
  FileRequest files_;
  DrawingPad& pad_;
  double drawing_d_ = NAN;  // D(x) of the drawing, NAN before one is answered
  int answered_version_ = -1;
  int64_t answered_iteration_ = -1;
  int tab_ = Digits;
  int open_tab_ = -1;  // a tab to select on the next draw (from a link)
  bool slow_ = false;
  std::chrono::steady_clock::time_point last_tick_;
  std::string last_step_;          // "D step" / "G step", shown in slow motion
  // Digits
  std::string dataset_ = "mnist";
  GanLabSettings pending_;
  std::shared_ptr<DigitScorer> scorer_;
  std::string scorer_error_;
  LabRunner<GanLab> runner_;
  std::string started_dataset_;  // the dataset of the lab asked for
  bool dirty_ = true;
  int chosen_ = 0;
  gfx::GrayTexture grid_tex_, interp_tex_, chosen_tex_, nearest_tex_;
  GanLab::Nearest nearest_;
  // 2-D
  Gan2dSettings pending2_;
  std::unique_ptr<Gan2dLab> toy_;
  bool playing2_ = true;
  bool arrows_ = true;  // G's pushes drawn on its samples
  gfx::GrayTexture heat_tex_;
  Controls controls_;
};

}  // namespace ll::ui
