#include "ui/theme.h"
#include "ui/dataset_status.h"
#include "ui/pages/deep_ae_panel.h"
#include "labs/setting_limits.h"

#include <imgui.h>

#include <cmath>

#include <cstdio>

#include "labs/deep_ae_model.h"
#include "labs/face_augment.h"
#include "ui/widgets/export_menu.h"
#include "ui/widgets/image_strip.h"
#include "ui/pages/dataset_file_choice.h"
#include "ui/pages/lab_help.h"
#include "ui/widgets/layout.h"
#include "ui/widgets/plot.h"
#include "ui/pages/rbm_plot.h"
#include "ui/pages/run_progress.h"

namespace ll::ui {

namespace {
constexpr float kLeft = 230.0f;
const char* kRowTitles[4] = {"Real test images", "Deep autoencoder", "Logistic PCA", "PCA"};

std::string fmt(const char* f, double a, double b = 0) {
  char buf[160];
  std::snprintf(buf, sizeof buf, f, a, b);
  return buf;
}
}  // namespace

DeepAePanel::DeepAePanel(DatasetStore& datasets, FileRequest files, DrawingPad& pad, std::string key, int code)
    : datasets_(datasets), files_(files), pad_(pad), key_(std::move(key)), tab_code_(code), pending_(browser_deep_ae_settings(code)),
      runner_([](DeepAeLab& lab, double budget_ms) {
        lab.train(budget_ms);
        return !lab.done();
      }) {
  // pending_ starts from the browser's defaults (labs/deep_ae_lab.h, browser_deep_ae_settings):
  // natively the deep AE passes PCA-30's 14.18 after the first fine-tuning epoch (12.85) and
  // reaches 10.95 after the second.
  // Keys of `latentlab deep-ae`.
  // Faces (the lecture's faces slide) only with the 30-unit code: the 2-D maps colour by class.
  std::vector<Choice> sets = {{0, "mnist", "MNIST"}, {0, "fashion", "Fashion"}};
  if (code == 30) sets.push_back({0, "faces", "Faces"});
  controls_.add(string_choice("dataset", "dataset", dataset_, sets, true));
  Control pretrain = enum_choice("pretrain", "pretraining", pending_.pretrain,
                                 {{int(Pretrain::Rbm), "rbm", "RBM"}, {int(Pretrain::None), "none", "none"}});
  pretrain.draw = [this] {
    bool rbm = pending_.pretrain == Pretrain::Rbm;
    const bool changed = ImGui::Checkbox("RBM pretraining", &rbm);
    pending_.pretrain = rbm ? Pretrain::Rbm : Pretrain::None;
    return changed;
  };
  controls_.add(pretrain);
  controls_.add(choice("code", "code size", pending_.code, {{30, "30", "30"}, {2, "2", "2"}}));
  controls_.add(int_slider("rbm-epochs", "RBM epochs", pending_.rbm_epochs, int(limits::kDeepAeRbmEpochs.lo), int(limits::kDeepAeRbmEpochs.hi)));
  controls_.add(int_slider("epochs", "fine-tune epochs", pending_.epochs, int(limits::kDeepAeEpochs.lo), int(limits::kDeepAeEpochs.hi)));
  controls_.add(int_slider("batch", "batch", pending_.batch, int(limits::kDeepAeBatch.lo), int(limits::kDeepAeBatch.hi)));
  controls_.add(float_input("lr", "Adam lr", pending_.lr, float(limits::kDeepAeLr.lo), float(limits::kDeepAeLr.hi)));
  controls_.add(seed_input("seed", "seed", pending_.seed));
  controls_.applies_on_reset({"dataset", "pretrain", "code", "rbm-epochs", "epochs", "batch", "lr", "seed"});
}

DeepAeSettings DeepAePanel::run_settings() const {
  if (dataset_ != "faces") return pending_;
  // The faces slide's net and pixels (labs/deep_ae_lab.h) with this page's epochs, batch, lr, seed.
  DeepAeSettings s = with_faces_net(pending_);
  s.augment_to = kBrowserFaceImages;
  return s;
}

void DeepAePanel::restart() {
  clock_.reset();
  started_ = recorded_ = false;  // update() starts the new run once its dataset is there
  model_.reset();
  map_.reset();
  runner_.set_playing(true);
  textures_stale_ = true;
}

std::string DeepAePanel::load_model(std::string_view bytes, const std::string& name) {
  try {
    // Digits (784 pixels), faces (625, not on the 2-D maps tab) or the open data set file's size.
    std::vector<int> dims = {784};
    if (tab_code_ == 30) dims.push_back(625);
    const DatasetStore::Entry& file = datasets_.request(DatasetStore::kFile);
    const int file_dims = file.state == DatasetStore::Entry::Ready ? file.data->dims() : 0;
    if (file_dims > 0) dims.push_back(file_dims);
    DeepAeModel m = load_deep_ae(std::vector<uint8_t>(bytes.begin(), bytes.end()), name, dims);
    restart();
    // Evaluated on the data set the file names, else on the open file if the size fits.
    const int in = m.net.input_size();
    if (m.dataset == "mnist" || m.dataset == "fashion" || (m.dataset == "faces" && in == 625 && tab_code_ == 30)) dataset_ = m.dataset;
    else if (in == file_dims) dataset_ = DatasetStore::kFile;
    else dataset_ = in == 625 ? "faces" : "mnist";
    file_message_ = "Loaded " + name + " (" + std::to_string(m.net.num_layers()) + " layers, code " +
                    std::to_string(m.net.sizes()[size_t(m.net.num_layers() / 2)]) + ", " +
                    (m.dataset.empty() ? std::string("dataset not recorded") : "trained on " + m.dataset) +
                    "): evaluating it on the test split; logistic PCA and PCA are fitted beside it.";
    model_ = std::make_shared<DeepAeModel>(std::move(m));
    model_name_ = name;
  } catch (const std::exception& e) {
    file_message_ = std::string(e.what()) + ". The current run is kept.";
  }
  return file_message_;
}

void DeepAePanel::save_model() {
  // The data set the net was trained on: a built-in name, or the student's file name.
  const std::string& data = lab()->pca().dataset().name;
  const std::string name = "deep-ae-" + (uses_file_dataset() ? std::string("own-data") : data) + "-code" +
                           std::to_string(lab()->settings().code) + "-" +
                           (lab()->loaded_from().empty() ? pretrain_key(lab()->settings().pretrain) : "loaded") +
                           ".safetensors";
  const std::vector<uint8_t> bytes = save_deep_ae(lab()->deep(), data);
  file_message_ = files_.save ? files_.save(name, bytes) : "Saving files is not available here.";
}

void DeepAePanel::draw_model_files() {
  const bool can_save = lab() && !lab()->curve().empty();
  if (!can_save) ImGui::BeginDisabled();
  if (ImGui::Button("Save model", ImVec2(110, 0))) save_model();
  if (!can_save) ImGui::EndDisabled();
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  save_rect_ = {a.x, a.y, b.x, b.y};
  ImGui::SameLine();
  if (files_.available) {
    if (ImGui::Button("Load model...", ImVec2(-1, 0))) files_.open((key_ + "-model").c_str());
  } else {
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##model_path", ".safetensors path", path_, sizeof path_);
    if (ImGui::Button("Load model", ImVec2(-1, 0))) {
      try {
        const std::vector<uint8_t> b = read_file_bytes(path_);
        load_model(std::string_view(reinterpret_cast<const char*>(b.data()), b.size()), path_);
      } catch (const std::exception& e) {
        file_message_ = std::string(e.what()) + ". The current run is kept.";
      }
    }
  }
  if (!file_message_.empty()) ImGui::TextWrapped("%s", file_message_.c_str());
}

void DeepAePanel::update(double budget_ms) {
  if (!active) return;
  const DatasetStore::Entry& e = datasets_.request(dataset_);
  if (e.state != DatasetStore::Entry::Ready) return;
  if (!started_) {
    started_ = true;
    controls_.applied();  // the run starts from pending_ as it is now
    runner_.start([data = e.data, settings = run_settings(), model = std::move(model_), name = model_name_] {
      if (!model) return std::make_unique<DeepAeLab>(data, settings);
      // A loaded net: the lab takes its architecture and only evaluates it.
      auto lab = std::make_unique<DeepAeLab>(data, DeepAeLab::settings_for(model->net, settings));
      lab->adopt(model->net, name);
      return lab;
    });
  }
  if (runner_.update(budget_ms)) textures_stale_ = true;
  const DeepAeLab* l = lab();
  if (l && l->done() && !recorded_) {
    recorded_ = true;
    nlohmann::json m = l->metrics();
    finished_.push_back({{"dataset", m["dataset"]}, {"pretrain", m["pretrain"]}, {"code", m["code"]}, {"epochs", m["epochs"]},
                         {"seconds", m["train_seconds"]}, {"deep", m.value("test_error_per_image", -1.0)},
                         {"logistic", m.value("logistic_pca_test_error_per_image", -1.0)},
                         {"pca", m.value("pca_test_error_per_image", -1.0)}});
  }
}

nlohmann::json DeepAePanel::metrics() const {
  const DeepAeLab* l = lab();
  nlohmann::json j = l ? l->metrics() : nlohmann::json{{"dataset", dataset_}, {"done", false}};
  j["playing"] = runner_.playing();
  j["wall_seconds"] = clock_.elapsed_seconds();  // training on screen, as the student waited
  j["training_thread"] = runner_.threaded();
  j["finished_runs"] = finished_;
  if (!file_message_.empty()) j["file_message"] = file_message_;
  j["save_button"] = save_rect_;  // screen rectangle, for tests that click it
  if (l && l->settings().code == 2) j["map"] = map_.metrics();
  j["drawing_errors"] = {{"deep", answers_[0].error()}, {"logistic", answers_[1].error()}, {"pca", answers_[2].error()}};
  return j;
}

void DeepAePanel::draw() {
  ExportScope files(key_);  // "deep-ae-test-error.csv", "map-deep-autoencoder.png"
  page_layout("deep_ae", kLeft, [&] { draw_controls(); }, [&] {
    const bool faces = lab() ? lab()->settings().standardize : dataset_ == "faces";  // the run on screen
    lab_help(faces ? "deep-ae-faces" : key_);
    if (lab_view_ready(datasets_, dataset_, runner_.error()) && lab()) draw_results();
  });
}

void DeepAePanel::draw_controls() {
  if (dataset_ == "faces")
    ImGui::TextWrapped("Faces 25x25, code %d: deep autoencoder vs PCA on standardised faces (the lecture's faces slide)",
                       pending_.code);
  else if (uses_file_dataset())
    ImGui::TextWrapped("Your data set, code %d: deep autoencoder vs logistic PCA vs PCA", pending_.code);
  else
    ImGui::TextWrapped("%s, code %d: deep autoencoder vs logistic PCA vs PCA (Hinton & Salakhutdinov 2006)",
                       dataset_ == "mnist" ? "MNIST" : "Fashion-MNIST", pending_.code);
  if (lab()) draw_run_progress(*lab(), runner_, clock_);
  if (ImGui::Button("Reset", ImVec2(-1, 0))) restart();  // applies the settings below
  draw_pending_note(controls_);
  if (lab() && !lab()->status().empty()) warning_text(lab()->status().c_str());
  draw_model_files();
  controls_break();
  dim_text("Settings (apply on Reset)");
  controls_.draw("dataset");
  if (dataset_file_choice(datasets_, files_, dataset_, key_ + "-dataset")) dataset_ = DatasetStore::kFile;  // on Reset
  controls_.draw("pretrain");
  ImGui::PushItemWidth(110);
  for (const char* key : {"code", "rbm-epochs", "epochs", "batch", "lr", "seed"}) controls_.draw(key);
  ImGui::PopItemWidth();
  if (!finished_.empty()) {
    controls_break();
    dim_text("Finished runs: test error per image");
    if (ImGui::BeginTable("runs", 4, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit)) {
      for (const char* h : {"pretrain", "deep", "log.PCA", "PCA"}) ImGui::TableSetupColumn(h);
      ImGui::TableHeadersRow();
      for (const auto& r : finished_) {
        ImGui::TableNextColumn();
        // Runs on other data sets are told apart (faces' errors are in other units), in a few
        // letters: the column is narrow.
        const std::string set = r["dataset"].get<std::string>();
        const char* tag = set == "mnist" ? "" : set == "fashion" ? "/fash" : set == "faces" ? "/face" : "/own";
        ImGui::Text("%s%s", r["pretrain"].get<std::string>().c_str(), tag);
        for (const char* k : {"deep", "logistic", "pca"}) {
          ImGui::TableNextColumn();
          if (r[k].get<double>() < 0) ImGui::TextDisabled("-");  // no logistic PCA on faces
          else ImGui::Text("%.2f", r[k].get<double>());
        }
      }
      ImGui::EndTable();
    }
  }
}

void DeepAePanel::refresh_textures() {
  const Dataset& d = lab()->pca().dataset();
  if (!lab()->rbms().empty())  // the first RBM's first 20 filters: rows of W are images
    filters_.upload(tile_columns(lab()->rbms()[0].W().topRows(20).transpose(), d.rows, d.cols, 20, 1, true));
  const Matrix rows[4] = {lab()->pca().shown_images(), lab()->reconstruct_shown_deep(),
                          lab()->reconstruct_shown_logistic(), lab()->reconstruct_shown_pca()};
  for (int r = 0; r < 4; ++r) {
    if (rows[r].size() == 0) continue;  // no logistic PCA on faces
    const Matrix gray = lab()->settings().standardize ? standardized_to_gray(rows[r]) : rows[r].cwiseMax(0.0f).cwiseMin(1.0f);
    rows_[r].upload(tile_columns(gray, d.rows, d.cols, 10, 255));
  }
  textures_stale_ = false;
  refreshed_at_ = std::chrono::steady_clock::now();
  answered_version_ = -1;  // the nets moved on: answer the drawing again
}

void DeepAePanel::draw_results() {
  if (!lab()->pca().ready()) {
    ImGui::Text("Fitting PCA-%d (the baseline) ...", lab()->settings().code);
    return;
  }
  // A few times a second is enough for images (uploading them costs a frame in software GL).
  if (textures_stale_ && (lab()->done() || std::chrono::steady_clock::now() - refreshed_at_ > std::chrono::milliseconds(300)))
    refresh_textures();
  const Dataset& d = lab()->pca().dataset();
  if (lab()->settings().code == 2) {
    map_.draw(*lab());
    ImGui::Separator();
  }
  if (!lab()->loaded_from().empty())
    wrapped_text("Deep autoencoder loaded from " + lab()->loaded_from() + ": evaluated, not trained here.");
  // RBM layers: reconstruction error per epoch, and what the first layer has learned.
  if (!lab()->rbm_curves().empty()) {
    wrapped_text("Pretraining: each RBM learns to reconstruct the layer below, one layer after another");
    rbm_plot(lab()->rbms(), lab()->rbm_curves(), std::min(560.0f, ImGui::GetContentRegionAvail().x));
    image_strip(filters_, gfx::ImageStyle{-1, 1, 1, gfx::Colormap::Diverging},
                "First RBM: 20 of its " + std::to_string(lab()->rbms()[0].hidden_size()) +
                    " filters (red = +, blue = -)" +
                    (lab()->settings().standardize ? "; Gaussian visible units for the real-valued pixels" : ""),
                d.cols, 20, {});
  } else if (lab()->loaded_from().empty()) {
    wrapped_text("No pretraining: the same network starts from random (Glorot) weights.");
  }
  ImGui::Separator();
  const double pca = lab()->pca().test_error_per_image(lab()->settings().code);
  PlotSpec fine;
  fine.x_label = "fine-tuning epoch";
  fine.y_label = "test error per image";
  fine.x_min = 0;
  fine.y_min = 0;
  fine.empty_text = "fine-tuning has not started";
  PlotSeries deep{"deep autoencoder", {}, {}, 0}, logistic{"logistic PCA", {}, {}, 1};
  const bool logistic_pca = lab()->has_logistic_pca(), per_face = lab()->settings().standardize;
  for (const ErrorPoint& p : lab()->curve()) {
    deep.x.push_back(p.epoch), deep.y.push_back(p.deep);
    logistic.x.push_back(p.epoch), logistic.y.push_back(p.logistic);
  }
  if (per_face) fine.y_label = "test error per face (squared std. deviations)";
  fine.series.push_back(std::move(deep));
  if (logistic_pca) fine.series.push_back(std::move(logistic));
  fine.lines.push_back({"PCA-" + std::to_string(lab()->settings().code), pca});
  fine.file = "test-error";
  fine.table = [this] {
    if (!lab()->has_logistic_pca()) {  // faces
      CsvTable t{{"epoch", "deep_autoencoder"}, {}};
      for (const ErrorPoint& p : lab()->curve()) t.rows.push_back({p.epoch, p.deep});
      return t;
    }
    CsvTable t{{"epoch", "deep_autoencoder", "logistic_pca"}, {}};
    for (const ErrorPoint& p : lab()->curve()) t.rows.push_back({p.epoch, p.deep, p.logistic});
    return t;
  };
  plot("##fine", fine, ImVec2(std::min(560.0f, ImGui::GetContentRegionAvail().x), 220));
  ImGui::Separator();
  const double errs[4] = {0, lab()->deep_test_error(), lab()->logistic_test_error(), pca};
  for (int r = 0; r < 4; ++r) {
    if (r == 2 && !logistic_pca) continue;
    if (r == 0 && lab()->settings().standardize) {
      image_strip(rows_[0], gfx::ImageStyle{0, 255, 2, gfx::Colormap::Gray},
                  "Real test faces, standardised (no copy of them, transformed or not, is trained on)", d.cols, 10, {});
      continue;
    }
    const std::string title = r == 0 ? std::string(kRowTitles[0])
                              : errs[r] < 0 ? std::string(kRowTitles[r]) + ": not evaluated yet"
                                            : std::string(kRowTitles[r]) + fmt(per_face ? ": test error per face %.2f" : ": test error per image %.2f", errs[r]);
    image_strip(rows_[r], gfx::ImageStyle{0, 255, 2, gfx::Colormap::Gray}, title, d.cols, 10, {});
  }
  draw_drawing_answers();
}

void DeepAePanel::draw_drawing_answers() {
  const Dataset& d = lab()->pca().dataset();
  if (!takes_drawings(d.rows, d.cols, lab()->settings().standardize)) return;
  const bool maps = lab()->settings().code == 2;
  // The answers follow the drawing, and the nets as the images above do (refresh_textures).
  if (pad_.version() != answered_version_) {
    const Matrix x = pad_.column(), none;
    const bool any = !pad_.empty();
    // The nets answer once they have been evaluated: before that the deep net is the random one
    // pretraining will replace.
    const bool nets = any && !lab()->curve().empty();
    answers_[0].set(nets ? lab()->reconstruct_deep(x) : none, x);
    answers_[1].set(nets ? lab()->reconstruct_logistic(x) : none, x);
    answers_[2].set(any ? lab()->reconstruct_pca(x) : none, x);
    if (maps) map_.set_drawing(any ? lab()->pca_encode(x) : none, any ? lab()->encode(x) : none);
    answered_version_ = pad_.version();
  }
  drawing_section(pad_,
                  maps ? "Draw a digit: it appears on both maps above (the magenta ring), next to the test digits "
                         "of its class if the map keeps classes apart."
                       : "Draw a digit and see what each model keeps of it with 30 numbers.",
                  [&] {
                    const std::string k = std::to_string(lab()->settings().code);
                    Flow flow(12);
                    const char* titles[3] = {"Deep autoencoder", "Logistic PCA", "PCA"};
                    const char* files[3] = {"drawing-deep-autoencoder", "drawing-logistic-pca", "drawing-pca"};
                    for (int a = 0; a < 3; ++a) {
                      if (std::isnan(answers_[a].error())) continue;
                      flow.next(float(kDigitSide) * 4);
                      answers_[a].draw(std::string(titles[a]) + " (" + k + ")", files[a]);
                    }
                    if (lab()->curve().empty())
                      ImGui::TextDisabled("The deep autoencoder and logistic PCA answer after pretraining.");
                  });
}

}  // namespace ll::ui
