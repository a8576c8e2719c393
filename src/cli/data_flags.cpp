#include "cli/data_flags.h"

#include <cstdio>

#include "labs/image_arrays.h"

namespace ll::cli {

void add_data_flags(CLI::App* cmd, DataFlags& f, const std::vector<std::string>& datasets) {
  std::string names;
  for (const std::string& d : datasets) names += (names.empty() ? "" : ", ") + d;
  CLI::Option* dataset = cmd->add_option("--dataset", f.dataset, names)->capture_default_str()->check(CLI::IsMember(datasets));
  CLI::Option* file = cmd->add_option("--data-file", f.data_file,
                                      "read images from this file instead: a LatentLab dataset (.safetensors[.gz]), "
                                      "an IDX image file, a .npy array N x H x W of uint8 or float32, or a zip of PNG/JPEG "
                                      "images (labelled by folders 0-9)")
                          ->check(CLI::ExistingFile)
                          ->excludes(dataset);
  cmd->add_option("--labels-file", f.labels_file, "class labels 0-9 for --data-file, an IDX label file")
      ->check(CLI::ExistingFile)
      ->needs(file);
}

std::shared_ptr<const Dataset> load_data(const DataFlags& f) {
  if (!f.from_file()) return std::make_shared<const Dataset>(load_dataset_file(dataset_path(f.dataset)));
  Dataset d = load_dataset_file(f.data_file);
  // On stderr, so --json output stays one JSON document.
  if (!d.note.empty()) std::fprintf(stderr, "latentlab: note: %s: %s\n", f.data_file.c_str(), d.note.c_str());
  if (!f.labels_file.empty()) {
    const std::vector<uint8_t> bytes = read_file_bytes(f.labels_file);
    d.labels = parse_idx_labels(bytes.data(), bytes.size(), d.count, f.labels_file);
  }
  return std::make_shared<const Dataset>(std::move(d));
}

}  // namespace ll::cli
