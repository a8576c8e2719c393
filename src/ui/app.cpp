#include "ui/app.h"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/memory_use.h"
#include "core/parallel.h"
#include "core/utf8.h"
#include "labs/lab_catalog.h"
#include "ui/json_text.h"
#include "ui/pages/compression_page.h"
#include "ui/content_height.h"
#include "ui/widgets/export_menu.h"
#include "ui/pages/gan_page.h"
#include "ui/widgets/layout.h"
#include "ui/pages/pca_page.h"
#include "ui/pages/pretrain_page.h"
#include "gfx/image_view.h"
#include "gfx/scatter_view.h"
#include "ui/pages/placeholder_page.h"

namespace ll {

App::App(const std::string& lab_key, bool embed, const std::string& link)
    : lab_(default_lab().key), embed_(embed), build_(build_info(LL_VERSION)) {
  link_ = ui::parse_lesson_link(link);
  add_link_problems(link_.problems);
  if (link_.threads > 0) set_thread_count(link_.threads);  // threads=N; the desktop's --threads too
  if (!link_.drawing.empty()) drawing_pad.set_from_link(link_.drawing);
  const std::string key = link.empty() ? lab_key : link_.lab;  // a refused link opens the default
  if (!key.empty() && !switch_lab(key))
    notice_ = "There is no lab called '" + utf8_shortened(key, 40) + "' (labs: " + lab_keys_list() +
              "). Showing " + default_lab().title + ".";
  if (!link_.lab.empty() && link_.lab != lab_) {  // its settings were for a lab that is not here
    if (!link_.settings.empty() || !link_.hide.empty())
      add_link_problems({"the link's settings were for that lab and were ignored"});
    link_ = {};
  } else {
    link_.lab = lab_;  // a link without lab= sets up the lab that opens
  }
}

bool App::wants_frame() {
  if (settle_ > 0 || opening_file_ || (!hidden_ && page().busy())) return true;
  // A screen reader has not heard the page's last state yet (announce() waits up to 2 s).
  return on_description && describe() != described_;
}

bool App::switch_lab(const std::string& key) {
  if (!find_lab(key)) return false;
  poke();
  lab_ = key;
  notice_.clear();
  if (on_lab_changed) on_lab_changed(lab_);
  return true;
}

ui::LabPage& App::page() {
  auto& p = pages_[lab_];
  if (!p) {
    if (lab_ == "compression") p = std::make_unique<ui::CompressionPage>(file_request);
    else if (lab_ == "pca") p = std::make_unique<ui::PcaPage>(datasets, file_request, drawing_pad);
    else if (lab_ == "gan") p = std::make_unique<ui::GanPage>(datasets, file_request, drawing_pad);
    else if (lab_ == "pretraining") p = std::make_unique<ui::PretrainPage>(datasets, drawing_pad);
    else p = std::make_unique<ui::PlaceholderPage>(*find_lab(lab_));
    if (lab_ == link_.lab) {
      apply_link_to(*p, link_);
      link_ = {};
    }
  }
  return *p;
}

std::string App::load_file(std::string_view bytes, const std::string& name, const std::string& target) {
  // The name is the user's (any bytes on the desktop, a JS string on the web): it is echoed in
  // messages and JSON, so it is made valid UTF-8 and kept to one line.
  poke();
  const std::string shown = utf8_shortened(name, 80);
  const std::string dataset_target = page().dataset_target(bytes, target);
  // The student's latest data set wins, as if they had pressed Cancel (the new file's own
  // message replaces the cancel's below).
  if (!dataset_target.empty() && opening_file_) cancel_opening();
  if (!dataset_target.empty() && ui::DatasetStore::opens_in_slices(bytes)) {
    datasets.start_opening(bytes, shown);
    opening_file_ = OpeningFile{lab_, shown, dataset_target};
    return file_message_ = opening_message();
  }
  return hand_to_page(page(), bytes, shown, target);
}

std::string App::hand_to_page(ui::LabPage& p, std::string_view bytes, const std::string& name, const std::string& target) {
  const std::string message = p.load_file(bytes, name, target);
  file_message_ = p.shows_file_messages() ? "" : message;
  return message;
}

double App::open_file_slice(double budget_ms) {
  if (!opening_file_) return 0;
  const auto t0 = std::chrono::steady_clock::now();
  if (datasets.open_some(budget_ms)) {
    const OpeningFile f = *opening_file_;
    opening_file_.reset();
    hand_to_page(*pages_[f.lab], datasets.opening_bytes(), f.name, f.target);  // the page takes what was read
    datasets.end_opening();
  } else {
    file_message_ = opening_message();
  }
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

void App::cancel_opening() {
  file_message_ = "Stopped opening " + opening_file_->name + ": the tab keeps the data set it had.";
  opening_file_.reset();
  datasets.end_opening();
}

std::string App::opening_message() const {
  const auto o = datasets.opening();
  return "Opening " + o->name + (o->count ? ": " + std::to_string(o->read) + " of " + std::to_string(o->count) + " images..." : "...");
}

void App::set_page_visible(bool visible) {
  if (visible == !hidden_) return;
  poke();
  hidden_ = !visible;
  const auto now = std::chrono::steady_clock::now();
  if (hidden_) {
    hidden_since_ = now;
    return;
  }
  const double s = std::chrono::duration<double>(now - hidden_since_).count();
  if (s < 1.0) return;  // a quick glance elsewhere is not worth a message
  char buf[200];
  std::snprintf(buf, sizeof buf,
                "This page was hidden for %.0f s. Labs train only while you can see them, so nothing "
                "was trained meanwhile; everything continues from where it was.", std::round(s));
  hidden_notice_ = buf;
}

std::string App::metrics_json() {
  nlohmann::json j = {
      {"lab", lab_},
      {"embed", embed_},
      {"hidden", hidden_},
      {"hidden_notice", hidden_notice_},
      {"content_height", content_height_},
      {"built", find_lab(lab_)->built},
      {"frames", frames_},
      {"idle_frames", skipped_},  // skipped: nothing on screen would have changed
      {"busy", page().busy()},
      {"fps", ImGui::GetIO().Framerate},
      {"train_slice_ms", last_update_ms_},
      {"training_share", training_share_},  // of the wall time, over the last second
      {"train_slices", slice_stats()},  // the single-thread build's target: max <= 16 ms
      {"build", {{"version", build_.version}, {"target", build_.target}, {"simd", build_.simd},
                 {"threads", thread_count()}}},
      {"threads", thread_count()},  // the pool's threads (core/parallel.h), the caller included
      {"threaded_build", threads_available()},
      {"memory", {{"heap_in_use_bytes", heap_in_use_bytes()}, {"reserved_bytes", memory_reserved_bytes()}}},
      {"metrics", page().metrics()},
      {"link", link_query()},
      {"drawing", drawing_pad.metrics()},
      {"controls_drawn", page().controls() ? page().controls()->drawn_keys() : std::vector<std::string>{}},
      // Settings changed since the run started that wait for Reset (drawn amber).
      {"pending_settings", page().controls() ? page().controls()->pending_keys() : std::vector<std::string>{}},
      {"link_problems", link_problems_},
      {"file_message", file_message_},
      {"description", describe()},
      {"exports", ui::export_targets()},
      {"export_message", ui::export_message()},
      {"selector", selector_},
  };
  if (const auto o = datasets.opening()) j["opening_file"] = {{"name", o->name}, {"read", o->read}, {"count", o->count}};
  return ui::to_json_text(j);
}

void App::record_slice(double ms) {
  window_train_ms_ += ms;
  if (slices_ms_.size() < kSlicesKept) slices_ms_.push_back(ms);
  else slices_ms_[size_t(slices_) % kSlicesKept] = ms;  // slice i at i mod kSlicesKept
  ++slices_;
}

nlohmann::json App::slice_stats() const {
  // count: slices so far (a test takes the newest count_after - count_before of the history).
  if (slices_ms_.empty()) return {{"count", 0}, {"between_frames", 0}};
  // Oldest first.
  std::vector<double> s;
  const size_t n = slices_ms_.size(), oldest = size_t(slices_) % kSlicesKept;
  for (size_t i = 0; i < n; ++i) s.push_back(slices_ms_[n < kSlicesKept ? i : (oldest + i) % kSlicesKept]);
  nlohmann::json history = s;
  std::sort(s.begin(), s.end());
  return {{"count", slices_}, {"between_frames", slices_between_frames_}, {"median_ms", s[s.size() / 2]},
          {"p95_ms", s[(s.size() - 1) * 95 / 100]}, {"max_ms", s.back()}, {"history_ms", history}};
}

std::string App::describe() {
  std::string text = find_lab(lab_)->title + " lab.";
  const std::string page_text = page().describe();
  if (!page_text.empty()) text += " " + page_text;
  for (const std::string* n : {&notice_, &hidden_notice_, &ui::export_message()})
    if (!n->empty()) text += " " + *n;
  return text;
}

void App::announce() {
  if (!on_description) return;
  const auto now = std::chrono::steady_clock::now();
  const bool lab_changed = described_lab_ != lab_;
  if (!lab_changed && std::chrono::duration<double>(now - described_at_).count() < kDescribeEverySeconds) return;
  described_at_ = now;
  described_lab_ = lab_;
  std::string text = describe();
  if (text == described_) return;
  described_ = std::move(text);
  on_description(described_);
}

std::string App::labs_json() const {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& lab : lab_catalog())
    j.push_back({{"key", lab.key}, {"title", lab.title}, {"built", lab.built}});
  return ui::to_json_text(j);
}

void App::frame() {
  ++frames_;
  if (settle_ > 0) --settle_;
  gfx::begin_image_frame();
  gfx::begin_scatter_frame();
  ui::begin_export_frame(lab_);
  // Update: a bounded slice of training, so drawing never waits for the model.
  const auto t0 = std::chrono::steady_clock::now();
  const double opening_ms = open_file_slice(kOpenBudgetMs);
  if (!hidden_) page().update(std::max(0.0, kTrainBudgetMs - opening_ms));
  last_update_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  record_slice(last_update_ms_);
  const double window_ms = std::chrono::duration<double, std::milli>(t0 - window_start_).count();
  if (window_ms >= 1000) {
    training_share_ = window_train_ms_ / window_ms;
    window_train_ms_ = 0;
    window_start_ = t0;
  }

  // Draw. Embedded: no status bar and tighter padding, every pixel of the iframe for the lab.
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float status_h = embed_ ? 0.0f : ImGui::GetFrameHeightWithSpacing() + 4.0f;
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x, vp->WorkSize.y - status_h));
  // Keyboard navigation starts in the lab's window (ImGui would focus the last one created).
  if (frames_ == 1) ImGui::SetNextWindowFocus();
  if (embed_) ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(6.0f, 4.0f));
  ImGui::Begin("LatentLab", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings);
  draw_lab_selector();
  draw_notices();
  ImGui::Separator();
  page().draw();
  measure_content_height(status_h);
  ImGui::End();
  if (embed_) ImGui::PopStyleVar();
  else draw_status_bar(status_h);
  announce();
}

