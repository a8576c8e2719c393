// One function per subcommand: each adds itself (options + callback) to the CLI app.
#pragma once
#include <CLI/CLI.hpp>

namespace ll::cli {
void add_version_command(CLI::App& app);
void add_labs_command(CLI::App& app);
void add_compress_command(CLI::App& app);
void add_pca_command(CLI::App& app);
void add_deep_ae_command(CLI::App& app);
void add_pretrain_command(CLI::App& app);
void add_gan_command(CLI::App& app);
void add_train_scorer_command(CLI::App& app);
}  // namespace ll::cli
