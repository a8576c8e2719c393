// Every labelled ImGui item of the last frame (buttons, checkboxes, combos, tabs, sliders, menu
// entries) with its screen rectangle in CSS pixels, its window and whether the pointer was over
// it in that frame (as ImGui saw it, so a click there lands on it), recorded through Dear ImGui's
// test-engine hooks (IMGUI_ENABLE_TEST_ENGINE, ImGuiTestEngineHook_ItemInfo). Browser tests read
// the list (window.latentlab.items()) to find a control and then click it with the mouse, as a
// person would; layout tests check that nothing lies outside its window.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ll::ui {

struct DrawnItem {
  unsigned id;         // ImGui's id, to tell whether the item was hovered
  std::string label;   // the ImGui label as given, "##id" suffix included
  std::string window;  // the ImGui window's name
  float rect[4];       // x0, y0, x1, y1
  float clip[4];       // the window's visible area at the time
};

// Turns the hooks on for the current ImGui context (after ImGui::CreateContext).
void enable_item_hooks();
// Starts a new frame's list (before ImGui::NewFrame); the previous frame's is dropped.
void begin_item_frame();
const std::vector<DrawnItem>& drawn_items();
nlohmann::json drawn_items_json();
// Every window of the last frame: {name, rect, overflow_x, scroll_y, scroll_max_y}, where
// overflow_x is how far (px) its content reaches past its right edge: content that is cut off
// or needs sideways scrolling.
nlohmann::json drawn_windows_json();

}  // namespace ll::ui
