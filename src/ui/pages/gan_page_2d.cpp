// GanPage, part two: the 2-D tab and the curves both tabs show.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <vector>

#include "gfx/image_view.h"
#include "ui/widgets/export_menu.h"
#include "ui/pages/gan_page.h"
#include "ui/pages/lab_help.h"
#include "ui/widgets/layout.h"
#include "ui/widgets/plane_axes.h"
#include "ui/widgets/plot.h"

namespace ll::ui {

namespace {
constexpr int kPlaneZoom = 6;  // 64 x 64 grid cells -> 384 x 384 screen pixels
constexpr float kMinCurveWidth = 240.0f;
constexpr ImU32 kFakeColor = IM_COL32(20, 20, 20, 255);
constexpr ImU32 kRealColor = IM_COL32(0, 150, 60, 255);
constexpr float kArrowPx = 26.0f;  // the longest arrow, in window units
constexpr int kArrowEvery = 4;     // 128 of the 512 samples: more hide the heat map

// G's pushes as arrows from its samples, scaled so that the 90th percentile of their lengths
// draws kArrowPx long (a few samples deep in D's blue can pull far harder than the rest and
// would shrink every other arrow to a dot), longer ones capped there.
template <typename ToScreen>
void draw_pushes(ImDrawList* dl, const Matrix& from, const Matrix& push, const ToScreen& to_screen) {
  std::vector<float> lengths;
  for (Index i = 0; i < from.cols(); i += kArrowEvery) lengths.push_back(std::hypot(push(0, i), push(1, i)));
  if (lengths.empty()) return;
  std::vector<float> sorted = lengths;
  const size_t p90 = sorted.size() * 9 / 10;
  std::nth_element(sorted.begin(), sorted.begin() + std::ptrdiff_t(p90), sorted.end());
  const float ref = sorted[p90];
  if (!(ref > 0.0f) || !std::isfinite(ref)) return;
  for (Index i = 0, k = 0; i < from.cols(); i += kArrowEvery, ++k) {
    if (!std::isfinite(lengths[size_t(k)])) continue;  // a diverged D: no direction to show
    const float len = std::min(1.0f, lengths[size_t(k)] / ref) * kArrowPx;
    if (len < 3.0f) continue;
    const ImVec2 a = to_screen(from(0, i), from(1, i));
    // screen y grows downwards, plane y upwards
    const float ux = push(0, i) / lengths[size_t(k)], uy = -push(1, i) / lengths[size_t(k)];
    const ImVec2 b(a.x + ux * len, a.y + uy * len);
    dl->AddLine(a, b, kFakeColor, 1.5f);
    const float head = std::min(6.0f, 0.4f * len);
    dl->AddTriangleFilled(b, ImVec2(b.x - ux * head - uy * head * 0.5f, b.y - uy * head + ux * head * 0.5f),
                          ImVec2(b.x - ux * head + uy * head * 0.5f, b.y - uy * head - ux * head * 0.5f), kFakeColor);
  }
}

}  // namespace

void GanPage::draw_curves(const GanRun& run, float width) {
  // The game in two charts: the two players' losses, and what D says of real and fake images
  // (at equilibrium both reach 1/2, Goodfellow et al. 2014, prop. 1).
  const bool minimax = run.gan().config().gen_loss == GenLoss::Minimax;
  PlotSeries dl{"E_D", {}, {}, 0}, gl{minimax ? "E_G = mean ln(1 - D(G(z)))" : "E_G = -mean ln D(G(z))", {}, {}, 1};
  PlotSeries dr{"mean D(x), real", {}, {}, 2}, df{"mean D(G(z)), fake", {}, {}, 5};
  for (const GanCurvePoint& p : run.curve()) {
    const double it = double(p.iteration);
    dl.x.push_back(it), dl.y.push_back(p.d_loss);
    gl.x.push_back(it), gl.y.push_back(p.g_loss);
    dr.x.push_back(it), dr.y.push_back(p.d_real);
    df.x.push_back(it), df.y.push_back(p.d_fake);
  }
  const auto table = [&run] {
    CsvTable t{{"iteration", "e_d", "e_g", "mean_d_real", "mean_d_fake"}, {}};
    for (const GanCurvePoint& p : run.curve()) t.rows.push_back({double(p.iteration), p.d_loss, p.g_loss, p.d_real, p.d_fake});
    return t;
  };
  const std::string file = tab_ == Plane ? "2d-curves" : "curves";
  PlotSpec losses;
  losses.x_label = "iteration (means of 25-iteration blocks)";
  losses.y_label = "loss";
  losses.x_min = 0;
  losses.series = {std::move(dl), std::move(gl)};
  losses.file = file;
  losses.table = table;
  plot("##losses", losses, ImVec2(width, 170));
  PlotSpec outputs;
  outputs.x_label = losses.x_label;
  outputs.y_label = "D's output (1 = real)";
  outputs.y_min = 0, outputs.y_max = 1;
  outputs.series = {std::move(dr), std::move(df)};
  outputs.x_min = 0;
  outputs.lines.push_back({"equilibrium", 0.5});
  outputs.file = file;
  outputs.table = table;
  plot("##outputs", outputs, ImVec2(width, 170));
}

void GanPage::draw_scores(float width) {
  if (!lab()->scoring()) {
    ImGui::TextDisabled(dataset_ == "mnist" ? "No quality score in this build."
                                            : "Quality score: digits only (the scorer is a digit classifier).");
    return;
  }
  const ScoreReport& r = lab()->scores().back().report;
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("Quality score of %d samples every %d iterations, by our digit classifier", r.samples,
                     lab()->settings().score_every);
  ImGui::PopStyleColor();
  const auto table = [this] {
    CsvTable t{{"iteration", "class_entropy_nats", "frechet_distance", "classes_present"}, {}};
    for (const ScorePoint& s : lab()->scores())
      t.rows.push_back({double(s.iteration), s.report.class_entropy, s.report.frechet, double(s.report.classes_present)});
    return t;
  };
  PlotSeries h{"class entropy", {}, {}, 2}, f{"Frechet distance to real test digits", {}, {}, 4};
  for (const ScorePoint& s : lab()->scores()) {
    h.x.push_back(double(s.iteration)), h.y.push_back(s.report.class_entropy);
    f.x.push_back(double(s.iteration)), f.y.push_back(s.report.frechet);
  }
  const float half = width >= 2 * 240 + 16 ? 0.5f * (width - 16) : width;
  Flow flow;
  PlotSpec entropy;
  entropy.x_label = "iteration";
  entropy.y_label = "class entropy (nats; higher = more varied)";
  entropy.y_min = 0, entropy.y_max = 2.4;
  entropy.series.push_back(std::move(h));
  entropy.x_min = 0;
  entropy.lines.push_back({"all 10 classes equally often", std::log(10.0)});
  entropy.file = "quality-score";
  entropy.table = table;
  flow.next(half);
  plot("##entropy", entropy, ImVec2(half, 170));
  PlotSpec frechet;
  frechet.x_label = "iteration";
  frechet.y_label = "Frechet distance (lower = closer to real)";
  frechet.y_min = 0;
  frechet.x_min = 0;
  frechet.series.push_back(std::move(f));
  frechet.file = "quality-score";
  frechet.table = table;
  flow.next(half);
  plot("##frechet", frechet, ImVec2(half, 170));
  std::vector<std::string> classes;
  std::vector<double> counts;
  for (int k = 0; k < 10; ++k) classes.push_back(std::to_string(k)), counts.push_back(r.histogram[size_t(k)]);
  bar_chart("##classes", "Latest samples by predicted class: " + std::to_string(r.classes_present) + " of 10 classes present",
            classes, counts, ImVec2(std::min(width, 420.0f), 140));
  if (!lab()->mode_collapse().empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 0.45f, 0.3f, 1));
    ImGui::TextWrapped("%s", lab()->mode_collapse().c_str());
    ImGui::PopStyleColor();
  }
  ImGui::PopTextWrapPos();
}

