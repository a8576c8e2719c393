// A student's drawing made into an MNIST-like image (labs/digit_drawing.h): the 20 x 20 box with
// the aspect ratio kept, anti-aliased grey, the centre of mass at (14, 14), the same image
// wherever and however large the student drew, and the link text read back.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "labs/digit_drawing.h"

using namespace ll;

namespace {

Stroke line(float ax, float ay, float bx, float by, int points = 20) {
  Stroke s;
  for (int i = 0; i < points; ++i) {
    const float t = float(i) / float(points - 1);
    s.x.push_back(ax + t * (bx - ax));
    s.y.push_back(ay + t * (by - ay));
  }
  return s;
}

struct Ink {
  int x0 = 99, y0 = 99, x1 = -1, y1 = -1;
  double mass = 0, cx = 0, cy = 0;
  bool grey = false;  // some pixel strictly between 0 and 1
};

Ink measure(const std::vector<float>& img) {
  Ink k;
  for (int y = 0; y < kDigitSide; ++y)
    for (int x = 0; x < kDigitSide; ++x) {
      const float g = img[size_t(y * kDigitSide + x)];
      if (g <= 0) continue;
      k.x0 = std::min(k.x0, x), k.x1 = std::max(k.x1, x), k.y0 = std::min(k.y0, y), k.y1 = std::max(k.y1, y);
      k.mass += g, k.cx += g * (x + 0.5), k.cy += g * (y + 0.5);
      k.grey = k.grey || g < 1;
    }
  k.cx /= k.mass, k.cy /= k.mass;
  return k;
}

}  // namespace

TEST_CASE("an empty drawing is a blank image") {
  const std::vector<float> img = mnist_image_of(Drawing{});
  REQUIRE(img.size() == 784);
  for (float g : img) CHECK(g == 0.0f);
}

TEST_CASE("a '7' fits the 20 x 20 box, keeps its shape and has its centre of mass at the centre") {
  Drawing seven{{line(0.3f, 0.2f, 0.6f, 0.2f), line(0.6f, 0.2f, 0.4f, 0.8f)}};  // 0.3 wide, 0.6 tall
  const Ink k = measure(mnist_image_of(seven));
  CHECK(k.y1 - k.y0 + 1 == 20);                    // the longer side spans the box
  CHECK(k.x1 - k.x0 + 1 >= 11);                    // half as wide, plus the pen: 2.5 + 17.5 / 2
  CHECK(k.x1 - k.x0 + 1 <= 13);
  CHECK(std::abs(k.cx - 14.0) <= 0.5);             // whole-pixel shifts: within half a pixel
  CHECK(std::abs(k.cy - 14.0) <= 0.5);
  CHECK(k.grey);                                   // anti-aliased edges
  CHECK(k.mass > 40);                              // strokes 2-3 pixels wide over ~30 pixels
  CHECK(k.mass < 110);
}

TEST_CASE("the same digit drawn small in a corner or large in the middle gives the same image") {
  auto digit = [](float x, float y, float size) {
    return Drawing{{line(x, y, x + size, y), line(x + size, y, x + size * 0.4f, y + size * 2)}};
  };
  const std::vector<float> small = mnist_image_of(digit(0.05f, 0.05f, 0.1f));
  const std::vector<float> large = mnist_image_of(digit(0.25f, 0.1f, 0.4f));
  // Equal up to rounding: a sample exactly on the pen's edge may fall either way (1/16 of a pixel).
  double most = 0, total = 0;
  for (size_t i = 0; i < small.size(); ++i) {
    most = std::max(most, double(std::abs(small[i] - large[i])));
    total += std::abs(small[i] - large[i]);
  }
  CHECK(most <= 1.0 / 16 + 1e-6);
  CHECK(total <= 0.5);
}

TEST_CASE("a dot and a straight '1' stay inside the field") {
  Stroke dot;
  dot.x = {0.9f}, dot.y = {0.1f};
  const Ink d = measure(mnist_image_of(Drawing{{dot}}));
  CHECK(d.mass > 3);
  CHECK(std::abs(d.cx - 14.0) <= 0.5);
  const Ink one = measure(mnist_image_of(Drawing{{line(0.5f, 0.1f, 0.5f, 0.9f)}}));
  CHECK(one.y1 - one.y0 + 1 == 20);
  CHECK(one.x1 - one.x0 + 1 <= 4);
  CHECK(std::abs(one.cx - 14.0) <= 0.5);
}

TEST_CASE("link text: short, read back on its 64 x 64 grid, anything else refused") {
  Drawing seven{{line(0.3f, 0.2f, 0.6f, 0.2f), line(0.6f, 0.2f, 0.4f, 0.8f)}};
  const std::string text = encode_drawing(seven);
  CHECK(text.size() < 90);  // repeats on the grid are dropped
  Drawing back;
  REQUIRE(decode_drawing(text, back));
  REQUIRE(back.strokes.size() == 2);
  CHECK(encode_drawing(back) == text);
  CHECK(std::abs(back.strokes[1].y.back() - 0.8f) <= 0.5f / 63);
  Drawing kept = seven;
  for (const std::string& bad : std::vector<std::string>{"", "A", "AB.", ".AB", "AB..CD", "A!", "ABC", std::string(5000, 'A')}) {
    INFO("text: ", bad.substr(0, 20));
    CHECK_FALSE(decode_drawing(bad, kept));
  }
  CHECK(kept.strokes.size() == 2);  // left alone
}