bool App::train_between_frames(double budget_ms) {
  if (opening_file_) {  // reading the student's file comes first: the run restarts with it
    open_file_slice(budget_ms);
    return !threads_available();  // with threads it is read on a thread of its own: nothing to repeat
  }
  if (hidden_) return false;
  const auto t0 = std::chrono::steady_clock::now();
  if (!page().train_between_frames(budget_ms)) return false;
  record_slice(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  ++slices_between_frames_;
  return true;
}

void App::add_link_problems(const std::vector<std::string>& problems) {
  for (const std::string& p : problems)
    if (link_problems_.size() < kMaxLinkProblems &&
        std::find(link_problems_.begin(), link_problems_.end(), p) == link_problems_.end())
      link_problems_.push_back(p);
}

namespace {
// A notice with an OK button that dismisses it (clears `text`), in amber or the normal colour.
void dismissable(const char* id, std::string& text, bool warn) {
  if (text.empty()) return;
  if (ImGui::SmallButton(id)) text.clear();
  ImGui::SameLine();
  if (warn) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.7f, 0.3f, 1.0f));
  ImGui::TextWrapped("%s", text.c_str());
  if (warn) ImGui::PopStyleColor();
}
}  // namespace

void App::draw_notices() {
  if (!notice_.empty()) ImGui::TextColored(ImVec4(1.0f, 0.7f, 0.3f, 1.0f), "%s", notice_.c_str());
  if (!link_problems_.empty()) {
    std::string text = "Parts of this page's link were ignored: ";
    const size_t shown = std::min(link_problems_.size(), kShownLinkProblems);
    for (size_t i = 0; i < shown; ++i) text += (i ? "; " : "") + link_problems_[i];
    if (shown < link_problems_.size()) text += "; and " + std::to_string(link_problems_.size() - shown) + " more";
    dismissable("OK##link", text, true);
    if (text.empty()) link_problems_.clear();
  }
  if (opening_file_) {
    // Progress, not a problem: the normal colour, a bar, and a way out of a long wait (a zip of
    // 20,000 PNGs took 1.3-2.1 s here, longer on a phone).
    if (ImGui::SmallButton("Cancel##opening")) {
      cancel_opening();
    } else {
      ImGui::SameLine();
      ImGui::TextWrapped("%s", file_message_.c_str());
      const auto o = datasets.opening();
      ImGui::ProgressBar(o->count ? float(o->read) / float(o->count) : 0.0f,
                         ImVec2(-FLT_MIN, ImGui::GetFontSize() * 0.4f), "");
    }
  }
  if (!opening_file_) dismissable("OK##file", file_message_, true);  // also in Cancel's frame
  dismissable("OK##saved", ui::export_message(), false);  // "Downloaded compression-loss.csv (1 KiB)."
  dismissable("OK##hidden", hidden_notice_, true);
}

