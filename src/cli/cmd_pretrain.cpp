// `latentlab pretrain`: the pretraining lab, headless. Pretrains the encoder on all training
// images without labels, fine-tunes it with N labels next to the same net from random weights,
// and prints both test accuracy curves and the final accuracies as the page shows them (same
// settings and seed -> same numbers as in the browser).
#include <cstdio>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/data_flags.h"
#include "labs/pretrain_lab.h"

namespace ll::cli {

namespace {

struct Args {
  DataFlags data;
  std::string hidden = "256,128", optimizer = "momentum";
  PretrainSettings s;
  bool json = false;
};

std::vector<int> parse_sizes(const std::string& text) {
  std::vector<int> out;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    int v = 0;
    try {
      v = std::stoi(item);
    } catch (const std::exception&) {
    }
    if (v < 1 || v > 4096) throw std::invalid_argument("--hidden: '" + text + "' is not a list of layer sizes like 500,250");
    out.push_back(v);
  }
  if (out.empty()) throw std::invalid_argument("--hidden: give at least one layer size, e.g. 500,250");
  return out;
}

void print_results(const Args& a, const PretrainLab& lab);

void run(Args& a) {
  a.s.hidden = parse_sizes(a.hidden);
  a.s.optimizer = a.optimizer == "adam" ? OptimizerKind::Adam : a.optimizer == "momentum" ? OptimizerKind::Momentum : OptimizerKind::SGD;
  PretrainLab lab(load_data(a.data), a.s);
  double next_report = 5;
  while (!lab.done()) {
    lab.train(500.0);
    if (!a.json && lab.train_seconds() >= next_report) {
      std::fprintf(stderr, "  %5.0f s  %-32s %5.1f%%\n", lab.train_seconds(), lab.phase_name().c_str(), 100 * lab.progress());
      next_report += 5;
    }
  }
  if (a.json) std::cout << lab.metrics().dump(2) << "\n";
  else print_results(a, lab);
  if (lab.diverged()) throw DivergedRun(lab.status());
}

void print_results(const Args& a, const PretrainLab& lab) {
  std::printf("%s, encoder %s pretrained with %d RBM epochs per layer on %d unlabelled images,\n"
              "fine-tuned %d steps with %d labels (class-balanced), %.1f s\n",
              lab.dataset().name.c_str(), a.hidden.c_str(), a.s.rbm_epochs, lab.train_images(), a.s.steps,
              a.s.labels, lab.train_seconds());
  std::printf("  step   pretrained   random init   (test accuracy on %d images)\n", lab.test_images());
  for (const AccuracyPoint& p : lab.curve())
    if (p.step % (5 * a.s.eval_every) == 0 || &p == &lab.curve().back())
      std::printf("  %4d   %9.2f%%   %10.2f%%\n", p.step, 100 * p.pretrained, 100 * p.random);
}

}  // namespace

void add_pretrain_command(CLI::App& app) {
  static Args a;
  CLI::App* cmd = app.add_subcommand(
      "pretrain", "unsupervised RBM pretraining + softmax fine-tuned with N labels vs random init");
  cmd->add_option("--labels", a.s.labels, "N labelled training images (first N of a class-balanced order)")
      ->capture_default_str()->check(CLI::Range(1, 60000));
  add_data_flags(cmd, a.data, {"mnist", "fashion", "fashion-full"});
  cmd->add_option("--hidden", a.hidden, "encoder layer sizes, comma-separated")->capture_default_str();
  cmd->add_option("--rbm-epochs", a.s.rbm_epochs, "CD-1 epochs per RBM layer (0: no pretraining)")
      ->capture_default_str()->check(within(limits::kPretrainRbmEpochs));
  cmd->add_option("--steps", a.s.steps, "fine-tuning minibatch steps")->capture_default_str()->check(within(limits::kPretrainSteps));
  cmd->add_option("--eval-every", a.s.eval_every, "steps between test accuracy points")->capture_default_str()->check(CLI::Range(1, 100000));
  cmd->add_option("--batch", a.s.batch, "minibatch size")->capture_default_str()->check(within(limits::kPretrainBatch));
  cmd->add_option("--lr", a.s.lr, "fine-tuning learning rate (both arms)")->capture_default_str()->check(within(limits::kPretrainLr));
  cmd->add_option("--optimizer", a.optimizer, "adam, momentum or sgd (both arms)")->capture_default_str()->check(CLI::IsMember({"adam", "momentum", "sgd"}));
  cmd->add_option("--rbm-lr", a.s.rbm_lr, "CD-1 learning rate")->capture_default_str()->check(within(limits::kRbmLr));
  cmd->add_option("--seed", a.s.seed, "random seed (weights and minibatch order; not the labelled set)")->capture_default_str();
  cmd->add_flag("--json", a.json, "print every number as one JSON object");
  cmd->callback([] { run(a); });
}

}  // namespace ll::cli
