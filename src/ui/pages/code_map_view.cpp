#include "ui/pages/code_map_view.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "ui/widgets/export_menu.h"
#include "ui/widgets/image_panel.h"
#include "ui/widgets/layout.h"
#include "ui/widgets/plane_axes.h"

namespace ll::ui {

namespace {
const char* kTitles[2] = {"PCA: first two principal components", "Deep autoencoder: 2-unit linear code"};
const char* kAxes[2][2] = {{"principal component 1", "principal component 2"}, {"code unit 1", "code unit 2"}};

// Range shown on one axis: the 0.5%..99.5% quantiles plus a margin, so a few far-out codes
// (a linear code layer is unbounded) do not squeeze every other point into a corner.
void axis_range(std::vector<float> v, float& lo, float& hi) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  lo = v[n / 200];
  hi = v[n - 1 - n / 200];
  const float pad = 0.08f * std::max(hi - lo, 1e-6f);
  lo -= pad;
  hi += pad;
}

std::string fmt(const char* f, double a, double b = 0) {
  char buf[160];
  std::snprintf(buf, sizeof buf, f, a, b);
  return buf;
}
}  // namespace

void CodeMapView::reset() {
  for (Map& m : maps_) {
    m.points.clear();
    m.picked = false;
    m.decoded_mean = -1;
  }
  evaluations_ = 0;
  pca_uploaded_ = false;
}

void CodeMapView::refresh(DeepAeLab& lab) {
  const Matrix* codes[2] = {&lab.pca_test_codes(), &lab.test_codes()};
  const bool stale[2] = {!pca_uploaded_ && codes[0]->cols() > 0, lab.curve().size() != evaluations_ && codes[1]->cols() > 0};
  for (int m = 0; m < 2; ++m) {
    if (!stale[m]) continue;  // most frames: nothing new, nothing copied
    const Matrix& c = *codes[m];
    const int n = int(c.cols());
    std::vector<int> cls = lab.test_labels();
    cls.resize(size_t(n), 0);
    std::vector<float> x(static_cast<size_t>(n)), y(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
      x[size_t(i)] = c(0, i);
      y[size_t(i)] = c(1, i);
    }
    Map& map = maps_[m];
    map.points.upload(x.data(), y.data(), cls.data(), n);
    axis_range(x, map.style.x0, map.style.x1);
    axis_range(y, map.style.y0, map.style.y1);
    if (!map.picked) {  // start with the first test image's code, so an image shows at once
      map.pick[0] = c(0, 0);
      map.pick[1] = c(1, 0);
    }
    decode(lab, m);
  }
  pca_uploaded_ = pca_uploaded_ || stale[0];
  if (stale[1]) evaluations_ = lab.curve().size();
}

void CodeMapView::set_drawing(const Matrix& pca_code, const Matrix& deep_code) {
  const Matrix* codes[2] = {&pca_code, &deep_code};
  for (int m = 0; m < 2; ++m) {
    Map& map = maps_[m];
    map.has_drawing = codes[m]->rows() >= 2 && codes[m]->cols() == 1 && codes[m]->allFinite();
    if (map.has_drawing) map.drawing[0] = (*codes[m])(0, 0), map.drawing[1] = (*codes[m])(1, 0);
  }
}

void CodeMapView::decode(DeepAeLab& lab, int which) {
  Matrix code(2, 1);
  code << maps_[which].pick[0], maps_[which].pick[1];
  const Matrix img = which == 0 ? lab.pca_decode(code) : lab.decode(code);
  const Dataset& d = lab.pca().dataset();
  std::vector<float> px(size_t(img.rows()));
  for (Index i = 0; i < img.rows(); ++i) px[size_t(i)] = 255.0f * std::clamp(img(i, 0), 0.0f, 1.0f);
  maps_[which].decoded.upload(d.cols, d.rows, px.data());
  maps_[which].decoded_mean = double(img.cwiseMax(0.0f).cwiseMin(1.0f).mean());
}

