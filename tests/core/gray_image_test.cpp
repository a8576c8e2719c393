#include <doctest/doctest.h>

#include "core/gray_image.h"

using ll::GrayImage;

TEST_CASE("resize_area halves by exact 2x2 averaging") {
  GrayImage img(4, 2);
  for (int i = 0; i < 8; ++i) img.pixels[i] = float(i * 10);  // rows: 0 10 20 30 / 40 50 60 70
  const GrayImage half = ll::resize_area(img, 2, 1);
  REQUIRE(half.width == 2);
  CHECK(half.at(0, 0) == doctest::Approx((0 + 10 + 40 + 50) / 4.0));
  CHECK(half.at(1, 0) == doctest::Approx((20 + 30 + 60 + 70) / 4.0));
}

TEST_CASE("resize_area with a non-integer factor keeps the mean of a constant image") {
  GrayImage img(7, 5, 100.0f);
  const GrayImage out = ll::resize_area(img, 3, 3);
  for (float p : out.pixels) CHECK(p == doctest::Approx(100.0f));
}

TEST_CASE("center_crop_square keeps the middle") {
  GrayImage img(5, 3);
  for (int x = 0; x < 5; ++x)
    for (int y = 0; y < 3; ++y) img.at(x, y) = float(x);
  const GrayImage sq = ll::center_crop_square(img);
  REQUIRE(sq.width == 3);
  REQUIRE(sq.height == 3);
  CHECK(sq.at(0, 0) == 1.0f);
  CHECK(sq.at(2, 2) == 3.0f);
}

TEST_CASE("quantize_8bit rounds and clamps") {
  GrayImage img(4, 1);
  img.pixels = {-3.0f, 12.4f, 12.6f, 300.0f};
  const GrayImage q = ll::quantize_8bit(img);
  CHECK(q.pixels == std::vector<float>{0.0f, 12.0f, 13.0f, 255.0f});
}
