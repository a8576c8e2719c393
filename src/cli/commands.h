// One function per subcommand: each adds itself (options + callback) to the CLI app.
#pragma once
#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>

#include "labs/setting_limits.h"

namespace ll::cli {
// Thrown by a command after it printed its results, when training diverged (a NaN or a loss
// that exploded; core/loss_watch.h): `latentlab` then says why and exits with kExitDiverged.
struct DivergedRun : std::runtime_error {
  using std::runtime_error::runtime_error;
};
constexpr int kExitDiverged = 3;

// A check for a numeric flag: a finite number within `r`, the range its lesson-link key has
// (labs/setting_limits.h). CLI11's own Range lets NaN through.
inline CLI::Validator within(limits::Range r) {
  char range[80];
  std::snprintf(range, sizeof range, "[%g, %g]", r.lo, r.hi);
  const std::string text = range;
  return CLI::Validator(
      [r, text](std::string& s) -> std::string {
        double v = 0;
        size_t used = 0;
        try {
          v = std::stod(s, &used);
        } catch (const std::exception&) {
          used = 0;
        }
        if (used == 0 || used != s.size()) return "'" + s + "' is not a number";
        if (!std::isfinite(v) || v < r.lo || v > r.hi) return s + " is outside the allowed range " + text;
        return "";
      },
      "in " + text);
}

void add_version_command(CLI::App& app);
void add_labs_command(CLI::App& app);
void add_compress_command(CLI::App& app);
void add_pca_command(CLI::App& app);
void add_deep_ae_command(CLI::App& app);
void add_pretrain_command(CLI::App& app);
void add_gan_command(CLI::App& app);
void add_train_scorer_command(CLI::App& app);
}  // namespace ll::cli
