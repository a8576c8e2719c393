// A single-channel float texture (R32F) holding an image's raw values, so the shader, not the
// CPU, maps values to gray levels. Nearest filtering: one texel is one pixel, never blurred.
#pragma once
#include "core/gray_image.h"
#include "gfx/gl.h"

namespace ll::gfx {

class GrayTexture {
 public:
  GrayTexture() = default;
  ~GrayTexture();
  GrayTexture(const GrayTexture&) = delete;
  GrayTexture& operator=(const GrayTexture&) = delete;

  // Uploads row-major floats (any range); reallocates only when the size changes.
  void upload(int width, int height, const float* values);
  void upload(const GrayImage& img) { upload(img.width, img.height, img.pixels.data()); }

  GLuint id() const { return id_; }
  int width() const { return width_; }
  int height() const { return height_; }

 private:
  GLuint id_ = 0;
  int width_ = 0, height_ = 0;
};

}  // namespace ll::gfx
