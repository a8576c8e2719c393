// Thousands of 2-D points coloured by class (a latent map), drawn by our shader
// (shaders/scatter.*) as round GL points inside an ImGui window: the points go to the GPU once
// when they change, and each frame costs one draw call, not thousands of ImGui circles.
#pragma once
#include <imgui.h>

#include <array>

#include "gfx/gl.h"

namespace ll::gfx {

// Ten class colours that stay distinguishable with the common colour-vision deficiencies
// (Paul Tol's "muted" scheme, with a dark gray in place of its pale gray), as 0xRRGGBB.
constexpr std::array<unsigned, 10> kClassColors = {0xCC6677, 0x332288, 0xDDCC77, 0x117733, 0x88CCEE,
                                                   0x882255, 0x44AA99, 0x999933, 0xAA4499, 0x555555};
ImU32 class_color(int c, float alpha = 1.0f);

class PointCloud {
 public:
  PointCloud() = default;
  ~PointCloud();
  PointCloud(const PointCloud&) = delete;
  PointCloud& operator=(const PointCloud&) = delete;

  // n points: x[i], y[i] in data units and their class (0..9) in cls[i].
  void upload(const float* x, const float* y, const int* cls, int n);
  void clear() { count_ = 0; }
  int size() const { return count_; }
  GLuint vao() const { return vao_; }

 private:
  GLuint vao_ = 0, vbo_ = 0;
  int count_ = 0;
};

struct ScatterStyle {
  float x0 = -1, x1 = 1, y0 = -1, y1 = 1;  // data range shown (y grows upward)
  float point_px = 4.0f;                  // diameter in screen points
  float alpha = 0.75f;                    // so dense regions read darker
};

// Call once after the GL context exists; begin_scatter_frame() at the start of every frame.
void init_scatter_view();
void begin_scatter_frame();
// Draws the points into the screen rectangle [p0, p1) of the current window (clipped to it).
void scatter(const PointCloud& points, ImVec2 p0, ImVec2 p1, const ScatterStyle& style);

}  // namespace ll::gfx
