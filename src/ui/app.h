// The whole LatentLab screen: lab selector, the current lab's page, the status bar.
// One App::frame() per displayed frame, the same on web and desktop; the platform layer owns
// the window, the GL context and the main loop, and calls frame() between ImGui's NewFrame and
// Render.
#pragma once
#include <functional>
#include <memory>
#include <string>

#include "core/build_info.h"
#include "core/gray_image.h"
#include "gfx/gray_texture.h"
#include "gfx/image_view.h"

namespace ll {

class App {
 public:
  // `lab_key` as given by ?lab= or --lab; unknown keys open the default lab with a notice.
  explicit App(const std::string& lab_key);

  void frame();

  const std::string& current_lab() const { return lab_; }
  // Returns false (and changes nothing) for an unknown key.
  bool switch_lab(const std::string& key);
  // Everything a test or a course page may want to read, as one JSON object.
  std::string metrics_json() const;
  std::string labs_json() const;

  // Called after every lab switch (the web platform mirrors it into the URL).
  std::function<void(const std::string&)> on_lab_changed;

 private:
  void draw_lab_selector();
  void draw_lab_page();
  void draw_image_preview();
  void draw_status_bar(float height);

  std::string lab_;
  std::string notice_;      // e.g. "unknown lab 'foo'"; shown once at the top of the page
  BuildInfo build_;
  GrayImage preview_;       // camera, 256x256: the image the compression lab will code
  gfx::GrayTexture preview_tex_;
  gfx::ImageStyle preview_style_;
  long frames_ = 0;
};

}  // namespace ll
