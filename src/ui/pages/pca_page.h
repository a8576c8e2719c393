// The "PCA and deep autoencoder" lab's page. PCA tab: explained variance, the top components
// as images (eigen-digits, eigenfaces), and a slider k with live reconstructions of test images
// ("784 numbers -> k numbers") and the test error per image at k. The deep autoencoder at 30
// dimensions and the 2-D maps are two more tabs (DeepAePanel).
#pragma once
#include <memory>
#include <string>

#include "gfx/gray_texture.h"
#include "labs/pca_lab.h"
#include "ui/lab_runner.h"
#include "ui/pages/dataset_file_choice.h"
#include "ui/pages/deep_ae_panel.h"
#include "ui/dataset_store.h"
#include "ui/lab_page.h"
#include "ui/widgets/drawing_pad.h"

namespace ll::ui {

class PcaPage : public LabPage {
 public:
  PcaPage(DatasetStore& datasets, FileRequest files, DrawingPad& pad);
  void update(double budget_ms) override;
  void draw() override;
  nlohmann::json metrics() const override;
  std::string describe() const override;
  // Data set files (target "pca-dataset", "deep-ae-dataset", "map-dataset", or a drop of an
  // image array on a tab) and model files for the deep autoencoder tabs ("deep-ae-model",
  // "map-model", or any other file dropped there).
  std::string load_file(std::string_view bytes, const std::string& name, const std::string& target) override;
  std::string dataset_target(std::string_view bytes, const std::string& target) const override;
  bool shows_file_messages() const override { return deep_.active || map_.active; }
  // Start, pause and reset act on the open tab: the PCA fit, or a deep autoencoder's training.
  bool set_training(bool on) override;
  bool reset() override;
  std::vector<std::string> apply_link(const KeyValues& settings, const std::vector<std::string>& hide) override;
  KeyValues link_settings() override;
  bool uses_drawing_pad() const override { return true; }
  bool busy() const override {
    if (!pca_tab_) return deep_.active ? deep_.busy() : map_.busy();
    return !started_ || runner_.busy();
  }
  bool train_between_frames(double budget_ms) override {
    if (!pca_tab_) return deep_.active ? deep_.train_between_frames(budget_ms) : map_.train_between_frames(budget_ms);
    return started_ && runner_.train_between_frames(budget_ms);
  }

 private:
  void draw_pca();
  void draw_controls();
  void restart_fit();  // a new fit once the dataset is there
  void draw_curves();
  void refresh_textures();
  PcaLab* lab() { return runner_.view(); }
  const PcaLab* lab() const { return runner_.view(); }

  DatasetStore& datasets_;
  FileRequest files_;
  DrawingPad& pad_;
  DrawingAnswer pad_answer_;  // the PCA tab's reconstruction of the drawing
  int answered_version_ = -1, answered_k_ = -1;
  std::string dataset_ = "mnist";  // a dataset_names() entry, or DatasetStore::kFile
  LabRunner<PcaLab> runner_;
  bool started_ = false;      // the lab for dataset_ was asked for (it needs the dataset first)
  bool play_on_start_ = true;  // whether that lab plays when it starts (start/pause before then)
  int k_ = 30;
  int textures_k_ = -1;       // k of the reconstructions in the textures (-1: none yet)
  gfx::GrayTexture components_, originals_, reconstructions_;
  DeepAePanel deep_, map_;  // "Deep autoencoder" (code 30) and "2-D maps" (code 2) tabs
  bool pca_tab_ = true;
  std::string open_tab_;  // a tab to select on the next draw (from a link)
  Controls controls_;     // the PCA tab's
};

}  // namespace ll::ui
