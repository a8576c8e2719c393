// Thousands of 2-D points coloured by class (a latent map), drawn by our shader
// (shaders/scatter.*) as round GL points inside an ImGui window: the points go to the GPU once
// when they change, and each frame costs one draw call, not thousands of ImGui circles.
#pragma once
#include <imgui.h>

#include <array>
#include <cstdint>
#include <vector>

#include "gfx/gl.h"

namespace ll::gfx {

// Ten class colours that stay distinguishable with the common colour-vision deficiencies:
// Paul Tol's "muted" scheme, whose pale gray would vanish on the white map, replaced by near
// black. Not a middle gray: simulated (Machado et al. 2009, full severity) a deuteranope sees
// the wine 0x882255 and gray 0x555555 as the same colour (CIE76 dE 1.4). With 0x222222 the
// closest pair under normal vision, protanopia, deuteranopia or tritanopia is dE 15.6 (rose and
// teal for protanopes), as in Tol's nine colours alone.
constexpr std::array<unsigned, 10> kClassColors = {0xCC6677, 0x332288, 0xDDCC77, 0x117733, 0x88CCEE,
                                                   0x882255, 0x44AA99, 0x999933, 0xAA4499, 0x222222};
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
  // x, y, class of each point as uploaded, kept for saving the map as an image.
  const std::vector<float>& data() const { return data_; }

 private:
  GLuint vao_ = 0, vbo_ = 0;
  int count_ = 0;
  std::vector<float> data_;
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
// The same picture on the CPU: RGB8, size x size pixels over `background` (0xRRGGBB), each point
// a disc with the shader's soft rim, blended in drawing order.
std::vector<uint8_t> scatter_rgb(const PointCloud& points, const ScatterStyle& style, int size, unsigned background);

}  // namespace ll::gfx
