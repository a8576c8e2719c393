#include "ui/widgets/plot.h"

#include <algorithm>
#include <cfloat>
#include <cstdio>

namespace ll::ui {

namespace {

constexpr int kMarkersUpTo = 40;  // series with at most this many points also get a dot per point

std::string value_text(double v, int digits, const std::string& unit) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", digits, v);
  return buf + unit;
}

// Axis values: plain for the linear axis, 10^k written out for the log one.
std::string tick_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

void dashed_line(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col) {
  const float len = std::hypot(b.x - a.x, b.y - a.y);
  if (len <= 0) return;
  const ImVec2 d((b.x - a.x) / len, (b.y - a.y) / len);
  for (float t = 0; t < len; t += 10.0f) {
    const float e = std::min(len, t + 6.0f);
    dl->AddLine(ImVec2(a.x + d.x * t, a.y + d.y * t), ImVec2(a.x + d.x * e, a.y + d.y * e), col, 1.5f);
  }
}

// The axis range of the values (lines included), padded so no point sits on the frame.
void value_range(const PlotSpec& s, double& lo, double& hi) {
  lo = DBL_MAX, hi = -DBL_MAX;
  auto take = [&](double v) {
    if (!std::isfinite(v) || (s.log_y && v <= 0)) return;
    const double t = s.log_y ? std::log10(v) : v;
    lo = std::min(lo, t), hi = std::max(hi, t);
  };
  for (const PlotSeries& p : s.series)
    for (double v : p.y) take(v);
  for (const PlotLine& l : s.lines)
    if (!l.vertical) take(l.at);
  if (std::isfinite(s.y_min)) lo = s.log_y ? std::log10(s.y_min) : s.y_min;
  if (std::isfinite(s.y_max)) hi = s.log_y ? std::log10(s.y_max) : s.y_max;
  if (lo > hi) lo = 0, hi = 1;  // nothing to show yet
  if (hi - lo < 1e-12) lo -= 0.5, hi += 0.5;
  const double pad = 0.05 * (hi - lo);
  if (!std::isfinite(s.y_min)) lo -= pad;
  if (!std::isfinite(s.y_max)) hi += pad;
}

void x_range(const PlotSpec& s, double& lo, double& hi) {
  lo = DBL_MAX, hi = -DBL_MAX;
  for (const PlotSeries& p : s.series)
    for (size_t i = 0; i < p.x.size(); ++i)
      if (std::isfinite(p.x[i])) lo = std::min(lo, p.x[i]), hi = std::max(hi, p.x[i]);
  for (const PlotLine& l : s.lines)
    if (l.vertical) lo = std::min(lo, l.at), hi = std::max(hi, l.at);
  if (std::isfinite(s.x_min)) lo = s.x_min;
  if (std::isfinite(s.x_max)) hi = s.x_max;
  if (lo > hi) lo = 0, hi = 1;
  // One x so far (a first score at iteration 0): a unit of room, on the side the axis may grow.
  if (hi - lo < 1e-12) {
    if (std::isfinite(s.x_min)) hi = lo + 1;
    else lo -= 0.5, hi += 0.5;
  }
}

}  // namespace

ImU32 plot_color(int index) {
  static const ImU32 kPalette[] = {IM_COL32(230, 159, 0, 255),  IM_COL32(86, 180, 233, 255),
                                   IM_COL32(0, 158, 115, 255),  IM_COL32(240, 228, 66, 255),
                                   IM_COL32(204, 121, 167, 255), IM_COL32(213, 94, 0, 255),
                                   IM_COL32(0, 114, 178, 255)};
  const int n = int(sizeof kPalette / sizeof kPalette[0]);
  return kPalette[((index % n) + n) % n];
}

