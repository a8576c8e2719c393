// Draws a GrayTexture inside the current ImGui window through our own shader
// (shaders/gray_image.*): values mapped from [lo, hi] (gfx/colormap.h), nearest filtering, and
// a whole number of framebuffer pixels per image pixel, so every pixel is a crisp square at any
// devicePixelRatio.
#pragma once
#include "gfx/colormap.h"
#include "gfx/gray_texture.h"

namespace ll::gfx {

// Call once after the GL context exists (compiles the program).
void init_image_view();
// Call at the start of every frame: frees last frame's per-draw uniforms.
void begin_image_frame();
// Lays the image out at the ImGui cursor like ImGui::Image.
void image(const GrayTexture& tex, const ImageStyle& style);
// Size of one image pixel in window units: style.zoom, except on screens with a fractional
// pixel ratio (1.25, 1.5: browser zoom, laptops), where it is rounded to whole framebuffer pixels.
float texel_size(const ImageStyle& style);

}  // namespace ll::gfx
