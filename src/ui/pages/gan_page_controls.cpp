// The GAN page's settings as lesson-link controls (ui/widgets/controls.h): the flags of `latentlab gan`
// for the Digits tab, plus which tab opens and the 2-D tab's target, k and G loss.
#include <imgui.h>

#include "ui/pages/gan_page.h"
#include "labs/setting_limits.h"

namespace ll::ui {

void GanPage::register_controls() {
  GanConfig& p = pending_.gan;
  controls_.add(string_choice("dataset", "dataset", dataset_, {{0, "mnist", "MNIST"}, {0, "fashion", "Fashion"}}, true));
  // k and the loss also change the running game at once (draw_game_controls draws them).
  controls_.add(int_slider("k", "k: D steps/G step", p.d_steps, int(limits::kGanK.lo), int(limits::kGanK.hi)));
  controls_.add(enum_choice("gen-loss", "G loss", p.gen_loss,
                            {{int(GenLoss::Minimax), "minimax", "minimax"},
                             {int(GenLoss::NonSaturating), "nonsat", "non-saturating"}}));
  controls_.add(int_slider("latent", "latent size", p.latent, int(limits::kGanLatent.lo), int(limits::kGanLatent.hi)));
  controls_.add(enum_choice("z-dist", "z from", p.latent_dist,
                            {{int(LatentDist::Normal), "normal", "normal"},
                             {int(LatentDist::Uniform), "uniform", "uniform (-1,1)"}}));
  controls_.add(enum_choice("g-output", "G output", p.gen_output,
                            {{int(Activation::Tanh), "tanh", "tanh [-1,1]"},
                             {int(Activation::Sigmoid), "sigmoid", "sigmoid [0,1]"}}));
  controls_.add(int_slider("g-hidden", "G hidden", p.gen_hidden[0], int(limits::kGanHidden.lo), int(limits::kGanHidden.hi)));
  controls_.add(int_slider("d-hidden", "D hidden", p.disc_hidden[0], int(limits::kGanHidden.lo), int(limits::kGanHidden.hi)));
  Control opt = optimizer_choice("optimizer", "optimizer", p.d_opt.kind);
  const auto set_both = opt.set;
  opt.set = [set_both, &p](const std::string& v) {  // one optimizer for both players
    const std::string why = set_both(v);
    p.g_opt.kind = p.d_opt.kind;
    return why;
  };
  opt.draw = [&p] {
    int k = int(p.d_opt.kind);
    const bool changed = ImGui::Combo("optimizer", &k, "SGD\0momentum\0Adam\0");
    if (changed) p.d_opt.kind = p.g_opt.kind = OptimizerKind(k);
    return changed;
  };
  controls_.add(opt);
  controls_.add(float_input("lr-d", "lr D", p.d_opt.lr, float(limits::kGanLr.lo), float(limits::kGanLr.hi)));
  controls_.add(float_input("lr-g", "lr G", p.g_opt.lr, float(limits::kGanLr.lo), float(limits::kGanLr.hi)));
  controls_.add(int_slider("batch", "batch", p.batch, int(limits::kGanBatch.lo), int(limits::kGanBatch.hi)));
  controls_.add(seed_input("seed", "seed", p.seed));
  // Which tab opens (not a CLI flag: the CLI has no 2-D GAN).
  Control tab = choice("tab", "tab", tab_, {{Digits, "digits", "digits"}, {Plane, "2d", "2-D"}});
  const auto set_tab = tab.set;
  tab.set = [this, set_tab](const std::string& v) {
    const std::string why = set_tab(v);
    if (why.empty()) open_tab_ = tab_;
    return why;
  };
  controls_.add(tab);
  // The 2-D tab's target, and its game's own k and G loss (the Digits tab's are "k" and
  // "gen-loss" above): set from a link, they restart the 2-D run.
  for (Control c : {enum_choice("target", "target", pending2_.target,
                                {{int(ToyTarget::Ring), "ring", "ring of 8"},
                                 {int(ToyTarget::Grid), "grid", "grid 5x5"},
                                 {int(ToyTarget::Drawn), "drawn", "drawn"}},
                                true),
                    int_slider("k-2d", "k: D steps/G step", pending2_.gan.d_steps, int(limits::kGanK.lo), int(limits::kGanK.hi)),
                    enum_choice("gen-loss-2d", "G loss", pending2_.gan.gen_loss,
                                {{int(GenLoss::Minimax), "minimax", "minimax"},
                                 {int(GenLoss::NonSaturating), "nonsat", "non-saturating"}})}) {
    const auto set = c.set;
    c.set = [this, set](const std::string& v) {
      const std::string why = set(v);
      if (why.empty()) toy_->reset(pending2_);
      return why;
    };
    controls_.add(c);
  }
  controls_.applies_on_reset({"latent", "z-dist", "g-output", "g-hidden", "d-hidden", "optimizer", "lr-d", "lr-g", "batch", "seed"});
}

}  // namespace ll::ui
