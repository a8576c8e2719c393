// A single-channel float texture (R32F) holding an image's raw values, so the shader, not the
// CPU, maps values to gray levels. Nearest filtering: one texel is one pixel, never blurred.
// A copy of the last upload stays on the CPU, so "Save as PNG" can write what is shown without
// reading the GPU back (WebGL2 cannot read R32F textures).
#pragma once
#include <vector>

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
  const std::vector<float>& values() const { return values_; }

 private:
  GLuint id_ = 0;
  std::vector<float> values_;
  int width_ = 0, height_ = 0;
};

}  // namespace ll::gfx
