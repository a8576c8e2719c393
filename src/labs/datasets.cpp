#include "labs/datasets.h"

#include <stdexcept>

#ifdef LL_HAVE_ZLIB
#include <zlib.h>
#endif

#include "labs/image_arrays.h"
#include "labs/zip_images.h"

namespace ll {

namespace {

[[noreturn]] void fail(const std::string& source, const std::string& what) {
  throw FormatError(source + ": " + what);
}

bool is_gzip(const std::vector<uint8_t>& b) { return b.size() >= 2 && b[0] == 0x1f && b[1] == 0x8b; }

#ifdef LL_HAVE_ZLIB
// Inflates a whole gzip member (windowBits 15 + 16 = gzip wrapper) in 1 MiB steps, and stops as
// soon as the output passes kMaxDatasetBytes: a 2 MB file can unpack to gigabytes (a "gzip bomb"
// once took 124 s and 6 GB before failing). A truncated stream (Z_BUF_ERROR with no input left)
// or bad data is a FormatError.
std::vector<uint8_t> gunzip(const std::vector<uint8_t>& in, const std::string& source) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 16) != Z_OK) fail(source, "zlib inflateInit2 failed");
  constexpr size_t kStep = size_t(1) << 20;
  std::vector<uint8_t> out;
  zs.next_in = const_cast<Bytef*>(in.data());
  zs.avail_in = uInt(in.size());
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    if (zs.total_out > kMaxDatasetBytes) {
      inflateEnd(&zs);
      fail(source, "unpacks to more than " + std::to_string(kMaxDatasetBytes >> 20) +
                       " MB, more than any data set the labs take; it was not read further");
    }
    out.resize(zs.total_out + kStep);
    zs.next_out = out.data() + zs.total_out;
    zs.avail_out = uInt(kStep);
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc == Z_BUF_ERROR && zs.avail_in == 0) rc = Z_DATA_ERROR;  // input ended mid-stream
    if (rc != Z_OK && rc != Z_STREAM_END) {
      const std::string msg = zs.msg ? zs.msg : "stream ends early";
      inflateEnd(&zs);
      fail(source, "gzip data is corrupt or truncated (" + msg + ")");
    }
  }
  out.resize(zs.total_out);
  inflateEnd(&zs);
  if (out.size() > kMaxDatasetBytes)
    fail(source, "unpacks to more than " + std::to_string(kMaxDatasetBytes >> 20) + " MB, more than any data set the labs take");
  return out;
}
#endif

}  // namespace

Dataset parse_dataset(const uint8_t* bytes, size_t size, const std::string& source) {
  const SafetensorsView view = parse_safetensors(bytes, size, source);
  const TensorEntry* images = view.find("images");
  if (!images) fail(source, "no tensor 'images': not a LatentLab dataset file");
  if (images->dtype != DType::U8 || images->shape.size() != 3)
    fail(source, "tensor 'images' must be U8 [count, rows, cols], found " +
                     std::string(dtype_name(images->dtype)) + " " + shape_to_string(images->shape));
  const int64_t n = images->shape[0], rows = images->shape[1], cols = images->shape[2];
  if (n < 1 || rows < 1 || cols < 1 || rows > 4096 || cols > 4096 || n > int64_t(kMaxDatasetBytes) / (rows * cols))
    fail(source, "tensor 'images' has an unusable shape " + shape_to_string(images->shape) + " (at most " +
                     std::to_string(kMaxDatasetBytes >> 20) + " MB of pixels)");

  Dataset d;
  auto name = view.metadata.find("name");
  d.name = name != view.metadata.end() ? name->second : source;
  d.count = int(n);
  d.rows = int(rows);
  d.cols = int(cols);
  d.pixels.resize(size_t(n * rows * cols));
  view.read(*images, d.pixels.data());
  if (const TensorEntry* labels = view.find("labels")) {
    if (labels->dtype != DType::U8 || labels->shape != std::vector<int64_t>{n})
      fail(source, "tensor 'labels' must be U8 [" + std::to_string(n) + "], found " +
                       std::string(dtype_name(labels->dtype)) + " " + shape_to_string(labels->shape));
    d.labels.resize(size_t(n));
    view.read(*labels, d.labels.data());
  }
  return d;
}

Dataset read_dataset_bytes(std::vector<uint8_t> bytes, const std::string& source) {
  if (is_gzip(bytes)) {
#ifdef LL_HAVE_ZLIB
    bytes = gunzip(bytes, source);
#else
    fail(source, "gzip files are not readable in this build (no zlib); decompress it first");
#endif
  }
  if (is_idx(bytes.data(), bytes.size())) return parse_idx_images(bytes.data(), bytes.size(), source);
  std::string note;
  if (is_npy(bytes.data(), bytes.size())) {
    Dataset d = parse_npy_images(bytes.data(), bytes.size(), source, &note);
    d.note = note;
    return d;
  }
  if (is_zip(bytes.data(), bytes.size())) {
    Dataset d = parse_zip_images(bytes.data(), bytes.size(), source, &note);
    d.note = note;
    return d;
  }
  // Not even the start of a safetensors file (a u64 header length, then '{'): a student who
  // picked the wrong file learns what is read, not how safetensors headers fail.
  if (bytes.size() < 9 || bytes[8] != '{')
    fail(source, bytes.empty() ? "the file is empty"
                               : "not a data set file (IDX images, a .npy array, a zip of PNG or JPEG images or a "
                                 "LatentLab .safetensors file are read; gzipped too)");
  return parse_dataset(bytes.data(), bytes.size(), source);
}

Dataset load_dataset_file(const std::string& path) {
  std::vector<uint8_t> bytes;
  try {
    bytes = read_file_bytes(path);
  } catch (const FormatError&) {
    throw FormatError(path + ": cannot open the dataset file (run scripts/install-deps to fetch it)");
  }
  return read_dataset_bytes(std::move(bytes), path);
}

std::string dataset_path(const std::string& name) {
#ifdef __EMSCRIPTEN__
  return "data/" + name + ".safetensors.gz";
#else
  return std::string(LL_DATA_DIR) + "/datasets/" + name + ".safetensors.gz";
#endif
}

const std::vector<std::string>& dataset_names() {
  static const std::vector<std::string> names = {"mnist", "fashion", "fashion-full", "faces"};
  return names;
}

Split dataset_split(const Dataset& d) {
  Split s;
  const bool official_tail = d.name == "fashion-full";
  for (int i = 0; i < d.count; ++i) {
    const bool test = official_tail ? i >= d.count - 10000 : i % 5 == 4;
    (test ? s.test : s.train).push_back(i);
  }
  return s;
}

Matrix to_matrix(const Dataset& d, const std::vector<int>& indices) {
  const int dims = d.dims();
  Matrix X(dims, Index(indices.size()));
  for (size_t j = 0; j < indices.size(); ++j) {
    const int i = indices[j];
    if (i < 0 || i >= d.count) throw std::out_of_range("to_matrix: index " + std::to_string(i) + " outside " + d.name);
    const uint8_t* p = d.pixels.data() + size_t(i) * size_t(dims);
    for (int k = 0; k < dims; ++k) X(k, Index(j)) = float(p[k]) * (1.0f / 255.0f);
  }
  return X;
}

std::string class_name(const Dataset& d, int label) {
  static const char* fashion[] = {"T-shirt", "trouser", "pullover", "dress", "coat",
                                  "sandal",  "shirt",   "sneaker",  "bag",   "boot"};
  if (d.name.rfind("fashion", 0) == 0 && label >= 0 && label < 10) return fashion[label];
  return std::to_string(label);
}

}  // namespace ll
