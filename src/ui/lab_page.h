// One page per lab. The App updates only the visible page: update() does a bounded amount of
// training (the frame's budget), draw() lays out the page, metrics() returns its numbers.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ui/widgets/controls.h"
#include "ui/widgets/file_request.h"

namespace ll::ui {

class LabPage {
 public:
  virtual ~LabPage() = default;
  virtual void update(double budget_ms) = 0;
  virtual void draw() = 0;
  virtual nlohmann::json metrics() const = 0;
  // A file the user chose or dropped. Returns a message for the user (error or what happened);
  // on error the page's current state is kept.
  // Target "drop": a file dropped on the page, which goes wherever the open page takes files.
  virtual std::string load_file(std::string_view bytes, const std::string& name,
                                const std::string& target) = 0;
  // Where load_file would take this file as a data set (a target of the page's own, such as
  // "pca-dataset"), or "" when it would not: the App then opens a slow one (a zip of images)
  // between frames first (ui/dataset_store.h) and hands it over with that target.
  virtual std::string dataset_target(std::string_view bytes, const std::string& target) const {
    (void)bytes, (void)target;
    return "";
  }
  // Whether the page shows load_file's message itself (next to its Open button); otherwise
  // the App shows it at the top of the page.
  virtual bool shows_file_messages() const { return false; }
  // Control from outside the page (window.latentlab, a course page's postMessage): start or
  // pause training, or restart like the page's own Reset button. false = this lab cannot do
  // it, so the caller can say so instead of pretending it happened.
  virtual bool set_training(bool on) {
    (void)on;
    return false;
  }
  virtual bool reset() { return false; }
  // Whether the page changes by itself (training, a lab or dataset being made, an animation):
  // while none does and nobody touches the screen, the app draws nothing (an idle lab must not
  // burn a laptop's battery). Pages that say nothing are always busy.
  virtual bool busy() const { return true; }
  // The single-thread web build, between two frames: one more piece of the run the page
  // trains on the page thread (made, playing, for the page's current data), and nothing else;
  // update() in the next frame takes in the change. Returns whether it trained.
  virtual bool train_between_frames(double budget_ms) {
    (void)budget_ms;
    return false;
  }
  // Whether the page shows the drawing pad (ui/widgets/drawing_pad.h): its link then carries the
  // drawing.
  virtual bool uses_drawing_pad() const { return false; }

  // Lesson links (ui/lesson_link.h). controls(): the page's settings, or nullptr when it has
  // none. apply_link() sets them from a link, hides the named controls, restarts the run when a
  // setting changed, and returns one message per refused setting (the rest still apply).
  // link_settings(): what "copy link to this setup" writes: the settings that differ from the
  // defaults. Pages with tabs override the last two to route keys to the right tab.
  virtual Controls* controls() { return nullptr; }
  virtual std::vector<std::string> apply_link(const KeyValues& settings, const std::vector<std::string>& hide);
  virtual KeyValues link_settings();
  // What the page shows and its key numbers in a few sentences, for screen readers (the web
  // page's aria-live region; the App puts the lab's title in front). Implementations live in
  // ui/page_descriptions.cpp.
  virtual std::string describe() const { return {}; }
};

}  // namespace ll::ui