void App::measure_content_height(float below) {
  // Stable for the course page around the lab: at least kMinContentHeight, and it only grows
  // (it jumped 713 -> 300 -> 461 px switching labs, and a lab still fitting reported 184 px).
  const int h = std::max(kMinContentHeight, int(std::ceil(ui::natural_content_height() + below)));
  // 2 px of slack: a scrollbar appearing or vanishing must not start a resize ping-pong.
  if (h < content_height_ + 2) return;
  content_height_ = h;
  if (on_content_height) on_content_height(h);
}

void App::draw_lab_selector() {
  // One line on a wide window; on a narrow one the tagline goes and the labs, Presets and Copy
  // link wrap onto further lines instead of running off the screen.
  ui::Flow flow(ImGui::GetStyle().ItemSpacing.x);
  const char* tagline = "autoencoders, PCA and GANs, trained live  |  lab:";
  if (embed_) {
    flow.next(0);
    ImGui::TextDisabled("LatentLab  |");
  } else {
    flow.next(0);
    ImGui::TextUnformatted("LatentLab");
    if (ImGui::GetContentRegionAvail().x >= kFullSelectorPx) {
      flow.next(ImGui::CalcTextSize(tagline).x);
      ImGui::TextDisabled("%s", tagline);
    }
  }
  for (const auto& lab : lab_catalog()) {
    const ImVec2 size = ImGui::CalcTextSize(lab.title.c_str());
    flow.next(size.x);
    if (ImGui::Selectable(lab.title.c_str(), lab_ == lab.key, 0, size)) switch_lab(lab.key);
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    selector_[lab.key] = {a.x, a.y, b.x, b.y};
  }
  if (!embed_) draw_link_menu(flow);
}

