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

// A PNG may carry an IDAT chunk of length 0 (the format allows it). stb_image then copies 0
// bytes into a buffer it has not allocated yet, memcpy(NULL, p, 0): undefined behaviour that
// UBSan reported in CI's fuzz stage (stb_image.h:1663). Such a file must decode like the same
// file without the empty chunk.
TEST_CASE("a PNG with an empty IDAT chunk decodes like the same PNG without it") {
  ll::GrayImage img(8, 8);
  for (size_t i = 0; i < img.pixels.size(); ++i) img.pixels[i] = float(i * 3);
  const std::vector<uint8_t> png = ll::encode_png(img);
  const std::string bytes(png.begin(), png.end());
  const size_t idat = bytes.find("IDAT");
  REQUIRE(idat != std::string::npos);
  // Length 0, type "IDAT", CRC-32 of "IDAT" (0x35AF061E; stb does not check it, libpng does).
  const std::string empty_idat("\0\0\0\0IDAT\x35\xAF\x06\x1E", 12);
  const std::string with_empty = bytes.substr(0, idat - 4) + empty_idat + bytes.substr(idat - 4);
  const ll::GrayImage back = ll::decode_gray(with_empty, "empty-idat.png");
  CHECK(back.pixels == img.pixels);
}
