// The pages' layout: a fixed-width column of controls on the left and the results beside it,
// filling the rest of the window and scrolling sideways when they are wider.
#pragma once

#include <imgui.h>

namespace ll::ui {

// Draws left() and right() in two child windows, under the ID id.
template <typename Left, typename Right>
void two_columns(const char* id, float left_width, Left&& left, Right&& right) {
  ImGui::PushID(id);
  ImGui::BeginChild("controls", ImVec2(left_width, 0), false);
  left();
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("results", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
  right();
  ImGui::EndChild();
  ImGui::PopID();
}

}  // namespace ll::ui