void CodeMapView::draw(DeepAeLab& lab) {
  if (lab.settings().code != 2) return;
  refresh(lab);
  // Each map with its y ticks at the left and its decoded image (28 x 4 px) and caption beside
  // it: both maps on one line when they fit at 200 px or more, else one under the other. The
  // decoded column is as wide as its widest caption, "at (-6.44, 0.886)".
  constexpr float kDecoded = 140.0f, kGap = 24.0f;
  const float avail = ImGui::GetContentRegionAvail().x, beside = plane_axes_margin() + kDecoded;
  const bool two = avail >= 2 * (200.0f + beside) + kGap;
  const float size = std::clamp(two ? (avail - kGap) / 2 - beside : avail - beside - 4, 150.0f, 380.0f);
  const bool labelled = !lab.test_labels().empty();  // a student's file may have no labels
  ImGui::TextWrapped("Every test image placed at its 2-number code%s. Click or drag in a map to decode that point "
                     "into an image.", labelled ? ", coloured by class" : " (no labels, so one colour)");
  Flow flow(kGap);
  for (int m = 0; m < 2; ++m) {
    flow.next(size + beside);
    ImGui::BeginGroup();
    draw_map(lab, m, size);
    ImGui::EndGroup();
  }
  if (labelled) draw_legend(lab.pca().dataset());
}

void CodeMapView::draw_map(DeepAeLab& lab, int which, float size) {
  Map& map = maps_[which];
  ImGui::BeginGroup();
  ImGui::TextUnformatted(kTitles[which]);
  const PlaneAxes axes{kAxes[which][0], kAxes[which][1], map.style.x0, map.style.x1, map.style.y0, map.style.y1};
  begin_plane_axes(axes);
  const ImVec2 p0 = ImGui::GetCursorScreenPos(), p1(p0.x + size, p0.y + size);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p0, p1, IM_COL32(250, 250, 250, 255));
  ImGui::InvisibleButton(which ? "##map_deep" : "##map_pca", ImVec2(size, size));
  const bool has_points = map.points.size() > 0;
  if (has_points) export_scatter_menu(map.points, map.style, int(size), which ? "deep-autoencoder-map" : "pca-map");
  if (has_points) {
    if (ImGui::IsItemActive()) {  // click or drag: decode the point under the mouse
      const ImVec2 mp = ImGui::GetIO().MousePos;
      const float tx = std::clamp((mp.x - p0.x) / size, 0.0f, 1.0f), ty = std::clamp((p1.y - mp.y) / size, 0.0f, 1.0f);
      map.pick[0] = map.style.x0 + tx * (map.style.x1 - map.style.x0);
      map.pick[1] = map.style.y0 + ty * (map.style.y1 - map.style.y0);
      map.picked = true;
      decode(lab, which);
    }
    gfx::scatter(map.points, p0, p1, map.style);
    // The picked point: a crosshair over the points.
    const float sx = p0.x + (map.pick[0] - map.style.x0) / (map.style.x1 - map.style.x0) * size;
    const float sy = p1.y - (map.pick[1] - map.style.y0) / (map.style.y1 - map.style.y0) * size;
    dl->AddCircle(ImVec2(sx, sy), 7, IM_COL32(0, 0, 0, 255), 16, 2.0f);
    dl->AddLine(ImVec2(sx - 12, sy), ImVec2(sx + 12, sy), IM_COL32(0, 0, 0, 255), 1.5f);
    dl->AddLine(ImVec2(sx, sy - 12), ImVec2(sx, sy + 12), IM_COL32(0, 0, 0, 255), 1.5f);
    if (map.has_drawing) {  // the student's drawing: a star in a ring, labelled, on top of everything
      const float dx = p0.x + std::clamp((map.drawing[0] - map.style.x0) / (map.style.x1 - map.style.x0), 0.0f, 1.0f) * size;
      const float dy = p1.y - std::clamp((map.drawing[1] - map.style.y0) / (map.style.y1 - map.style.y0), 0.0f, 1.0f) * size;
      dl->AddCircleFilled(ImVec2(dx, dy), 9, IM_COL32(255, 255, 255, 230), 20);
      dl->AddCircle(ImVec2(dx, dy), 9, IM_COL32(200, 0, 120, 255), 20, 3.0f);
      // On a box of its own, so the crosshair and the points under it do not garble it.
      const char* label = "your digit";
      const ImVec2 t = ImGui::CalcTextSize(label), at(std::min(dx + 12, p1.x - t.x - 2), dy - t.y / 2);
      dl->AddRectFilled(ImVec2(at.x - 2, at.y - 1), ImVec2(at.x + t.x + 2, at.y + t.y + 1), IM_COL32(255, 255, 255, 235));
      dl->AddText(at, IM_COL32(200, 0, 120, 255), label);
    }
  } else {
    const char* wait = which ? "appears after pretraining, at the first evaluation" : "fitting PCA ...";
    dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(p0.x + 10, p0.y + size / 2), IM_COL32(90, 90, 90, 255),
                wait, nullptr, size - 20);
  }
  dl->AddRect(p0, p1, IM_COL32(120, 120, 120, 255));
  const float r[4] = {p0.x, p0.y, p1.x, p1.y};
  std::copy(r, r + 4, map.rect);
  if (has_points) end_plane_axes(axes, p0, p1);  // before the first codes the range means nothing
  const double knn = which ? lab.deep_knn_accuracy() : lab.pca_knn_accuracy();
  const double err = which ? lab.deep_test_error() : lab.pca().test_error_per_image(2);
  if (has_points && knn >= 0)
    ImGui::Text("5-NN accuracy in this plane: %.1f%%", 100 * knn);
  if (has_points && err >= 0) ImGui::Text("test error per image: %.2f", err);
  ImGui::EndGroup();
  if (has_points && map.decoded.width() > 0) {
    ImGui::SameLine(0, 8);
    const int zoom = std::max(1, 112 / map.decoded.width());  // 4x for 28 px digits; a 64 px image 1x
    image_panel(map.decoded, gfx::ImageStyle{0, 255, zoom, gfx::Colormap::Gray}, "Decoded",
                fmt("at (%.3g, %.3g)", map.pick[0], map.pick[1]), which ? "deep-autoencoder-decoded" : "pca-decoded");
  }
}

