#include "ui/image_strip.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "ui/export_menu.h"

namespace ll::ui {

GrayImage tile_columns(const Matrix& X, int rows, int cols, int per_row, float scale, bool normalize) {
  const int n = int(X.cols());
  const int lines = std::max(1, (n + per_row - 1) / per_row);
  const int across = std::min(n, per_row);
  GrayImage out(std::max(1, across * (cols + kTileGap) - kTileGap), lines * (rows + kTileGap) - kTileGap,
                normalize ? 0.0f : 0.0f);
  for (int t = 0; t < n; ++t) {
    float s = scale;
    if (normalize) s = 1.0f / std::max(1e-12f, X.col(t).cwiseAbs().maxCoeff());
    const int x0 = (t % per_row) * (cols + kTileGap), y0 = (t / per_row) * (rows + kTileGap);
    for (int y = 0; y < rows; ++y)
      for (int x = 0; x < cols; ++x) out.at(x0 + x, y0 + y) = s * X(y * cols + x, t);
  }
  return out;
}

void image_strip(const gfx::GrayTexture& tex, const gfx::ImageStyle& style, const std::string& title,
                 int tile_w, int per_row, const std::vector<std::string>& captions, const std::string& file) {
  ImGui::BeginGroup();
  ImGui::TextUnformatted(title.c_str());
  gfx::image(tex, style);
  const ImVec2 origin = ImGui::GetItemRectMin();
  export_image_menu(tex, style, file.empty() ? title : file);
  const float texel = gfx::texel_size(style), step = float(tile_w + kTileGap) * texel;
  const int lines = captions.empty() ? 0 : int((captions.size() + size_t(per_row) - 1) / size_t(per_row));
  if (lines == 1) {  // captions under a single line of tiles
    const float y = ImGui::GetCursorScreenPos().y;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImGui::SetWindowFontScale(0.85f);
    for (size_t i = 0; i < captions.size(); ++i) {
      const ImVec2 size = ImGui::CalcTextSize(captions[i].c_str());
      const float cx = origin.x + float(i) * step + 0.5f * float(tile_w) * texel;
      dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(cx - 0.5f * size.x, y),
                  ImGui::GetColorU32(ImGuiCol_Text), captions[i].c_str());
    }
    ImGui::Dummy(ImVec2(float(tex.width()) * texel, ImGui::GetFontSize()));
    ImGui::SetWindowFontScale(1.0f);
  }
  ImGui::EndGroup();
}

}  // namespace ll::ui
