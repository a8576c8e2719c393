#include "ui/pages/placeholder_page.h"

#include <imgui.h>

namespace ll::ui {

void PlaceholderPage::draw() {
  ImGui::Text("%s", info_.title.c_str());
  ImGui::PushTextWrapPos(ImGui::GetContentRegionAvail().x);
  ImGui::TextWrapped("%s", info_.summary.c_str());
  ImGui::PopTextWrapPos();
  ImGui::Spacing();
  ImGui::TextColored(ImVec4(1.0f, 0.85f, 0.4f, 1.0f), "This lab is not built yet (tracked in %s).",
                     info_.issue.c_str());
}

}  // namespace ll::ui
