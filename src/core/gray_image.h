// A grayscale image as the labs use it: row-major floats on the 8-bit scale [0, 255].
// Geometry helpers here are pure numerics; decoding files is in labs/image_io.
#pragma once
#include <string>
#include <vector>

namespace ll {

struct GrayImage {
  int width = 0;
  int height = 0;
  std::vector<float> pixels;  // pixels[y * width + x], 0 = black, 255 = white

  GrayImage() = default;
  GrayImage(int w, int h, float fill = 0.0f) : width(w), height(h), pixels(size_t(w) * h, fill) {}
  float& at(int x, int y) { return pixels[size_t(y) * width + x]; }
  float at(int x, int y) const { return pixels[size_t(y) * width + x]; }
  bool empty() const { return pixels.empty(); }
};

// Largest centred square.
GrayImage center_crop_square(const GrayImage& img);

// Area-averaging resize: each output pixel is the mean of the input area it covers (exact box
// filter, so 512 -> 256 is plain 2x2 averaging). Works for any down- or up-scaling factor.
GrayImage resize_area(const GrayImage& img, int width, int height);

// Round to integers in [0, 255], as an 8-bit file would store them.
GrayImage quantize_8bit(const GrayImage& img);

}  // namespace ll
