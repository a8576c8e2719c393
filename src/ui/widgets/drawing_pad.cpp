#include "ui/widgets/drawing_pad.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "gfx/image_view.h"
#include "ui/pointer_input.h"
#include "ui/widgets/export_menu.h"
#include "ui/widgets/image_panel.h"
#include "ui/widgets/layout.h"

namespace ll::ui {

namespace {
constexpr float kModelImageZoom = 4.0f;  // the 28 x 28 image at 112 px: every pixel visible
constexpr float kSideWidth = 150.0f;     // the column beside the pad: that image and its note
constexpr float kGap = 12.0f;
}

void DrawingPad::changed() {
  image_ = mnist_image_of(drawing_);
  uploaded_ = false;
  ++version_;
}

bool DrawingPad::draw(float size) {
  bool change = false;
  ImGui::BeginGroup();
  const ImVec2 p0 = ImGui::GetCursorScreenPos(), p1(p0.x + size, p0.y + size);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p0, p1, IM_COL32(0, 0, 0, 255));  // ink on black, as the models see digits
  ImGui::InvisibleButton("##drawing_pad", ImVec2(size, size));
  // ImGui 1.86's InvisibleButton reports nothing to the item hooks: listed here, so tests find
  // the pad as they find any control (ui/drawn_items.h).
  ImGuiTestEngineHook_ItemInfo(ImGui::GetCurrentContext(), ImGui::GetItemID(), "##drawing_pad", 0);
  claim_touches(p0, p1);  // a finger here draws instead of scrolling the page
  const ImVec2 m = ImGui::GetIO().MousePos;
  const float u = std::clamp((m.x - p0.x) / size, 0.0f, 1.0f), v = std::clamp((m.y - p0.y) / size, 0.0f, 1.0f);
  if (ImGui::IsItemActivated()) {
    drawing_.strokes.push_back(Stroke{{u}, {v}});
    drawing_stroke_ = true;
    change = true;
  } else if (drawing_stroke_ && ImGui::IsItemActive()) {
    Stroke& s = drawing_.strokes.back();
    // A new point once the pen moved a pixel: frames without movement add nothing.
    if (std::hypot((u - s.x.back()) * size, (v - s.y.back()) * size) >= 1.0f) {
      s.x.push_back(u);
      s.y.push_back(v);
      change = true;
    }
  } else {
    drawing_stroke_ = false;
  }
  // The strokes as drawn, a pen about as wide (relative to the pad) as MNIST's in its box.
  const float pen = std::max(3.0f, size * 0.05f);
  dl->PushClipRect(p0, p1, true);
  for (const Stroke& s : drawing_.strokes) {
    for (size_t i = 0; i < s.x.size(); ++i) {
      const ImVec2 a(p0.x + s.x[i] * size, p0.y + s.y[i] * size);
      dl->AddCircleFilled(a, pen / 2, IM_COL32_WHITE, 12);
      if (i + 1 < s.x.size()) dl->AddLine(a, ImVec2(p0.x + s.x[i + 1] * size, p0.y + s.y[i + 1] * size), IM_COL32_WHITE, pen);
    }
  }
  dl->PopClipRect();
  dl->AddRect(p0, p1, IM_COL32(120, 120, 120, 255));
  if (drawing_.empty()) {
    const char* hint = "draw a digit here";
    const ImVec2 t = ImGui::CalcTextSize(hint);
    dl->AddText(ImVec2(p0.x + (size - t.x) / 2, p0.y + (size - t.y) / 2), IM_COL32(150, 150, 150, 255), hint);
  }
  if (ImGui::Button("Undo") && !drawing_.empty()) {
    drawing_.strokes.pop_back();
    change = true;
  }
  ImGui::SameLine();
  if (ImGui::Button("Clear") && !drawing_.empty()) {
    drawing_.strokes.clear();
    change = true;
  }
  ImGui::EndGroup();
  if (change) changed();

  ImGui::SameLine(0, kGap);
  if (!uploaded_) {
    texture_.upload(kDigitSide, kDigitSide, image_.data());
    uploaded_ = true;
  }
  ImGui::BeginGroup();
  const gfx::ImageStyle style{0.0f, 1.0f, int(kModelImageZoom), gfx::Colormap::Gray};
  wrapped_title("The model's input", kSideWidth);
  gfx::image(texture_, style);
  export_image_menu(texture_, style, "drawing-28x28");
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + kSideWidth);
  ImGui::TextDisabled("28 x 28, made as MNIST's digits were: fitted into 20 x 20, centred by its centre of mass");
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  return change;
}

Matrix DrawingPad::column() const {
  Matrix x(kDigitSide * kDigitSide, 1);
  for (int i = 0; i < kDigitSide * kDigitSide; ++i) x(i, 0) = image_[size_t(i)];
  return x;
}

std::string DrawingPad::link_text() const {
  const std::string t = encode_drawing(drawing_);
  return t.size() <= kMaxLinkChars ? t : "";
}

bool DrawingPad::set_from_link(const std::string& text) {
  Drawing d;
  if (!decode_drawing(text, d)) return false;
  drawing_ = std::move(d);
  changed();
  return true;
}

nlohmann::json DrawingPad::metrics() const {
  size_t points = 0;
  for (const Stroke& s : drawing_.strokes) points += s.x.size();
  double ink = 0;
  for (float g : image_) ink += g;
  return {{"strokes", drawing_.strokes.size()}, {"points", points}, {"ink", ink}, {"version", version_},
          {"link_text", link_text()}};
}

void DrawingAnswer::set(const Matrix& reconstruction, const Matrix& drawing) {
  if (reconstruction.size() != drawing.size()) {  // a model left out (logistic PCA on faces)
    error_ = NAN;
    return;
  }
  const Matrix r = reconstruction.cwiseMax(0.0f).cwiseMin(1.0f);
  texture_.upload(kDigitSide, kDigitSide, r.data());
  error_ = double((reconstruction - drawing).squaredNorm());
}

void DrawingAnswer::draw(const std::string& title, const std::string& file) const {
  if (std::isnan(error_)) return;
  char caption[64];
  std::snprintf(caption, sizeof caption, "squared error %.1f", error_);
  image_panel(texture_, gfx::ImageStyle{0.0f, 1.0f, int(kModelImageZoom), gfx::Colormap::Gray}, title, caption, file);
}

void drawing_section(DrawingPad& pad, const char* what_you_see, const std::function<void()>& answers) {
  ImGui::Spacing();
  if (!ImGui::CollapsingHeader("Draw your own digit", ImGuiTreeNodeFlags_DefaultOpen)) return;
  ImGui::PushID("drawing_section");
  wrapped_text(what_you_see);
  // The pad 196 px (7 x 28) where it fits beside the column of the model's image, smaller on a
  // phone.
  const float avail = ImGui::GetContentRegionAvail().x;
  const float size = std::clamp(avail - kGap - kSideWidth - 4, 100.0f, 196.0f);
  Flow flow(24);
  flow.next(size + kGap + kSideWidth);
  ImGui::BeginGroup();
  pad.draw(size);
  ImGui::EndGroup();
  if (!pad.empty()) {
    flow.next(std::min(260.0f, avail));
    ImGui::BeginGroup();
    answers();
    ImGui::EndGroup();
  }
  ImGui::PopID();
}

}  // namespace ll::ui
