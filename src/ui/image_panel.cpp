#include "ui/image_panel.h"

#include <imgui.h>

#include "ui/export_menu.h"

namespace ll::ui {

void image_panel(const gfx::GrayTexture& tex, const gfx::ImageStyle& style, const std::string& title,
                 const std::string& caption, const std::string& file) {
  ImGui::BeginGroup();
  ImGui::TextUnformatted(title.c_str());
  gfx::image(tex, style);
  export_image_menu(tex, style, file.empty() ? title : file);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + float(tex.width()) * gfx::texel_size(style));
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
