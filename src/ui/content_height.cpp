// Pages fill the window with child windows (BeginChild with height 0 takes what is left) and
// scroll inside them, so a window's own extent is just the space it was given: reporting it
// would ratchet (the iframe grows, the children grow with it, the reported height follows).
// Instead we walk down the children that fill their parent and take their *content* heights.
// This needs ImGui's internal window data (imgui_internal.h, stable within 1.86).
#include "ui/content_height.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>

namespace ll::ui {

namespace {

// The height `w` would need, measured from its top edge.
float natural_height(const ImGuiWindow* w) {
  const float pad = w->WindowPadding.y + w->ScrollbarSizes.y;  // bottom padding, horizontal bar
  float children = 0.0f;
  bool has_fill_child = false;
  for (const ImGuiWindow* c : w->DC.ChildWindows) {
    if (!c->Active) continue;
    // A child that reaches its parent's bottom took "what is left": size it by its content.
    const bool fills = c->Pos.y + c->Size.y >= w->ContentRegionRect.Max.y - 1.0f;
    has_fill_child |= fills;
    const float top = c->Pos.y - w->Pos.y + w->Scroll.y;
    children = std::max(children, top + (fills ? natural_height(c) : c->Size.y));
  }
  if (has_fill_child) return children + pad;
  // No fill child: everything drawn, children included, has its own fixed height.
  return w->DC.CursorMaxPos.y - w->Pos.y + w->Scroll.y + pad;
}

}  // namespace

float natural_content_height() { return natural_height(ImGui::GetCurrentWindow()); }

}  // namespace ll::ui
