#include "ui/widgets/image_strip.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "ui/widgets/export_menu.h"
#include "ui/widgets/layout.h"

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
  wrapped_title(title, float(tex.width()) * gfx::texel_size(style));
  const float texel = gfx::image(tex, style), step = float(tile_w + kTileGap) * texel;
  const ImVec2 origin = ImGui::GetItemRectMin();
  export_image_menu(tex, style, file.empty() ? title : file);
  const int lines = captions.empty() ? 0 : int((captions.size() + size_t(per_row) - 1) / size_t(per_row));
  if (lines == 1) {  // captions under a single line of tiles
    // Full-size text (13 px: smaller labels were 7-8 px on a phone); where captions are wider
    // than a tile, only every second (third, ...) one is written, so none overlap.
    float widest = 0.0f;
    for (const std::string& c : captions) widest = std::max(widest, ImGui::CalcTextSize(c.c_str()).x);
    const size_t every = size_t(std::ceil((widest + 4.0f) / step));
    const float y = ImGui::GetCursorScreenPos().y;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (size_t i = 0; i < captions.size(); i += every) {
      const ImVec2 size = ImGui::CalcTextSize(captions[i].c_str());
      const float cx = origin.x + float(i) * step + 0.5f * float(tile_w) * texel;
      const float x = std::max(origin.x, std::min(cx - 0.5f * size.x, origin.x + float(tex.width()) * texel - size.x));
      dl->AddText(ImVec2(x, y), ImGui::GetColorU32(ImGuiCol_Text), captions[i].c_str());
    }
    ImGui::Dummy(ImVec2(float(tex.width()) * texel, ImGui::GetTextLineHeight()));
  }
  ImGui::EndGroup();
}

}  // namespace ll::ui
