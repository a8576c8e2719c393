// What the mouse wheel and a finger do, between the platform backend and ImGui::NewFrame:
// - the wheel scrolls by the browser's own distance (100 px per notch or per 100 px of trackpad
//   travel; ImGui 1.86 moved 5 text lines, 65 px, per event whatever its size), and
// - on touch screens a finger that moves up or down scrolls the window under it instead of
//   pressing, dragging or long-pressing what it started on. A tap is still a click, a sideways
//   drag still moves a slider, and a finger held still still opens the context menu.
#pragma once
#include <imgui.h>

namespace ll::ui {

// A surface a finger draws on (ui/widgets/drawing_pad.h), called while drawing each frame: a
// touch that starts inside it presses at once, with no wait to tell a tap from a swipe, and
// never scrolls.
void claim_touches(ImVec2 min, ImVec2 max);

class PointerInput {
 public:
  // A wheel event's precise distance in notches (SDL's preciseX/preciseY: +1 = away from user).
  void wheel(float dx, float dy) {
    wheel_x_ += dx;
    wheel_y_ += dy;
  }
  // After the backend's NewFrame (io.MouseDown and io.MousePos hold the device's state), before
  // ImGui::NewFrame. Returns true when the next frame must be drawn even without new events (a
  // tap's release is delivered one frame after its press).
  bool before_new_frame(bool touch);

 private:
  void scroll_hovered(float dx, float dy);

  enum class Finger { Up, Pending, Tap, Pressed, Scrolling };
  Finger finger_ = Finger::Up;
  bool drawing_ = false;  // the finger came down on a drawing surface
  float start_[2] = {0, 0}, last_[2] = {0, 0};
  double down_at_ = 0.0;
  float wheel_x_ = 0.0f, wheel_y_ = 0.0f;
};

}  // namespace ll::ui
