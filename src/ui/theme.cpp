#include "ui/theme.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace ll::ui {

void apply_theme(float pixel_ratio, bool touch) {
  ImGui::StyleColorsDark();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 0.0f;
  style.FrameRounding = 3.0f;
  style.ItemSpacing = ImVec2(8.0f, 6.0f);
  // Progress bars: ImGui's amber behind white text is 1.94:1; this green is 5.8:1 (WCAG 2.1
  // contrast ratio, relative luminance 0.130 against white's 1.0; AA asks 4.5:1).
  style.Colors[ImGuiCol_PlotHistogram] = ImVec4(0.10f, 0.45f, 0.30f, 1.0f);
  style.Colors[ImGuiCol_PlotHistogramHovered] = ImVec4(0.12f, 0.52f, 0.35f, 1.0f);
  if (touch) {
    // A fingertip covers ~40 px and hides what it touches: widgets react a few pixels beyond
    // their edges (half the item spacing, so neighbours barely overlap; ImGui gives an overlap
    // to the item drawn last), and scrollbars and slider grabs are wider.
    style.TouchExtraPadding = ImVec2(4.0f, 3.0f);
    style.ScrollbarSize = 22.0f;
    style.GrabMinSize = 18.0f;
  }

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

void warning_text(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 0.5f, 0.4f, 1));
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
}

}  // namespace ll::ui
