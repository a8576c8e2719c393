#include "ui/lab_page.h"

namespace ll::ui {

std::vector<std::string> LabPage::apply_link(const KeyValues& settings, const std::vector<std::string>& hide) {
  std::vector<std::string> problems;
  Controls* c = controls();
  if (!c) {
    if (!settings.empty() || !hide.empty()) problems.push_back("this lab has no settings a link can change");
    return problems;
  }
  bool changed = false;
  for (const auto& [key, value] : settings) {
    const std::string why = c->set(key, value);
    if (why.empty()) changed = true;
    else problems.push_back(why);
  }
  for (const std::string& why : hide_controls(hide, {c})) problems.push_back(why);
  if (changed) reset();
  return problems;
}

KeyValues LabPage::link_settings() {
  Controls* c = controls();
  return c ? c->changed() : KeyValues{};
}

}  // namespace ll::ui
