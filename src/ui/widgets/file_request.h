// The platform's file dialogs as a page and the export menu see them (platform_web.cpp and
// platform_desktop.cpp fill it in).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace ll::ui {

// How a page asks the platform for a file (web: a file picker; desktop: unavailable, so the
// page shows a path field instead). `target` is echoed back to LabPage::load_file.
// save() hands bytes to the user as a file (web: a download; desktop: a file in the working
// directory) and returns what happened, for the page to show.
struct FileRequest {
  bool available = false;
  void (*open)(const char* target) = nullptr;
  std::string (*save)(const std::string& name, const std::vector<uint8_t>& bytes) = nullptr;
};

}  // namespace ll::ui
