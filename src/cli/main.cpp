// `latentlab`: the headless command-line tool. Each lab gets a subcommand printing the same
// numbers its UI shows (as JSON with --json); the desktop app is the separate latentlab-gui.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

#include "core/build_info.h"
#include "labs/lab_catalog.h"

int main(int argc, char** argv) {
  CLI::App cli{"LatentLab: autoencoders, PCA and GANs from the lecture, trained headless.\n"
               "Labs: " + ll::lab_keys_list() + " (the same keys as ?lab= in the web app)."};
  cli.require_subcommand(1);

  bool json = false;
  CLI::App* version = cli.add_subcommand("version", "print version, compiler and SIMD flags");
  version->add_flag("--json", json, "print one JSON object");
  version->callback([&] {
    const ll::BuildInfo b = ll::build_info(LL_VERSION);
    if (json) {
      std::cout << nlohmann::json{{"version", b.version}, {"compiler", LL_COMPILER},
                                  {"target", b.target}, {"simd", b.simd}, {"threads", b.threads}}
                       .dump()
                << "\n";
    } else {
      std::printf("latentlab %s\ncompiler: %s\ntarget: %s\nSIMD: %s\nthreads: %d\n",
                  b.version.c_str(), LL_COMPILER, b.target.c_str(), b.simd.c_str(), b.threads);
    }
  });

  CLI::App* labs = cli.add_subcommand("labs", "list the labs and whether each is built");
  labs->callback([] {
    for (const auto& lab : ll::lab_catalog())
      std::printf("%-12s %-26s %s\n", lab.key.c_str(), lab.title.c_str(),
                  lab.built ? "built" : ("not built yet (" + lab.issue + ")").c_str());
  });

  CLI11_PARSE(cli, argc, argv);
  return 0;
}
