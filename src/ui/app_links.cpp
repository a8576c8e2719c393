// The App's lesson-link parts (ui/lesson_link.h): applying a link or a preset to a page, the
// Presets menu, and "Copy link" with a popup that shows the link so it can also be copied by hand.
#include <imgui.h>

#include "ui/app.h"
#include "ui/widgets/layout.h"
#include "ui/presets.h"

namespace ll {

void App::apply_link_to(ui::LabPage& page, const ui::LessonLink& link) {
  add_link_problems(page.apply_link(link.settings, link.hide));
}

std::string App::link_query() {
  ui::LabPage& p = page();
  const ui::Controls* c = p.controls();
  return ui::lesson_link_query(lab_, p.link_settings(), c ? c->hidden_keys() : std::vector<std::string>{},
                               p.uses_drawing_pad() ? drawing_pad.link_text() : "");
}

void App::draw_link_menu(ui::Flow& flow) {
  const float presets_w = ImGui::CalcTextSize("Presets").x + ImGui::GetFrameHeight() * 1.5f;
  flow.next(presets_w + ImGui::GetStyle().ItemSpacing.x + ImGui::CalcTextSize("Copy link").x + 8);
  ImGui::SetNextItemWidth(presets_w);
  if (ImGui::BeginCombo("##presets", "Presets", ImGuiComboFlags_HeightLarge)) {
    for (const ui::Preset& preset : ui::presets()) {
      const std::string item = preset.name + ": " + preset.title;
      if (ImGui::Selectable(item.c_str())) {
        switch_lab(preset.lab);
        link_problems_.clear();
        ui::LessonLink link;
        link.lab = preset.lab;
        link.settings = preset.settings;
        page().reset();  // the preset's settings on top of a fresh run
        apply_link_to(page(), link);
      }
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  if (ImGui::SmallButton("Copy link")) {
    const std::string query = link_query();
    shared_link_ = share_link ? share_link(query) : "?" + query;
    ImGui::OpenPopup("link_popup");
  }
  if (ImGui::BeginPopup("link_popup")) {
    ImGui::TextUnformatted("A link to this lab with its current settings:");
    std::vector<char> buf(shared_link_.begin(), shared_link_.end());
    buf.push_back('\0');
    ImGui::SetNextItemWidth(std::min(720.0f, ImGui::CalcTextSize(shared_link_.c_str()).x + 24));
    ImGui::InputText("##link", buf.data(), buf.size(), ImGuiInputTextFlags_ReadOnly | ImGuiInputTextFlags_AutoSelectAll);
    ImGui::TextDisabled("Copied to the clipboard where the browser allows it; select and copy otherwise.");
    ImGui::EndPopup();
  }
}

}  // namespace ll
