// The whole LatentLab screen: lab selector, the current lab's page, the status bar.
// One App::frame() per displayed frame, the same on web and desktop; the platform layer owns
// the window, the GL context and the main loop, and calls frame() between ImGui's NewFrame and
// Render.
#pragma once
#include <array>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/build_info.h"
#include "ui/dataset_store.h"
#include "ui/widgets/drawing_pad.h"
#include "ui/lab_page.h"
#include "ui/widgets/layout.h"
#include "ui/lesson_link.h"

namespace ll {

class App {
 public:
  // Training time per frame. A 60 Hz frame lasts 16.7 ms: 14 ms of training leaves time to
  // draw with a GPU, so the UI stays at full frame rate while a lab trains.
  static constexpr double kTrainBudgetMs = 14.0;

  // `lab_key` as given by ?lab= or --lab; unknown keys open the default lab with a notice.
  // `embed` (?embed=1, --embed): the compact layout for an iframe in a course page, without
  // the title line and the status bar.
  // `link`: the page's query string (?a=b&c=d, without '?'), a lesson link (ui/lesson_link.h)
  // whose lab, preset, settings and hidden controls are applied when its lab first opens.
  explicit App(const std::string& lab_key, bool embed = false, const std::string& link = "");

  void frame();
  // A slice of training between two frames, for a lab that trains on the page thread (the
  // single-thread web build): the web platform calls it while the next frame is not due (see
  // platform_web.cpp; a hidden tab gets no frames, so its lab stops as before). Returns
  // whether it trained.
  bool train_between_frames(double budget_ms);
  // Whether the next frame would show anything new: the page is busy (training, loading), or
  // the user or the host page did something in the last kSettleFrames frames (ImGui needs a few
  // frames to settle hover and animations). When not, the platform skips the frame and the
  // screen keeps its last picture: an idle lab uses almost no CPU.
  bool wants_frame();
  void poke() { settle_ = kSettleFrames; }  // input, a resize, a call from the page or host
  void skipped_frame() { ++skipped_; }
  static constexpr int kSettleFrames = 20;

  const std::string& current_lab() const { return lab_; }
  // Returns false (and changes nothing) for an unknown key.
  bool switch_lab(const std::string& key);
  // Everything a test or a course page may want to read, as one JSON object.
  std::string metrics_json();
  std::string labs_json() const;
  // A file chosen in a picker or dropped on the window, handed to the current lab's page. A data
  // set that takes long to read (a zip of images) is read first while the page keeps drawing
  // (ui/dataset_store.h), with its progress at the top of the page; the page gets it when read.
  std::string load_file(std::string_view bytes, const std::string& name, const std::string& target);
  // A file the page refused before the lab saw it (web: too large to read); shown at the top
  // until dismissed or the next file arrives.
  void file_problem(const std::string& message) {
    file_message_ = message;
    poke();
  }
  // Start / pause / reset the current lab from outside; false = this lab cannot (yet).
  bool set_training(bool on) {
    poke();
    return page().set_training(on);
  }
  bool reset_lab() {
    poke();
    return page().reset();
  }
  // The page was hidden (another browser tab, minimized): no training until it is visible
  // again, then a notice says how long nothing was trained. Browsers also stop drawing
  // hidden tabs, but not always hidden iframes, and the student should know either way.
  void set_page_visible(bool visible);
  // Height the layout needs to show everything without scrolling inside (CSS pixels).
  int content_height() const { return content_height_; }
  // The lab's title, then what its page shows and its key numbers (LabPage::describe), then any
  // notice: the text screen readers get.
  std::string describe();

  // Set by the platform before the first frame.
  std::function<void(const std::string&)> on_lab_changed;  // web: mirrors the lab in the URL
  ui::FileRequest file_request;                             // web: opens a file picker
  std::function<void(int)> on_content_height;  // web: tells a hosting course page (iframe)
  // "Copy link to this setup": gets the link's query, copies what it can to the clipboard and
  // returns the text to show (web: the full URL; desktop: the command line).
  std::function<std::string(const std::string&)> share_link;
  // web: the page's aria-live region. Called when the lab changes, else at most every
  // kDescribeEverySeconds and only with a changed text: screen readers read every update, so
  // numbers that change each frame would never let them finish a sentence.
  std::function<void(const std::string&)> on_description;
  static constexpr double kDescribeEverySeconds = 2.0;
  ui::DatasetStore datasets;  // shared by all pages; the web sets its fetch function
  ui::DrawingPad drawing_pad;  // shared by the pages that take 28 x 28 images: survives a lab switch

