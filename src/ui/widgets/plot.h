// The one plot widget: every curve a student sees is drawn here, so each has named axes with
// ticks and units, a legend with the latest values, optional reference lines (PCA-30, D = 1/2)
// and a log scale where the quantity spans decades; hovering reads out the values at the
// nearest x, and the context menu saves the numbers as CSV (ui/widgets/export_menu.h).
// Series with few points are drawn as markers joined by lines, so two points never pass for a
// trend. bar_chart() is its sibling for counts per category.
#pragma once
#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include <imgui.h>

#include "ui/widgets/axis_ticks.h"
#include "ui/widgets/export_menu.h"

namespace ll::ui {

struct PlotSeries {
  std::string name;          // in the legend, followed by the last value (or at legend_x)
  std::vector<double> x, y;  // same length; points with non-finite y are skipped
  int color = -1;            // index into the palette; -1: the series' position
};

// A horizontal (or, with vertical, a vertical) line at `at`, labelled, drawn dashed.
struct PlotLine {
  std::string name;
  double at = 0.0;
  bool vertical = false;
};

struct PlotSpec {
  std::string x_label, y_label;  // with units: "frames (millions)", "MSE per pixel value"
  bool log_y = false;
  double y_min = NAN, y_max = NAN;  // NAN: from the data (and the lines)
  double x_min = NAN, x_max = NAN;
  std::vector<PlotSeries> series;
  std::vector<PlotLine> lines;
  double legend_x = NAN;            // the legend quotes the values at this x (NAN: the last ones)
  int value_digits = 3;             // significant digits of values in the legend and read-out
  std::string value_unit;           // appended to values: "%", " dB"
  std::string empty_text = "no data yet";
  std::string file;                 // the CSV's name (after the lab's key)
  std::function<CsvTable()> table;  // what the CSV holds; empty: no menu
};

// Colour-blind-safe palette (Okabe & Ito 2008) on the dark background.
ImU32 plot_color(int index);

// Draws the plot, `size` including axes, tick labels and the legend.
void plot(const char* id, const PlotSpec& spec, ImVec2 size);

// Vertical bars, one per category, with each count written above its bar.
void bar_chart(const char* id, const std::string& y_label, const std::vector<std::string>& categories,
               const std::vector<double>& values, ImVec2 size);

}  // namespace ll::ui
