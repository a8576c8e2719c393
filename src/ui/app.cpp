#include "ui/app.h"

#include <imgui.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "labs/lab_catalog.h"
#include "ui/compression_page.h"
#include "ui/gan_page.h"
#include "ui/pca_page.h"
#include "ui/pretrain_page.h"
#include "gfx/image_view.h"
#include "gfx/scatter_view.h"
#include "ui/placeholder_page.h"

namespace ll {

App::App(const std::string& lab_key) : lab_(default_lab().key), build_(build_info(LL_VERSION)) {
  if (!lab_key.empty() && !switch_lab(lab_key))
    notice_ = "There is no lab called '" + lab_key + "' (labs: " + lab_keys_list() +
              "). Showing " + default_lab().title + ".";
}

bool App::switch_lab(const std::string& key) {
  if (!find_lab(key)) return false;
  lab_ = key;
  notice_.clear();
  if (on_lab_changed) on_lab_changed(lab_);
  return true;
}

ui::LabPage& App::page() {
  auto& p = pages_[lab_];
  if (!p) {
    if (lab_ == "compression") p = std::make_unique<ui::CompressionPage>(file_request);
    else if (lab_ == "pca") p = std::make_unique<ui::PcaPage>(datasets, file_request);
    else if (lab_ == "gan") p = std::make_unique<ui::GanPage>(datasets);
    else if (lab_ == "pretraining") p = std::make_unique<ui::PretrainPage>(datasets);
    else p = std::make_unique<ui::PlaceholderPage>(*find_lab(lab_));
  }
  return *p;
}

std::string App::load_file(std::string_view bytes, const std::string& name, const std::string& target) {
  file_message_ = page().load_file(bytes, name, target);
  return file_message_;
}

std::string App::metrics_json() {
  nlohmann::json j = {
      {"lab", lab_},
      {"built", find_lab(lab_)->built},
      {"frames", frames_},
      {"fps", ImGui::GetIO().Framerate},
      {"train_slice_ms", last_update_ms_},
      {"build", {{"version", build_.version}, {"target", build_.target}, {"simd", build_.simd},
                 {"threads", build_.threads}}},
      {"metrics", page().metrics()},
  };
  return j.dump();
}

std::string App::labs_json() const {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& lab : lab_catalog())
    j.push_back({{"key", lab.key}, {"title", lab.title}, {"built", lab.built}});
  return j.dump();
}

void App::frame() {
  ++frames_;
  gfx::begin_image_frame();
  gfx::begin_scatter_frame();
  // Update: a bounded slice of training, so drawing never waits for the model.
  const auto t0 = std::chrono::steady_clock::now();
  page().update(kTrainBudgetMs);
  last_update_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();

  // Draw.
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float status_h = ImGui::GetFrameHeightWithSpacing() + 4.0f;
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x, vp->WorkSize.y - status_h));
  ImGui::Begin("LatentLab", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings);
  draw_lab_selector();
  if (!notice_.empty()) ImGui::TextColored(ImVec4(1.0f, 0.7f, 0.3f, 1.0f), "%s", notice_.c_str());
  ImGui::Separator();
  page().draw();
  ImGui::End();
  draw_status_bar(status_h);
}

void App::draw_lab_selector() {
  ImGui::TextUnformatted("LatentLab");
  ImGui::SameLine();
  ImGui::TextDisabled("autoencoders, PCA and GANs, trained live  |  lab:");
  for (const auto& lab : lab_catalog()) {
    ImGui::SameLine();
    if (ImGui::Selectable(lab.title.c_str(), lab_ == lab.key, 0,
                          ImGui::CalcTextSize(lab.title.c_str())))
      switch_lab(lab.key);
  }
}

void App::draw_status_bar(float height) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x, vp->WorkPos.y + vp->WorkSize.y - height));
  ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x, height));
  ImGui::Begin("status", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings);
  ImGui::Text("%.0f fps  |  training %.1f ms/frame  |  LatentLab %s  |  %s  |  SIMD: %s  |  threads: %d",
              ImGui::GetIO().Framerate, last_update_ms_, build_.version.c_str(), build_.target.c_str(),
              build_.simd.c_str(), build_.threads);
  ImGui::End();
}

}  // namespace ll
