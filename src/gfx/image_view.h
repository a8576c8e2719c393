// Draws a GrayTexture inside the current ImGui window through our own shader
// (shaders/gray_image.*): values mapped from [lo, hi], nearest filtering, integer zoom so every
// pixel is a crisp square.
#pragma once
#include "gfx/gray_texture.h"

namespace ll::gfx {

enum class Colormap { Gray = 0, Diverging = 1 };

struct ImageStyle {
  float lo = 0.0f, hi = 255.0f;  // value shown as black (or blue) and as white (or red)
  int zoom = 1;                  // screen pixels per image pixel, >= 1
  Colormap colormap = Colormap::Gray;
};

// Call once after the GL context exists (compiles the program).
void init_image_view();
// Call at the start of every frame: frees last frame's per-draw uniforms.
void begin_image_frame();
// Lays the image out at the ImGui cursor like ImGui::Image.
void image(const GrayTexture& tex, const ImageStyle& style);

}  // namespace ll::gfx
