#include "ui/theme.h"
#include "ui/dataset_status.h"
#include "ui/pages/gan_page.h"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "ui/widgets/export_menu.h"
#include "ui/widgets/image_panel.h"
#include "ui/widgets/image_strip.h"
#include "ui/pages/dataset_file_choice.h"
#include "ui/pages/lab_help.h"
#include "ui/widgets/layout.h"

namespace ll::ui {

namespace {
constexpr float kLeft = 258.0f;  // controls column: "non-saturating: max ln D(G(z))" fits
constexpr int kZoom = 2;         // grid and interpolation pixels per image pixel
constexpr float kMinResultsWidth = 240.0f;  // samples' curves and scores: narrower goes below the grid
constexpr double kSlowTickMs = 400.0;
const gfx::ImageStyle kPixels{0.0f, 255.0f, kZoom, gfx::Colormap::Gray};

std::string fmt(const char* f, double a, double b = 0, double c = 0) {
  char buf[200];
  std::snprintf(buf, sizeof buf, f, a, b, c);
  return buf;
}
}  // namespace

GanPage::GanPage(DatasetStore& datasets, FileRequest files, DrawingPad& pad)
    : datasets_(datasets), files_(std::move(files)), pad_(pad), runner_(train_and_evaluate<GanLab>(60.0)) {  // new samples several times a second
  try {
    scorer_ = std::make_shared<DigitScorer>(builtin_scorer_net());
  } catch (const std::exception& e) {
    scorer_error_ = std::string("No quality score: ") + e.what();
  }
  toy_ = std::make_unique<Gan2dLab>(pending2_);
  register_controls();
}

void GanPage::ensure_image_lab() {
  if (started_dataset_ == dataset_) return;
  const DatasetStore::Entry& e = datasets_.request(dataset_);
  if (e.state != DatasetStore::Entry::Ready) return;
  started_dataset_ = dataset_;
  controls_.applied();  // the run starts from pending_ as it is now
  runner_.start([data = e.data, settings = pending_, scorer = scorer_] {
    return std::make_unique<GanLab>(data, settings, scorer);
  });
  runner_.set_playing(!slow_);
  dirty_ = true;
}

std::string GanPage::dataset_target(std::string_view bytes, const std::string& target) const {
  return target == "gan-dataset" || (target == "drop" && tab_ == Digits && is_dataset_file(bytes)) ? "gan-dataset" : "";
}

std::string GanPage::load_file(std::string_view bytes, const std::string& name, const std::string& target) {
  if (dataset_target(bytes, target).empty())
    return name + ": the GAN lab takes a data set (IDX, .npy or a zip of images) on its Digits tab.";
  bool opened = false;
  const std::string said = open_dataset_file(datasets_, bytes, name, opened);
  if (opened) {
    dataset_ = DatasetStore::kFile;
    started_dataset_.clear();  // a new file under the same key: start again
  }
  return said;
}

KeyValues GanPage::link_settings() { return link_without_file(controls_.changed(), dataset_ == DatasetStore::kFile); }

std::string GanPage::slow_step_name(const GanRun& run) {
  // Algorithm 1 in slow motion: k discriminator steps, then one generator step, one per tick.
  const int k = run.gan().config().d_steps;
  const int phase = run.phase();
  return phase < k ? "D step " + std::to_string(phase + 1) + " of " + std::to_string(k) : "G step";
}

void GanPage::apply(GameAction a, Gan2dLab* toy) {
  const auto act = [a](auto& lab) {
    switch (a.kind) {
      case GameAction::Loss: lab.run().gan().set_gen_loss(GenLoss(a.value)); break;
      case GameAction::K: lab.run().gan().set_d_steps(a.value); break;
      case GameAction::StepD: lab.step_discriminator(); break;
      case GameAction::StepG: lab.step_generator(); break;
      case GameAction::Step: lab.step(); break;
      case GameAction::None: return;
    }
  };
  if (a.kind == GameAction::None) return;
  if (toy) {
    act(*toy);
    return;
  }
  runner_.post([act, a](GanLab& lab) {
    act(lab);
    if (a.kind >= GameAction::StepD) lab.evaluate();
  });
  dirty_ = true;
}

void GanPage::update(double budget_ms) {
  // Slow motion: one step per kSlowTickMs of wall time, whatever the frame rate.
  const auto now = std::chrono::steady_clock::now();
  const bool tick = slow_ && std::chrono::duration<double, std::milli>(now - last_tick_).count() >= kSlowTickMs;
  if (tick) last_tick_ = now;
  if (tab_ == Plane) {
    // The 2-D game trains here, on the UI thread, in slices of at most 3 ms: a thread would
    // gain nothing on models this small.
    if (toy_->empty_target()) return;
    if (slow_) {
      if (tick) {
        last_step_ = slow_step_name(toy_->run());
        apply({GameAction::Step}, toy_.get());
      }
    } else if (playing2_ && !toy_->done()) {
      // A few iterations per frame, not the whole budget: at full speed the 2-D game is over in
      // seconds, too fast to watch D's landscape move.
      toy_->train(std::min(budget_ms, 3.0));
    }
    toy_->evaluate();  // 4,096 + 512 tiny forward passes: every frame
    return;
  }
  ensure_image_lab();
  if (slow_ && runner_.playing()) runner_.set_playing(false);  // slow motion steps by ticks instead
  if (runner_.update(budget_ms)) dirty_ = true;
  if (slow_ && tick && lab()) {
    last_step_ = slow_step_name(lab()->run());
    apply({GameAction::Step}, nullptr);
  }
}

bool GanPage::set_training(bool on) {
  slow_ = false;  // start means full speed, and pause must stop slow motion's steps too
  if (tab_ == Plane) playing2_ = on;
  else runner_.set_playing(on);
  return true;
}

bool GanPage::reset() {
  if (tab_ == Plane) {
    toy_->reset(pending2_);
    playing2_ = true;
  } else if (lab()) {  // before the dataset arrives there is nothing to reset
    controls_.applied();
    runner_.post([settings = pending_](GanLab& lab) { lab.reset(settings); });
    runner_.set_playing(true);
    dirty_ = true;
  }
  return true;
}

nlohmann::json GanPage::metrics() const {
  nlohmann::json j = {{"built", true}, {"tab", tab_ == Digits ? "digits" : "2d"}, {"slow_motion", slow_},
                      {"dataset", dataset_}, {"playing", runner_.playing()}, {"toy", toy_->metrics()}};
  j["image"] = lab() ? lab()->metrics() : nlohmann::json(nullptr);
  j["training_thread"] = runner_.threaded();
  if (!runner_.error().empty()) j["error"] = runner_.error();
  if (!scorer_error_.empty()) j["scorer_error"] = scorer_error_;
  j["drawing_d"] = drawing_d_;  // D(x) of the drawing; null before one is answered
  return j;
}

void GanPage::draw() {
  if (ImGui::BeginTabBar("gan_tabs")) {
    // A link's tab is selected once, on the first draw after it was set.
    const auto select = [this](int tab) { return open_tab_ == tab ? ImGuiTabItemFlags_SetSelected : 0; };
    // Short names on a phone, where ImGui would cut the long ones ("Digits: G and D on i...");
    // "###" keeps each tab's ID whatever it shows.
    const bool narrow = ImGui::GetContentRegionAvail().x < kStackBelowPx * 0.6f;
    if (ImGui::BeginTabItem(narrow ? "Digits###digits" : "Digits: G and D on images###digits", nullptr, select(Digits))) {
      tab_ = Digits;
      draw_digits();
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(narrow ? "2-D GAN###plane" : "2-D GAN: see D over the plane###plane", nullptr, select(Plane))) {
      tab_ = Plane;
      draw_plane_tab();
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
    open_tab_ = -1;
  }
}

GanPage::GameAction GanPage::draw_game_controls(const GanRun& run, bool& playing, GanConfig& pending, GameKeys keys) {
  GameAction action;
  const GanConfig& c = run.gan().config();
  dim_text("The game (applies at once)");
  int loss = int(c.gen_loss);
  bool changed = false;
  if (!controls_.hidden(keys.loss)) {
    changed |= ImGui::RadioButton("minimax: min ln(1 - D(G(z)))", &loss, int(GenLoss::Minimax));
    changed |= ImGui::RadioButton("non-saturating: max ln D(G(z))", &loss, int(GenLoss::NonSaturating));
  }
  if (changed) action = {GameAction::Loss, int(pending.gen_loss = GenLoss(loss))};
  dim_text("Early on D rejects fakes easily, D(G(z)) ~ 0, where ln(1 - D) is flat: "
           "minimax gives G almost no gradient, while ln D is steep there, so the "
           "non-saturating form learns faster (Goodfellow et al. 2014, sec. 3).");
  int k = c.d_steps;
  ImGui::SetNextItemWidth(100);
  if (!controls_.hidden(keys.k) && ImGui::SliderInt("k: D steps/G step", &k, 1, 10))
    action = {GameAction::K, pending.d_steps = k};
  if (ImGui::Button(playing ? "Pause" : "Train", ImVec2(60, 0))) playing = !playing;
  ImGui::SameLine();
  if (ImGui::Button("Step D", ImVec2(60, 0))) {
    playing = false;
    action = {GameAction::StepD};
    last_step_ = "D step";
  }
  ImGui::SameLine();
  if (ImGui::Button("Step G", ImVec2(60, 0))) {
    playing = false;
    action = {GameAction::StepG};
    last_step_ = "G step";
  }
  // The note goes below when the row is too wide for the column.
  Flow slow_row(ImGui::GetStyle().ItemSpacing.x);
  slow_row.next(0);
  ImGui::Checkbox("slow motion", &slow_);
  const char* pace = "(one step per 0.4 s)";
  slow_row.next(ImGui::CalcTextSize(pace).x);
  ImGui::TextDisabled("%s", pace);
  if (slow_ || !playing) ImGui::TextDisabled("last: %s", last_step_.empty() ? "-" : last_step_.c_str());
  ImGui::Text("iteration %lld: %lld D, %lld G steps", (long long)run.iteration(), (long long)run.d_steps(),
              (long long)run.g_steps());
  ImGui::Text("%.1f iterations/s, %.0f s", run.iterations_per_second(), run.train_seconds());
  if (run.diverged()) warning_text(run.status().c_str());
  return action;
}

void GanPage::draw_digits() {
  ensure_image_lab();
  page_layout("gan", kLeft, [&] { draw_digit_controls(); }, [&] {
    lab_help("gan");
    if (lab()) draw_digit_results();
    else dataset_or_status(datasets_, dataset_);
  });
}

void GanPage::draw_digit_controls() {
  const GanConfig& c = pending_.gan;
  ImGui::TextWrapped("G: %d-%d-784 (%s), D: 784-%d-1 (sigmoid), batch %d", c.latent, c.gen_hidden[0],
                     activation_name(c.gen_output), c.disc_hidden[0], c.batch);
  ImGui::SetNextItemWidth(120);
  controls_.draw("dataset");
  if (dataset_file_choice(datasets_, files_, dataset_, "gan-dataset")) dataset_ = DatasetStore::kFile;
  if (lab()) {
    ImGui::ProgressBar(float(double(lab()->run().iteration()) / double(lab()->settings().max_iterations)),
                       ImVec2(-1, 0), fmt("%.0f / %.0f iterations", double(lab()->run().iteration()),
                                          double(lab()->settings().max_iterations)).c_str());
    bool playing = runner_.playing();
    apply(draw_game_controls(lab()->run(), playing, pending_.gan, {"k", "gen-loss"}), nullptr);
    if (playing != runner_.playing()) {  // Train leaves slow motion; Pause and Step stop training
      runner_.set_playing(playing);
      if (playing) slow_ = false;
    }
  }
  if (!runner_.error().empty()) warning_text(("Settings not applied: " + runner_.error()).c_str());
  controls_break();
  dim_text("Model and optimizer (apply on Reset)");
  ImGui::PushItemWidth(110);
  for (const char* key : {"latent", "z-dist", "g-output", "g-hidden", "d-hidden", "optimizer", "lr-d", "lr-g", "batch", "seed"})
    controls_.draw(key);
  ImGui::PopItemWidth();
  draw_pending_note(controls_);
  if (ImGui::Button("Reset", ImVec2(-1, 0))) reset();
  if (!scorer_error_.empty()) ImGui::TextWrapped("%s", scorer_error_.c_str());
}

void GanPage::refresh_textures() {
  const int rows = lab()->data().rows, cols = lab()->data().cols;  // a student's images need not be square
  grid_tex_.upload(tile_columns(lab()->grid(), rows, cols, GanLab::kGrid, 255.0f));
  interp_tex_.upload(tile_columns(lab()->interpolation(), rows, cols, GanLab::kInterp, 255.0f));
  nearest_ = lab()->nearest_training_image(chosen_);
  chosen_tex_.upload(tile_columns(lab()->grid().col(chosen_), rows, cols, 1, 255.0f));
  nearest_tex_.upload(tile_columns(nearest_.image, rows, cols, 1, 255.0f));
  dirty_ = false;
}

void GanPage::draw_digit_results() {
  if (dirty_) refresh_textures();
  const int rows = lab()->data().rows, cols = lab()->data().cols;
  const float grid = float(grid_tex_.width()) * gfx::texel_size(kPixels, grid_tex_.width(), ImGui::GetContentRegionAvail().x);
  Flow flow;
  flow.next(grid);
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::max(grid, kTitleMinWidth));
  ImGui::Text("G(z) for 64 fixed z, iteration %lld", (long long)lab()->run().iteration());
  ImGui::TextDisabled("left-click: choose a sample (and the interpolation start); right-click: the end");
  ImGui::PopTextWrapPos();
  const float texel = gfx::image(grid_tex_, kPixels);
  const float pitch_x = float(cols + kTileGap) * texel, pitch_y = float(rows + kTileGap) * texel;
  const ImVec2 r0 = ImGui::GetItemRectMin();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  auto cell_rect = [&](int cell, ImU32 col) {
    const ImVec2 a(r0.x + float(cell % GanLab::kGrid) * pitch_x - 1, r0.y + float(cell / GanLab::kGrid) * pitch_y - 1);
    dl->AddRect(a, ImVec2(a.x + float(cols) * texel + 2, a.y + float(rows) * texel + 2), col);
  };
  cell_rect(lab()->interpolation_to(), IM_COL32(80, 160, 255, 255));
  cell_rect(chosen_, IM_COL32(255, 200, 60, 255));
  if (ImGui::IsItemHovered() && (ImGui::IsMouseClicked(0) || ImGui::IsMouseClicked(1))) {
    const ImVec2 m = ImGui::GetMousePos();
    const int cx = std::clamp(int((m.x - r0.x) / pitch_x), 0, GanLab::kGrid - 1);
    const int cy = std::clamp(int((m.y - r0.y) / pitch_y), 0, GanLab::kGrid - 1);
    const int cell = cy * GanLab::kGrid + cx;
    const int from = ImGui::IsMouseClicked(0) ? cell : lab()->interpolation_from();
    const int to = ImGui::IsMouseClicked(0) ? lab()->interpolation_to() : cell;
    if (ImGui::IsMouseClicked(0)) chosen_ = cell;
    runner_.post([from, to](GanLab& lab) { lab.set_interpolation(from, to); });
    dirty_ = true;
  }
  // Right-click on the grid picks the interpolation's end, so the grid is saved by a button.
  if (ImGui::SmallButton("Save grid as PNG")) save_image_png(grid_tex_, kPixels, export_file_name("samples-grid", ".png"));
  std::vector<std::string> captions;
  for (int i = 0; i < GanLab::kInterp; ++i) captions.push_back(fmt("t=%.1f", i / double(GanLab::kInterp - 1)));
  image_strip(interp_tex_, kPixels,
              fmt("Latent interpolation G((1-t) z_a + t z_b), a = sample %.0f (yellow), b = sample %.0f (blue)",
                  lab()->interpolation_from(), lab()->interpolation_to()),
              cols, GanLab::kInterp, captions);
  ImGui::EndGroup();
  flow.next(kMinResultsWidth);
  ImGui::BeginGroup();
  const gfx::ImageStyle big{0.0f, 255.0f, 3, gfx::Colormap::Gray};
  Flow pair(10);
  pair.next(84);
  image_panel(chosen_tex_, big, fmt("Sample %.0f", chosen_), "generated");
  pair.next(ImGui::CalcTextSize("Nearest training image").x);
  image_panel(nearest_tex_, big, "Nearest training image", fmt("#%.0f", nearest_.index));
  pair.next(140);
  ImGui::BeginGroup();
  ImGui::Dummy(ImVec2(0, ImGui::GetTextLineHeight()));
  ImGui::Text("RMS pixel distance\n%.3f (on [0, 1])", nearest_.rms);
  ImGui::TextDisabled("Is G copying?\nA distance near 0\nwould say so.");
  ImGui::EndGroup();
  const float w = std::max(kMinResultsWidth, ImGui::GetContentRegionAvail().x);
  draw_curves(lab()->run(), w);
  draw_scores(w);
  ImGui::EndGroup();
  draw_drawing_answer();
}

void GanPage::draw_drawing_answer() {
  const Dataset& d = lab()->data();
  if (!takes_drawings(d.rows, d.cols, false)) return;
  // D keeps changing while the game runs: ask again at each new iteration.
  const int64_t it = lab()->run().iteration();
  if (pad_.version() != answered_version_ || it != answered_iteration_) {
    drawing_d_ = pad_.empty() ? NAN : double(lab()->discriminate_unit(pad_.column())(0, 0));
    answered_version_ = pad_.version(), answered_iteration_ = it;
  }
  ImGui::NewLine();
  drawing_section(pad_, "Draw a digit: does the discriminator think it is a real image (D near 1) or one of G's (near 0)?", [&] {
    ImGui::Text("D(your digit) = %.3f", drawing_d_);
    ImGui::TextDisabled("at iteration %lld", (long long)it);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::min(260.0f, ImGui::GetContentRegionAvail().x));
    ImGui::TextWrapped(drawing_d_ > 0.5 ? "D calls it real." : "D calls it fake.");
    ImGui::TextDisabled("Near equilibrium D says about 1/2 to everything, real or not.");
    ImGui::PopTextWrapPos();
  });
}

}  // namespace ll::ui
