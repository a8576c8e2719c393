// `latentlab deep-ae`: the deep autoencoder lab, headless. Pretrains (or not), fine-tunes, and
// prints the test error per image of the deep autoencoder, logistic PCA and PCA at the same
// code size, as the lab's page shows them (same seed -> same numbers).
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "cli/data_flags.h"
#include "labs/deep_ae_lab.h"
#include "labs/deep_ae_model.h"
#include "labs/face_augment.h"
#include "labs/image_io.h"

namespace ll::cli {

namespace {

struct Args {
  DataFlags data;
  std::string pretrain = "rbm", save, load, out, preset;
  DeepAeSettings s;
  bool json = false;
};

// The paper's figure: rows of shown test images, one row per model, as one PNG (real / deep /
// logistic PCA / PCA; the faces slide has no logistic PCA row).
void write_figure(DeepAeLab& lab, const std::string& path) {
  const Dataset& d = lab.pca().dataset();
  std::vector<Matrix> rows = {lab.pca().shown_images(), lab.reconstruct_shown_deep()};
  if (lab.has_logistic_pca()) rows.push_back(lab.reconstruct_shown_logistic());
  rows.push_back(lab.reconstruct_shown_pca());
  if (lab.settings().standardize)
    for (Matrix& r : rows) r = standardized_to_gray(r);
  const int n = int(rows[0].cols()), gap = 2, R = int(rows.size());
  GrayImage img(n * (d.cols + gap) - gap, R * (d.rows + gap) - gap, 0.0f);
  for (int r = 0; r < R; ++r)
    for (int t = 0; t < n; ++t)
      for (int p = 0; p < d.dims(); ++p)
        img.at(t * (d.cols + gap) + p % d.cols, r * (d.rows + gap) + p / d.cols) =
            255.0f * std::min(1.0f, std::max(0.0f, rows[size_t(r)](p, t)));
  save_png(img, path);
}

void print_results(const Args& a, const DeepAeLab& lab);

void run(Args& a) {
  a.s.pretrain = a.pretrain == "rbm" ? Pretrain::Rbm : Pretrain::None;
  auto data = load_data(a.data);
  DeepAeModel model;
  if (!a.load.empty()) {  // evaluate a saved net; only logistic PCA and PCA are fitted here
    model = load_deep_ae(read_file_bytes(a.load), a.load, {data->dims()});
    if (!model.dataset.empty() && model.dataset != data->name)
      std::fprintf(stderr, "latentlab: note: %s was trained on %s, evaluated here on %s\n", a.load.c_str(),
                   model.dataset.c_str(), data->name.c_str());
    a.s = DeepAeLab::settings_for(model.net, a.s);
    a.pretrain = pretrain_key(a.s.pretrain);
  }
  DeepAeLab lab(data, a.s);
  if (!a.load.empty()) lab.adopt(std::move(model.net), a.load);
  double next_report = 10;
  while (!lab.done()) {
    lab.train(1000.0);
    if (!a.json && lab.train_seconds() >= next_report) {
      std::fprintf(stderr, "  %5.0f s  %-28s %5.1f%%  ETA %4.0f s  test error %.3f\n", lab.train_seconds(),
                   lab.phase_name().c_str(), 100 * lab.progress(), lab.eta_seconds(), lab.deep_test_error());
      next_report += 10;
    }
  }
  if (!a.save.empty()) write_file_bytes(a.save, save_deep_ae(lab.deep(), data->name));
  if (!a.out.empty()) write_figure(lab, a.out + "/" + (a.data.from_file() ? std::string("data-file") : a.data.dataset) + "_code" + std::to_string(a.s.code) + "_" + a.pretrain + ".png");
  if (a.json) std::cout << lab.metrics().dump(2) << "\n";
  else print_results(a, lab);
  if (lab.diverged()) throw DivergedRun(lab.status());
}

void print_results(const Args& a, const DeepAeLab& lab) {
  const nlohmann::json m = lab.metrics();
  std::printf("%s, code %d, pretraining %s (%d RBM epochs/layer), %d fine-tuning epochs, %.0f s\n",
              lab.pca().dataset().name.c_str(), a.s.code, a.pretrain.c_str(), a.s.rbm_epochs, a.s.epochs, lab.train_seconds());
  if (lab.has_logistic_pca())
    std::printf("  test error per image: deep autoencoder %.3f, logistic PCA %.3f, PCA %.3f (deep / PCA = %.2f)\n",
                lab.deep_test_error(), lab.logistic_test_error(), m["pca_test_error_per_image"].get<double>(),
                m.value("ratio_to_pca", 0.0));
  else
    std::printf("  test error per image (standardised pixels, %lld training images): "
                "deep autoencoder %.3f, PCA %.3f (deep / PCA = %.2f)\n",
                m["train_images"].get<long long>(), lab.deep_test_error(), m["pca_test_error_per_image"].get<double>(),
                m.value("ratio_to_pca", 0.0));
}

}  // namespace

void add_deep_ae_command(CLI::App& app) {
  static Args a;
  CLI::App* cmd = app.add_subcommand(
      "deep-ae", "deep autoencoder (RBM pretraining + fine-tuning) vs logistic PCA vs PCA");
  add_data_flags(cmd, a.data, {"mnist", "fashion", "fashion-full", "faces"});
  cmd->add_option("--code", a.s.code, "code size (30 or 2 in the lecture)")->capture_default_str()->check(CLI::Range(1, 784));
  cmd->add_option("--pretrain", a.pretrain, "rbm or none")->capture_default_str()->check(CLI::IsMember({"rbm", "none"}));
  cmd->add_option("--epochs", a.s.epochs, "fine-tuning epochs")->capture_default_str()->check(within(limits::kDeepAeEpochs));
  cmd->add_option("--rbm-epochs", a.s.rbm_epochs, "CD-1 epochs per RBM layer")->capture_default_str()->check(within(limits::kDeepAeRbmEpochs));
  cmd->add_option("--lr", a.s.lr, "Adam learning rate for fine-tuning")->capture_default_str()->check(within(limits::kDeepAeLr));
  cmd->add_option("--rbm-lr", a.s.rbm_lr, "CD-1 learning rate of the binary RBMs")->capture_default_str()->check(within(limits::kRbmLr));
  cmd->add_option("--epoch-images", a.s.epoch_images, "images per epoch, a fresh random subset each epoch (0 = all)")->capture_default_str()->check(CLI::Range(0, 10000000));
  cmd->add_option("--batch", a.s.batch, "minibatch size")->capture_default_str()->check(within(limits::kDeepAeBatch));
  cmd->add_option("--seed", a.s.seed, "random seed")->capture_default_str();
  cmd->add_option("--max-train", a.s.max_train, "use at most this many training images (0 = all)")->capture_default_str()->check(CLI::Range(0, 10000000));
  cmd->add_option("--augment", a.s.augment_to, "grow the training images to this many by small shifts, rotations, "
                                               "scalings and mirrors (0 = no; faces: 30000, with --preset browser 10000)")
      ->check(CLI::Range(0, 200000));
  cmd->add_flag("--json", a.json, "print every number as one JSON object");
  cmd->add_option("--save", a.save, "write the trained deep autoencoder as safetensors");
  cmd->add_option("--load", a.load, "evaluate a saved deep autoencoder (from --save or the lab's Save button) instead of training one")
      ->check(CLI::ExistingFile);
  cmd->add_option("--out", a.out, "write the figure rows (real / deep / logistic PCA / PCA) as PNG here")
      ->check(CLI::ExistingDirectory);
  // --preset browser: the browser tab's defaults (the paper's are the CLI's); flags given
  // explicitly still win. The code size comes from --code.
  cmd->add_option("--preset", a.preset, "browser: the defaults of the browser's Deep autoencoder / 2-D maps tabs "
                                        "(1 RBM epoch, 2 fine-tuning epochs (4 at code 2), batch 20, Adam 1e-3)")
      ->check(CLI::IsMember({"browser"}));
  cmd->callback([cmd] {
    // --dataset faces: the faces slide (faces_deep_ae_settings), flags given explicitly still win.
    if (a.data.dataset == "faces" && !a.data.from_file()) {
      const DeepAeSettings f = faces_deep_ae_settings();
      a.s = with_faces_net(a.s);
      if (!cmd->count("--augment")) a.s.augment_to = f.augment_to;
      if (!cmd->count("--epochs")) a.s.epochs = f.epochs;
      if (!cmd->count("--rbm-epochs")) a.s.rbm_epochs = f.rbm_epochs;
      if (!cmd->count("--batch")) a.s.batch = f.batch;
    }
    if (a.preset == "browser") {
      const DeepAeSettings b = browser_deep_ae_settings(a.s.code);
      if (!cmd->count("--epochs")) a.s.epochs = b.epochs;
      if (!cmd->count("--rbm-epochs")) a.s.rbm_epochs = b.rbm_epochs;
      if (!cmd->count("--batch")) a.s.batch = b.batch;
      if (!cmd->count("--lr")) a.s.lr = b.lr;
      if (!cmd->count("--rbm-lr")) a.s.rbm_lr = b.rbm_lr;
      if (a.s.standardize && !cmd->count("--augment")) a.s.augment_to = kBrowserFaceImages;
    }
    run(a);
  });
}

}  // namespace ll::cli
