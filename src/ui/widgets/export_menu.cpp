#include "ui/widgets/export_menu.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "labs/image_io.h"

namespace ll::ui {

namespace {
FileRequest g_files;
bool g_touch = false;
std::string g_prefix, g_message;
nlohmann::json g_targets = nlohmann::json::array();  // this frame's, complete between frames
bool g_long_press_fired = false;  // one menu per press, however long the finger stays
constexpr double kLongPressSeconds = 0.5;
constexpr float kLongPressSlopPx = 10.0f;  // a finger that moved further is dragging, not holding

std::string slug(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ':' || (c == '(' && i > 0)) break;
    if (std::isalnum(static_cast<unsigned char>(c))) out += char(std::tolower(static_cast<unsigned char>(c)));
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.size() > 48 ? out.substr(0, out.rfind('-', 48)) : out;
}

// Right-click, or a long press without moving on touch screens (where there is no right button).
bool menu_requested() {
  const ImGuiIO& io = ImGui::GetIO();
  if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) g_long_press_fired = false;
  // The press may have made another item (the window background) active: still ours if under it.
  if (!ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem)) return false;
  if (ImGui::IsMouseReleased(ImGuiMouseButton_Right)) return true;
  const bool held = g_touch && !g_long_press_fired && io.MouseDownDuration[0] >= kLongPressSeconds &&
                    io.MouseDragMaxDistanceSqr[0] < kLongPressSlopPx * kLongPressSlopPx;
  if (held) g_long_press_fired = true;
  return held;
}

// The menu for the last item; returns true when the student chose the save entry. `id` tells
// items apart that would get the same file name (then the student's download gets "(1)").
bool item_menu(const std::string& file, const char* label, nlohmann::json target, const void* id) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  target["file"] = file;
  target["rect"] = {a.x, a.y, b.x, b.y};
  if (id) ImGui::PushID(id);
  else ImGui::PushID(file.c_str());
  if (menu_requested()) ImGui::OpenPopup("##export");
  bool chosen = false;
  if (ImGui::BeginPopup("##export")) {
    ImGui::TextDisabled("%s", file.c_str());
    chosen = ImGui::MenuItem(label);
    const ImVec2 m0 = ImGui::GetItemRectMin(), m1 = ImGui::GetItemRectMax();
    target["menu"] = {m0.x, m0.y, m1.x, m1.y};
    ImGui::EndPopup();
  }
  ImGui::PopID();
  g_targets.push_back(std::move(target));
  return chosen;
}

void save(const std::string& file, const std::vector<uint8_t>& bytes) {
  g_message = g_files.save ? g_files.save(file, bytes) : "Saving files is not available here.";
}
}  // namespace

void init_export(FileRequest files, bool touch) {
  g_files = files;
  g_touch = touch;
}

void begin_export_frame(const std::string& prefix) {
  g_prefix = prefix;
  g_targets = nlohmann::json::array();
}

ExportScope::ExportScope(const std::string& prefix) : saved_(g_prefix) { g_prefix = prefix; }
ExportScope::~ExportScope() { g_prefix = saved_; }

std::string export_file_name(const std::string& what, const char* extension) {
  const std::string s = slug(what);
  // "pca" + "PCA-30 reconstructions" is "pca-30-reconstructions", not "pca-pca-30-...".
  const bool has_prefix = g_prefix.empty() || s == g_prefix || s.rfind(g_prefix + "-", 0) == 0;
  return (has_prefix ? s : g_prefix + (s.empty() ? "" : "-" + s)) + extension;
}

void export_image_menu(const gfx::GrayTexture& tex, const gfx::ImageStyle& style, const std::string& what) {
  const int z = std::max(1, style.zoom), w = tex.width() * z, h = tex.height() * z;
  const std::string file = export_file_name(what, ".png");
  if (item_menu(file, "Save as PNG", {{"kind", "png"}, {"size", {w, h}}}, &tex)) save_image_png(tex, style, file);
}

void save_image_png(const gfx::GrayTexture& tex, const gfx::ImageStyle& style, const std::string& file) {
  if (tex.values().empty()) return;
  const int z = std::max(1, style.zoom), w = tex.width() * z, h = tex.height() * z;
  const std::vector<uint8_t> rgb = gfx::colorize(tex.values(), tex.width(), tex.height(), style);
  if (style.colormap == gfx::Colormap::Gray) {  // gray: one channel, a third of the size
    std::vector<uint8_t> gray(size_t(w) * size_t(h));
    for (size_t i = 0; i < gray.size(); ++i) gray[i] = rgb[3 * i];
    save(file, encode_png_pixels(w, h, 1, gray.data()));
  } else {
    save(file, encode_png_pixels(w, h, 3, rgb.data()));
  }
}

void export_scatter_menu(const gfx::PointCloud& points, const gfx::ScatterStyle& style, int size,
                         const std::string& what) {
  const std::string file = export_file_name(what, ".png");
  if (!item_menu(file, "Save as PNG", {{"kind", "png"}, {"size", {size, size}}}, &points)) return;
  const std::vector<uint8_t> rgb = gfx::scatter_rgb(points, style, size, 0xFAFAFA);  // the map's background
  save(file, encode_png_pixels(size, size, 3, rgb.data()));
}

void export_csv_menu(const std::string& what, const std::function<CsvTable()>& table) {
  const std::string file = export_file_name(what, ".csv");
  if (!item_menu(file, "Save as CSV", {{"kind", "csv"}}, nullptr)) return;
  const std::string text = to_csv(table());
  save(file, std::vector<uint8_t>(text.begin(), text.end()));
}

nlohmann::json export_targets() { return g_targets; }
std::string& export_message() { return g_message; }

}  // namespace ll::ui
