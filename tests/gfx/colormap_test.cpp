// The CPU side of shaders/gray_image.frag.glsl, which "Save as PNG" writes: nearest repeats each
// value zoom x zoom times; smooth interpolates between texel centres and holds the edge values
// (the browser export test checks the same bytes against the screen).
#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "gfx/colormap.h"

using namespace ll::gfx;

namespace {
// The red channel of a one-texel-high image drawn at zoom 4, after checking its 4 rows agree.
std::vector<int> reds(const std::vector<uint8_t>& rgb) {
  std::vector<int> r;
  for (std::size_t i = 0; i < rgb.size(); i += 3) r.push_back(rgb[i]);
  REQUIRE(r.size() % 4 == 0);
  const std::size_t w = r.size() / 4;
  for (std::size_t i = w; i < r.size(); ++i) CHECK(r[i] == r[i % w]);
  r.resize(w);
  return r;
}
}  // namespace

TEST_CASE("colorize: nearest repeats pixels, smooth interpolates between texel centres") {
  const std::vector<float> values{0.0f, 1.0f};  // one row, two texels, black and white
  ImageStyle style{0.0f, 1.0f, 4, Colormap::Gray};
  CHECK(reds(colorize(values, 2, 1, style)) == std::vector<int>{0, 0, 0, 0, 255, 255, 255, 255});
  style.smooth = true;
  // Screen pixel x sits at texel coordinate (x + 0.5) / 4 - 0.5: -0.375, -0.125 (clamped to the
  // first texel), 0.125, 0.375, 0.625, 0.875, then past the last centre (clamped).
  const std::vector<uint8_t> rgb = colorize(values, 2, 1, style);
  CHECK(rgb.size() == std::size_t(8 * 4 * 3));
  CHECK(reds(rgb) == std::vector<int>{0, 0, 32, 96, 159, 223, 255, 255});
}

TEST_CASE("colorize: the diverging map is white at the middle of the range, its end colours at the ends") {
  const ImageStyle style{-1.0f, 1.0f, 1, Colormap::Diverging, false};
  const std::vector<uint8_t> rgb = colorize({-1.0f, 0.0f, 1.0f}, 3, 1, style);
  CHECK(rgb[0] == 33);   // 0.13 * 255
  CHECK(rgb[2] == 204);  // 0.80 * 255
  CHECK(rgb[3] == 255);
  CHECK(rgb[4] == 255);
  CHECK(rgb[5] == 255);
  CHECK(rgb[6] == 204);
  CHECK(rgb[7] == 38);   // 0.15 * 255
}
