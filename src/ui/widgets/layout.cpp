#include "ui/widgets/layout.h"

#include <imgui.h>

#include <algorithm>

namespace ll::ui {

namespace {
int g_control_columns = 0;  // columns of the stacked controls' table; 0: no table open
}

void controls_break() {
  if (g_control_columns == 0) {
    ImGui::Separator();
    return;
  }
  ImGui::TableNextColumn();
  if (ImGui::TableGetColumnIndex() == 0) ImGui::Separator();  // a new row of sections
}

namespace detail {

void begin_page_layout(const char* id, float controls_width, bool& stacked, bool& controls_open) {
  ImGui::PushID(id);
  const float width = ImGui::GetContentRegionAvail().x;
  stacked = width < kStackBelowPx;
  if (!stacked) {
    // The scrollbar is always there too, beside controls_width: when a window too short for the
    // controls made it appear (1280 x 720; or a run that finished, one line taller, at 1280 x
    // 800), the narrower column cut fixed-width rows such as the Compression lab's Open... .
    ImGui::BeginChild("controls", ImVec2(controls_width + ImGui::GetStyle().ScrollbarSize, 0), false,
                      ImGuiWindowFlags_AlwaysVerticalScrollbar);
    return;
  }
  // The scrollbar is always there: content that grows past the bottom must not narrow the page
  // and reflow everything (a second image grid jumping below the first).
  ImGui::BeginChild("page", ImVec2(0, 0), false, ImGuiWindowFlags_AlwaysVerticalScrollbar);
  ImGui::SetNextItemOpen(width >= kControlsOpenFromPx, ImGuiCond_Once);
  controls_open = ImGui::CollapsingHeader("Controls and settings");
  g_control_columns = 0;
  if (!controls_open) return;
  const int columns = std::max(1, int(ImGui::GetContentRegionAvail().x / controls_width));
  if (ImGui::BeginTable("controls", columns, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_BordersInnerV)) {
    g_control_columns = columns;
    ImGui::TableNextColumn();
  }
}

void end_controls(bool stacked, bool controls_open) {
  if (!stacked || !controls_open || g_control_columns == 0) return;
  ImGui::EndTable();
  g_control_columns = 0;
}

void between_page_parts(bool stacked, bool controls_open) {
  if (stacked) {
    if (controls_open) ImGui::Separator();
    return;
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("results", ImVec2(0, 0), false, ImGuiWindowFlags_AlwaysVerticalScrollbar);
}

void end_page_layout() {
  ImGui::EndChild();
  ImGui::PopID();
}

}  // namespace detail

void Flow::next(float width) {
  if (!first_) {
    const float right = ImGui::GetWindowPos().x + ImGui::GetContentRegionMax().x;  // a table column's edge in a table
    if (ImGui::GetItemRectMax().x + spacing_ + width <= right) ImGui::SameLine(0, spacing_);
  }
  first_ = false;
}

void wrapped_text(const std::string& text) {
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
}

void dim_text(const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  wrapped_text(text);
  ImGui::PopStyleColor();
}

void wrapped_title(const std::string& text, float width) {
  const float edge = ImGui::GetContentRegionMax().x;
  ImGui::PushTextWrapPos(std::min(edge, ImGui::GetCursorPosX() + std::max(width, kTitleMinWidth)));
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
}

}  // namespace ll::ui
