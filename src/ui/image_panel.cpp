#include "ui/image_panel.h"

#include <imgui.h>

namespace ll::ui {

void image_panel(const gfx::GrayTexture& tex, const gfx::ImageStyle& style, const std::string& title,
                 const std::string& caption) {
  ImGui::BeginGroup();
  ImGui::TextUnformatted(title.c_str());
  gfx::image(tex, style);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + float(tex.width() * style.zoom));
  ImGui::TextUnformatted(caption.c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
}

GrayImage difference(const GrayImage& decoded, const GrayImage& original) {
  GrayImage d(original.width, original.height);
  for (size_t i = 0; i < d.pixels.size(); ++i) d.pixels[i] = decoded.pixels[i] - original.pixels[i];
  return d;
}

}  // namespace ll::ui