void plot(const char* id, const PlotSpec& s, ImVec2 size) {
  ImGui::PushID(id);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float lh = ImGui::GetTextLineHeight();
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text), dim = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  const ImU32 grid = ImGui::GetColorU32(ImGuiCol_Separator);
  const ImVec2 o = ImGui::GetCursorScreenPos();
  float y = o.y;
  dl->AddText(ImVec2(o.x, y), dim, (s.y_label + (s.log_y ? " (log)" : "")).c_str());
  y += lh + 3;

  // Legend: one entry per series and line, wrapping onto more lines when narrow.
  float x = o.x;
  auto legend = [&](const std::string& label, ImU32 col, bool dashed) {
    const float w = 20 + ImGui::CalcTextSize(label.c_str()).x + 14;
    if (x > o.x && x + w > o.x + size.x) x = o.x, y += lh + 3;
    const ImVec2 a(x, y + lh / 2), b(x + 16, y + lh / 2);
    if (dashed) dashed_line(dl, a, b, col);
    else dl->AddLine(a, b, col, 2.0f);
    dl->AddText(ImVec2(x + 20, y), text, label.c_str());
    x += w;
  };
  for (size_t i = 0; i < s.series.size(); ++i) {
    const PlotSeries& p = s.series[i];
    // The value the legend quotes: the last point's, or the one at legend_x (the point nearest it).
    size_t at = p.y.empty() ? 0 : p.y.size() - 1;
    if (std::isfinite(s.legend_x))
      for (size_t j = 0; j < p.x.size(); ++j)
        if (std::abs(p.x[j] - s.legend_x) < std::abs(p.x[at] - s.legend_x)) at = j;
    const bool has = !p.y.empty() && std::isfinite(p.y[at]);
    legend(p.name + (has ? ": " + value_text(p.y[at], s.value_digits, s.value_unit) : ""),
           plot_color(p.color >= 0 ? p.color : int(i)), false);
  }
  for (const PlotLine& l : s.lines)
    legend(l.name + (l.vertical ? "" : ": " + value_text(l.at, s.value_digits, s.value_unit)), dim, true);
  y += lh + 5;

  double ylo, yhi, xlo, xhi;
  value_range(s, ylo, yhi);
  x_range(s, xlo, xhi);
  const float bottom = o.y + size.y - 2 * lh - 6;  // x tick labels and the x axis name below
  std::vector<double> yt;
  if (s.log_y) {
    for (double e = std::ceil(ylo); e <= yhi + 1e-9; e += 1.0) yt.push_back(e);
    // Within a decade or two: 1, 2 and 5 times the powers of ten; within a factor of ~2 (a
    // loss late in a run, which 1-2-5 leaves with one tick or none): every whole multiple.
    static const std::vector<double> k125{1, 2, 5}, kWhole{1, 2, 3, 4, 5, 6, 7, 8, 9};
    for (const std::vector<double>* steps : {&k125, &kWhole}) {
      if (yt.size() >= 3) break;
      yt.clear();
      for (double e = std::floor(ylo); e <= std::ceil(yhi); e += 1.0)
        for (double m : *steps) {
          const double t = e + std::log10(m);
          if (t >= ylo && t <= yhi) yt.push_back(t);
        }
    }
  } else {
    yt = nice_ticks(ylo, yhi, std::max(2, int((bottom - y) / 28)));
  }
  auto y_text = [&](double t) { return tick_text(s.log_y ? std::pow(10.0, t) : t); };
  float left = 0;
  for (double t : yt) left = std::max(left, ImGui::CalcTextSize(y_text(t).c_str()).x);
  const ImVec2 p0(o.x + left + 6, y), p1(o.x + size.x - 6, std::max(y + 20, bottom));
  auto sx = [&](double v) { return p0.x + float((v - xlo) / (xhi - xlo)) * (p1.x - p0.x); };
  auto sy = [&](double v) {
    const double t = s.log_y ? std::log10(v) : v;
    return p1.y - float((t - ylo) / (yhi - ylo)) * (p1.y - p0.y);
  };
  dl->AddRectFilled(p0, p1, ImGui::GetColorU32(ImGuiCol_FrameBg));
  for (double t : yt) {
    const float py = p1.y - float((t - ylo) / (yhi - ylo)) * (p1.y - p0.y);
    dl->AddLine(ImVec2(p0.x, py), ImVec2(p1.x, py), grid);
    const std::string l = y_text(t);
    dl->AddText(ImVec2(p0.x - 4 - ImGui::CalcTextSize(l.c_str()).x, py - lh / 2), dim, l.c_str());
  }
  float last_right = -FLT_MAX;
  for (double t : nice_ticks(xlo, xhi, std::max(2, int((p1.x - p0.x) / 70)))) {
    const float px = sx(t);
    dl->AddLine(ImVec2(px, p1.y), ImVec2(px, p1.y + 3), dim);
    const std::string l = tick_text(t);
    const float w = ImGui::CalcTextSize(l.c_str()).x;
    const float at = std::clamp(px - w / 2, o.x, o.x + size.x - w);
    if (at < last_right + 6) continue;  // never two labels on top of each other
    dl->AddText(ImVec2(at, p1.y + 3), dim, l.c_str());
    last_right = at + w;
  }
  const float xw = ImGui::CalcTextSize(s.x_label.c_str()).x;
  dl->AddText(ImVec2(std::max(o.x, std::min(0.5f * (p0.x + p1.x) - xw / 2, o.x + size.x - xw)), p1.y + lh + 5), dim,
              s.x_label.c_str());

  dl->PushClipRect(p0, p1, true);
  bool any = false;
  for (size_t i = 0; i < s.series.size(); ++i) {
    const PlotSeries& p = s.series[i];
    const ImU32 col = plot_color(p.color >= 0 ? p.color : int(i));
    std::vector<ImVec2> pts;
    for (size_t k = 0; k < p.y.size() && k < p.x.size(); ++k)
      if (std::isfinite(p.y[k]) && std::isfinite(p.x[k]) && !(s.log_y && p.y[k] <= 0))
        pts.push_back(ImVec2(sx(p.x[k]), sy(p.y[k])));
    any |= !pts.empty();
    if (pts.size() > 1) dl->AddPolyline(pts.data(), int(pts.size()), col, 0, 2.0f);
    if (pts.size() <= size_t(kMarkersUpTo))
      for (const ImVec2& q : pts) dl->AddCircleFilled(q, 3.0f, col);
  }
  for (const PlotLine& l : s.lines) {
    if (l.vertical) {
      dashed_line(dl, ImVec2(sx(l.at), p0.y), ImVec2(sx(l.at), p1.y), text);
    } else if (!s.log_y || l.at > 0) {
      dashed_line(dl, ImVec2(p0.x, sy(l.at)), ImVec2(p1.x, sy(l.at)), text);
    }
  }
  if (!any) {
    const float w = ImGui::CalcTextSize(s.empty_text.c_str()).x;
    dl->AddText(ImVec2(0.5f * (p0.x + p1.x - w), 0.5f * (p0.y + p1.y) - lh / 2), dim, s.empty_text.c_str());
  }
  dl->PopClipRect();

  ImGui::InvisibleButton("##plot", size);
  // Hover: the values of every series at the point nearest the mouse's x.
  if (any && ImGui::IsItemHovered()) {
    const double mx = xlo + double((ImGui::GetIO().MousePos.x - p0.x) / (p1.x - p0.x)) * (xhi - xlo);
    std::string tip;
    double at_x = NAN;
    for (const PlotSeries& p : s.series) {
      size_t best = p.x.size();
      for (size_t k = 0; k < p.x.size() && k < p.y.size(); ++k)
        if (std::isfinite(p.y[k]) && (best == p.x.size() || std::fabs(p.x[k] - mx) < std::fabs(p.x[best] - mx))) best = k;
      if (best == p.x.size()) continue;
      if (!std::isfinite(at_x)) at_x = p.x[best];
      tip += "\n" + p.name + ": " + value_text(p.y[best], s.value_digits, s.value_unit);
    }
    if (std::isfinite(at_x)) {
      dl->AddLine(ImVec2(sx(at_x), p0.y), ImVec2(sx(at_x), p1.y), dim);
      ImGui::SetTooltip("%s %s%s", s.x_label.c_str(), tick_text(at_x).c_str(), tip.c_str());
    }
  }
  if (s.table) export_csv_menu(s.file, s.table);
  ImGui::PopID();
}

