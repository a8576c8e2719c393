#include "labs/image_codecs.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/metrics.h"
#include "core/quantize.h"
#include "labs/image_io.h"
#include "labs/patches.h"

namespace ll {

Panel measure(const GrayImage& original, const GrayImage& decoded, double bpp) {
  Panel p;
  p.image = quantize_8bit(decoded);
  double sum = 0;
  for (size_t i = 0; i < original.pixels.size(); ++i) {
    const double d = double(p.image.pixels[i]) - original.pixels[i];
    sum += d * d;
  }
  p.mse = sum / double(original.pixels.size());
  p.psnr_db = psnr(p.mse);
  p.bpp = bpp;
  return p;
}

// Rate an ideal entropy coder would reach with one adaptive model per code component:
// sum_j H_j over the m components, times the number of tiles, per pixel.
static double entropy_bpp(const std::vector<int>& indices, Index m, Index pixels) {
  const Index tiles = Index(indices.size()) / m;
  double bits = 0;
  std::vector<int> row(static_cast<size_t>(tiles));
  for (Index j = 0; j < m; ++j) {
    for (Index t = 0; t < tiles; ++t) row[size_t(t)] = indices[size_t(t * m + j)];  // column-major
    bits += entropy_bits(row) * double(tiles);
  }
  return bits / double(pixels);
}

// Shared tail of both coders: decode plain codes and codes rounded to 6 and 4 bits in [-1, 1].
template <typename Decode>
static CodedImage code_three_ways(const GrayImage& img, const Matrix& codes, Decode decode) {
  const Index m = codes.rows(), pixels = Index(img.width) * img.height;
  CodedImage out;
  out.plain = measure(img, untile_frames(decode(codes), img.width, img.height),
                      bits_per_pixel(m * codes.cols(), 32, pixels));
  for (int bits : {6, 4}) {
    const UniformQuantizer q(-1.0f, 1.0f, bits);
    Panel p = measure(img, untile_frames(decode(q.quantize(codes)), img.width, img.height),
                      bits_per_pixel(m * codes.cols(), bits, pixels));
    p.entropy_bpp = entropy_bpp(q.indices(codes), m, pixels);
    (bits == 6 ? out.q6 : out.q4) = std::move(p);
  }
  return out;
}

CodedImage code_with_autoencoder(Mlp encoder, Mlp decoder, const GrayImage& img) {
  const Matrix codes = encoder.forward(tile_frames(img));
  return code_three_ways(img, codes, [&](const Matrix& c) { return Matrix(decoder.forward(c)); });
}

PcaCoder fit_pca_coder(const GrayImage& train_img, int components) {
  PcaCoder c;
  const Matrix X = all_frames(train_img);
  c.pca.fit(X, components);
  c.scale = c.pca.project(X).cwiseAbs().rowwise().maxCoeff();
  c.scale = c.scale.cwiseMax(1e-6f);  // a constant image has zero-variance components
  return c;
}

CodedImage code_with_pca(const PcaCoder& coder, const GrayImage& img) {
  const Matrix codes = coder.scale.cwiseInverse().asDiagonal() * coder.pca.project(tile_frames(img));
  return code_three_ways(img, codes.cwiseMax(-1.0f).cwiseMin(1.0f), [&](const Matrix& c) {
    return coder.pca.reconstruct(coder.scale.asDiagonal() * c);
  });
}

JpegPanel code_with_jpeg(const GrayImage& img, double target_bpp) {
  const double pixels = double(img.width) * img.height;
  auto bpp_at = [&](int quality) { return encode_jpeg(img, quality).size() * 8.0 / pixels; };
  // File size grows with quality: bisect for the largest quality that fits the rate.
  int lo = 1, hi = 100;
  while (lo < hi) {
    const int mid = (lo + hi + 1) / 2;
    if (bpp_at(mid) <= target_bpp) lo = mid; else hi = mid - 1;
  }
  const std::vector<uint8_t> file = encode_jpeg(img, lo);
  const std::string bytes(file.begin(), file.end());
  JpegPanel out;
  out.panel = measure(img, decode_gray(bytes, "jpeg"), file.size() * 8.0 / pixels);
  out.quality = lo;
  out.target_bpp = target_bpp;
  return out;
}

}  // namespace ll
