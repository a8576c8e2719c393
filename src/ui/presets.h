// Named setups that reproduce the lecture's experiments, for ?preset=NAME links and the
// "Presets" menu. Each is a lab and the settings (ui/widgets/controls.h keys) that differ from its
// defaults.
#pragma once
#include <string>
#include <vector>

#include "ui/widgets/controls.h"

namespace ll::ui {

struct Preset {
  std::string name;   // the URL value
  std::string lab;
  std::string title;  // what the lecture calls it
  KeyValues settings;
};

const std::vector<Preset>& presets();
const Preset* find_preset(const std::string& name);

}  // namespace ll::ui
