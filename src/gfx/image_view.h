// Draws a GrayTexture inside the current ImGui window through our own shader
// (shaders/gray_image.*): values mapped from [lo, hi] (gfx/colormap.h), nearest filtering
// (bilinear for a field, style.smooth), and a whole number of framebuffer pixels per image pixel,
// so every pixel is a crisp square at any devicePixelRatio.
#pragma once
#include "gfx/colormap.h"
#include "gfx/gray_texture.h"

namespace ll::gfx {

// Call once after the GL context exists (compiles the program).
void init_image_view();
// Call at the start of every frame: frees last frame's per-draw uniforms.
void begin_image_frame();
// Lays the image out at the ImGui cursor like ImGui::Image, at texel_size(style, width, room
// left on the line). Returns the size of one image pixel as drawn.
float image(const GrayTexture& tex, const ImageStyle& style);
// Size of one image pixel in window units: style.zoom, rounded to whole framebuffer pixels on
// screens with a fractional pixel ratio (1.25, 1.5: browser zoom, laptops). An image `width`
// pixels wide that would not fit `room` drops whole framebuffer pixels per image pixel until it
// does (on a phone with 3 device pixels per CSS pixel a 256-pixel image can take 256, 171 or 85
// CSS pixels), never below one, so every pixel stays a crisp square.
float texel_size(const ImageStyle& style, int width = 0, float room = 0.0f);

}  // namespace ll::gfx
