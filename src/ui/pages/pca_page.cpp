#include "ui/pages/pca_page.h"
#include "ui/dataset_status.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "ui/widgets/export_menu.h"
#include "ui/widgets/image_strip.h"
#include "ui/pages/lab_help.h"
#include "ui/widgets/layout.h"
#include "ui/widgets/plot.h"

namespace ll::ui {

namespace {
constexpr float kLeft = 230.0f;  // controls column
constexpr int kComponents = 20;  // components shown as images

std::string fmt(const char* f, double a, double b = 0) {
  char buf[128];
  std::snprintf(buf, sizeof buf, f, a, b);
  return buf;
}
}  // namespace

// A new fit once its dataset is there, playing unless start/pause says otherwise before it
// begins: an embedding page sent select-lab then pause, and MNIST arrived between them.
void PcaPage::restart_fit() {
  started_ = false;
  play_on_start_ = true;
}

void PcaPage::update(double budget_ms) {
  if (!pca_tab_) {  // only the open tab trains (its `active` flag)
    deep_.update(budget_ms);
    map_.update(budget_ms);
    return;
  }
  const DatasetStore::Entry& e = datasets_.request(dataset_);
  if (e.state != DatasetStore::Entry::Ready) return;
  if (!started_) {
    started_ = true;
    runner_.set_playing(play_on_start_);
    runner_.start([data = e.data, k = k_] {
      auto lab = std::make_unique<PcaLab>(data);
      lab->set_k(k);
      return lab;
    });
  }
  if (runner_.update(budget_ms)) textures_k_ = -1;
  if (lab()) k_ = std::clamp(k_, 1, lab()->max_k());
}

nlohmann::json PcaPage::metrics() const {
  nlohmann::json j = lab() ? lab()->metrics() : nlohmann::json{{"dataset", dataset_}, {"ready", false}};
  j["training_thread"] = runner_.threaded();
  j["playing"] = runner_.playing();  // the PCA tab's fit
  add_dataset_state(j, datasets_, dataset_);
  j["tab"] = pca_tab_ ? "pca" : deep_.active ? "deep-ae" : "map";
  j["deep_ae"] = deep_.metrics();
  j["map"] = map_.metrics();
  j["drawing_pca_error"] = pad_answer_.error();  // NAN (null) until a drawing was answered
  return j;
}

PcaPage::PcaPage(DatasetStore& datasets, FileRequest files, DrawingPad& pad)
    : datasets_(datasets),
      files_(files),
      pad_(pad),
      // Fitting is this tab's training: the covariance in slices, then the stepped eigensolver.
      runner_([](PcaLab& lab, double budget_ms) {
        lab.fit(budget_ms);
        return !lab.ready();
      }),
      deep_(datasets, files, pad, "deep-ae", 30),
      map_(datasets, files, pad, "map", 2) {
  // Keys of `latentlab pca`; the slider's range follows the dataset once it is loaded.
  controls_.add(string_choice("dataset", "dataset", dataset_,
                              {{0, "mnist", "MNIST digits"}, {0, "fashion", "Fashion-MNIST"}, {0, "faces", "Faces 25x25"}},
                              true));
  Control k = int_slider("k", "##k", k_, 1, 200);
  k.draw = [this] { return stepped_slider_int("##k", k_, 1, lab() ? lab()->max_k() : 200); };
  controls_.add(k);
}

// `tab` picks the tab (pca, deep-ae, map: the one key that is not a CLI flag, since the CLI has
// separate commands); the other keys go to that tab's settings.
std::vector<std::string> PcaPage::apply_link(const KeyValues& settings, const std::vector<std::string>& hide) {
  std::vector<std::string> problems;
  KeyValues rest;
  for (const auto& [key, value] : settings) {
    if (key != "tab") {
      rest.emplace_back(key, value);
    } else if (value == "pca" || value == "deep-ae" || value == "map") {
      open_tab_ = value;
    } else {
      problems.push_back("tab='" + value.substr(0, 24) + "': must be one of pca, deep-ae, map");
    }
  }
  DeepAePanel* panel = open_tab_ == "deep-ae" ? &deep_ : open_tab_ == "map" ? &map_ : nullptr;
  Controls& c = panel ? panel->controls() : controls_;
  for (const auto& [key, value] : rest) {
    const std::string why = c.set(key, value);
    if (!why.empty()) problems.push_back(why);
  }
  for (const std::string& why : hide_controls(hide, {&controls_, &deep_.controls(), &map_.controls()}))
    problems.push_back(why);
  if (panel) panel->reset();
  restart_fit();  // the PCA tab starts again with its dataset and k
  return problems;
}

KeyValues PcaPage::link_settings() {
  // A link cannot carry the student's file: a tab on it opens on the default data set.
  if (pca_tab_) return link_without_file(controls_.changed(), dataset_ == DatasetStore::kFile);
  DeepAePanel& panel = deep_.active ? deep_ : map_;
  KeyValues kv = {{"tab", panel.key()}};
  for (const auto& p : link_without_file(panel.controls().changed(), panel.uses_file_dataset())) kv.push_back(p);
  return kv;
}

// The PCA tab's training is its fit (covariance, then the stepped eigensolver): start and pause
// act on it, and reset fits again; the other tabs train their autoencoders.
bool PcaPage::set_training(bool on) {
  if (pca_tab_) {
    runner_.set_playing(on);
    play_on_start_ = on;  // a fit still waiting for its dataset starts this way
  }
  for (DeepAePanel* p : {&deep_, &map_})
    if (p->active) p->set_training(on);
  return true;
}

bool PcaPage::reset() {
  if (pca_tab_) restart_fit();
  for (DeepAePanel* p : {&deep_, &map_})
    if (p->active) p->reset();
  return true;
}

std::string PcaPage::dataset_target(std::string_view bytes, const std::string& target) const {
  // The PCA tab: its own button, or a file dropped while the tab is open.
  if (target == "pca-dataset" || (target == "drop" && pca_tab_)) return "pca-dataset";
  // The deep autoencoder tabs: their own data set button, or a drop of an image array (any
  // other file there is a model).
  for (const DeepAePanel* p : {&deep_, &map_})
    if (target == p->key() + "-dataset" || (target == "drop" && p->active && is_dataset_file(bytes)))
      return p->key() + "-dataset";
  return "";
}

std::string PcaPage::load_file(std::string_view bytes, const std::string& name, const std::string& target) {
  const std::string dataset = dataset_target(bytes, target);
  if (dataset == "pca-dataset") {
    bool opened = false;
    const std::string said = open_dataset_file(datasets_, bytes, name, opened);
    if (opened) {
      dataset_ = DatasetStore::kFile;
      restart_fit();
    }
    return said;
  }
  for (DeepAePanel* p : {&deep_, &map_}) {
    if (dataset == p->key() + "-dataset") {
      bool opened = false;
      const std::string said = open_dataset_file(datasets_, bytes, name, opened);
      return p->dataset_file_result(said, opened);
    }
    if (target == p->key() + "-model" || (target == "drop" && p->active)) return p->load_model(bytes, name);
  }
  return name + ": open the Deep autoencoder or 2-D maps tab to load a model file.";
}

void PcaPage::draw() {
  if (ImGui::BeginTabBar("pca_tabs")) {
    pca_tab_ = false;
    // A link's tab is selected once, on the first draw after it was set.
    auto select = [this](const char* tab) { return open_tab_ == tab ? ImGuiTabItemFlags_SetSelected : 0; };
    if (ImGui::BeginTabItem("PCA", nullptr, select("pca"))) {
      pca_tab_ = true;
      draw_pca();
      ImGui::EndTabItem();
    }
    deep_.active = ImGui::BeginTabItem("Deep autoencoder", nullptr, select("deep-ae"));
    if (deep_.active) {
      deep_.draw();
      ImGui::EndTabItem();
    }
    map_.active = ImGui::BeginTabItem("2-D maps", nullptr, select("map"));
    if (map_.active) {
      map_.draw();
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
    open_tab_.clear();
  }
}

void PcaPage::draw_pca() {
  page_layout("pca", kLeft, [&] { draw_controls(); }, [&] {
    lab_help("pca");
    if (!lab_view_ready(datasets_, dataset_, runner_.error())) {
    } else if (lab() && !lab()->ready()) {
      ImGui::Text("Fitting PCA on %d training images ...", int(lab()->metrics()["train_images"]));
      ImGui::ProgressBar(float(lab()->progress()), ImVec2(300, 0));
    } else if (lab()) {
      if (textures_k_ != k_) refresh_textures();
      draw_curves();
      const Dataset& d = lab()->dataset();
      const int zoom = d.rows <= 25 ? 3 : 2;
      const gfx::ImageStyle gray{0.0f, 255.0f, zoom, gfx::Colormap::Gray};
      const gfx::ImageStyle signed_style{-1.0f, 1.0f, zoom, gfx::Colormap::Diverging};
      ImGui::Separator();
      std::vector<std::string> numbers;
      for (int i = 0; i < kComponents; ++i) numbers.push_back("#" + std::to_string(i + 1));
      image_strip(components_, signed_style,
                  std::string("Top ") + std::to_string(kComponents) + " principal components (" +
                      (d.name == "faces" ? "eigenfaces" : d.name == "mnist" ? "eigen-digits" : "eigen-images") +
                      "), red = +, blue = -, each scaled to its largest |value|",
                  d.cols, kComponents / 2, {});
      ImGui::Separator();
      std::vector<std::string> labels, errors;
      for (size_t i = 0; i < lab()->shown().size(); ++i) {
        const int idx = lab()->shown()[i];
        if (d.labels.empty()) labels.push_back("#" + std::to_string(idx));
        else labels.push_back(class_name(d, d.labels[size_t(idx)]));
        errors.push_back(fmt("%.1f", lab()->shown_error(k_, int(i))));
      }
      image_strip(originals_, gray, "Test images (never used to fit the components)", d.cols,
                  int(labels.size()), labels);
      image_strip(reconstructions_, gray,
                  fmt("PCA-%.0f reconstructions: %.0f numbers -> ", k_, d.dims()) + std::to_string(k_) +
                      " numbers per image; squared error of each below",
                  d.cols, int(errors.size()), errors);
      if (takes_drawings(d.rows, d.cols, false))
        drawing_section(pad_, "Draw a digit: PCA keeps its first k components. Drag k and watch the drawing sharpen.", [&] {
          if (pad_.version() != answered_version_ || k_ != answered_k_) {
            const Matrix x = pad_.column();
            pad_answer_.set(pad_.empty() ? Matrix() : lab()->reconstruct(x, k_), x);
            answered_version_ = pad_.version(), answered_k_ = k_;
          }
          pad_answer_.draw(fmt("PCA-%.0f reconstruction", k_), "drawing-pca");
        });
    }
  });
}

void PcaPage::draw_controls() {
  ImGui::TextWrapped("PCA: the k directions of largest variance of the training images.");
  ImGui::Separator();
  dim_text("Dataset");
  if (controls_.draw("dataset")) restart_fit();
  if (dataset_file_choice(datasets_, files_, dataset_, "pca-dataset")) {
    dataset_ = DatasetStore::kFile;
    restart_fit();
  }
  controls_break();
  dim_text("Components k");
  ImGui::SetNextItemWidth(kLeft - 10);
  // The page draws at its own k_ at once; the lab's k (its metrics) follows.
  if (controls_.draw("k") && lab()) runner_.post([k = k_](PcaLab& lab) { lab.set_k(k); });
  if (lab() && lab()->ready()) {
    const Dataset& d = lab()->dataset();
    ImGui::Text("%d numbers -> %d numbers", d.dims(), k_);
    ImGui::Text("test error per image: %.2f", lab()->test_error_per_image(k_));
    ImGui::Text("train error per image: %.2f", lab()->train_error_per_image(k_));
    ImGui::Text("explained variance: %.1f%%", 100 * lab()->explained_variance(k_));
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("Error per image: squared error summed over the %d pixels on the [0,1] "
                       "scale, averaged over the %d test images (Hinton & Salakhutdinov's unit).",
                       d.dims(), int(lab()->metrics()["test_images"]));
    ImGui::PopStyleColor();
  }
}

void PcaPage::draw_curves() {
  const int max_k = lab()->max_k();
  PlotSeries ev{"explained variance", {}, {}, 0}, test{"test", {}, {}, 1}, train{"train", {}, {}, 2};
  for (int k = 1; k <= max_k; ++k) {
    ev.x.push_back(k), test.x.push_back(k), train.x.push_back(k);
    ev.y.push_back(100 * lab()->explained_variance(k));
    test.y.push_back(lab()->test_error_per_image(k));
    train.y.push_back(lab()->train_error_per_image(k));
  }
  const float avail = ImGui::GetContentRegionAvail().x;
  const float w = avail >= 2 * 300 + 16 ? std::min(520.0f, 0.5f * (avail - 16)) : avail;  // side by side, else stacked
  // Both plots save the same table, in full precision.
  const auto table = [this, max_k] {
    CsvTable t{{"k", "explained_variance", "test_error_per_image", "train_error_per_image"}, {}};
    for (int k = 1; k <= max_k; ++k)
      t.rows.push_back({double(k), lab()->explained_variance(k), lab()->test_error_per_image(k), lab()->train_error_per_image(k)});
    return t;
  };
  const PlotLine at_k{"k = " + std::to_string(k_), double(k_), true};
  PlotSpec variance;
  variance.x_label = "components k";
  variance.y_label = "explained variance (%)";
  variance.y_min = 0, variance.y_max = 100;
  variance.value_unit = "%";
  variance.series.push_back(std::move(ev));
  variance.lines.push_back(at_k);
  variance.legend_x = double(k_);  // the values at the chosen k, as the controls column says
  variance.file = "explained-variance";
  variance.table = table;
  PlotSpec error;
  error.x_label = "components k";
  error.y_label = "squared error per image";
  error.y_min = 0;
  error.series.push_back(std::move(test));
  error.series.push_back(std::move(train));
  error.lines.push_back(at_k);
  error.legend_x = double(k_);
  error.file = "test-error";
  error.table = table;
  Flow flow;
  flow.next(w);
  plot("##ev", variance, ImVec2(w, 190));
  flow.next(w);
  plot("##err", error, ImVec2(w, 190));
}

void PcaPage::refresh_textures() {
  const Dataset& d = lab()->dataset();
  const int n = std::min(kComponents, int(lab()->pca().components().cols()));
  components_.upload(tile_columns(lab()->pca().components().leftCols(n), d.rows, d.cols, kComponents / 2, 1, true));
  originals_.upload(tile_columns(lab()->shown_images(), d.rows, d.cols, 10, 255));
  reconstructions_.upload(tile_columns(lab()->reconstruct_shown(k_).cwiseMax(0.0f).cwiseMin(1.0f), d.rows,
                                       d.cols, 10, 255));
  textures_k_ = k_;
}

}  // namespace ll::ui
