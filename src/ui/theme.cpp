#include "ui/theme.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace ll::ui {

void apply_theme(float pixel_ratio) {
  ImGui::StyleColorsDark();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 0.0f;
  style.FrameRounding = 3.0f;
  style.ItemSpacing = ImVec2(8.0f, 6.0f);

  // ProggyClean is a pixel font: rasterize it at an integer multiple of its 13 px design size
  // and scale the result back, so each glyph pixel lands on whole screen pixels.
  const float density = std::max(1.0f, std::round(pixel_ratio));
  ImGuiIO& io = ImGui::GetIO();
  ImFontConfig cfg;
  cfg.SizePixels = 13.0f * density;
  io.Fonts->Clear();
  io.Fonts->AddFontDefault(&cfg);
  io.FontGlobalScale = 1.0f / density;
}

}  // namespace ll::ui
