#include "gfx/colormap.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace ll::gfx {

namespace {
// The fragment shader's arithmetic in the same order, then the framebuffer's float -> 8-bit
// conversion (round to nearest), so the bytes match a screenshot of the panel.
std::array<uint8_t, 3> color_of(float v, const ImageStyle& s) {
  const float t = std::clamp((v - s.lo) / (s.hi - s.lo), 0.0f, 1.0f);
  std::array<float, 3> rgb{t, t, t};
  if (s.colormap == Colormap::Diverging) {
    const bool low = t < 0.5f;
    const float a = low ? t * 2.0f : t * 2.0f - 1.0f;
    for (int k = 0; k < 3; ++k) {
      const float from = low ? kDivergingLow[size_t(k)] : 1.0f, to = low ? 1.0f : kDivergingHigh[size_t(k)];
      rgb[size_t(k)] = from * (1.0f - a) + to * a;  // GLSL mix()
    }
  }
  std::array<uint8_t, 3> out{};
  for (int k = 0; k < 3; ++k) out[size_t(k)] = uint8_t(std::lround(rgb[size_t(k)] * 255.0f));
  return out;
}

// The shader's bilinear lookup at a screen pixel centre: texel coordinate u = (x + 0.5) / zoom
// - 0.5, clamped to the edge texels, mixed in x then in y.
float smooth_value(const std::vector<float>& values, int width, int height, int zoom, int x, int y) {
  const float u = (float(x) + 0.5f) / float(zoom) - 0.5f, v = (float(y) + 0.5f) / float(zoom) - 0.5f;
  const float fu = std::floor(u), fv = std::floor(v);
  const float ax = u - fu, ay = v - fv;
  const auto at = [&](float cx, float cy) {
    const int c = std::clamp(int(cx), 0, width - 1), r = std::clamp(int(cy), 0, height - 1);
    return values[size_t(r) * size_t(width) + size_t(c)];
  };
  const float top = at(fu, fv) * (1.0f - ax) + at(fu + 1, fv) * ax;
  const float bottom = at(fu, fv + 1) * (1.0f - ax) + at(fu + 1, fv + 1) * ax;
  return top * (1.0f - ay) + bottom * ay;
}
}  // namespace

std::vector<uint8_t> colorize(const std::vector<float>& values, int width, int height, const ImageStyle& style) {
  const int z = std::max(1, style.zoom), w = width * z;
  std::vector<uint8_t> rgb(size_t(w) * size_t(height * z) * 3);
  for (int y = 0; y < height * z; ++y)
    for (int x = 0; x < w; ++x) {
      const float v = style.smooth ? smooth_value(values, width, height, z, x, y)
                                   : values[size_t(y / z) * size_t(width) + size_t(x / z)];
      const auto c = color_of(v, style);
      std::copy(c.begin(), c.end(), rgb.begin() + (std::ptrdiff_t(y) * w + x) * 3);
    }
  return rgb;
}

}  // namespace ll::gfx
