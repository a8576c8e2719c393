// The data every lab command reads: a data set from the cache (--dataset NAME) or a file
// (--data-file FILE: our packed format, an IDX image file, a .npy array or a zip of images, labs/image_arrays.h)
// with optional IDX labels (--labels-file FILE). Without labels the label-dependent numbers
// (class separation, accuracy, the digit score) are left out, not faked.
#pragma once
#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "labs/datasets.h"

namespace ll::cli {

struct DataFlags {
  std::string dataset = "mnist", data_file, labels_file;
  // The cache's data set unless a file is given.
  bool from_file() const { return !data_file.empty(); }
};

void add_data_flags(CLI::App* cmd, DataFlags& f, const std::vector<std::string>& datasets);
// Throws FormatError (a sentence naming the file) for anything unreadable or inconsistent.
std::shared_ptr<const Dataset> load_data(const DataFlags& f);

}  // namespace ll::cli
