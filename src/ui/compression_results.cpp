// The Compression page's lower half: every method's numbers in one table, and the filters the
// network learned (encoder rows and decoder columns as 8x8 images).
#include <imgui.h>

#include <cstdio>

#include "ui/compression_page.h"
#include "ui/image_panel.h"

namespace ll::ui {

namespace {
void cell(const Panel& p) {
  ImGui::TableNextColumn();
  ImGui::Text("%.2f dB", p.psnr_db);
  ImGui::TableNextColumn();
  if (p.entropy_bpp >= 0) ImGui::Text("%.2f (%.2f)", p.bpp, p.entropy_bpp);
  else ImGui::Text("%.3f", p.bpp);
}

}  // namespace

void CompressionPage::draw_results_table() {
  ImGui::BeginGroup();
  ImGui::Text("All methods at code size m = %d", lab()->settings().hidden);
  ImGui::TextDisabled("bpp: fixed-length code (entropy-coded in brackets). PCA codes are divided\n"
                      "by each component's largest |value| on the training frames, then rounded\n"
                      "in [-1, 1] like the autoencoder's tanh codes.");
  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;
  if (ImGui::BeginTable("methods", 5, flags)) {
    ImGui::TableSetupColumn("method");
    ImGui::TableSetupColumn("trained: PSNR");
    ImGui::TableSetupColumn("bpp");
    ImGui::TableSetupColumn("new: PSNR");
    ImGui::TableSetupColumn("bpp ");
    ImGui::TableHeadersRow();
    const ImageResults& t = lab()->trained_results();
    const ImageResults& n = lab()->new_results();
    auto both = [&](const char* name, const CodedImage& a, const CodedImage& b) {
      const char* variants[3] = {"plain", "6-bit", "4-bit"};
      const Panel* pa[3] = {&a.plain, &a.q6, &a.q4};
      const Panel* pb[3] = {&b.plain, &b.q6, &b.q4};
      for (int k = 0; k < 3; ++k) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("%s %s", name, variants[k]);
        cell(*pa[k]);
        cell(*pb[k]);
      }
    };
    both("autoencoder", t.ae, n.ae);
    both("PCA", t.pca, n.pca);
    for (int k = 0; k < 2; ++k) {
      const JpegPanel& a = k == 0 ? t.jpeg_q6 : t.jpeg_q4;
      const JpegPanel& b = k == 0 ? n.jpeg_q6 : n.jpeg_q4;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::Text("JPEG <= %.2f bpp (q%d/q%d)", a.target_bpp, a.quality, b.quality);
      cell(a.panel);
      cell(b.panel);
    }
    ImGui::EndTable();
  }
  ImGui::EndGroup();
}

void CompressionPage::draw_filters() {
  const gfx::ImageStyle style{-1.0f, 1.0f, 4, gfx::Colormap::Diverging};
  ImGui::BeginGroup();
  ImGui::Text("What the network learned");
  image_panel(enc_filters_, style, "encoder rows (what each code unit looks for)",
              "each 8x8 tile scaled to its largest |weight|");
  image_panel(dec_filters_, style, "decoder columns (what each code unit adds)",
              "blue negative, white zero, red positive");
  ImGui::EndGroup();
}

}  // namespace ll::ui
