#include "ui/widgets/plane_axes.h"

#include <algorithm>
#include <cfloat>
#include <cstdio>

#include "ui/widgets/axis_ticks.h"

namespace ll::ui {

namespace {
std::string tick_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}
}  // namespace

// Wide enough for "-0.25" or "-12.5", the longest labels %.3g gives on these planes' ranges.
float plane_axes_margin() { return ImGui::CalcTextSize("-0.25").x + 8.0f; }

float begin_plane_axes(const PlaneAxes& a) {
  const float left = plane_axes_margin();
  ImGui::TextDisabled("%s", a.y_label.c_str());
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + left);
  return left;
}

void end_plane_axes(const PlaneAxes& a, ImVec2 p0, ImVec2 p1) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 dim = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  const float lh = ImGui::GetTextLineHeight(), w = p1.x - p0.x, h = p1.y - p0.y;
  // About one tick per 60 px: 4-6 ticks on the planes' 240-400 px.
  for (double t : nice_ticks(a.y0, a.y1, std::max(2, int(h / 60)))) {
    const float py = p1.y - float((t - a.y0) / (a.y1 - a.y0)) * h;
    dl->AddLine(ImVec2(p0.x - 4, py), ImVec2(p0.x, py), dim);
    const std::string l = tick_text(t);
    dl->AddText(ImVec2(p0.x - 6 - ImGui::CalcTextSize(l.c_str()).x, py - lh / 2), dim, l.c_str());
  }
  float last_right = -FLT_MAX;
  for (double t : nice_ticks(a.x0, a.x1, std::max(2, int(w / 60)))) {
    const float px = p0.x + float((t - a.x0) / (a.x1 - a.x0)) * w;
    dl->AddLine(ImVec2(px, p1.y), ImVec2(px, p1.y + 4), dim);
    const std::string l = tick_text(t);
    const float tw = ImGui::CalcTextSize(l.c_str()).x;
    const float at = std::clamp(px - tw / 2, p0.x - plane_axes_margin(), p1.x - tw);
    if (at < last_right + 6) continue;  // never two labels on top of each other
    dl->AddText(ImVec2(at, p1.y + 4), dim, l.c_str());
    last_right = at + tw;
  }
  // The plane was drawn at the cursor, so the cursor is below it: room for the tick labels, then
  // the axis name centred under the plane.
  ImGui::Dummy(ImVec2(w, lh + 4));
  const float xw = ImGui::CalcTextSize(a.x_label.c_str()).x;
  ImGui::SetCursorScreenPos(ImVec2(std::max(p0.x - plane_axes_margin(), p0.x + (w - xw) / 2), ImGui::GetCursorScreenPos().y));
  ImGui::TextDisabled("%s", a.x_label.c_str());
}

}  // namespace ll::ui
