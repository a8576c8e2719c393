// The three ways the compression lab codes a whole image, each measured the same way:
// the decoded image is rounded to 8 bits (what a decoder would store), then compared with the
// original for MSE and PSNR on the 8-bit scale.
//   - the autoencoder: 1024 tiles -> m tanh codes -> (rounded to b bits) -> decoder
//   - PCA with m components: the optimal linear autoencoder, codes rounded the same way
//   - real JPEG (stb_image_write) at the quality whose size matches the same bits per pixel
#pragma once
#include <string>

#include "core/gray_image.h"
#include "core/mlp.h"
#include "core/pca.h"

namespace ll {

struct Panel {
  GrayImage image;          // decoded, 8-bit values in [0, 255]
  double mse = 0;           // mean squared error per pixel, 8-bit scale
  double psnr_db = 0;       // 10 log10(255^2 / mse)
  double bpp = 0;           // bits per pixel of the code as sent (fixed-length)
  double entropy_bpp = -1;  // quantized codes: an ideal entropy coder's rate (one model per
                            // code component, sum of empirical entropies); -1 if n/a
};

// Plain (unquantized float codes, "bpp" = 32-bit floats), and codes rounded to 6 and 4 bits.
struct CodedImage {
  Panel plain, q6, q4;
};

// Rounds `decoded` to 8 bits and measures it against `original`.
Panel measure(const GrayImage& original, const GrayImage& decoded, double bpp);

// Encoder 64 -> m with tanh codes in [-1, 1], decoder m -> 64 (forward() caches, hence copies).
CodedImage code_with_autoencoder(Mlp encoder, Mlp decoder, const GrayImage& img);

// PCA coder. Codes y_j = u_j^T (x - mu) have no fixed range, so each is divided by its scale s_j
// (the largest |y_j| over the training frames) before the same [-1, 1] quantizer as the
// autoencoder, and multiplied back after; values outside are clamped.
struct PcaCoder {
  Pca pca;
  Vector scale;  // s_j per component
};
PcaCoder fit_pca_coder(const GrayImage& train_img, int components);
CodedImage code_with_pca(const PcaCoder& coder, const GrayImage& img);

struct JpegPanel {
  Panel panel;
  int quality = 0;         // stb_image_write quality 1..100
  double target_bpp = 0;   // the rate it was matched to
};
// The highest JPEG quality whose file is at most target_bpp bits per pixel (quality 1 if even
// that is larger). Actual bpp = file bytes * 8 / pixels, headers included.
JpegPanel code_with_jpeg(const GrayImage& img, double target_bpp);

}  // namespace ll
