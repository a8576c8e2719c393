#include <doctest/doctest.h>

#include <string>

#include "labs/image_io.h"

TEST_CASE("built-in camera image decodes to the 512x512 original") {
  const ll::GrayImage cam = ll::load_builtin_image("camera");
  CHECK(cam.width == 512);
  CHECK(cam.height == 512);
  double sum = 0;
  for (float p : cam.pixels) sum += p;
  const double mean = sum / cam.pixels.size();
  CHECK(mean > 50.0);   // a real photo, not a blank or saturated buffer
  CHECK(mean < 200.0);
}

TEST_CASE("PNG encode then decode is lossless for 8-bit values") {
  ll::GrayImage img(16, 8);
  for (size_t i = 0; i < img.pixels.size(); ++i) img.pixels[i] = float((i * 37) % 256);
  const std::vector<uint8_t> png = ll::encode_png(img);
  const std::string bytes(png.begin(), png.end());
  const ll::GrayImage back = ll::decode_gray(bytes, "roundtrip.png");
  CHECK(back.width == 16);
  CHECK(back.height == 8);
  CHECK(back.pixels == img.pixels);
}

TEST_CASE("bad image bytes give a clear error") {
  CHECK_THROWS_WITH_AS(ll::decode_gray("", "empty.png"), "empty.png: the file is empty", ll::ImageError);
  CHECK_THROWS_WITH_AS(ll::decode_gray("this is not an image", "notes.txt"),
                       doctest::Contains("notes.txt: not a readable image"), ll::ImageError);
  const std::vector<uint8_t> png = ll::encode_png(ll::GrayImage(8, 8, 128.0f));
  const std::string truncated(png.begin(), png.begin() + png.size() / 2);
  CHECK_THROWS_AS(ll::decode_gray(truncated, "half.png"), ll::ImageError);
  CHECK_THROWS_WITH_AS(ll::load_builtin_image("nope"), "no built-in image named 'nope'", ll::ImageError);
}
