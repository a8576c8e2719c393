#include "ui/theme.h"
#include "ui/pages/compression_page.h"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>

#include "labs/image_io.h"
#include "ui/widgets/export_menu.h"
#include "ui/widgets/image_panel.h"
#include "ui/pages/lab_help.h"
#include "ui/widgets/layout.h"
#include "ui/widgets/plot.h"

namespace ll::ui {

namespace {
constexpr int kStepFrames = 50000;         // Step: about 1/60 of the default run
constexpr int64_t kFurtherFrames = 1000000;  // "Train further"
constexpr float kLeft = 186.0f;        // the controls' width: with their scrollbar, both image grids still fit beside them at 1280 px
const gfx::ImageStyle kGray{0.0f, 255.0f, 1, gfx::Colormap::Gray};
constexpr float kErrorRange = 32.0f;   // error images show -32 .. +32 gray levels
const char* kSlot[3] = {"(B)", "(C)", "(D)"};

std::string fmt(const char* f, double a, double b = 0, double c = 0) {
  char buf[160];
  std::snprintf(buf, sizeof buf, f, a, b, c);
  return buf;
}

// The three decoded panels the chosen method shows (JPEG has no unrounded version).
std::array<const Panel*, 3> method_panels(const ImageResults& r, int method) {
  if (method == 1) return {&r.pca.plain, &r.pca.q6, &r.pca.q4};
  if (method == 2) return {nullptr, &r.jpeg_q6.panel, &r.jpeg_q4.panel};
  return {&r.ae.plain, &r.ae.q6, &r.ae.q4};
}
}  // namespace

CompressionPage::CompressionPage(FileRequest files)
    : files_(files),
      runner_(train_and_evaluate<CompressionLab>(150.0)),  // re-code both images a few times a second
      builtin_(builtin_image_names()) {
  new_choice_ = int(std::find(builtin_.begin(), builtin_.end(), "moon") - builtin_.begin());
  runner_.start([settings = pending_, trained = builtin_[0], fresh = builtin_[size_t(new_choice_)]] {
    return std::make_unique<CompressionLab>(settings, builtin_lab_image(trained), builtin_lab_image(fresh));
  });
  register_controls();
}

void CompressionPage::restart() {
  clock_.reset();
  controls_.applied();
  runner_.post([settings = pending_](CompressionLab& lab) { lab.reset(settings); });
  runner_.set_playing(true);
  message_.clear();
  dirty_ = true;
}

void CompressionPage::set_image(const std::string& target, LabImage img) {
  auto shared = std::make_shared<const LabImage>(std::move(img));
  if (target == "trained") {
    runner_.post([shared](CompressionLab& lab) { lab.set_trained_image(*shared); });
    runner_.set_playing(true);
  } else {
    runner_.post([shared](CompressionLab& lab) { lab.set_new_image(*shared); });
  }
  dirty_ = true;
}

void CompressionPage::update(double budget_ms) {
  if (runner_.update(budget_ms)) dirty_ = true;
}

std::string CompressionPage::load_file(std::string_view bytes, const std::string& name,
                                       const std::string& target) {
  try {
    LabImage img = prepare_lab_image(decode_gray(bytes, name), name);
    const std::string note = img.note;
    const std::string slot = target == "trained" ? "trained" : "new";
    (slot == "trained" ? trained_choice_ : new_choice_) = -1;
    (slot == "trained" ? trained_name_ : new_name_) = name;
    set_image(slot, std::move(img));
    message_ = "Loaded " + name + " (" + note + ").";
  } catch (const std::exception& e) {
    message_ = std::string(e.what()) + ". The current image stays.";
  }
  dirty_ = true;
  return message_;
}

nlohmann::json CompressionPage::metrics() const {
  nlohmann::json j = lab() ? lab()->metrics() : nlohmann::json{{"done", false}};
  // Done once the last slice has also coded both images with the final net (train_and_evaluate
  // evaluates in the slice after training ends): before, a reader saw done with the previous
  // evaluation's PSNR (27.952 instead of 27.963 dB).
  j["done"] = j["done"].get<bool>() && !runner_.playing();
  j["built"] = true;
  j["playing"] = runner_.playing();
  j["wall_seconds"] = clock_.elapsed_seconds();  // training on screen, as the student waited
  j["training_thread"] = runner_.threaded();
  if (!runner_.error().empty()) j["error"] = runner_.error();
  if (!message_.empty()) j["message"] = message_;  // what the last file or setting did
  return j;
}

void CompressionPage::refresh_textures() {
  const ImageResults* results[2] = {&lab()->trained_results(), &lab()->new_results()};
  const LabImage* images[2] = {&lab()->trained_image(), &lab()->new_image()};
  for (int row = 0; row < 2; ++row) {
    original_[size_t(row)].upload(images[row]->image);
    const auto panels = method_panels(*results[row], method_);
    for (int k = 0; k < 3; ++k) {
      const GrayImage& shown = panels[size_t(k)] ? panels[size_t(k)]->image : images[row]->image;
      decoded_[size_t(row)][size_t(k)].upload(show_error_ ? difference(shown, images[row]->image) : shown);
    }
  }
  enc_filters_.upload(filter_atlas(lab()->encoder().W(0), true, 8));
  dec_filters_.upload(filter_atlas(lab()->decoder().W(0), false, 8));
  dirty_ = false;
}

void CompressionPage::draw() {
  if (!lab()) {  // the first lab is being made (the threaded build makes it on its thread)
    ImGui::TextUnformatted(runner_.error().empty() ? "Preparing the images and the baselines (PCA, JPEG) ..."
                                                   : runner_.error().c_str());
    return;
  }
  if (dirty_) refresh_textures();
  page_layout("compression", kLeft, [&] { draw_controls(); }, [&] {
    lab_help("compression");
    // The comparison the lab is about first (every method's PSNR and bits, above the fold at
    // 1280x800, where it used to sit below the image grids), the filters beside it; then the two
    // images' grids, side by side where they fit, else one under the other.
    Flow upper(24);
    upper.next(kTableWidth);
    draw_results_table();
    upper.next(float(enc_filters_.width()) * 4.0f);
    draw_filters();
    ImGui::Separator();
    // 2x where both images' 2x2 grids fit side by side at 2x (a 2560 px screen), else 1x: whole
    // factors only, so every pixel stays a square (gfx/image_view.h). At 1920x1080 the lab fits
    // on one screen at 1x; 2x would need 2,060 px.
    const auto grid_width = [this](int zoom) {
      gfx::ImageStyle s = kGray;
      s.zoom = zoom;
      return 2.0f * float(original_[0].width()) * gfx::texel_size(s) + 4.0f;
    };
    zoom_ = 2 * grid_width(2) + 6.0f <= ImGui::GetContentRegionAvail().x ? 2 : 1;
    const float grid = grid_width(zoom_);
    Flow grids(6);
    grids.next(grid);
    draw_image_grid(0, lab()->trained_image(), lab()->trained_results());
    grids.next(grid);
    draw_image_grid(1, lab()->new_image(), lab()->new_results());
  });
}

void CompressionPage::draw_controls() {
  ImGui::TextWrapped("64-%d-64 tanh autoencoder on 8x8 frames in [-1, 1]", lab()->settings().hidden);
  const double frac = double(lab()->samples()) / double(lab()->settings().samples);
  ImGui::ProgressBar(float(frac), ImVec2(-1, 0),
                     fmt("%.2fM / %.2fM frames", lab()->samples() / 1e6, lab()->settings().samples / 1e6).c_str());
  clock_.update(frac, runner_.playing() && !lab()->done());
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%.0fk frames/s while training", lab()->samples_per_second() / 1e3);
  clock_.draw(lab()->done(), runner_.playing());
  // The run's one action on a row of its own in every state, Step and Reset below it: the
  // controls under them stay where they were when the run finishes (a row that appeared then
  // moved Open... away under a pointer about to click it; the file test missed it in 4 of 8 runs).
  const bool done = lab()->done(), playing = runner_.playing() && !done;
  if (done && !lab()->diverged()) {  // a finished run can go on (CompressionLab::extend)
    if (ImGui::Button("Train 1M frames further", ImVec2(-1, 0))) {
      runner_.post([](CompressionLab& lab) { lab.extend(kFurtherFrames); });
      runner_.set_playing(true);
    }
  } else if (ImGui::Button(playing ? "Pause" : done ? "Done" : "Train", ImVec2(-1, 0)) && !done) {
    runner_.set_playing(!playing);
  }
  // Step: 50k frames at once, so the curve gets a point and the images visibly change (one
  // minibatch of 64 out of 3M frames changed nothing on screen).
  if (ImGui::Button("Step", ImVec2(60, 0))) {
    runner_.set_playing(false);
    runner_.post([](CompressionLab& lab) {
      if (lab.done()) lab.extend(kStepFrames);
      lab.train_batches((kStepFrames + lab.settings().batch - 1) / lab.settings().batch);
      lab.evaluate();
    });
    dirty_ = true;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Train %d frames, then pause", kStepFrames);
  ImGui::SameLine();
  if (ImGui::Button("Reset", ImVec2(-1, 0))) restart();
  draw_pending_note(controls_);
  if (!lab()->status().empty()) warning_text(lab()->status().c_str());
  if (!runner_.error().empty()) warning_text(("Settings not applied: " + runner_.error()).c_str());
  if (!message_.empty()) ImGui::TextWrapped("%s", message_.c_str());
  draw_loss_curve();
  draw_settings();
}

void CompressionPage::draw_loss_curve() {
  const auto& curve = lab()->loss_curve();
  PlotSpec spec;
  spec.x_label = "frames seen (millions)";
  spec.y_label = "MSE per pixel value";
  spec.log_y = true;  // the loss falls by decades
  spec.x_min = 0;
  spec.value_digits = 3;
  spec.empty_text = "no training yet";
  PlotSeries loss{"training loss", {}, {}};
  for (const LossPoint& p : curve) {
    loss.x.push_back(double(p.samples) / 1e6);
    loss.y.push_back(p.mse);
  }
  spec.series.push_back(std::move(loss));
  spec.file = "loss";
  spec.table = [&curve] {
    CsvTable t{{"frames", "mse_per_value"}, {}};
    for (const LossPoint& p : curve) t.rows.push_back({double(p.samples), p.mse});
    return t;
  };
  plot("##loss", spec, ImVec2(ImGui::GetContentRegionAvail().x, 160));
}

void CompressionPage::draw_image_choice(const char* label, const char* target, int& choice) {
  const char* preview = choice >= 0 ? builtin_[size_t(choice)].c_str()
                                    : (std::string(target) == "trained" ? trained_name_.c_str() : new_name_.c_str());
  // Open... goes below when the row is too wide for the column (kLeft beside the results).
  Flow row(ImGui::GetStyle().ItemSpacing.x);
  row.next(0);
  ImGui::SetNextItemWidth(80);
  if (ImGui::BeginCombo(label, preview)) {
    for (int i = 0; i < int(builtin_.size()); ++i)
      if (ImGui::Selectable(builtin_[size_t(i)].c_str(), i == choice) && i != choice) {
        choice = i;
        set_image(target, builtin_lab_image(builtin_[size_t(i)]));
      }
    ImGui::EndCombo();
  }
  if (files_.available) {
    row.next(ImGui::CalcTextSize("Open...").x + 2 * ImGui::GetStyle().FramePadding.x);
    if (ImGui::Button((std::string("Open...##") + target).c_str())) files_.open(target);
  }
}

void CompressionPage::draw_settings() {
  controls_break();
  dim_text("Images");
  controls_.draw("image");
  controls_.draw("new-image");
  if (!files_.available) {
    ImGui::SetNextItemWidth(kLeft - 60);
    ImGui::InputTextWithHint("##path", "PNG/JPEG path", path_, sizeof path_);
    ImGui::SameLine();
    if (ImGui::Button("Load")) {
      std::ifstream f(path_, std::ios::binary);
      if (!f) {
        message_ = std::string(path_) + ": cannot open the file. The current image stays.";
      } else {
        const std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
        load_file(bytes, path_, "new");
      }
    }
  } else {
    dim_text("or drop a PNG/JPEG on the page (it becomes the new image)");
  }
  ImGui::Separator();
  dim_text("Show");
  if (controls_.draw("show")) dirty_ = true;
  if (controls_.draw("error-images")) dirty_ = true;
  controls_break();
  dim_text("Training (applies on Reset)");
  ImGui::PushItemWidth(100);
  for (const char* key : {"hidden", "optimizer", "lr", "batch", "seed", "samples", "noise-bits"}) controls_.draw(key);
  ImGui::PopItemWidth();
}

void CompressionPage::draw_image_grid(int row, const LabImage& img, const ImageResults& r) {
  const auto panels = method_panels(r, method_);
  const char* method = method_ == AE ? "autoencoder" : method_ == PCA ? "PCA" : "JPEG";
  ImGui::BeginGroup();
  ImGui::Text("%s: %s", row == 0 ? "Trained on" : "New image (never seen)", img.name.c_str());
  ImGui::TextDisabled("%s", img.note.c_str());
  // A 2x2 grid where two images fit side by side, else a column.
  gfx::ImageStyle gray = kGray, err{-kErrorRange, kErrorRange, zoom_, gfx::Colormap::Diverging};
  gray.zoom = zoom_;
  const float cell = float(original_[size_t(row)].width()) * gfx::texel_size(gray);
  Flow cells(4);
  cells.next(cell);
  image_panel(original_[size_t(row)], gray, "(A) original", "8 bits per pixel", img.name + "-original");
  for (int k = 0; k < 3; ++k) {
    if (k == 1) cells.new_line();
    cells.next(cell);
    const Panel* p = panels[size_t(k)];
    std::string title = std::string(kSlot[k]) + " " + method + (k == 0 ? "" : k == 1 ? ", 6-bit" : ", 4-bit");
    std::string caption;
    if (!p) {
      title = "(B) JPEG";
      caption = "JPEG has no unrounded code; (A) shown";
    } else if (method_ == JPEG) {
      const JpegPanel& j = k == 1 ? r.jpeg_q6 : r.jpeg_q4;
      title = std::string(kSlot[k]) + " JPEG quality " + std::to_string(j.quality);
      caption = fmt("%.2f dB  %.3f bpp (file)", p->psnr_db, p->bpp);
    } else {
      caption = fmt("%.2f dB  %.2f bpp", p->psnr_db, p->bpp);
      if (p->entropy_bpp >= 0) caption += fmt(" (entropy %.2f)", p->entropy_bpp);
      if (k == 0) caption += " float codes";
    }
    const char* variant[3] = {"", "-6bit", "-4bit"};
    const std::string file = img.name + "-" + (p ? method : "original") + variant[k] + (show_error_ && p ? "-error" : "");
    image_panel(decoded_[size_t(row)][size_t(k)], show_error_ && p ? err : gray, title, caption, file);
  }
  if (show_error_) ImGui::TextDisabled("errors: blue = too dark, red = too bright, +-%.0f levels", kErrorRange);
  ImGui::EndGroup();
}

}  // namespace ll::ui
