// The drawing pad (issue 16, part 2): the student draws a digit with the mouse, a pen or a
// finger, and every lab that takes 28 x 28 images shows what its models make of it. One pad for
// the whole app (the App owns it), so the drawing survives a lab switch; a small drawing also
// travels in the lesson link (draw=..., labs/digit_drawing.h).
//
// The pad shows the strokes as drawn and, beside them, the 28 x 28 image the models get
// (labs/digit_drawing.h: MNIST's size normalisation and centring), since that is what their
// answers are about.
#pragma once
#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/tensor.h"
#include "gfx/gray_texture.h"
#include "labs/digit_drawing.h"

namespace ll::ui {

class DrawingPad {
 public:
  // The pad (a square `size` wide), Clear and Undo, and the model's 28 x 28 image beside it.
  // Returns true when the drawing changed this frame.
  bool draw(float size);

  bool empty() const { return drawing_.empty(); }
  // The image as the labs' models take it: 784 x 1 on [0, 1], ink = 1.
  Matrix column() const;
  // Bumps on every change: pages recompute their answers when it moves.
  int version() const { return version_; }

  // The link text when it is short enough to share (at most kMaxLinkChars), else "".
  std::string link_text() const;
  // From a link; false (drawing unchanged) when the text is not a drawing.
  bool set_from_link(const std::string& text);

  nlohmann::json metrics() const;  // strokes, points, ink (sum of the 784 values), version

  static constexpr size_t kMaxLinkChars = 600;  // a link stays under ui/lesson_link.h's 2000

 private:
  void changed();

  Drawing drawing_;
  std::vector<float> image_ = std::vector<float>(size_t(kDigitSide * kDigitSide), 0.0f);
  gfx::GrayTexture texture_;
  bool uploaded_ = false;
  bool drawing_stroke_ = false;
  int version_ = 0;
};

// One model's reconstruction of the drawing (784 x 1 on [0, 1]) in a texture, with its squared
// error against the drawing, until the next set().
class DrawingAnswer {
 public:
  void set(const Matrix& reconstruction, const Matrix& drawing);
  // The image with `title` above and its error below; nothing before the first set().
  void draw(const std::string& title, const std::string& file) const;
  double error() const { return error_; }  // sum of squared pixel differences; NAN before set()

 private:
  gfx::GrayTexture texture_;
  double error_ = NAN;
};

// Whether a data set's images are what the pad draws: 28 x 28 with ink on [0, 1].
inline bool takes_drawings(int rows, int cols, bool standardized) { return rows == kDigitSide && cols == kDigitSide && !standardized; }

// "Draw a digit" under a lab's results: a header that folds, one line saying what the lab will
// show, the pad, and beside it (below on a narrow screen) `answers`, which draws what this lab's
// models make of the drawing; `answers` runs only when the section is open and something is drawn.
void drawing_section(DrawingPad& pad, const char* what_you_see, const std::function<void()>& answers);

}  // namespace ll::ui