void App::draw_status_bar(float height) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x, vp->WorkPos.y + vp->WorkSize.y - height));
  ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x, height));
  // No inputs: a click or the keyboard must never leave the lab's window for this line of text.
  ImGui::Begin("status", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoInputs |
                                      ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoFocusOnAppearing);
  // Threaded builds train beside the frames; single-thread ones in and between them, for this
  // share of the time.
  char training[64];
  if (threads_available()) std::snprintf(training, sizeof training, "training on its own thread");
  else std::snprintf(training, sizeof training, "training %.0f%% of the time", 100 * training_share_);
  char full[320];
  std::snprintf(full, sizeof full, "%.0f fps  |  %s  |  LatentLab %s  |  %s, %d thread%s  |  memory %.0f MB  |  SIMD: %s",
                ImGui::GetIO().Framerate, training, build_.version.c_str(), build_.target.c_str(), thread_count(),
                thread_count() == 1 ? "" : "s", memory_reserved_bytes() / 1e6, build_.simd.c_str());
  // A phone: what matters, in short; the single-thread build keeps its training share, which
  // says how fast the lab trains there.
  if (ImGui::CalcTextSize(full).x > ImGui::GetContentRegionAvail().x) {
    if (threads_available())
      std::snprintf(full, sizeof full, "%.0f fps | threaded, %d thread%s | %.0f MB", ImGui::GetIO().Framerate,
                    thread_count(), thread_count() == 1 ? "" : "s", memory_reserved_bytes() / 1e6);
    else
      std::snprintf(full, sizeof full, "%.0f fps | single-thread, training %.0f%% | %.0f MB",
                    ImGui::GetIO().Framerate, 100 * training_share_, memory_reserved_bytes() / 1e6);
  }
  ImGui::TextUnformatted(full);
  ImGui::End();
}

}  // namespace ll
