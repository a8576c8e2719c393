// `latentlab`: the headless command-line tool. Each lab gets a subcommand printing the same
// numbers its UI shows (as JSON with --json); the desktop app is the separate latentlab-gui.
#include <cstdio>
#include <exception>

#include "cli/commands.h"
#include "core/parallel.h"
#include "labs/lab_catalog.h"

int main(int argc, char** argv) {
  CLI::App app{"LatentLab: autoencoders, PCA and GANs from the lecture, trained headless.\n"
               "Labs: " + ll::lab_keys_list() + " (the same keys as ?lab= in the web app)."};
  app.require_subcommand(1);
  // Every core by default; the same seed gives the same numbers with any count (core/parallel.h).
  int threads = ll::hardware_threads();
  app.add_option("--threads", threads, "threads for the large matrix products and updates (default: all cores)")
      ->capture_default_str()->check(CLI::Range(1, 64))->each([](const std::string& v) { ll::set_thread_count(std::stoi(v)); });
  ll::set_thread_count(threads);
  ll::cli::add_version_command(app);
  ll::cli::add_labs_command(app);
  ll::cli::add_compress_command(app);
  ll::cli::add_pca_command(app);
  ll::cli::add_deep_ae_command(app);
  ll::cli::add_pretrain_command(app);
  ll::cli::add_gan_command(app);
  ll::cli::add_train_scorer_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const ll::cli::DivergedRun& e) {
    std::fprintf(stderr, "latentlab: %s\n", e.what());
    return ll::cli::kExitDiverged;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "latentlab: %s\n", e.what());
    return 1;
  }
  return 0;
}
