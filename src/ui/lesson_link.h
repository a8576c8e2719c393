// Lesson links: a lab's whole setup in its URL, so an instructor can link "this experiment,
// these settings" from a course page:
//   ?lab=compression&hidden=16&optimizer=momentum&lr=0.5&seed=3
//   ?preset=gan-k1            a named setup of a lecture experiment (ui/presets.h)
//   ?hide=lr,seed             controls the student should not see
//   ?threads=2                threads for training (the page shell loads the single-thread
//                             build for threads=1)
//   ?maxdpr=3                 the canvas' pixels per CSS pixel at most (1 to 4, default 2;
//                             the page shell applies it, src/platform/pixel_ratio.js)
//   ?draw=IjJkMz.Pm           a drawn digit for the drawing pad (labs/digit_drawing.h)
// Keys other than lab/preset/hide/embed/threads/maxdpr/draw are a page's settings (ui/widgets/controls.h), spelled like the
// CLI's flags. Nothing from a link is ever executed: values are parsed as numbers or matched
// against known names, and whatever is refused is reported, never half-applied.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "ui/widgets/controls.h"

namespace ll::ui {

constexpr size_t kMaxLinkLength = 2000;  // longer queries are ignored as a whole

struct LessonLink {
  std::string lab;                    // "" when the link names none
  std::string preset;
  std::vector<std::string> hide;
  int threads = 0;                    // threads=N (1..64), 0 when the link names none
  std::string drawing;                // draw=TEXT, checked by decode_drawing; "" when none
  KeyValues settings;                 // a preset's values first, then the link's own
  std::vector<std::string> problems;  // what was ignored and why, for the page to show
};

// `query` without the leading '?'; percent-escapes and '+' are decoded.
LessonLink parse_lesson_link(std::string_view query);
// The query of a link to this setup (without '?'), keys and values percent-encoded.
std::string lesson_link_query(const std::string& lab, const KeyValues& settings,
                              const std::vector<std::string>& hide, const std::string& drawing = "");

}  // namespace ll::ui
