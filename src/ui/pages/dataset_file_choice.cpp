#include "ui/pages/dataset_file_choice.h"

#include <imgui.h>

#include <algorithm>

#include "labs/image_arrays.h"
#include "labs/zip_images.h"
#include "ui/widgets/layout.h"

namespace ll::ui {

bool dataset_file_choice(DatasetStore& datasets, const FileRequest& files, const std::string& dataset,
                         const std::string& target) {
  bool picked = false;
  const DatasetStore::Entry& e = datasets.request(DatasetStore::kFile);
  if (e.state == DatasetStore::Entry::Ready) {
    const bool mine = dataset == DatasetStore::kFile;
    const std::string label = "your file: " + e.data->name;
    picked = ImGui::RadioButton(label.c_str(), mine) && !mine;
  }
  if (files.available) {
    if (ImGui::Button("Open your own data set...")) files.open(target.c_str());
  } else {
    dim_text("Drop a data set file on the window to use it.");
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("IDX (as MNIST, also .gz) or .npy (N x H x W, uint8 or float32),\n"
                      "at most 64 x 64 pixels per image and 256 MB in all;\n"
                      "then an IDX label file (values 0-9) adds class labels.\n"
                      "Or a zip of PNG/JPEG images (up to 100,000): made gray, and\n"
                      "fitted into 28 x 28 unless all share one size up to 64 x 64;\n"
                      "images in folders 0 to 9 get those labels.\n"
                      "Test images: every 5th. Nothing leaves your computer.");
  return picked;
}

KeyValues link_without_file(KeyValues kv, bool on_file) {
  if (on_file) kv.erase(std::remove_if(kv.begin(), kv.end(), [](const auto& p) { return p.first == "dataset"; }), kv.end());
  return kv;
}

bool is_dataset_file(std::string_view bytes) {
  const auto* b = reinterpret_cast<const uint8_t*>(bytes.data());
  return is_idx(b, bytes.size()) || is_npy(b, bytes.size()) || is_zip(b, bytes.size());
}

std::string open_dataset_file(DatasetStore& datasets, std::string_view bytes, const std::string& name, bool& opened) {
  opened = false;
  const auto* b = reinterpret_cast<const uint8_t*>(bytes.data());
  if (is_idx(b, bytes.size()) && bytes.size() > 3 && b[3] == 1) {  // one dimension: labels
    const std::string why = datasets.add_labels(bytes, name);
    if (!why.empty()) return why + ". The data set in use stays.";
    opened = true;
    const Dataset& d = *datasets.request(DatasetStore::kFile).data;
    return "Added the labels of " + name + " to " + d.name + ".";
  }
  const std::string why = datasets.add_file(bytes, name);
  if (!why.empty()) return why + ". The data set in use stays.";
  opened = true;
  const Dataset& d = *datasets.request(DatasetStore::kFile).data;
  return "Opened " + name + ": " + std::to_string(d.count) + " images of " + std::to_string(d.rows) + "x" +
         std::to_string(d.cols) + (d.labels.empty() ? ", no labels (an IDX label file adds them)" : "") +
         (d.note.empty() ? "" : "; " + d.note) + ".";
}

}  // namespace ll::ui
