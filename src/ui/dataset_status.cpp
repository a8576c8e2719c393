#include "ui/dataset_status.h"

#include <imgui.h>

namespace ll::ui {

std::shared_ptr<const Dataset> dataset_or_status(DatasetStore& store, const std::string& name) {
  const DatasetStore::Entry& e = store.request(name);
  if (e.state == DatasetStore::Entry::Ready) return e.data;
  if (e.state == DatasetStore::Entry::Failed) {
    ImGui::TextColored(ImVec4(1, 0.5f, 0.4f, 1), "Could not load the dataset '%s':", name.c_str());
    ImGui::TextWrapped("%s", e.message.c_str());
    ImGui::PushID(name.c_str());
    if (ImGui::Button("Retry")) store.retry(name);
    ImGui::PopID();
  } else {
    ImGui::Text("Loading dataset '%s' ...", name.c_str());
    ImGui::ProgressBar(float(e.progress), ImVec2(300, 0));
  }
  return nullptr;
}

bool lab_view_ready(DatasetStore& store, const std::string& name, const std::string& error) {
  if (!dataset_or_status(store, name)) return false;
  if (error.empty()) return true;
  ImGui::TextColored(ImVec4(1, 0.5f, 0.4f, 1), "%s", error.c_str());
  return false;
}

}  // namespace ll::ui