void GanPage::draw_plane_tab() {
  page_layout("gan2d", 250, [&] {
    const Gan2dSettings& s = toy_->settings();
    ImGui::TextWrapped("G: 2-64-64-2, D: 2-64-64-1 (ReLU), batch %d, Adam", s.gan.batch);
    dim_text("Target");
    if (controls_.draw("target")) {
      toy_->reset(pending2_);
      playing2_ = true;
    }
    if (s.target == ToyTarget::Drawn) {
      ImGui::TextWrapped("Click on the plane to add target points (%d so far).", int(toy_->points().size()));
      if (ImGui::Button("Clear points")) toy_->clear_points();
    }
    controls_break();
    apply(draw_game_controls(toy_->run(), playing2_, pending2_.gan, {"k-2d", "gen-loss-2d"}), toy_.get());
    if (ImGui::Button("Reset", ImVec2(-1, 0))) reset();
  }, [&] { draw_plane(); });
}

void GanPage::draw_plane() {
  lab_help("gan-2d");
  heat_tex_.upload(Gan2dLab::kGrid, Gan2dLab::kGrid, toy_->heat().data());
  const nlohmann::json m = toy_->metrics();
  gfx::ImageStyle heat_style{0.0f, 1.0f, kPlaneZoom, gfx::Colormap::Diverging};
  heat_style.smooth = true;  // D is a smooth function sampled on a 64x64 grid, not 64x64 pixels
  const float left = plane_axes_margin();
  const float plane = float(Gan2dLab::kGrid) * gfx::texel_size(heat_style, Gan2dLab::kGrid, ImGui::GetContentRegionAvail().x - left);
  Flow flow;
  flow.next(left + plane);
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::max(left + plane, kTitleMinWidth));
  ImGui::Text("D(x) over the plane [-3, 3] x [-3, 3], iteration %lld", (long long)toy_->run().iteration());
  ImGui::TextDisabled("red: D says real (1), white: 1/2, blue: D says fake (0)");
  const float E = Gan2dLab::kExtent;
  const PlaneAxes axes{"x1", "x2", -E, E, -E, E};
  begin_plane_axes(axes);
  gfx::image(heat_tex_, heat_style);
  export_image_menu(heat_tex_, heat_style, "2d-discriminator-output");  // D only, without the dots
  const ImVec2 r0 = ImGui::GetItemRectMin(), r1 = ImGui::GetItemRectMax();
  const float size = r1.x - r0.x;
  auto to_screen = [&](float x, float y) {
    return ImVec2(r0.x + (x + E) / (2 * E) * size, r0.y + (E - y) / (2 * E) * size);
  };
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(r0, r1, true);
  const Matrix& fake = toy_->samples();
  if (arrows_) draw_pushes(dl, fake, toy_->pushes(), to_screen);
  for (Index i = 0; i < fake.cols(); ++i) dl->AddCircleFilled(to_screen(fake(0, i), fake(1, i)), 2.0f, kFakeColor);
  // The target last, on top: G's samples gather on it and would hide it.
  const Matrix& real = toy_->real_points();
  for (Index i = 0; i < real.cols(); ++i) dl->AddCircleFilled(to_screen(real(0, i), real(1, i)), 1.5f, kRealColor);
  dl->PopClipRect();
  if (toy_->settings().target == ToyTarget::Drawn && ImGui::IsItemHovered() && ImGui::IsMouseClicked(0)) {
    const ImVec2 p = ImGui::GetMousePos();
    toy_->add_point((p.x - r0.x) / size * 2 * E - E, E - (p.y - r0.y) / size * 2 * E);
  }
  end_plane_axes(axes, r0, r1);
  ImGui::TextColored(ImVec4(0, 0.6f, 0.25f, 1), "green: target samples");
  ImGui::Text("black: G(z) for %d fixed z", Gan2dLab::kSamples);
  ImGui::Checkbox("arrows: G's pull on its samples", &arrows_);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("-dE_G/dx at every 4th sample: the gradient D passes back to G.\n"
                      "Longest arrow = largest pull in this frame; they shrink as D flattens out.");
  ImGui::Text("%.0f%% of G's samples on a target mode, %d of %d modes covered",
              100.0 * double(m["samples_on_target"]), int(m["modes_covered"]), int(m["modes"]));
  if (toy_->empty_target()) ImGui::TextColored(ImVec4(1, 0.7f, 0.3f, 1), "Click on the plane to draw a target.");
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  flow.next(kMinCurveWidth);
  ImGui::BeginGroup();
  draw_curves(toy_->run(), std::max(kMinCurveWidth, ImGui::GetContentRegionAvail().x));
  ImGui::EndGroup();
}

}  // namespace ll::ui
