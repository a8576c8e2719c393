// The whole LatentLab screen: lab selector, the current lab's page, the status bar.
// One App::frame() per displayed frame, the same on web and desktop; the platform layer owns
// the window, the GL context and the main loop, and calls frame() between ImGui's NewFrame and
// Render.
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "core/build_info.h"
#include "ui/dataset_store.h"
#include "ui/lab_page.h"

namespace ll {

class App {
 public:
  // Training time per frame. A 60 Hz frame lasts 16.7 ms: 14 ms of training leaves time to
  // draw with a GPU, so the UI stays at full frame rate while a lab trains.
  static constexpr double kTrainBudgetMs = 14.0;

  // `lab_key` as given by ?lab= or --lab; unknown keys open the default lab with a notice.
  explicit App(const std::string& lab_key);

  void frame();

  const std::string& current_lab() const { return lab_; }
  // Returns false (and changes nothing) for an unknown key.
  bool switch_lab(const std::string& key);
  // Everything a test or a course page may want to read, as one JSON object.
  std::string metrics_json();
  std::string labs_json() const;
  // A file chosen in a picker or dropped on the window, handed to the current lab's page.
  std::string load_file(std::string_view bytes, const std::string& name, const std::string& target);

  // Set by the platform before the first frame.
  std::function<void(const std::string&)> on_lab_changed;  // web: mirrors the lab in the URL
  ui::FileRequest file_request;                             // web: opens a file picker
  ui::DatasetStore datasets;  // shared by all pages; the web sets its fetch function

 private:
  ui::LabPage& page();
  void draw_lab_selector();
  void draw_status_bar(float height);

  std::string lab_;
  std::string notice_;  // e.g. "unknown lab 'foo'"; shown at the top of the page
  std::string file_message_;
  BuildInfo build_;
  std::map<std::string, std::unique_ptr<ui::LabPage>> pages_;  // created when first opened
  double last_update_ms_ = 0;  // measured length of the last training slice
  long frames_ = 0;
};

}  // namespace ll
