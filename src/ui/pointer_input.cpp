#include "ui/pointer_input.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <cmath>
#include <vector>

namespace ll::ui {

namespace {
// The browser scrolls a page 100 px per wheel notch (SDL reports a trackpad's pixels as
// notches of 100 px), so a lab scrolls the same distance as the course page around it.
constexpr float kWheelPx = 100.0f;
// A finger that moved this far is dragging, not tapping (the long-press menu's slop, too).
constexpr float kSlopPx = 10.0f;
// A finger held still this long presses what is under it (so a sideways slider drag or a long
// press for the menu can follow); scrolling swipes move well before.
constexpr double kHoldSeconds = 0.15;

// The drawing surfaces of the frame being built, and of the last one (which a touch starts on).
std::vector<ImVec4> claims_now, claims_last;
}  // namespace

void claim_touches(ImVec2 min, ImVec2 max) { claims_now.push_back(ImVec4(min.x, min.y, max.x, max.y)); }

void PointerInput::scroll_hovered(float dx, float dy) {
  ImGuiWindow* w = ImGui::GetCurrentContext()->HoveredWindow;
  while (w && w->ScrollMax.y <= 0.0f && w->ScrollMax.x <= 0.0f && w->ParentWindow) w = w->ParentWindow;
  if (!w) return;
  if (dy != 0.0f && w->ScrollMax.y > 0.0f) ImGui::SetScrollY(w, w->Scroll.y + dy);
  if (dx != 0.0f && w->ScrollMax.x > 0.0f) ImGui::SetScrollX(w, w->Scroll.x + dx);
}

bool PointerInput::before_new_frame(bool touch) {
  ImGuiIO& io = ImGui::GetIO();
  // ImGui 1.86 scrolls 5 font heights per unit of io.MouseWheel.
  const float step = 5.0f * io.Fonts->Fonts[0]->FontSize * io.FontGlobalScale;
  io.MouseWheel = wheel_y_ * kWheelPx / step;
  io.MouseWheelH = wheel_x_ * kWheelPx / step;
  wheel_x_ = wheel_y_ = 0.0f;
  claims_last.swap(claims_now);
  claims_now.clear();
  if (!touch) return false;

  const bool down = io.MouseDown[0];
  const ImVec2 pos = io.MousePos;
  const float dx = pos.x - start_[0], dy = pos.y - start_[1];
  switch (finger_) {
    case Finger::Up:
      if (!down) return false;
      for (const ImVec4& r : claims_last)
        if (pos.x >= r.x && pos.y >= r.y && pos.x < r.z && pos.y < r.w) {
          finger_ = Finger::Pressed;  // drawing: pressed from the first frame, never a scroll
          drawing_ = true;
          return true;
        }
      finger_ = Finger::Pending;
      start_[0] = last_[0] = pos.x, start_[1] = last_[1] = pos.y;
      down_at_ = ImGui::GetTime();
      io.MouseDown[0] = false;  // not yet: a tap, a swipe or a hold?
      return true;
    case Finger::Pending:
      if (!down) {  // a tap: pressed now where it landed, released next frame
        finger_ = Finger::Tap;
        io.MouseDown[0] = true;
        io.MousePos = ImVec2(start_[0], start_[1]);
      } else if (std::fabs(dy) > kSlopPx && std::fabs(dy) >= std::fabs(dx)) {
        finger_ = Finger::Scrolling;
        io.MouseDown[0] = false;
        scroll_hovered(0.0f, -dy);
        last_[0] = pos.x, last_[1] = pos.y;
      } else if (std::fabs(dx) > kSlopPx || ImGui::GetTime() - down_at_ >= kHoldSeconds) {
        finger_ = Finger::Pressed;  // a slider drag or a long press: from where it started
        io.MousePos = ImVec2(start_[0], start_[1]);
      } else {
        io.MouseDown[0] = false;
      }
      return true;
    case Finger::Tap:
      finger_ = Finger::Up;
      io.MouseDown[0] = false;
      return true;
    case Finger::Pressed:
      // Held on something that does not drag (an image, the background): a swipe still scrolls.
      if (down && !drawing_ && ImGui::GetActiveID() == 0 && std::fabs(dy) > kSlopPx) {
        finger_ = Finger::Scrolling;
        last_[0] = start_[0], last_[1] = start_[1];
      } else {
        if (!down) finger_ = Finger::Up, drawing_ = false;
        return down;
      }
      [[fallthrough]];
    case Finger::Scrolling:
      io.MouseDown[0] = false;
      if (!down) {
        finger_ = Finger::Up;
        return true;
      }
      scroll_hovered(last_[0] - pos.x, last_[1] - pos.y);
      last_[0] = pos.x, last_[1] = pos.y;
      return true;
  }
  return false;
}

}  // namespace ll::ui
