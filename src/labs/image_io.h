// Reading and writing image files (PNG, JPEG, ... via stb) and the images built into the app.
// Errors are exceptions with a message a student can act on; nothing is half-loaded.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/gray_image.h"

namespace ll {

struct ImageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The largest image decode_gray reads: 16 million pixels (4096 x 4096, a 16 MP camera photo;
// 64 MB decoded as RGBA), from a file of at most 64 MB. Checked from the header first.
constexpr int64_t kMaxImagePixels = 16000000;
constexpr int64_t kMaxImageFileBytes = int64_t(64) << 20;

// Decodes a PNG or JPEG file from memory and converts it to gray (ITU-R BT.601 luma, the
// weights of most "convert to grayscale" tools). `name` only labels error messages. Files that
// are empty, too large, not PNG/JPEG, corrupt, or over kMaxImagePixels throw ImageError before
// any pixel memory is allocated.
GrayImage decode_gray(std::string_view bytes, const std::string& name);
GrayImage load_gray_file(const std::string& path);

// 8-bit grayscale PNG of the image, clamped to [0, 255].
std::vector<uint8_t> encode_png(const GrayImage& img);
// Baseline JPEG of the gray image (stb_image_write), quality 1..100.
std::vector<uint8_t> encode_jpeg(const GrayImage& img, int quality);
void save_png(const GrayImage& img, const std::string& path);
// 8-bit PNG of raw pixels with 1 (gray), 3 (RGB) or 4 (RGBA) channels, rows top to bottom.
std::vector<uint8_t> encode_png_pixels(int width, int height, int channels, const uint8_t* pixels);
// RGBA8 PNG (for screenshots), rows top to bottom.
void save_png_rgba(const std::string& path, int width, int height, const uint8_t* rgba);

// Built-in images (from Debian's python3-skimage, embedded at build time), by name:
// "camera", "coins", "moon". Returned as shipped (e.g. camera is 512x512).
std::vector<std::string> builtin_image_names();
GrayImage load_builtin_image(const std::string& name);

}  // namespace ll
