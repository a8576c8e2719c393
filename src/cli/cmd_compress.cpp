// `latentlab compress`: the Compression lab, headless. Trains exactly as the web lab does (same
// seed -> same numbers) and prints PSNR / MSE / bpp of every panel for both images.
#include <cstdio>
#include <iostream>
#include <set>

#include "cli/commands.h"
#include "labs/compression_lab.h"
#include "labs/image_io.h"

namespace ll::cli {

namespace {

struct Args {
  std::string image = "camera", new_image = "moon", optimizer = "adam", out;
  CompressionSettings s;
  bool json = false;
};

LabImage load_lab_image(const std::string& name_or_path) {
  for (const std::string& b : builtin_image_names())
    if (b == name_or_path) return builtin_lab_image(b);
  return prepare_lab_image(load_gray_file(name_or_path), name_or_path);
}

void print_row(const char* label, const Panel& p) {
  // 26 columns: the longest label, "JPEG q100 (<= 6-bit rate)", plus one.
  std::printf("  %-26s %6.2f dB  MSE %8.2f  %5.3f bpp", label, p.psnr_db, p.mse, p.bpp);
  if (p.entropy_bpp >= 0) std::printf("  (entropy %5.3f bpp)", p.entropy_bpp);
  std::printf("\n");
}

void print_image(const char* title, const LabImage& img, const ImageResults& r) {
  std::printf("%s: %s (%s)\n", title, img.name.c_str(), img.note.c_str());
  print_row("(B) autoencoder", r.ae.plain);
  print_row("(C) autoencoder 6-bit", r.ae.q6);
  print_row("(D) autoencoder 4-bit", r.ae.q4);
  print_row("PCA", r.pca.plain);
  print_row("PCA 6-bit", r.pca.q6);
  print_row("PCA 4-bit", r.pca.q4);
  char label[64];
  std::snprintf(label, sizeof label, "JPEG q%d (<= 6-bit rate)", r.jpeg_q6.quality);
  print_row(label, r.jpeg_q6.panel);
  std::snprintf(label, sizeof label, "JPEG q%d (<= 4-bit rate)", r.jpeg_q4.quality);
  print_row(label, r.jpeg_q4.panel);
}

void write_panels(const std::string& dir, const char* prefix, const LabImage& img, const ImageResults& r) {
  save_png(img.image, dir + "/" + prefix + "_A_original.png");
  save_png(r.ae.plain.image, dir + "/" + prefix + "_B_autoencoder.png");
  save_png(r.ae.q6.image, dir + "/" + prefix + "_C_autoencoder_6bit.png");
  save_png(r.ae.q4.image, dir + "/" + prefix + "_D_autoencoder_4bit.png");
}

void print_results(const Args& a, const CompressionLab& lab);

void run(const Args& a) {
  CompressionSettings s = a.s;
  s.optimizer = optimizer_from_key(a.optimizer);
  CompressionLab lab(s, load_lab_image(a.image), load_lab_image(a.new_image));
  while (!lab.done()) lab.train(1000.0);
  lab.evaluate();
  if (!a.out.empty()) {
    write_panels(a.out, "trained", lab.trained_image(), lab.trained_results());
    write_panels(a.out, "new", lab.new_image(), lab.new_results());
  }
  if (a.json) {
    std::cout << lab.metrics().dump(2) << "\n";
  } else {
    print_results(a, lab);
  }
  if (lab.diverged()) throw DivergedRun(lab.status());
}

void print_results(const Args& a, const CompressionLab& lab) {
  const CompressionSettings& s = lab.settings();
  std::printf("64-%d-64 tanh autoencoder, %s lr %g, batch %d, seed %llu: %lld frames in %.1f s "
              "(%.0f frames/s), final MSE %.5f on [-1,1]\n",
              s.hidden, a.optimizer.c_str(), s.lr, s.batch, (unsigned long long)s.seed,
              (long long)lab.samples(), lab.train_seconds(), lab.samples_per_second(),
              lab.loss_curve().empty() ? 0.0 : lab.loss_curve().back().mse);
  print_image("trained on", lab.trained_image(), lab.trained_results());
  print_image("new image", lab.new_image(), lab.new_results());
}

}  // namespace

void add_compress_command(CLI::App& app) {
  static Args a;
  CLI::App* cmd = app.add_subcommand(
      "compress", "train the 64-m-64 tanh autoencoder on 8x8 frames of an image and code it");
  const std::string builtins = "camera, coins, moon";
  cmd->add_option("--image", a.image, "image to train on: " + builtins + " or a PNG/JPEG path")
      ->capture_default_str();
  cmd->add_option("--new-image", a.new_image, "image the net never saw: " + builtins + " or a path")
      ->capture_default_str();
  cmd->add_option("--hidden", a.s.hidden, "code size m")->capture_default_str()->check(within(limits::kCompressHidden));
  cmd->add_option("--samples", a.s.samples, "training budget in random 8x8 frames")
      ->capture_default_str()->check(within(limits::kCompressSamples));
  cmd->add_option("--optimizer", a.optimizer, "adam, sgd or momentum")
      ->capture_default_str()->check(CLI::IsMember({"adam", "sgd", "momentum"}));
  cmd->add_option("--lr", a.s.lr, "learning rate")->capture_default_str()->check(within(limits::kCompressLr));
  cmd->add_option("--batch", a.s.batch, "minibatch size")->capture_default_str()->check(within(limits::kCompressBatch));
  cmd->add_option("--seed", a.s.seed, "random seed (weights and frame positions)")->capture_default_str();
  cmd->add_option("--noise-bits", a.s.noise_bits,
                  "train with uniform noise of this many bits' rounding step on the code (0 = off)")
      ->capture_default_str()->check(within(limits::kCompressNoiseBits));
  cmd->add_option("--noise-until", a.s.noise_until, "fraction of the budget trained with that noise")
      ->capture_default_str()->check(CLI::Range(0.0, 1.0));
  cmd->add_flag("--json", a.json, "print every number as one JSON object");
  cmd->add_option("--out", a.out, "write the A/B/C/D panels of both images as PNG into this directory")
      ->check(CLI::ExistingDirectory);
  cmd->callback([] { run(a); });
}

}  // namespace ll::cli
