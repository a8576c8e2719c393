// The "PCA and deep autoencoder" lab's page. PCA tab: explained variance, the top components
// as images (eigen-digits, eigenfaces), and a slider k with live reconstructions of test images
// ("784 numbers -> k numbers") and the test error per image at k.
#pragma once
#include <memory>
#include <string>

#include "gfx/gray_texture.h"
#include "labs/pca_lab.h"
#include "ui/deep_ae_panel.h"
#include "ui/dataset_store.h"
#include "ui/lab_page.h"

namespace ll::ui {

class PcaPage : public LabPage {
 public:
  explicit PcaPage(DatasetStore& datasets) : datasets_(datasets), deep_(datasets) {}
  void update(double budget_ms) override;
  void draw() override;
  nlohmann::json metrics() const override;
  void open_deep_tab() { open_deep_ = true; }
  std::string load_file(std::string_view, const std::string&, const std::string&) override {
    return "This lab reads its datasets itself; files are not used here.";
  }

 private:
  void draw_pca();
  void draw_controls();
  void draw_curves();
  void refresh_textures();

  DatasetStore& datasets_;
  std::string dataset_ = "mnist";
  std::unique_ptr<PcaLab> lab_;
  std::string error_;         // why the lab could not start on this dataset
  int k_ = 30;
  int textures_k_ = -1;       // k of the reconstructions in the textures (-1: none yet)
  gfx::GrayTexture components_, originals_, reconstructions_;
  DeepAePanel deep_;
  bool pca_tab_ = true;
  bool open_deep_ = false;  // select the deep tab on the next draw
};

}  // namespace ll::ui
