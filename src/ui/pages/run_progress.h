// The top of a long lab's controls: its progress bar (named by the phase), the wall clock, and
// one Train / Pause / Done button. The deep autoencoder and pretraining labs share it: both run
// through phases (RBM layers, then fine-tuning) that a student starts, pauses and waits for.
#pragma once
#include <imgui.h>

#include "ui/lab_runner.h"
#include "ui/widgets/run_clock.h"

namespace ll::ui {

// Leaves the cursor after the button on its line, for the page's Reset.
template <class Lab>
void draw_run_progress(const Lab& lab, LabRunner<Lab>& runner, RunClock& clock) {
  ImGui::ProgressBar(float(lab.progress()), ImVec2(-1, 0), lab.phase_name().c_str());
  clock.update(lab.progress(), runner.playing() && !lab.done());
  clock.draw(lab.done(), runner.playing());
  const char* label = lab.done() ? "Done" : runner.playing() ? "Pause" : "Train";
  if (ImGui::Button(label, ImVec2(70, 0)) && !lab.done()) runner.set_playing(!runner.playing());
  ImGui::SameLine();
}

}  // namespace ll::ui
