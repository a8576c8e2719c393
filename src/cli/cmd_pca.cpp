// `latentlab pca`: the PCA lab, headless. Fits PCA on a dataset's training split and prints the
// test error per image at k (and the curve at a few k), the same numbers as the lab's page.
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "cli/data_flags.h"
#include "labs/pca_lab.h"

namespace ll::cli {

namespace {

struct Args {
  DataFlags data;
  int k = 30;
  bool json = false;
};

void run(const Args& a) {
  PcaLab lab(load_data(a.data), std::max(200, a.k));
  lab.set_k(a.k);
  lab.fit(0);
  if (a.json) {
    std::cout << lab.metrics().dump(2) << "\n";
    return;
  }
  const Dataset& d = lab.dataset();
  std::printf("PCA on %s: %zu train / %zu test images of %dx%d, fitted in %.2f s\n", d.name.c_str(),
              size_t(lab.metrics()["train_images"]), size_t(lab.metrics()["test_images"]), d.rows,
              d.cols, lab.metrics()["fit_seconds"].get<double>());
  std::printf("  k=%d: %d numbers -> %d numbers, test error per image %.3f (train %.3f), "
              "explained variance %.1f%%\n",
              lab.k(), d.dims(), lab.k(), lab.test_error_per_image(lab.k()),
              lab.train_error_per_image(lab.k()), 100 * lab.explained_variance(lab.k()));
  for (int k : {1, 2, 5, 10, 20, 30, 50, 100, 200})
    if (k <= lab.max_k())
      std::printf("  k=%-4d test error per image %8.3f   explained variance %5.1f%%\n", k,
                  lab.test_error_per_image(k), 100 * lab.explained_variance(k));
}

}  // namespace

void add_pca_command(CLI::App& app) {
  static Args a;
  CLI::App* cmd = app.add_subcommand("pca", "principal components of a dataset: test error at k components");
  add_data_flags(cmd, a.data, dataset_names());
  cmd->add_option("--k", a.k, "number of components")->capture_default_str()->check(CLI::Range(1, 784));
  cmd->add_flag("--json", a.json, "print every number as one JSON object");
  cmd->callback([] { run(a); });
}

}  // namespace ll::cli
