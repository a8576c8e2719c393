#include "labs/patches.h"

#include <stdexcept>
#include <string>

namespace ll {

static void copy_frame(const GrayImage& img, int x0, int y0, float* out) {
  for (int y = 0; y < kFrame; ++y)
    for (int x = 0; x < kFrame; ++x) out[y * kFrame + x] = to_unit(img.at(x0 + x, y0 + y));
}

void random_frames(const GrayImage& img, Rng& rng, Matrix& X, Index first, Index count) {
  const uint32_t nx = uint32_t(img.width - kFrame + 1), ny = uint32_t(img.height - kFrame + 1);
  for (Index j = first; j < first + count; ++j) {
    const int x0 = int(rng.uniform_int(nx)), y0 = int(rng.uniform_int(ny));
    copy_frame(img, x0, y0, X.col(j).data());
  }
}

Matrix all_frames(const GrayImage& img) {
  const int nx = img.width - kFrame + 1, ny = img.height - kFrame + 1;
  Matrix X(kFrameDims, Index(nx) * ny);
  for (int y0 = 0; y0 < ny; ++y0)
    for (int x0 = 0; x0 < nx; ++x0) copy_frame(img, x0, y0, X.col(Index(y0) * nx + x0).data());
  return X;
}

Matrix tile_frames(const GrayImage& img) {
  if (img.width % kFrame || img.height % kFrame)
    throw std::invalid_argument("image size " + std::to_string(img.width) + "x" +
                                std::to_string(img.height) + " is not a multiple of 8");
  const int tx = img.width / kFrame, ty = img.height / kFrame;
  Matrix X(kFrameDims, Index(tx) * ty);
  for (int j = 0; j < ty; ++j)
    for (int i = 0; i < tx; ++i) copy_frame(img, i * kFrame, j * kFrame, X.col(Index(j) * tx + i).data());
  return X;
}

GrayImage untile_frames(const Matrix& X, int width, int height) {
  const int tx = width / kFrame;
  GrayImage img(width, height);
  for (Index t = 0; t < X.cols(); ++t) {
    const int x0 = int(t % tx) * kFrame, y0 = int(t / tx) * kFrame;
    for (int y = 0; y < kFrame; ++y)
      for (int x = 0; x < kFrame; ++x) img.at(x0 + x, y0 + y) = to_pixel(X(y * kFrame + x, t));
  }
  return img;
}

}  // namespace ll
