// The pages' layout, one helper for every lab, reflowing from a 360 px phone to a 1920 px screen:
// - page_layout: controls in a column on the left and results beside them on wide windows; on
//   windows narrower than kStackBelowPx (a course column, a phone) the controls collapse into a
//   header above the results, and everything scrolls vertically, never sideways.
// - Flow: puts the next block of results beside the last one when it fits, else below it.
// - wrapped_text / wrapped_title: text that wraps instead of running past the window's edge.
#pragma once

#include <imgui.h>

#include <string>

namespace ll::ui {

// Under about 1000 px the results no longer fit beside a controls column (issue 15: results
// below the controls in a course column); a phone gets the controls collapsed at first so the
// lab's results are what it shows first.
constexpr float kStackBelowPx = 1000.0f;
constexpr float kControlsOpenFromPx = 600.0f;

// Between two sections of a page's controls (run, data, model settings, ...): a separator in the
// controls column; stacked, the sections sit side by side in as many columns as the width
// holds, so a course column shows the controls in a band a few sections high, not one long
// column above the results.
void controls_break();

namespace detail {
void begin_page_layout(const char* id, float controls_width, bool& stacked, bool& controls_open);
void end_controls(bool stacked, bool controls_open);
void between_page_parts(bool stacked, bool controls_open);
void end_page_layout();
}  // namespace detail

// Draws controls() and results() under the ID id, side by side or stacked (see above). Side by
// side, the controls get controls_width and a scrollbar beside it.
template <typename Controls, typename Results>
void page_layout(const char* id, float controls_width, Controls&& controls, Results&& results) {
  bool stacked = false, open = true;
  detail::begin_page_layout(id, controls_width, stacked, open);
  if (open) controls();
  detail::end_controls(stacked, open);
  detail::between_page_parts(stacked, open);
  results();
  detail::end_page_layout();
}

// Blocks of results in reading order: next(width) before each block (a group, an image, a plot)
// puts it on the current line if `width` still fits there, else starts a new line.
class Flow {
 public:
  explicit Flow(float spacing = 16.0f) : spacing_(spacing) {}
  void next(float width);
  void new_line() { first_ = true; }  // the next block starts a line whatever its width

 private:
  float spacing_;
  bool first_ = true;
};

// Text wrapped at the window's edge (ImGui::TextUnformatted would run past it).
void wrapped_text(const std::string& text);
// The same in the dim colour of headings and notes (ImGui::TextDisabled does not wrap: a
// controls column with its scrollbar cut "Model and optimizer (apply on Reset)").
void dim_text(const std::string& text);
// A title above a block `width` wide: wraps at the block's width (at least kTitleMinWidth, so a
// small image's title is not one word per line), or at the window's edge if that comes first.
constexpr float kTitleMinWidth = 220.0f;
void wrapped_title(const std::string& text, float width);

}  // namespace ll::ui
