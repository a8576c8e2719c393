// The Compression page's settings as lesson-link controls (ui/widgets/controls.h).
#include <imgui.h>

#include <algorithm>

#include "labs/image_io.h"
#include "labs/setting_limits.h"
#include "ui/pages/compression_page.h"

namespace ll::ui {

// Keys are the flags of `latentlab compress`.
void CompressionPage::register_controls() {
  controls_.add(int_slider("hidden", "code size", pending_.hidden, int(limits::kCompressHidden.lo), int(limits::kCompressHidden.hi)));
  controls_.add(optimizer_choice("optimizer", "optimizer", pending_.optimizer));
  controls_.add(float_input("lr", "learn rate", pending_.lr, float(limits::kCompressLr.lo), float(limits::kCompressLr.hi)));
  controls_.add(int_slider("batch", "batch", pending_.batch, int(limits::kCompressBatch.lo), int(limits::kCompressBatch.hi)));
  controls_.add(seed_input("seed", "seed", pending_.seed));
  Control samples{"samples",
                  [this] {  // shown in millions of frames, set in frames like the CLI
                    float millions = float(pending_.samples / 1e6);
                    const bool changed = ImGui::SliderFloat("frames (M)", &millions, 0.1f, 20.0f, "%.1f");
                    if (changed) pending_.samples = std::max<int64_t>(1000, int64_t(millions * 1e6));
                    return changed;
                  },
                  [this] { return std::to_string(pending_.samples); },
                  [this](const std::string& v) {
                    long long n = 0;
                    const std::string why = parse_whole(v, 1000, 20000000, n);
                    if (why.empty()) pending_.samples = n;
                    return why;
                  },
                  ""};
  controls_.add(samples);
  Control noise = int_slider("noise-bits", "noise bits", pending_.noise_bits, int(limits::kCompressNoiseBits.lo), int(limits::kCompressNoiseBits.hi));
  noise.draw = [this] {
    const bool changed = ImGui::SliderInt("noise bits", &pending_.noise_bits, 0, 8, pending_.noise_bits ? "%d" : "off");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Training adds uniform noise of this rounding step to the code for the first\n"
                        "80%% of frames, so the net learns codes that survive rounding.");
    return changed;
  };
  controls_.add(noise);
  // What the panels show (not training settings: they apply at once, also from a link).
  Control show = choice("show", "##show", method_, {{AE, "autoencoder", "autoencoder"}, {PCA, "pca", "PCA"}, {JPEG, "jpeg", "JPEG"}});
  show.draw = [this] {
    bool changed = ImGui::RadioButton("autoencoder", &method_, AE);
    changed |= ImGui::RadioButton("PCA", &method_, PCA);
    ImGui::SameLine();
    changed |= ImGui::RadioButton("JPEG", &method_, JPEG);
    return changed;
  };
  controls_.add(show);
  controls_.add(checkbox("error-images", "error images", show_error_));
  controls_.add(image_control("image", "trained", trained_choice_));
  controls_.add(image_control("new-image", "new", new_choice_));
  controls_.applies_on_reset({"hidden", "optimizer", "lr", "batch", "seed", "samples", "noise-bits"});
}

// A built-in image by name (a link cannot name a user's file: such a choice is left out of it).
Control CompressionPage::image_control(const std::string& key, const char* target, int& choice) {
  Control c{key, [this, target, &choice] {
              draw_image_choice(target, target, choice);
              return false;
            },
            [this, &choice] { return choice >= 0 ? builtin_[size_t(choice)] : std::string(); }, nullptr, ""};
  c.set = [this, target, &choice](const std::string& v) -> std::string {
    for (size_t i = 0; i < builtin_.size(); ++i)
      if (builtin_[i] == v) {
        choice = int(i);
        set_image(target, builtin_lab_image(v));
        return "";
      }
    std::string names;
    for (const std::string& b : builtin_) names += (names.empty() ? "" : ", ") + b;
    return "must be one of " + names;
  };
  return c;
}

}  // namespace ll::ui
