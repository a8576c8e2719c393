#include "ui/drawn_items.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>

namespace ll::ui {

namespace {
std::vector<DrawnItem> g_items;
}

void enable_item_hooks() { ImGui::GetCurrentContext()->TestEngineHookItems = true; }

void begin_item_frame() { g_items.clear(); }

const std::vector<DrawnItem>& drawn_items() { return g_items; }

nlohmann::json drawn_items_json() {
  // Between frames HoveredId still holds the item the last frame found under the pointer
  // (NewFrame clears it), whatever order the widget sent its hooks in.
  const ImGuiID hovered = ImGui::GetCurrentContext()->HoveredId;
  nlohmann::json j = nlohmann::json::array();
  for (const DrawnItem& it : g_items)
    j.push_back({{"label", it.label},
                 {"hovered", hovered != 0 && it.id == hovered},
                 {"window", it.window},
                 {"rect", {it.rect[0], it.rect[1], it.rect[2], it.rect[3]}},
                 {"clip", {it.clip[0], it.clip[1], it.clip[2], it.clip[3]}}});
  return j;
}

nlohmann::json drawn_windows_json() {
  nlohmann::json j = nlohmann::json::array();
  for (const ImGuiWindow* w : ImGui::GetCurrentContext()->Windows) {
    if (!w->Active || w->Hidden) continue;
    const float overflow = std::max(0.0f, w->DC.CursorMaxPos.x - w->WorkRect.Max.x);
    j.push_back({{"name", w->Name},
                 {"rect", {w->Pos.x, w->Pos.y, w->Pos.x + w->Size.x, w->Pos.y + w->Size.y}},
                 {"overflow_x", overflow},
                 {"scroll_y", w->Scroll.y},
                 {"scroll_max_y", w->ScrollMax.y}});
  }
  return j;
}

}  // namespace ll::ui

// The hooks ImGui calls when built with IMGUI_ENABLE_TEST_ENGINE. ItemInfo comes at the end of
// most labelled widgets, while LastItemData still holds the widget's rectangle; a tab (1.86's
// TabItemEx) sends its ItemInfo first and its ItemAdd after, so its entry waits for that
// ItemAdd's rectangle (before this, each tab was reported where the item before it was).
namespace {
ImGuiID g_waiting_id = 0;    // a tab whose ItemAdd has not come yet
size_t g_waiting_item = 0;   // its entry in g_items
}  // namespace
void ImGuiTestEngineHook_ItemAdd(ImGuiContext*, const ImRect& bb, ImGuiID id) {
  if (id == 0 || id != g_waiting_id) return;
  if (g_waiting_item < ll::ui::g_items.size()) {
    float* r = ll::ui::g_items[g_waiting_item].rect;
    r[0] = bb.Min.x, r[1] = bb.Min.y, r[2] = bb.Max.x, r[3] = bb.Max.y;
  }
  g_waiting_id = 0;
}
void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags) {
  if (!label || !ctx->CurrentWindow) return;
  const ImRect& r = ctx->LastItemData.Rect;
  g_waiting_id = 0;  // a wait ends at the next item: an index must never outlive its frame
  if (id != ctx->LastItemData.ID) {  // not added yet: a tab
    g_waiting_id = id;
    g_waiting_item = ll::ui::g_items.size();
  }
  const ImRect& c = ctx->CurrentWindow->ClipRect;
  ll::ui::g_items.push_back({id, label, ctx->CurrentWindow->Name, {r.Min.x, r.Min.y, r.Max.x, r.Max.y},
                             {c.Min.x, c.Min.y, c.Max.x, c.Max.y}});
}
void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}
const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }
