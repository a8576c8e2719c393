#include "ui/widgets/run_clock.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ll::ui {

namespace {
constexpr double kMaxFrameGap = 0.25;  // longer gaps (hidden tab, paused, idle) are not counted
constexpr double kWindow = 10.0;       // seconds of history behind the estimate
constexpr double kMinWindow = 2.0;     // no estimate from less
}  // namespace

void RunClock::reset() {
  has_last_ = false;
  elapsed_ = 0.0;
  history_.clear();
}

void RunClock::update(double progress, bool running) {
  const Clock::time_point now = Clock::now();
  if (running && has_last_) elapsed_ += std::min(kMaxFrameGap, std::chrono::duration<double>(now - last_).count());
  last_ = now;
  has_last_ = running;
  if (!running) return;
  history_.emplace_back(elapsed_, progress);
  while (history_.size() > 2 && history_.front().first < elapsed_ - kWindow) history_.pop_front();
}

double RunClock::eta_seconds() const {
  if (history_.size() < 2) return -1;
  const auto& [t0, p0] = history_.front();
  const auto& [t1, p1] = history_.back();
  if (t1 - t0 < kMinWindow || p1 <= p0) return -1;
  return (1.0 - p1) * (t1 - t0) / (p1 - p0);
}

std::string RunClock::format(double seconds) {
  char buf[48];
  const double s = std::max(0.0, std::round(seconds));
  if (s < 60) std::snprintf(buf, sizeof buf, "%.0f s", s);
  else std::snprintf(buf, sizeof buf, "%.0f min %.0f s", std::floor(s / 60), std::fmod(s, 60));
  return buf;
}

std::string RunClock::describe(bool done, bool running) const {
  if (done) return "finished in " + format(elapsed_);
  if (!running) return "paused after " + format(elapsed_);
  const double eta = eta_seconds();
  return format(elapsed_) + " so far, " + (eta >= 0 ? "about " + format(eta) + " left" : "estimating time left...");
}

void RunClock::draw(bool done, bool running) const {
  const float top = ImGui::GetCursorPosY();
  const std::string text = describe(done, running);
  ImGui::TextWrapped("%s", text.c_str());
  const float used = ImGui::GetCursorPosY() - top, two = 2 * ImGui::GetTextLineHeightWithSpacing();
  if (used < two) ImGui::Dummy(ImVec2(0, two - used - ImGui::GetStyle().ItemSpacing.y));
}

}  // namespace ll::ui
