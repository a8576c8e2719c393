// libFuzzer target for image files (labs/image_io.h): PNG and JPEG decoding with the header
// checks (pixel limit, JPEG Huffman tables), then encoding what was decoded as PNG and JPEG and
// reading those back. Decoding succeeds or throws ll::ImageError; encoding never fails.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "labs/image_io.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ll::GrayImage img;
  try {
    img = ll::decode_gray(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz");
  } catch (const ll::ImageError&) {
    return 0;
  }
  if (img.width < 1 || img.height < 1 || int64_t(img.width) * img.height > ll::kMaxImagePixels) std::abort();
  if (int64_t(img.width) * img.height > 512 * 512) return 0;  // keep each run short
  for (const auto& bytes : {ll::encode_png(img), ll::encode_jpeg(img, 1 + int(size % 100))}) {
    const ll::GrayImage back =
        ll::decode_gray(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()), "re-read");
    if (back.width != img.width || back.height != img.height) std::abort();
  }
  return 0;
}
