#include "labs/face_augment.h"

#include <algorithm>
#include <cmath>

namespace ll {

Vector transform_image(const Vector& image, int width, int height, const Similarity& t) {
  constexpr double kPi = 3.14159265358979;
  const float cx = 0.5f * float(width - 1), cy = 0.5f * float(height - 1);
  // cos and sin in double, rounded to float: libm differences in the last bit (glibc natively,
  // musl in wasm) do not reach the images, so a seed gives the same data everywhere.
  const double a = -double(t.degrees) * kPi / 180.0;
  const float c = float(std::cos(a)), s = float(std::sin(a));
  const auto at = [&](int x, int y) {
    x = std::clamp(x, 0, width - 1);
    y = std::clamp(y, 0, height - 1);
    return image[Index(y) * width + x];
  };
  Vector out(Index(width) * height);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      // inverse map: undo the shift, the rotation, the scale, then the mirror
      const float px = (float(x) - cx - t.dx) / t.scale, py = (float(y) - cy - t.dy) / t.scale;
      float sx = cx + c * px - s * py;
      const float sy = cy + s * px + c * py;
      if (t.mirror) sx = float(width - 1) - sx;
      const float fx = std::floor(sx), fy = std::floor(sy), ax = sx - fx, ay = sy - fy;
      const int x0 = int(fx), y0 = int(fy);
      const float top = at(x0, y0) * (1 - ax) + at(x0 + 1, y0) * ax;
      const float bottom = at(x0, y0 + 1) * (1 - ax) + at(x0 + 1, y0 + 1) * ax;
      out[Index(y) * width + x] = top * (1 - ay) + bottom * ay;
    }
  return out;
}

Matrix augment_faces(const Matrix& faces, int width, int height, int count, const AugmentRange& r, Rng& rng) {
  const auto between = [&rng](float lo, float hi) { return lo + (hi - lo) * rng.uniform(); };
  Matrix out(faces.rows(), count);
  for (int j = 0; j < count; ++j) {
    const Index source = Index(rng.uniform_int(uint32_t(faces.cols())));
    Similarity t;
    t.dx = between(-r.max_shift, r.max_shift);
    t.dy = between(-r.max_shift, r.max_shift);
    t.degrees = between(-r.max_degrees, r.max_degrees);
    t.scale = between(r.min_scale, r.max_scale);
    t.mirror = rng.uniform_int(2) == 1;
    out.col(j) = transform_image(faces.col(source), width, height, t);
  }
  return out;
}

void standardize_columns(Matrix& X) {
  for (Index j = 0; j < X.cols(); ++j) {
    auto col = X.col(j);
    const float mean = col.mean();
    col.array() -= mean;
    const float sd = std::sqrt(col.squaredNorm() / float(col.size()));
    if (sd > 0) col /= sd;
    else col.setZero();
  }
}

Matrix standardized_to_gray(const Matrix& X) {
  return (X.array() / 6.0f + 0.5f).cwiseMax(0.0f).cwiseMin(1.0f).matrix();
}

}  // namespace ll
