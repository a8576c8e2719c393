// The Compression page's numbers: every method's PSNR and bits in one table, and the filters the
// network learned (encoder rows and decoder columns as 8x8 images).
#include <imgui.h>

#include <cstdio>

#include "ui/pages/compression_page.h"
#include "ui/widgets/image_panel.h"
#include "ui/widgets/layout.h"

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
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  wrapped_title("bpp: fixed-length code (entropy-coded in brackets). PCA codes are divided by each "
                "component's largest |value| on the training frames, then rounded in [-1, 1] like the "
                "autoencoder's tanh codes.", kTableWidth);
  ImGui::PopStyleColor();
  // Both images in one table where it fits; on a narrow screen one table per image.
  const ImageResults* results[2] = {&lab()->trained_results(), &lab()->new_results()};
  const std::string names[2] = {"trained: " + lab()->trained_image().name, "new: " + lab()->new_image().name};
  const bool split = ImGui::GetContentRegionAvail().x < kTableWidth;
  for (int first = 0; first < 2; first += split ? 1 : 2) {
    const int count = split ? 1 : 2;
    if (split) ImGui::TextUnformatted(names[first].c_str());  // the image, above its own table
    // NoHostExtendX: as wide as its columns, not the window (it ran under the filters beside it).
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit |
                                  ImGuiTableFlags_NoHostExtendX;
    if (!ImGui::BeginTable(first == 0 ? "methods" : "methods_new", 1 + 2 * count, flags)) continue;
    ImGui::TableSetupColumn("method");
    for (int i = first; i < first + count; ++i) {
      ImGui::TableSetupColumn(split ? "PSNR" : (names[i] + " PSNR").c_str());
      ImGui::TableSetupColumn(i == 0 ? "bpp" : "bpp ");
    }
    ImGui::TableHeadersRow();
    const char* variants[3] = {"plain", "6-bit", "4-bit"};
    for (int m = 0; m < 2; ++m) {
      for (int k = 0; k < 3; ++k) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("%s %s", m == 0 ? "autoencoder" : "PCA", variants[k]);
        for (int i = first; i < first + count; ++i) {
          const CodedImage& c = m == 0 ? results[i]->ae : results[i]->pca;
          const Panel* p[3] = {&c.plain, &c.q6, &c.q4};
          cell(*p[k]);
        }
      }
    }
    for (int k = 0; k < 2; ++k) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      const JpegPanel& a = k == 0 ? results[first]->jpeg_q6 : results[first]->jpeg_q4;
      if (count == 2) {
        const JpegPanel& b = k == 0 ? results[1]->jpeg_q6 : results[1]->jpeg_q4;
        ImGui::Text("JPEG <= %.2f bpp (q%d/q%d)", a.target_bpp, a.quality, b.quality);
        cell(a.panel);
        cell(b.panel);
      } else {
        ImGui::Text("JPEG <= %.2f bpp (q%d)", a.target_bpp, a.quality);
        cell(a.panel);
      }
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
