// Saving what a student sees: right-click (or, on a touch screen, press and hold) an image or a
// curve for a small menu, "Save as PNG" / "Save as CSV". Files go through FileRequest::save (a
// download in the browser, a file in the working directory on the desktop) and are named after
// the lab and what they show: "compression-camera-autoencoder-4bit.png", "deep-ae-test-error.csv".
// Like ImGui itself this keeps per-frame state in the module, so any drawing code can offer a
// menu without the page passing an exporter around.
#pragma once
#include <imgui.h>

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "gfx/gray_texture.h"
#include "gfx/image_view.h"
#include "gfx/scatter_view.h"
#include "ui/widgets/csv_table.h"
#include "ui/widgets/file_request.h"

namespace ll::ui {

// The App, once: how files are saved, and whether a long press opens the menu (touch screens).
void init_export(FileRequest files, bool touch);
// The App, every frame before the page draws: file names start with `prefix` (the lab's key).
void begin_export_frame(const std::string& prefix);
// A part of a page with its own name for files ("deep-ae", "map"), instead of the lab's key.
class ExportScope {
 public:
  explicit ExportScope(const std::string& prefix);
  ~ExportScope();
  ExportScope(const ExportScope&) = delete;
  ExportScope& operator=(const ExportScope&) = delete;

 private:
  std::string saved_;
};

// "what" names the file after the prefix: free text, made lower-case with dashes; text after a
// ':' or a '(' (numbers that change, explanations) is left out.
std::string export_file_name(const std::string& what, const char* extension);

// Menus for the item just drawn (ImGui's "last item").
void export_image_menu(const gfx::GrayTexture& tex, const gfx::ImageStyle& style, const std::string& what);
// The same PNG without a menu, for images whose right-click already means something else.
void save_image_png(const gfx::GrayTexture& tex, const gfx::ImageStyle& style, const std::string& file);
void export_scatter_menu(const gfx::PointCloud& points, const gfx::ScatterStyle& style, int size,
                         const std::string& what);
// `table` runs only when the student saves, so drawing costs nothing extra.
void export_csv_menu(const std::string& what, const std::function<CsvTable()>& table);

// What was offered in the last frame (ask between frames): [{file, rect: [x0, y0, x1, y1], size?, menu?}] in window
// units, the open menu's Save item as `menu`; for tests and window.latentlab.metrics().
nlohmann::json export_targets();
// The last save's message ("Downloaded ... (3 KiB)."), until the student dismisses it.
std::string& export_message();

}  // namespace ll::ui
