#include "ui/widgets/image_panel.h"

#include <imgui.h>

#include "ui/widgets/export_menu.h"
#include "ui/widgets/layout.h"

namespace ll::ui {

void image_panel(const gfx::GrayTexture& tex, const gfx::ImageStyle& style, const std::string& title,
                 const std::string& caption, const std::string& file) {
  ImGui::BeginGroup();
  wrapped_title(title, float(tex.width()) * gfx::texel_size(style, tex.width(), ImGui::GetContentRegionAvail().x));
  const float texel = gfx::image(tex, style);
  export_image_menu(tex, style, file.empty() ? title : file);
  wrapped_title(caption, float(tex.width()) * texel);
  ImGui::EndGroup();
}

GrayImage difference(const GrayImage& decoded, const GrayImage& original) {
  GrayImage d(original.width, original.height);
  for (size_t i = 0; i < d.pixels.size(); ++i) d.pixels[i] = decoded.pixels[i] - original.pixels[i];
  return d;
}

}  // namespace ll::ui
