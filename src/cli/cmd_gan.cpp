// `latentlab gan`: the GAN lab, headless. Trains exactly as the web lab does (same seed, same
// numbers up to float rounding), prints the curves and the quality score over training, and
// with --out writes sample grids as PNG and M samples as raw uint8 for external scorers.
// `latentlab train-scorer`: trains the digit classifier the score uses (docs/gan.md).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/data_flags.h"
#include "core/model_io.h"
#include "labs/compression_lab.h"  // optimizer_from_key
#include "labs/gan_lab.h"
#include "labs/image_io.h"

namespace ll::cli {

namespace {

struct GanArgs {
  DataFlags data;
  std::string gen_loss = "nonsat", optimizer = "adam", out, scorer;
  int64_t iters = 10000;
  int k = 1, samples = 2000, score_every = 500, latent = 0, batch = 64;
  float lr_d = 0, lr_g = 0;
  uint64_t seed = 1;
  bool json = false;
};

void write_samples(GanLab& lab, const std::string& dir, int m, uint64_t seed) {
  Rng rng(seed, 123);
  Gan& g = lab.run().gan();
  const Matrix X = lab.to_unit(g.generate(g.sample_latent(m, rng)));
  std::vector<uint8_t> bytes(size_t(X.size()));
  for (Index i = 0; i < X.size(); ++i)  // column j is sample j: row-major M x 784 on disk
    bytes[size_t(i)] = uint8_t(std::lround(255.0f * std::clamp(X.data()[i], 0.0f, 1.0f)));
  std::ofstream(dir + "/samples.u8", std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
}

void run_gan(const GanArgs& a) {
  const std::shared_ptr<const Dataset> loaded = load_data(a.data);
  const Dataset& data = *loaded;
  GanLabSettings s;
  GanConfig& c = s.gan;
  c.gen_loss = gen_loss_from_key(a.gen_loss);
  c.d_steps = a.k;
  c.seed = a.seed;
  c.batch = a.batch;
  if (a.latent > 0) c.latent = a.latent;
  c.d_opt.kind = c.g_opt.kind = optimizer_from_key(a.optimizer);
  if (a.lr_d > 0) c.d_opt.lr = a.lr_d;
  if (a.lr_g > 0) c.g_opt.lr = a.lr_g;
  s.max_iterations = a.iters;
  s.score_every = a.score_every;
  s.score_samples = a.samples;
  std::shared_ptr<DigitScorer> scorer;
  if (!a.data.from_file() && a.data.dataset == "mnist") {  // the score is a digit classifier's
    Mlp net = a.scorer.empty() ? builtin_scorer_net() : [&] {
      std::ifstream f(a.scorer, std::ios::binary);
      if (!f) throw std::runtime_error(a.scorer + ": cannot open the scorer file");
      const std::vector<uint8_t> b((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
      return mlp_from_safetensors(b, a.scorer, "scorer");
    }();
    scorer = std::make_shared<DigitScorer>(net);
  }
  GanLab lab(loaded, s, scorer);
  if (!a.json)
    std::printf("GAN on %s: G %d-%d-%d, D %d-%d-1, %s loss, k = %d, %s lr D %g G %g, batch %d, seed %llu\n"
                "%8s %8s %8s %8s %8s %8s %8s %9s\n",
                data.name.c_str(), c.latent, c.gen_hidden[0], data.dims(), data.dims(), c.disc_hidden[0],
                a.gen_loss.c_str(), c.d_steps, a.optimizer.c_str(), c.d_opt.lr, c.g_opt.lr, c.batch,
                (unsigned long long)a.seed, "iter", "E_D", "E_G", "D(x)", "D(G(z))", "classes", "entropy",
                "Frechet");
  auto print_row = [&] {
    if (a.json) return;
    const auto& curve = lab.run().curve();
    const GanCurvePoint p = curve.empty() ? GanCurvePoint() : curve.back();
    std::printf("%8lld %8.4f %8.4f %8.4f %8.4f", (long long)lab.run().iteration(), p.d_loss, p.g_loss,
                p.d_real, p.d_fake);
    if (!lab.scores().empty()) {
      const ScoreReport& r = lab.scores().back().report;
      std::printf(" %8d %8.3f %9.3f", r.classes_present, r.class_entropy, r.frechet);
    }
    std::printf("\n");
    std::fflush(stdout);
  };
  print_row();
  while (!lab.done()) {
    lab.iterations(a.score_every);
    print_row();
    if (!a.out.empty()) {
      lab.evaluate();
      char name[64];
      std::snprintf(name, sizeof name, "/grid_%06lld.png", (long long)lab.run().iteration());
      save_png(image_grid(lab.grid(), GanLab::kGrid, data.rows), a.out + name);
    }
  }
  lab.evaluate();
  if (!lab.mode_collapse().empty() && !a.json) std::printf("%s\n", lab.mode_collapse().c_str());
  if (!a.out.empty()) {
    save_png(image_grid(lab.grid(), GanLab::kGrid, data.rows), a.out + "/grid_final.png");
    write_samples(lab, a.out, a.samples, a.seed);
  }
  if (a.json) std::cout << lab.metrics().dump(2) << "\n";
  else std::printf("%.1f s training, %.1f iterations/s\n", lab.run().train_seconds(),
                   lab.run().iterations_per_second());
  if (lab.run().diverged()) throw DivergedRun(lab.run().status());
}

}  // namespace

void add_gan_command(CLI::App& app) {
  static GanArgs a;
  CLI::App* cmd = app.add_subcommand("gan", "train the GAN on digits and print its curves and quality score");
  add_data_flags(cmd, a.data, {"mnist", "fashion", "fashion-full"});
  cmd->add_option("--iters", a.iters, "iterations (k D steps + 1 G step each)")->capture_default_str()
      ->check(within(limits::kGanIterations));
  cmd->add_option("--k", a.k, "discriminator steps per generator step")->capture_default_str()->check(within(limits::kGanK));
  cmd->add_option("--gen-loss", a.gen_loss, "minimax or nonsat")->capture_default_str()
      ->check(CLI::IsMember({"minimax", "nonsat"}));
  cmd->add_option("--optimizer", a.optimizer, "adam, sgd or momentum")->capture_default_str()
      ->check(CLI::IsMember({"adam", "sgd", "momentum"}));
  cmd->add_option("--lr-d", a.lr_d, "discriminator learning rate (default: the lab's)")->check(within(limits::kGanLr));
  cmd->add_option("--lr-g", a.lr_g, "generator learning rate (default: the lab's)")->check(within(limits::kGanLr));
  cmd->add_option("--latent", a.latent, "size k of z (default: the lab's)")->check(within(limits::kGanLatent));
  cmd->add_option("--batch", a.batch, "minibatch size p")->capture_default_str()->check(within(limits::kGanBatch));
  cmd->add_option("--seed", a.seed, "random seed")->capture_default_str();
  cmd->add_option("--samples", a.samples, "samples per quality score and in samples.u8")->capture_default_str()
      ->check(CLI::Range(2, 100000));
  cmd->add_option("--score-every", a.score_every, "iterations between scores")->capture_default_str()
      ->check(within(limits::kGanIterations));
  cmd->add_option("--scorer", a.scorer, "a scorer file from train-scorer (default: the built-in one)");
  cmd->add_flag("--json", a.json, "print every number as one JSON object");
  cmd->add_option("--out", a.out, "write grid_*.png and samples.u8 (M x 784 uint8, 255 = ink) here")
      ->check(CLI::ExistingDirectory);
  cmd->callback([] { run_gan(a); });
}

void add_train_scorer_command(CLI::App& app) {
  static std::string out, dataset = "mnist";
  static ScorerTraining t;
  CLI::App* cmd = app.add_subcommand("train-scorer",
      "train the GAN lab's digit classifier on the MNIST train split (the build embeds the same)");
  cmd->add_option("--out", out, "safetensors file to write")->required();
  cmd->add_option("--dataset", dataset, "labelled dataset")->capture_default_str();
  cmd->add_option("--epochs", t.epochs, "passes over the training split")->capture_default_str();
  cmd->add_option("--seed", t.seed, "random seed")->capture_default_str();
  cmd->callback([] {
    const Dataset d = load_dataset_file(dataset_path(dataset));
    double acc = 0;
    const std::vector<uint8_t> bytes = save_mlp(train_scorer(d, t, &acc, true), "scorer");
    std::ofstream(out, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                               std::streamsize(bytes.size()));
    std::printf("test accuracy %.4f on the %s test split; wrote %s\n", acc, dataset.c_str(), out.c_str());
  });
}

}  // namespace ll::cli