void CodeMapView::draw_legend(const Dataset& d) {
  ImGui::TextDisabled("Classes:");
  Flow flow(10);
  flow.next(0);  // after "Classes:"
  for (int c = 0; c < 10; ++c) {
    const float h = ImGui::GetTextLineHeight();
    flow.next(h + 3 + ImGui::CalcTextSize(class_name(d, c).c_str()).x);
    ImGui::BeginGroup();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + h / 2, p.y + h / 2), h / 2.6f, gfx::class_color(c));
    // A light ring keeps the near-black class visible on the dark window background.
    ImGui::GetWindowDrawList()->AddCircle(ImVec2(p.x + h / 2, p.y + h / 2), h / 2.6f, IM_COL32(200, 200, 200, 255));
    ImGui::Dummy(ImVec2(h, h));
    ImGui::SameLine(0, 3);
    ImGui::TextUnformatted(class_name(d, c).c_str());
    ImGui::EndGroup();
  }
}

nlohmann::json CodeMapView::metrics() const {
  nlohmann::json maps = nlohmann::json::array();
  for (int m = 0; m < 2; ++m) {
    const Map& map = maps_[m];
    maps.push_back({{"name", m ? "deep" : "pca"},
                    {"points", map.points.size()},
                    {"range", {map.style.x0, map.style.x1, map.style.y0, map.style.y1}},
                    {"rect", {map.rect[0], map.rect[1], map.rect[2], map.rect[3]}},
                    {"pick", {map.pick[0], map.pick[1]}},
                    {"picked", map.picked},
                    {"decoded_mean", map.decoded_mean},
                    {"drawing", map.has_drawing ? nlohmann::json{map.drawing[0], map.drawing[1]} : nlohmann::json()}});
  }
  return maps;
}

}  // namespace ll::ui
