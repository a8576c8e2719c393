// The image datasets of the PCA, deep-autoencoder, pretraining and GAN labs (docs/datasets.md).
//
// On disk (made by scripts/prepare-datasets.cjs from MNIST, Fashion-MNIST and skimage's faces):
// a gzipped safetensors file with U8 tensors `images` [N, rows, cols] (0 = background,
// 255 = ink, as in MNIST; for faces 255 = bright) and `labels` [N] (absent for faces), and
// metadata "name", "source", "split". Native builds read and gunzip the file (zlib); the web
// page fetches it and decompresses it with the browser's DecompressionStream, then hands the
// uncompressed bytes to parse_dataset.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/safetensors.h"  // FormatError
#include "core/tensor.h"

namespace ll {

struct Dataset {
  std::string name;
  int rows = 0, cols = 0, count = 0;
  std::vector<uint8_t> pixels;  // count*rows*cols, row-major per image
  std::vector<uint8_t> labels;  // count, or empty (faces)
  std::string note;             // what reading a student's file changed ("fitted into 28 x 28"), or empty
  int dims() const { return rows * cols; }
};

// The largest data set read: 256 MiB of pixels unpacked (Fashion-MNIST's 70,000 images take
// 55 MB). Gzipped files are unpacked only up to this size, whatever they claim.
constexpr size_t kMaxDatasetBytes = size_t(256) << 20;

// Parses an uncompressed dataset file; `source` (file name or URL) starts every error message.
// Throws FormatError when the bytes are not safetensors, `images` is missing or not U8
// [N, rows, cols], or `labels` is present but not U8 [N].
Dataset parse_dataset(const uint8_t* bytes, size_t size, const std::string& source);

// A dataset file's bytes, gunzipped first when they start with the gzip magic (native builds
// only, capped at kMaxDatasetBytes), then parsed by their magic: an IDX or .npy image array
// (labs/image_arrays.h), a zip of PNG or JPEG images (labs/zip_images.h) or our packed
// safetensors; `source` starts every error message.
Dataset read_dataset_bytes(std::vector<uint8_t> bytes, const std::string& source);

// Reads a dataset file, gunzipping it when it starts with the gzip magic (native builds have
// zlib; the wasm build reads only uncompressed files). Missing, truncated or corrupt files
// throw FormatError naming the path and the problem.
Dataset load_dataset_file(const std::string& path);

// Native: LL_DATA_DIR/datasets/<name>.safetensors.gz (the cache filled by scripts/install-deps).
// Web: "data/<name>.safetensors.gz", the URL relative to index.html.
std::string dataset_path(const std::string& name);

// The datasets the labs offer, and whether a name is one of them.
const std::vector<std::string>& dataset_names();  // mnist, fashion, fashion-full, faces

// What class `label` is called in this dataset: "7" for digits, "sneaker" for Fashion-MNIST.
std::string class_name(const Dataset& d, int label);

// Fixed train/test split, no randomness:
//   "fashion-full": test = i >= count - 10000 (the official 60,000 / 10,000 split);
//   every other dataset (mnist, fashion, faces): test = i % 5 == 4. For MNIST that is 2,000
//   test / 8,000 train spread evenly over the class-sorted files; the fashion subset was
//   interleaved by the converter so that its i % 5 == 4 images are official test images.
struct Split {
  std::vector<int> train, test;
};
Split dataset_split(const Dataset& d);

// Images idx[0..n) as a dims x n matrix (one sample per column, tensor.h), pixels / 255.
Matrix to_matrix(const Dataset& d, const std::vector<int>& indices);

}  // namespace ll
