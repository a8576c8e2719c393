// The "Deep autoencoder" tab of the PCA lab's page: Hinton & Salakhutdinov's comparison at 30
// (or 2) dimensions, trained live. Controls and progress (phase, ETA) on the left; each RBM's
// reconstruction error and first-layer filters; the test error curves of the deep autoencoder
// and logistic PCA; the paper's figure rows (real / deep AE / logistic PCA / PCA) with their test
// errors; and a table of finished runs so pretraining and no pretraining can be compared.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "gfx/gray_texture.h"
#include "labs/deep_ae_lab.h"
#include "ui/dataset_store.h"

namespace ll::ui {

class DeepAePanel {
 public:
  explicit DeepAePanel(DatasetStore& datasets);
  void update(double budget_ms);
  void draw();
  nlohmann::json metrics() const;
  bool active = false;  // the tab is open: only then does it load data and train

 private:
  void draw_controls();
  void draw_results();
  void refresh_textures();
  void restart();

  DatasetStore& datasets_;
  std::string dataset_ = "mnist";
  DeepAeSettings pending_;
  std::unique_ptr<DeepAeLab> lab_;
  bool playing_ = true;
  std::string error_;
  double since_refresh_ms_ = 1e9;
  std::vector<nlohmann::json> finished_;  // summaries of finished runs
  gfx::GrayTexture filters_, rows_[4];
};

}  // namespace ll::ui
