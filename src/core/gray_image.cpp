#include "core/gray_image.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ll {

GrayImage center_crop_square(const GrayImage& img) {
  const int side = std::min(img.width, img.height);
  const int x0 = (img.width - side) / 2, y0 = (img.height - side) / 2;
  GrayImage out(side, side);
  for (int y = 0; y < side; ++y)
    for (int x = 0; x < side; ++x) out.at(x, y) = img.at(x0 + x, y0 + y);
  return out;
}

// Weight of source cell [i, i+1) inside the output interval [a, b) (all in source units).
static double overlap(int i, double a, double b) {
  return std::max(0.0, std::min<double>(i + 1, b) - std::max<double>(i, a));
}

GrayImage resize_area(const GrayImage& img, int width, int height) {
  if (img.empty() || width <= 0 || height <= 0) throw std::invalid_argument("resize_area: empty image or size");
  GrayImage out(width, height);
  const double sx = double(img.width) / width, sy = double(img.height) / height;
  for (int oy = 0; oy < height; ++oy) {
    const double ya = oy * sy, yb = ya + sy;
    for (int ox = 0; ox < width; ++ox) {
      const double xa = ox * sx, xb = xa + sx;
      double sum = 0, area = 0;
      for (int y = int(ya); y < std::min<int>(img.height, int(std::ceil(yb))); ++y) {
        const double wy = overlap(y, ya, yb);
        for (int x = int(xa); x < std::min<int>(img.width, int(std::ceil(xb))); ++x) {
          const double w = wy * overlap(x, xa, xb);
          sum += w * img.at(x, y);
          area += w;
        }
      }
      out.at(ox, oy) = float(sum / area);
    }
  }
  return out;
}

GrayImage quantize_8bit(const GrayImage& img) {
  GrayImage out = img;
  for (float& p : out.pixels) p = std::clamp(std::round(p), 0.0f, 255.0f);
  return out;
}

}  // namespace ll
