// The Compression lab's page: controls and loss curve on the left; for the trained image and
// for a new image, the panels (A) original, (B) autoencoder, (C) 6-bit codes, (D) 4-bit codes,
// each with PSNR and bits per pixel; below, the baselines table and the learned filters.
#pragma once
#include <array>
#include <memory>
#include <string>
#include <vector>

#include "gfx/gray_texture.h"
#include "labs/compression_lab.h"
#include "ui/widgets/run_clock.h"
#include "ui/lab_runner.h"
#include "ui/lab_page.h"

namespace ll::ui {

class CompressionPage : public LabPage {
 public:
  explicit CompressionPage(FileRequest files);
  void update(double budget_ms) override;
  void draw() override;
  nlohmann::json metrics() const override;
  std::string describe() const override;
  bool shows_file_messages() const override { return true; }
  std::string load_file(std::string_view bytes, const std::string& name,
                        const std::string& target) override;
  bool set_training(bool on) override {
    runner_.set_playing(on && !(lab() && lab()->done()));  // a finished run stays finished until reset
    return true;
  }
  bool reset() override {
    restart();
    return true;
  }
  Controls* controls() override { return &controls_; }
  bool busy() const override { return runner_.busy(); }
  bool train_between_frames(double budget_ms) override { return runner_.train_between_frames(budget_ms); }

 private:
  enum Method { AE = 0, PCA = 1, JPEG = 2 };
  void draw_controls();
  void draw_settings();
  void draw_image_choice(const char* label, const char* target, int& choice);
  void draw_loss_curve();
  void draw_image_grid(int row, const LabImage& img, const ImageResults& r);
  static constexpr float kTableWidth = 470.0f;  // the "All methods" table with both images' columns
  void draw_results_table();
  void draw_filters();
  void refresh_textures();
  void restart();
  // A built-in or loaded image for "trained" (training restarts on it) or "new".
  void set_image(const std::string& target, LabImage img);
  CompressionLab* lab() { return runner_.view(); }
  const CompressionLab* lab() const { return runner_.view(); }
  void register_controls();
  Control image_control(const std::string& key, const char* target, int& choice);

  FileRequest files_;
  CompressionSettings pending_;      // edited in the UI, applied by Reset
  LabRunner<CompressionLab> runner_;
  RunClock clock_;  // wall time of the run and what is left
  int method_ = AE;
  bool show_error_ = false;
  int zoom_ = 1;                     // screen pixels per image pixel in the grids (whole: crisp)
  bool dirty_ = true;                // textures out of date
  std::string message_;              // last load / error message for the user
  std::vector<std::string> builtin_;
  int trained_choice_ = 0, new_choice_ = 0;
  std::string trained_name_, new_name_;  // the user's files, when a choice is -1
  char path_[512] = {};              // desktop: a file path to load
  std::array<gfx::GrayTexture, 2> original_;
  std::array<std::array<gfx::GrayTexture, 3>, 2> decoded_;  // [image][B, C, D]
  gfx::GrayTexture enc_filters_, dec_filters_;
  Controls controls_;
};

}  // namespace ll::ui