void bar_chart(const char* id, const std::string& y_label, const std::vector<std::string>& categories,
               const std::vector<double>& values, ImVec2 size) {
  ImGui::PushID(id);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float lh = ImGui::GetTextLineHeight();
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text), dim = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  const ImVec2 o = ImGui::GetCursorScreenPos();
  // The label wraps at the chart's width (a phone's chart is narrower than its sentence).
  const float label_h = ImGui::CalcTextSize(y_label.c_str(), nullptr, false, size.x).y;
  dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), o, dim, y_label.c_str(), nullptr, size.x);
  const ImVec2 p0(o.x, o.y + label_h + lh + 6), p1(o.x + size.x, o.y + size.y - lh - 4);
  dl->AddRectFilled(p0, p1, ImGui::GetColorU32(ImGuiCol_FrameBg));
  double top = 0;
  for (double v : values) top = std::max(top, v);
  const size_t n = std::min(categories.size(), values.size());
  const float slot = n ? (p1.x - p0.x) / float(n) : 0.0f;
  for (size_t i = 0; i < n; ++i) {
    const float x0 = p0.x + slot * float(i) + 0.15f * slot, x1 = p0.x + slot * float(i + 1) - 0.15f * slot;
    const float h = top > 0 ? float(values[i] / top) * (p1.y - p0.y) : 0.0f;
    dl->AddRectFilled(ImVec2(x0, p1.y - h), ImVec2(x1, p1.y), plot_color(1));
    const std::string v = tick_text(values[i]);
    const float vw = ImGui::CalcTextSize(v.c_str()).x, cw = ImGui::CalcTextSize(categories[i].c_str()).x;
    dl->AddText(ImVec2(0.5f * (x0 + x1) - vw / 2, p1.y - h - lh - 1), text, v.c_str());
    dl->AddText(ImVec2(0.5f * (x0 + x1) - cw / 2, p1.y + 2), text, categories[i].c_str());
  }
  ImGui::Dummy(size);
  ImGui::PopID();
}

}  // namespace ll::ui
