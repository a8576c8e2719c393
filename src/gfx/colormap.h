// How one float per pixel becomes a colour: the mapping shaders/gray_image.frag.glsl applies on
// the GPU, also on the CPU so a saved PNG holds exactly what the screen shows. The diverging
// map's two end colours live here only; image_view passes them to the shader as uniforms.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

namespace ll::gfx {

enum class Colormap { Gray = 0, Diverging = 1 };

struct ImageStyle {
  float lo = 0.0f, hi = 255.0f;  // value shown as black (or blue) and as white (or red)
  int zoom = 1;                  // screen pixels per image pixel, >= 1
  Colormap colormap = Colormap::Gray;
  // Bilinear between texel centres instead of nearest: for a field sampled on a grid (the 2-D
  // GAN's D(x)), not for images, whose pixels stay crisp squares. Done in the shader because
  // R32F textures are not filterable in WebGL2 without OES_texture_float_linear.
  bool smooth = false;
};

// Diverging map for signed values: blue - white - red. Blue against red stays apart with every
// common colour-vision deficiency (they differ along the blue-yellow axis that protanopes and
// deuteranopes keep, and in redness for tritanopes). Simulated with Machado et al. 2009 at full
// severity, the two ends differ by CIE76 dE 86 (protanopia), 110 (deuteranopia) and 115
// (tritanopia); with normal vision 111. Both ends have the same lightness (L* 44.5 and 44.8),
// so the sign is in the hue and the size of the value in the distance from white.
constexpr std::array<float, 3> kDivergingLow = {0.13f, 0.40f, 0.80f};
constexpr std::array<float, 3> kDivergingHigh = {0.80f, 0.15f, 0.15f};

// RGB8 pixels of `values` (row-major) as the shader draws them at zoom screen pixels per texel:
// each pixel repeated zoom x zoom, or interpolated when style.smooth.
std::vector<uint8_t> colorize(const std::vector<float>& values, int width, int height, const ImageStyle& style);

}  // namespace ll::gfx
