// The "Deep autoencoder" and "2-D maps" tabs of the PCA lab's page: Hinton & Salakhutdinov's
// comparison at 30 (or 2) dimensions, trained live; with a 2-unit code, the maps (code_map_view.h)
// come first. Trained nets can be saved and loaded (labs/deep_ae_model.h). Controls and progress (phase, ETA) on the left; each RBM's
// reconstruction error and first-layer filters; the test error curves of the deep autoencoder
// and logistic PCA; the paper's figure rows (real / deep AE / logistic PCA / PCA) with their test
// errors; and a table of finished runs so pretraining and no pretraining can be compared.
#pragma once
#include <chrono>
#include <array>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "gfx/gray_texture.h"
#include "labs/deep_ae_lab.h"
#include "ui/widgets/run_clock.h"
#include "ui/lab_runner.h"
#include "labs/deep_ae_model.h"
#include "ui/pages/code_map_view.h"
#include "ui/dataset_store.h"
#include "ui/lab_page.h"
#include "ui/widgets/drawing_pad.h"

namespace ll::ui {

class DeepAePanel {
 public:
  // `key` names the panel in metrics and file targets ("deep-ae", "map"); `code`: 30 or 2.
  DeepAePanel(DatasetStore& datasets, FileRequest files, DrawingPad& pad, std::string key, int code);
  void update(double budget_ms);
  void draw();
  nlohmann::json metrics() const;
  std::string describe() const;  // the tab's part of PcaPage::describe
  const std::string& key() const { return key_; }
  void set_training(bool on) { runner_.set_playing(on); }
  void reset() { restart(); }  // the Reset button
  Controls& controls() { return controls_; }
  // A model file (target "<key>-model"): checked completely, then it replaces the current run;
  // on any error the current run stays and the message says why.
  std::string load_model(std::string_view bytes, const std::string& name);
  // A data set file was handed to this tab (ui/pages/dataset_file_choice.h): the panel shows
  // `message`, and when the file was taken (`opened`) a new run starts on it.
  std::string dataset_file_result(const std::string& message, bool opened) {
    file_message_ = message;
    if (opened) {
      dataset_ = DatasetStore::kFile;
      restart();
    }
    return message;
  }
  bool uses_file_dataset() const { return dataset_ == DatasetStore::kFile; }
  bool active = false;  // the tab is open: only then does it load data and train
  bool busy() const { return !started_ || runner_.busy(); }
  bool train_between_frames(double budget_ms) {
    return active && started_ && runner_.train_between_frames(budget_ms);
  }

 private:
  void draw_controls();
  void draw_results();
  void refresh_textures();
  void restart();
  // pending_, or with dataset "faces" the faces slide's net and pixels around pending_'s settings.
  DeepAeSettings run_settings() const;
  void draw_model_files();
  void draw_drawing_answers();
  void save_model();
  DeepAeLab* lab() { return runner_.view(); }
  const DeepAeLab* lab() const { return runner_.view(); }

  DatasetStore& datasets_;
  FileRequest files_;
  DrawingPad& pad_;
  DrawingAnswer answers_[3];  // the drawing through the deep autoencoder, logistic PCA and PCA
  int answered_version_ = -1;  // the pad's version answered; -1 also after the nets changed
  std::string key_;
  int tab_code_;  // 30 (the deep autoencoder tab) or 2 (the 2-D maps tab)
  std::string file_message_;
  char path_[512] = {};  // desktop: the model file to load
  std::array<float, 4> save_rect_{};
  CodeMapView map_;
  Controls controls_;
  std::string dataset_ = "mnist";
  DeepAeSettings pending_;
  LabRunner<DeepAeLab> runner_;
  RunClock clock_;  // wall time of the run and what is left
  bool started_ = false;   // the current run's lab was asked for (it needs the dataset first)
  bool recorded_ = false;  // the finished run is in finished_
  std::shared_ptr<DeepAeModel> model_;  // loaded, waiting for its dataset
  std::string model_name_;
  bool textures_stale_ = true;  // the lab changed since the textures were made
  std::chrono::steady_clock::time_point refreshed_at_;
  std::vector<nlohmann::json> finished_;  // summaries of finished runs
  gfx::GrayTexture filters_, rows_[4];
};

}  // namespace ll::ui
