// Axes around a square plane that another widget draws: the 2-D code maps' scatter and the
// 2-D GAN's heat map. Same ticks and colours as ui/widgets/plot.h, so a student reads a position
// on a plane the way they read a value on a curve.
//
//   const float left = begin_plane_axes(axes);   // y axis name above, room for y ticks at the left
//   ... draw the plane at the cursor (now `left` further right), from p0 to p1 ...
//   end_plane_axes(axes, p0, p1);                // y ticks, x ticks and x axis name below
#pragma once
#include <string>

#include <imgui.h>

namespace ll::ui {

struct PlaneAxes {
  std::string x_label, y_label;
  double x0 = 0, x1 = 1, y0 = 0, y1 = 1;  // what the plane's left/right and bottom/top edges show
};

// Width that begin_plane_axes() keeps at the left of the plane for the y tick labels.
float plane_axes_margin();

// Writes the y axis name on its own line and moves the cursor right by plane_axes_margin().
float begin_plane_axes(const PlaneAxes& axes);

// Ticks on the plane's left and bottom edges, with their values, and the x axis name under them;
// the cursor ends below it all.
void end_plane_axes(const PlaneAxes& axes, ImVec2 p0, ImVec2 p1);

}  // namespace ll::ui
