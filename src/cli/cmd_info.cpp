// `latentlab version` and `latentlab labs`.
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "core/build_info.h"
#include "core/parallel.h"
#include "labs/lab_catalog.h"

namespace ll::cli {

void add_version_command(CLI::App& app) {
  static bool json = false;
  CLI::App* cmd = app.add_subcommand("version", "print version, compiler and SIMD flags");
  cmd->add_flag("--json", json, "print one JSON object");
  cmd->callback([] {
    const BuildInfo b = build_info(LL_VERSION);
    if (json) {
      std::cout << nlohmann::json{{"version", b.version}, {"compiler", LL_COMPILER},
                                  {"target", b.target}, {"simd", b.simd}, {"threads", thread_count()}}
                       .dump()
                << "\n";
    } else {
      std::printf("latentlab %s\ncompiler: %s\ntarget: %s\nSIMD: %s\nthreads: %d\n",
                  b.version.c_str(), LL_COMPILER, b.target.c_str(), b.simd.c_str(), thread_count());
    }
  });
}

void add_labs_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand("labs", "list the labs and whether each is built");
  cmd->callback([] {
    for (const auto& lab : lab_catalog())
      std::printf("%-12s %-26s %s\n", lab.key.c_str(), lab.title.c_str(),
                  lab.built ? "built" : ("not built yet (" + lab.issue + ")").c_str());
  });
}

}  // namespace ll::cli
