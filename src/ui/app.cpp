#include "ui/app.h"

#include <imgui.h>

#include <nlohmann/json.hpp>

#include "labs/image_io.h"
#include "labs/lab_catalog.h"

namespace ll {

App::App(const std::string& lab_key) : lab_(default_lab().key), build_(build_info(LL_VERSION)) {
  if (!lab_key.empty() && !switch_lab(lab_key))
    notice_ = "There is no lab called '" + lab_key + "' (labs: " + lab_keys_list() +
              "). Showing " + default_lab().title + ".";
  try {
    // The lecture's image: 256x256, 8 bits, from the 512x512 original by 2x2 area averaging.
    preview_ = quantize_8bit(resize_area(load_builtin_image("camera"), 256, 256));
    preview_tex_.upload(preview_);
  } catch (const std::exception& e) {
    notice_ += std::string(notice_.empty() ? "" : "\n") + e.what();
  }
  preview_style_.zoom = 2;
}

bool App::switch_lab(const std::string& key) {
  if (!find_lab(key)) return false;
  lab_ = key;
  notice_.clear();
  if (on_lab_changed) on_lab_changed(lab_);
  return true;
}

std::string App::metrics_json() const {
  const LabInfo* lab = find_lab(lab_);
  nlohmann::json j = {
      {"lab", lab_},
      {"built", lab->built},
      {"frames", frames_},
      {"fps", ImGui::GetIO().Framerate},
      {"build", {{"version", build_.version}, {"target", build_.target}, {"simd", build_.simd},
                 {"threads", build_.threads}}},
  };
  if (!preview_.empty()) j["preview"] = {{"image", "camera"}, {"width", preview_.width},
                                         {"height", preview_.height}};
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
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float status_h = ImGui::GetFrameHeightWithSpacing() + 4.0f;
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x, vp->WorkSize.y - status_h));
  ImGui::Begin("LatentLab", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings);
  draw_lab_selector();
  ImGui::Separator();
  draw_lab_page();
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

void App::draw_lab_page() {
  const LabInfo& lab = *find_lab(lab_);
  if (!notice_.empty()) ImGui::TextColored(ImVec4(1.0f, 0.7f, 0.3f, 1.0f), "%s", notice_.c_str());
  ImGui::Text("%s", lab.title.c_str());
  ImGui::PushTextWrapPos(ImGui::GetContentRegionAvail().x);
  ImGui::TextWrapped("%s", lab.summary.c_str());
  ImGui::PopTextWrapPos();
  if (!lab.built) {
    ImGui::Spacing();
    ImGui::TextColored(ImVec4(1.0f, 0.85f, 0.4f, 1.0f),
                       "This lab is not built yet (tracked in %s).", lab.issue.c_str());
  }
  if (lab.key == "compression") draw_image_preview();
}

// The image the compression lab codes, drawn by our shader: proves the GLSL path end to end and
// lets a student look at the raw pixels before any network touches them.
void App::draw_image_preview() {
  if (preview_.empty()) return;
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::BeginGroup();
  gfx::image(preview_tex_, preview_style_);
  ImGui::Text("(A) camera, %dx%d, 8 bits per pixel", preview_.width, preview_.height);
  ImGui::EndGroup();
  ImGui::SameLine();
  ImGui::BeginGroup();
  ImGui::TextDisabled("Display (GPU shader)");
  ImGui::SetNextItemWidth(200);
  ImGui::DragFloatRange2("value range", &preview_style_.lo, &preview_style_.hi, 1.0f, -255.0f,
                         510.0f, "black %.0f", "white %.0f");
  ImGui::SetNextItemWidth(200);
  ImGui::SliderInt("zoom", &preview_style_.zoom, 1, 4, "%dx");
  bool diverging = preview_style_.colormap == gfx::Colormap::Diverging;
  if (ImGui::Checkbox("diverging colours", &diverging))
    preview_style_.colormap = diverging ? gfx::Colormap::Diverging : gfx::Colormap::Gray;
  if (ImGui::Button("reset display")) preview_style_ = gfx::ImageStyle{0.0f, 255.0f, 2};
  ImGui::EndGroup();
}

void App::draw_status_bar(float height) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x, vp->WorkPos.y + vp->WorkSize.y - height));
  ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x, height));
  ImGui::Begin("status", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings);
  ImGui::Text("%.0f fps  |  LatentLab %s  |  %s  |  SIMD: %s  |  threads: %d",
              ImGui::GetIO().Framerate, build_.version.c_str(), build_.target.c_str(),
              build_.simd.c_str(), build_.threads);
  ImGui::End();
}

}  // namespace ll
