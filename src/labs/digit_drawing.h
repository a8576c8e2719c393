// A digit a student draws, made into the kind of image the labs were trained on. MNIST's own
// recipe (LeCun, Cortes & Burges, "The MNIST database of handwritten digits"): the writer's
// strokes "size normalized to fit in a 20x20 pixel box while preserving their aspect ratio",
// with grey levels from anti-aliasing, then "centered in a 28x28 image by computing the center
// of mass of the pixels, and translating the image so as to position this point at the center
// of the 28x28 field". A model sees a drawing the way it saw its training digits, wherever on
// the pad and however large the student drew.
#pragma once
#include <string>
#include <vector>

namespace ll {

struct Stroke {
  std::vector<float> x, y;  // pad coordinates in [0, 1], y downwards; one point is a dot
};

struct Drawing {
  std::vector<Stroke> strokes;
  bool empty() const { return strokes.empty(); }
};

constexpr int kDigitSide = 28, kDigitBox = 20;
// The pen's radius in pixels of the 28 x 28 image: MNIST's strokes are 2 to 3 pixels wide.
constexpr float kPenRadius = 1.25f;

// The 28 x 28 image (row-major, 0 = background, 1 = ink, as labs/datasets.h's to_matrix gives
// MNIST): strokes scaled so their longer side, pen included, spans 20 pixels, rasterised with
// 4 x 4 samples per pixel, shifted by whole pixels to put the centre of mass at (14, 14). An
// empty drawing gives zeros.
std::vector<float> mnist_image_of(const Drawing& d);

constexpr size_t kMaxDrawingText = 4096;  // decode_drawing() refuses longer text (a hostile link)

// The drawing as short link text: points on a 64 x 64 grid, two base64url characters
// each, strokes separated by '.'. decode_drawing() reads it back (to that grid), and returns
// false on anything else, leaving `out` alone.
std::string encode_drawing(const Drawing& d);
bool decode_drawing(const std::string& text, Drawing& out);

}  // namespace ll
