#include "ui/theme.h"
#include "ui/compression_page.h"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>

#include "labs/image_io.h"
#include "ui/export_menu.h"
#include "ui/image_panel.h"
#include "ui/two_columns.h"

namespace ll::ui {

namespace {
constexpr float kLeft = 196.0f;        // width of the controls column
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

CompressionPage::CompressionPage(FileRequest files) : files_(files), builtin_(builtin_image_names()) {
  new_choice_ = int(std::find(builtin_.begin(), builtin_.end(), "moon") - builtin_.begin());
  lab_ = std::make_unique<CompressionLab>(pending_, builtin_lab_image(builtin_[0]),
                                          builtin_lab_image(builtin_[size_t(new_choice_)]));
  register_controls();
}

void CompressionPage::restart() {
  try {
    lab_->reset(pending_);
    playing_ = true;
    message_.clear();
  } catch (const std::exception& e) {
    message_ = std::string("Settings not applied: ") + e.what();
  }
  dirty_ = true;
}

void CompressionPage::update(double budget_ms) {
  if (!playing_ || lab_->done()) return;
  const auto t0 = std::chrono::steady_clock::now();
  lab_->train(budget_ms);
  since_eval_ms_ += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  // Re-code both images a few times per second of training, and once at the end.
  if (since_eval_ms_ > 150.0 || lab_->done()) {
    lab_->evaluate();
    since_eval_ms_ = 0;
    dirty_ = true;
  }
  if (lab_->done()) playing_ = false;
}

std::string CompressionPage::load_file(std::string_view bytes, const std::string& name,
                                       const std::string& target) {
  try {
    LabImage img = prepare_lab_image(decode_gray(bytes, name), name);
    const std::string note = img.note;
    if (target == "trained") {
      lab_->set_trained_image(std::move(img));
      trained_choice_ = -1;
      playing_ = true;
    } else {
      lab_->set_new_image(std::move(img));
      new_choice_ = -1;
    }
    message_ = "Loaded " + name + " (" + note + ").";
  } catch (const std::exception& e) {
    message_ = std::string(e.what()) + ". The current image stays.";
  }
  dirty_ = true;
  return message_;
}

nlohmann::json CompressionPage::metrics() const {
  nlohmann::json j = lab_->metrics();
  j["built"] = true;
  j["playing"] = playing_;
  if (!message_.empty()) j["message"] = message_;  // what the last file or setting did
  return j;
}

void CompressionPage::refresh_textures() {
  const ImageResults* results[2] = {&lab_->trained_results(), &lab_->new_results()};
  const LabImage* images[2] = {&lab_->trained_image(), &lab_->new_image()};
  for (int row = 0; row < 2; ++row) {
    original_[size_t(row)].upload(images[row]->image);
    const auto panels = method_panels(*results[row], method_);
    for (int k = 0; k < 3; ++k) {
      const GrayImage& shown = panels[size_t(k)] ? panels[size_t(k)]->image : images[row]->image;
      decoded_[size_t(row)][size_t(k)].upload(show_error_ ? difference(shown, images[row]->image) : shown);
    }
  }
  enc_filters_.upload(filter_atlas(lab_->encoder().W(0), true, 8));
  dec_filters_.upload(filter_atlas(lab_->decoder().W(0), false, 8));
  dirty_ = false;
}

void CompressionPage::draw() {
  if (dirty_) refresh_textures();
  two_columns("compression", kLeft, [&] { draw_controls(); }, [&] {
    draw_image_grid(0, lab_->trained_image(), lab_->trained_results());
    ImGui::SameLine(0, 8);
    draw_image_grid(1, lab_->new_image(), lab_->new_results());
    ImGui::Separator();
    draw_results_table();
    ImGui::SameLine(0, 24);
    draw_filters();
  });
}

void CompressionPage::draw_controls() {
  ImGui::TextWrapped("64-%d-64 tanh autoencoder on random 8x8 frames, pixels in [-1, 1]",
                     lab_->settings().hidden);
  const double frac = double(lab_->samples()) / double(lab_->settings().samples);
  ImGui::ProgressBar(float(frac), ImVec2(-1, 0),
                     fmt("%.2fM / %.2fM frames", lab_->samples() / 1e6, lab_->settings().samples / 1e6).c_str());
  ImGui::Text("%.0fk frames/s, %.1f s", lab_->samples_per_second() / 1e3, lab_->train_seconds());
  if (ImGui::Button(playing_ ? "Pause" : (lab_->done() ? "Done" : "Train"), ImVec2(60, 0)) && !lab_->done())
    playing_ = !playing_;
  ImGui::SameLine();
  if (ImGui::Button("Step", ImVec2(60, 0))) {
    playing_ = false;
    lab_->train_batches(1);
    lab_->evaluate();
    dirty_ = true;
  }
  ImGui::SameLine();
  if (ImGui::Button("Reset", ImVec2(-1, 0))) restart();
  if (!lab_->status().empty()) warning_text(lab_->status().c_str());
  if (!message_.empty()) ImGui::TextWrapped("%s", message_.c_str());
  draw_loss_curve();
  draw_settings();
}

void CompressionPage::draw_loss_curve() {
  const auto& curve = lab_->loss_curve();
  std::vector<float> ys;
  for (const LossPoint& p : curve) ys.push_back(float(std::log10(std::max(p.mse, 1e-9))));
  const std::string overlay = curve.empty() ? "no training yet"
                                            : fmt("MSE %.5f per value", curve.back().mse);
  ImGui::TextDisabled("loss (log scale) vs frames");
  curve_plot("##loss", ys, overlay, FLT_MAX, FLT_MAX, ImVec2(kLeft - 8, 90), "loss", [&curve] {
    CsvTable t{{"frames", "mse_per_value"}, {}};
    for (const LossPoint& p : curve) t.rows.push_back({double(p.samples), p.mse});
    return t;
  });
}

void CompressionPage::draw_image_choice(const char* label, const char* target, int& choice) {
  const char* preview = choice >= 0 ? builtin_[size_t(choice)].c_str()
                                    : (std::string(target) == "trained" ? lab_->trained_image().name.c_str()
                                                                        : lab_->new_image().name.c_str());
  ImGui::SetNextItemWidth(90);
  if (ImGui::BeginCombo(label, preview)) {
    for (int i = 0; i < int(builtin_.size()); ++i)
      if (ImGui::Selectable(builtin_[size_t(i)].c_str(), i == choice) && i != choice) {
        choice = i;
        LabImage img = builtin_lab_image(builtin_[size_t(i)]);
        if (std::string(target) == "trained") lab_->set_trained_image(std::move(img));
        else lab_->set_new_image(std::move(img));
        playing_ = playing_ || std::string(target) == "trained";
        dirty_ = true;
      }
    ImGui::EndCombo();
  }
  if (files_.available) {
    ImGui::SameLine();
    if (ImGui::Button((std::string("Open...##") + target).c_str())) files_.open(target);
  }
}

void CompressionPage::draw_settings() {
  ImGui::Separator();
  ImGui::TextDisabled("Images");
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
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("or drop a PNG/JPEG on the page (it becomes the new image)");
    ImGui::PopStyleColor();
  }
  ImGui::Separator();
  ImGui::TextDisabled("Show");
  if (controls_.draw("show")) dirty_ = true;
  if (controls_.draw("error-images")) dirty_ = true;
  ImGui::Separator();
  ImGui::TextDisabled("Training (applies on Reset)");
  ImGui::PushItemWidth(100);
  for (const char* key : {"hidden", "optimizer", "lr", "batch", "seed", "samples", "noise-bits"}) controls_.draw(key);
  ImGui::PopItemWidth();
}

void CompressionPage::draw_image_grid(int row, const LabImage& img, const ImageResults& r) {
  const auto panels = method_panels(r, method_);
  const char* method = method_ == AE ? "autoencoder" : method_ == PCA ? "PCA" : "JPEG";
  const gfx::ImageStyle gray{0.0f, 255.0f, 1, gfx::Colormap::Gray};
  const gfx::ImageStyle err{-kErrorRange, kErrorRange, 1, gfx::Colormap::Diverging};
  ImGui::BeginGroup();
  ImGui::Text("%s: %s", row == 0 ? "Trained on" : "New image (never seen)", img.name.c_str());
  ImGui::TextDisabled("%s", img.note.c_str());
  image_panel(original_[size_t(row)], gray, "(A) original", "8 bits per pixel", img.name + "-original");
  for (int k = 0; k < 3; ++k) {
    if (k != 1) ImGui::SameLine(0, 8);
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
