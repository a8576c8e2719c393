#include "ui/theme.h"
#include "ui/dataset_status.h"
#include "ui/pages/pretrain_page.h"
#include "labs/setting_limits.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "ui/widgets/export_menu.h"
#include "ui/widgets/image_strip.h"
#include "ui/pages/lab_help.h"
#include "ui/widgets/layout.h"
#include "ui/widgets/plot.h"
#include "ui/pages/rbm_plot.h"
#include "ui/pages/run_progress.h"

namespace ll::ui {

namespace {
constexpr float kLeft = 250.0f;  // controls column
constexpr int kShown = 20;       // labelled digits shown
// The table's colours are the plot's (ui/widgets/plot.h palette: 1 sky blue, 0 orange).
constexpr int kPretrainedSeries = 1, kRandomSeries = 0;
const ImVec4 kPretrainedColor = ImGui::ColorConvertU32ToFloat4(plot_color(kPretrainedSeries));
const ImVec4 kRandomColor = ImGui::ColorConvertU32ToFloat4(plot_color(kRandomSeries));
const char* kDataset = "mnist";

std::string fmt(const char* f, double a, double b = 0) {
  char buf[160];
  std::snprintf(buf, sizeof buf, f, a, b);
  return buf;
}
}  // namespace

void PretrainPage::update(double budget_ms) {
  const DatasetStore::Entry& e = datasets_.request(kDataset);
  if (e.state != DatasetStore::Entry::Ready) return;
  if (!started_) {
    started_ = true;
    controls_.applied();  // the run starts from pending_ as it is now
    recorded_ = false;
    pending_.labels = labels_;
    runner_.start([data = e.data, settings = pending_] { return std::make_unique<PretrainLab>(data, settings); });
  }
  if (runner_.update(budget_ms)) textures_stale_ = true;
  const PretrainLab* l = lab();
  if (l && runner_.current() && l->done() && !recorded_ && !l->curve().empty()) {
    recorded_ = true;
    const AccuracyPoint& p = l->curve().back();
    finished_.push_back({{"labels", l->settings().labels}, {"steps", p.step},
                         {"rbm_epochs", l->settings().rbm_epochs}, {"seed", l->settings().seed},
                         {"pretrained", p.pretrained}, {"random", p.random}});
  }
}

PretrainPage::PretrainPage(DatasetStore& datasets, DrawingPad& pad)
    : datasets_(datasets), pad_(pad), runner_([](PretrainLab& lab, double budget_ms) {
        lab.train(budget_ms);
        return !lab.done();
      }) {
  Control labels = int_slider("labels", "##labels", labels_, 10, 8000, "N = %d", true);
  // The slider snaps to the lecture's values of N; the field below it takes any N from 10 to
  // 8000 (a link may set one too). Both apply on release or Enter, not while dragging.
  labels.draw = [this] {
    static constexpr int kStops[] = {10, 30, 100, 300, 1000, 3000, 8000};
    constexpr int n = int(sizeof kStops / sizeof kStops[0]);
    int stop = 0;
    for (int i = 1; i < n; ++i)
      if (std::abs(std::log(double(kStops[i]) / labels_)) < std::abs(std::log(double(kStops[stop]) / labels_))) stop = i;
    const std::string shown = "N = " + std::to_string(labels_);
    bool changed = false;
    if (ImGui::SliderInt("##labels", &stop, 0, n - 1, shown.c_str())) labels_ = kStops[stop];
    changed |= ImGui::IsItemDeactivatedAfterEdit();
    int exact = labels_;
    ImGui::SetNextItemWidth(std::min(150.0f, ImGui::GetContentRegionAvail().x));
    if (ImGui::InputInt("exact N##labels", &exact, 10, 100, ImGuiInputTextFlags_EnterReturnsTrue) ||
        (ImGui::IsItemDeactivatedAfterEdit() && exact != labels_)) {
      labels_ = std::clamp(exact, 10, 8000);
      changed = true;
    }
    return changed;
  };
  controls_.add(labels);
  controls_.add(int_slider("rbm-epochs", "RBM epochs", pending_.rbm_epochs, int(limits::kPretrainRbmEpochs.lo), int(limits::kPretrainRbmEpochs.hi)));
  controls_.add(int_slider("steps", "fine-tune steps", pending_.steps, int(limits::kPretrainSteps.lo), int(limits::kPretrainSteps.hi), "%d", true));
  controls_.add(float_input("lr", "momentum lr", pending_.lr, float(limits::kPretrainLr.lo), float(limits::kPretrainLr.hi), "%.4f"));
  controls_.add(seed_input("seed", "seed", pending_.seed));
  controls_.applies_on_reset({"rbm-epochs", "steps", "lr", "seed"});
}

bool PretrainPage::reset() {
  clock_.reset();
  started_ = false;  // update() starts the new run from the settings below, once the dataset is there
  runner_.set_playing(true);
  return true;
}

nlohmann::json PretrainPage::metrics() const {
  nlohmann::json j = lab() ? lab()->metrics() : nlohmann::json{{"dataset", kDataset}, {"done", false}};
  add_dataset_state(j, datasets_, kDataset);
  if (!runner_.error().empty()) j["error"] = runner_.error();
  j["playing"] = runner_.playing();
  j["wall_seconds"] = clock_.elapsed_seconds();  // training on screen, as the student waited
  j["training_thread"] = runner_.threaded();
  j["finished_runs"] = finished_;
  // The drawing's predicted class and its probability by each arm (null before one is answered).
  for (int a = 0; a < 2; ++a) {
    nlohmann::json p;
    if (drawing_probs_[a].size() == 10) {
      Index best = 0;
      drawing_probs_[a].col(0).maxCoeff(&best);
      p = {{"class", int(best)}, {"probability", drawing_probs_[a](best, 0)}};
    }
    j[a ? "drawing_random_init" : "drawing_pretrained"] = p;
  }
  return j;
}

void PretrainPage::draw() {
  page_layout("pretrain", kLeft, [&] { draw_controls(); }, [&] {
    lab_help("pretraining");
    if (lab_view_ready(datasets_, kDataset, runner_.error()) && lab()) draw_results();
  });
}

void PretrainPage::draw_controls() {
  ImGui::TextWrapped("MNIST: an encoder pretrained without labels, then fine-tuned with N labels, "
                     "vs the same network from random weights");
  if (lab()) draw_run_progress(*lab(), runner_, clock_);
  if (ImGui::Button("Reset", ImVec2(-1, 0))) reset();
  draw_pending_note(controls_);
  if (lab() && !lab()->status().empty()) warning_text(lab()->status().c_str());
  controls_break();
  ImGui::TextUnformatted("Labelled training images N");
  ImGui::PushItemWidth(-1);
  const bool relabel = controls_.draw("labels");
  ImGui::PopItemWidth();
  if (relabel && lab()) {  // on release: restart fine-tuning only
    runner_.post([n = labels_](PretrainLab& lab) { lab.relabel(n); });
    clock_.reset();
    recorded_ = false;
    runner_.set_playing(true);
  }
  dim_text("Applied on release. A new N restarts only the fine-tuning: the encoder never saw a label.");
  controls_break();
  dim_text("Settings (apply on Reset)");
  ImGui::PushItemWidth(110);
  for (const char* key : {"rbm-epochs", "steps", "lr", "seed"}) controls_.draw(key);
  ImGui::PopItemWidth();
  std::string arch = "784";
  for (int h : pending_.hidden) arch += "-" + std::to_string(h);
  ImGui::TextDisabled("Encoder %s, softmax 10;\nbatch %d, momentum 0.9, both arms.", arch.c_str(), pending_.batch);
  if (!finished_.empty()) {
    controls_break();
    ImGui::TextUnformatted("Final test accuracy");
    if (ImGui::BeginTable("pt_runs", 4, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit)) {
      for (const char* h : {"N", "pretrained", "random", "gain"}) ImGui::TableSetupColumn(h);
      ImGui::TableHeadersRow();
      for (const auto& r : finished_) {
        const double a = r["pretrained"].get<double>(), b = r["random"].get<double>();
        ImGui::TableNextColumn();
        ImGui::Text("%d", r["labels"].get<int>());
        ImGui::TableNextColumn();
        ImGui::TextColored(kPretrainedColor, "%.1f%%", 100 * a);
        ImGui::TableNextColumn();
        ImGui::TextColored(kRandomColor, "%.1f%%", 100 * b);
        ImGui::TableNextColumn();
        ImGui::Text("%+.1f", 100 * (a - b));
      }
      ImGui::EndTable();
    }
  }
}

void PretrainPage::refresh_textures() {
  const Dataset& d = lab()->dataset();
  if (!lab()->rbms().empty())  // the first RBM's first 20 filters: rows of W are 28x28 images
    filters_.upload(tile_columns(lab()->rbms()[0].W().topRows(20).transpose(), d.rows, d.cols, 20, 1, true));
  const std::vector<int>& l = lab()->labelled();
  const std::vector<int> shown(l.begin(), l.begin() + std::min<size_t>(kShown, l.size()));
  labelled_.upload(tile_columns(to_matrix(d, shown), d.rows, d.cols, kShown, 255));
  textures_stale_ = false;
  refreshed_at_ = std::chrono::steady_clock::now();
}

// Both arms' test accuracy against fine-tuning steps on shared axes (0-100%), with a legend.
void PretrainPage::draw_accuracy_plot(float width, float height) {
  const auto& c = lab()->curve();
  PlotSpec spec;
  spec.x_label = fmt("fine-tuning steps (of %.0f)", std::max(1, lab()->settings().steps));
  spec.y_label = "test accuracy (%)";
  spec.x_min = 0, spec.x_max = std::max(1, lab()->settings().steps);
  spec.y_min = 0, spec.y_max = 100;
  spec.value_unit = "%";
  spec.empty_text = "fine-tuning starts after pretraining";
  PlotSeries pretrained{"pretrained encoder", {}, {}, kPretrainedSeries}, random{"random init", {}, {}, kRandomSeries};
  for (const AccuracyPoint& p : c) {
    pretrained.x.push_back(p.step), pretrained.y.push_back(100 * p.pretrained);
    random.x.push_back(p.step), random.y.push_back(100 * p.random);
  }
  spec.series.push_back(std::move(pretrained));
  spec.series.push_back(std::move(random));
  spec.file = "test-accuracy";
  spec.table = [&c] {
    CsvTable t{{"step", "pretrained", "random"}, {}};
    for (const AccuracyPoint& p : c) t.rows.push_back({double(p.step), p.pretrained, p.random});
    return t;
  };
  plot("##accuracy", spec, ImVec2(width, height));
}

void PretrainPage::draw_results() {
  // A few times a second is enough for images (uploading them costs a frame in software GL).
  if (textures_stale_ && (lab()->done() || std::chrono::steady_clock::now() - refreshed_at_ > std::chrono::milliseconds(300)))
    refresh_textures();
  const Dataset& d = lab()->dataset();
  wrapped_text(fmt("1. Unsupervised: RBMs pretrain the encoder on all %.0f training images (no labels)",
                   double(lab()->train_images())));
  rbm_plot(lab()->rbms(), lab()->rbm_curves(), std::min(560.0f, ImGui::GetContentRegionAvail().x));
  if (!lab()->rbms().empty())
    image_strip(filters_, gfx::ImageStyle{-1, 1, 1, gfx::Colormap::Diverging},
                fmt("First RBM: 20 of its %.0f filters (red = +, blue = -)", lab()->rbms()[0].hidden_size()), d.cols, 20, {});
  ImGui::Separator();
  std::vector<std::string> captions;
  for (size_t i = 0; i < lab()->labelled().size() && i < size_t(kShown); ++i)
    captions.push_back(std::to_string(d.labels[size_t(lab()->labelled()[i])]));
  image_strip(labelled_, gfx::ImageStyle{0, 255, 1, gfx::Colormap::Gray},
              fmt("2. Supervised: N = %.0f labelled images (class-balanced, the same for every seed); the first %.0f:",
                  lab()->settings().labels, double(captions.size())),
              d.cols, kShown, captions);
  ImGui::Separator();
  wrapped_text(fmt("Test accuracy on %.0f test digits while fine-tuning (x: steps of %.0f images, both arms the same)",
                   double(lab()->test_images()), double(std::min(lab()->settings().batch, lab()->settings().labels))));
  const float w = std::min(720.0f, ImGui::GetContentRegionAvail().x);
  draw_accuracy_plot(w, std::max(180.0f, std::min(300.0f, ImGui::GetContentRegionAvail().y - 8)));
  draw_drawing_answers();
}

void PretrainPage::draw_drawing_answers() {
  // Both classifiers on the drawing, again whenever they were tested again (they keep learning).
  if (pad_.version() != answered_version_ || lab()->curve().size() != answered_points_) {
    const Matrix x = pad_.column();
    for (int a = 0; a < 2; ++a) drawing_probs_[a] = pad_.empty() ? Matrix() : lab()->class_probabilities(a, x);
    answered_version_ = pad_.version();
    answered_points_ = lab()->curve().size();
  }
  drawing_section(pad_, "Draw a digit: which class does each classifier say it is, and how sure is it?", [&] {
    if (drawing_probs_[0].size() != 10) {
      ImGui::TextDisabled("The classifiers answer once fine-tuning has started.");
      return;
    }
    const char* names[2] = {"Pretrained", "Random init"};
    std::vector<std::string> classes;
    for (int c = 0; c < 10; ++c) classes.push_back(std::to_string(c));
    Flow flow(16);
    const float chart = std::min(240.0f, ImGui::GetContentRegionAvail().x);
    for (int a = 0; a < 2; ++a) {
      Index best = 0;
      drawing_probs_[a].col(0).maxCoeff(&best);
      std::vector<double> percent;
      for (int c = 0; c < 10; ++c) percent.push_back(std::round(100.0 * drawing_probs_[a](c, 0)));
      flow.next(chart);
      ImGui::BeginGroup();
      ImGui::Text("%s: %d (%.0f%%)", names[a], int(best), 100.0 * drawing_probs_[a](best, 0));
      bar_chart(a ? "##drawing_random" : "##drawing_pretrained", "probability of each class (%)", classes, percent,
                ImVec2(chart, 130));
      ImGui::EndGroup();
    }
  });
}

}  // namespace ll::ui