 private:
  ui::LabPage& page();
  void draw_lab_selector();
  void draw_status_bar(float height);
  void draw_notices();
  void measure_content_height(float below);
  void record_slice(double ms);
  // The file being read before its page gets it (load_file): its lab, name and the page's target.
  struct OpeningFile {
    std::string lab, name, target;
  };
  std::optional<OpeningFile> opening_file_;
  // Time a frame gives to reading it; the rest of kTrainBudgetMs still trains.
  static constexpr double kOpenBudgetMs = 8.0;
  // Reads the opening file for about `budget_ms` (with threads: looks whether its thread is
  // done), then hands it to its page once read; returns the time taken (0 when none is opening).
  double open_file_slice(double budget_ms);
  std::string opening_message() const;  // "Opening digits.zip: 1200 of 20000 images..."
  // The student's Cancel while it opens: the file is dropped, the page keeps its data set.
  void cancel_opening();
  std::string hand_to_page(ui::LabPage& page, std::string_view bytes, const std::string& name, const std::string& target);
  nlohmann::json slice_stats() const;  // how long the training slices took, in frames or between
  // Lesson links (app_links.cpp): the query of this setup, the Presets menu and the Copy link
  // button with its popup, and applying a link or preset to a page.
  std::string link_query();
  void draw_link_menu(ui::Flow& flow);
  static constexpr int kMinContentHeight = 640;  // px reported to a course page, at least
  static constexpr float kFullSelectorPx = 1000.0f;  // narrower: the selector drops its tagline
  void apply_link_to(ui::LabPage& page, const ui::LessonLink& link);
  // Each problem once, at most kMaxLinkProblems kept and kShownLinkProblems on screen: a link
  // with 900 copies of a bad key must not cover the lab with warnings.
  void add_link_problems(const std::vector<std::string>& problems);
  static constexpr size_t kMaxLinkProblems = 50, kShownLinkProblems = 6;
  void announce();

  std::string lab_;
  bool embed_ = false;
  std::string notice_;  // e.g. "unknown lab 'foo'"; shown at the top of the page
  ui::LessonLink link_;           // from the URL; applied when its lab's page is created
  std::vector<std::string> link_problems_;  // what a link asked for that was ignored, and why
  std::string shared_link_;       // the last "Copy link" text, shown in its popup
  std::string hidden_notice_;  // "nothing was trained for N s while hidden", until dismissed
  bool hidden_ = false;
  std::chrono::steady_clock::time_point hidden_since_;
  int content_height_ = 0;
  std::string file_message_;  // about a file, for pages that do not show their own (top line)
  BuildInfo build_;
  std::map<std::string, std::unique_ptr<ui::LabPage>> pages_;  // created when first opened
  double last_update_ms_ = 0;  // measured length of the last frame's training slice
  // Training's share of the wall time over the last second, in frames and between them (the
  // single-thread build's status bar: a frame's own slice is only part of it).
  double training_share_ = 0, window_train_ms_ = 0;
  std::chrono::steady_clock::time_point window_start_ = std::chrono::steady_clock::now();
  std::vector<double> slices_ms_;  // the last kSlicesKept slices, in frames or between (a ring)
  static constexpr size_t kSlicesKept = 1024;  // 15 s or more: a test's or benchmark's window
  long slices_ = 0, slices_between_frames_ = 0;
  std::map<std::string, std::array<float, 4>> selector_;  // lab key -> its selector's rectangle
  std::string described_, described_lab_;  // what on_description last said, and for which lab
  std::chrono::steady_clock::time_point described_at_;
  long frames_ = 0;
  long skipped_ = 0;  // frames not drawn because nothing changed
  int settle_ = kSettleFrames;
};

}  // namespace ll
