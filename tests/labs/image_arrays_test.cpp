// A student's own data set (issue 16): IDX and .npy image arrays read exactly, and every kind of
// bad file refused with a sentence that says what is wrong, before anything large is allocated.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "labs/image_arrays.h"
#include "dataset_refusal.h"  // the same directory

using namespace ll;

namespace {

using Bytes = std::vector<uint8_t>;

void put_u32(Bytes& b, uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) b.push_back(uint8_t(v >> s));
}

Bytes idx(uint8_t type, std::vector<uint32_t> dims, const Bytes& data) {
  Bytes b{0, 0, type, uint8_t(dims.size())};
  for (uint32_t d : dims) put_u32(b, d);
  b.insert(b.end(), data.begin(), data.end());
  return b;
}

// numpy.save's layout: magic, version, header length, the dict padded with spaces to 64 bytes.
Bytes npy(const std::string& dict, const Bytes& data, int major = 1) {
  Bytes b{0x93, 'N', 'U', 'M', 'P', 'Y', uint8_t(major), 0};
  const size_t len_bytes = major == 1 ? 2 : 4;
  std::string h = dict;
  while ((8 + len_bytes + h.size() + 1) % 64) h += ' ';
  h += '\n';
  for (size_t i = 0; i < len_bytes; ++i) b.push_back(uint8_t(h.size() >> (8 * i)));
  b.insert(b.end(), h.begin(), h.end());
  b.insert(b.end(), data.begin(), data.end());
  return b;
}

Bytes floats(const std::vector<float>& f) {
  Bytes b(f.size() * 4);
  std::memcpy(b.data(), f.data(), b.size());
  return b;
}

Bytes iota(size_t n) {
  Bytes b(n);
  for (size_t i = 0; i < n; ++i) b[i] = uint8_t(i * 7);
  return b;
}

bool says(const Bytes& b, const std::string& part) { return test::dataset_says(b, "mine.bin", part); }

}  // namespace

TEST_CASE("IDX images and labels read exactly, through the same entry as our own files") {
  const Bytes pixels = iota(3 * 2 * 4);
  const Dataset d = read_dataset_bytes(idx(0x08, {3, 2, 4}, pixels), "mine-images.idx");
  CHECK(d.count == 3);
  CHECK(d.rows == 2);
  CHECK(d.cols == 4);
  CHECK(d.pixels == pixels);
  CHECK(d.labels.empty());
  CHECK(d.name == "mine-images.idx");
  const Bytes labels = idx(0x08, {3}, {7, 0, 9});
  CHECK(parse_idx_labels(labels.data(), labels.size(), 3, "labels.idx") == Bytes{7, 0, 9});
}

TEST_CASE("IDX: wrong types, shapes, counts and sizes are refused with what is wrong") {
  CHECK(says(idx(0x0D, {3, 2, 4}, Bytes(96)), "32-bit float values; the labs take unsigned bytes"));
  CHECK(says(idx(0x08, {24}, iota(24)), "1 dimension (a label file?)"));
  CHECK(says(idx(0x08, {3, 2, 4}, iota(23)), "truncated: 3 images of 2 x 4 need 24 bytes of data, the file has 23"));
  CHECK(says(idx(0x08, {3, 2, 4}, iota(25)), "1 bytes more than 3 images of 2 x 4 need"));
  CHECK(says(idx(0x08, {0, 28, 28}, {}), "holds no images"));
  CHECK(says(idx(0x08, {10, 100, 100}, Bytes(100000)), "the labs take images of at most 4096 pixels"));
  // A header that claims 4 billion images: refused by arithmetic, nothing allocated.
  CHECK(says(idx(0x08, {0xFFFFFFFFu, 28, 28}, iota(784)), "MB of pixels; at most 256 MB"));
  CHECK(says(Bytes{0, 0, 8, 3, 0, 0}, "truncated IDX header"));
  const Bytes labels = idx(0x08, {3}, {7, 0, 12});
  CHECK_THROWS_WITH_AS(parse_idx_labels(labels.data(), labels.size(), 3, "l.idx"),
                       "l.idx: label 12 of image 2; the labs take classes 0 to 9", FormatError);
  CHECK_THROWS_WITH_AS(parse_idx_labels(labels.data(), labels.size(), 5, "l.idx"),
                       "l.idx: has 3 labels for 5 images", FormatError);
  const Bytes images = idx(0x08, {3, 2, 4}, iota(24));
  CHECK_THROWS_WITH_AS(parse_idx_labels(images.data(), images.size(), 3, "l.idx"),
                       "l.idx: IDX of unsigned byte values in 3 dimensions; labels are unsigned bytes in 1 dimension",
                       FormatError);
}

TEST_CASE("a file in no known format says which formats are read; an empty one says so") {
  CHECK(says(Bytes{'m', 'y', ' ', 'n', 'o', 't', 'e', 's', '\n', 'x'},
             "not a data set file (IDX images, a .npy array, a zip of PNG or JPEG images or a LatentLab .safetensors file are read"));
  CHECK(says(Bytes{}, "the file is empty"));
}

TEST_CASE(".npy: uint8 and float32 arrays, versions 1 and 2, float ranges scaled or kept") {
  const Bytes pixels = iota(2 * 3 * 3);
  const Dataset u8 = read_dataset_bytes(npy("{'descr': '|u1', 'fortran_order': False, 'shape': (2, 3, 3), }", pixels), "a.npy");
  CHECK(u8.count == 2);
  CHECK(u8.rows == 3);
  CHECK(u8.cols == 3);
  CHECK(u8.pixels == pixels);
  const Dataset v2 = read_dataset_bytes(npy("{'descr': '|u1', 'fortran_order': False, 'shape': (2, 3, 3), }", pixels, 2), "b.npy");
  CHECK(v2.pixels == pixels);
  std::string note;
  const Bytes unit = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1, 4), }", floats({0.0f, 0.5f, 1.0f, 0.1f}));
  const Dataset f = parse_npy_images(unit.data(), unit.size(), "c.npy", &note);
  CHECK(f.pixels == Bytes{0, 128, 255, 26});
  CHECK(note == "float32 values in [0, 1] scaled to 0..255");
  const Bytes bytes = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1, 3), }", floats({0.0f, 17.4f, 255.0f}));
  CHECK(parse_npy_images(bytes.data(), bytes.size(), "d.npy", &note).pixels == Bytes{0, 17, 255});
  CHECK(note == "float32 values rounded to 0..255");
}

TEST_CASE(".npy: other types, orders, shapes, ranges and sizes are refused with what is wrong") {
  const std::string shape = "'shape': (2, 3, 3), }";
  CHECK(says(npy("{'descr': '<f8', 'fortran_order': False, " + shape, Bytes(144)), "type '<f8'; the labs take uint8"));
  CHECK(says(npy("{'descr': '|u1', 'fortran_order': True, " + shape, iota(18)), "Fortran order"));
  CHECK(says(npy("{'descr': '|u1', 'fortran_order': False, 'shape': (18, 4), }", Bytes(72)), "2 dimensions; images need 3"));
  CHECK(says(npy("{'descr': '|u1', 'fortran_order': False, 'shape': (1, 2, 3, 3), }", Bytes(18)), "more than 3 dimensions"));
  CHECK(says(npy("{'descr': '|u1', 'fortran_order': False, " + shape, iota(17)), "truncated"));
  CHECK(says(npy("{'descr': '|u1', 'fortran_order': False, 'shape': (0, 3, 3), }", {}), "holds no images"));
  CHECK(says(npy("{'descr': '|u1', 'fortran_order': False, 'shape': (99999999999, 3, 3), }", {}), "more than 10 digits"));
  CHECK(says(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1, 2), }", floats({-1.0f, 3.0f})),
             "float32 values from -1"));
  CHECK(says(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1, 2), }", floats({0.5f, NAN})),
             "value 1 is not a finite number"));
  CHECK(says(npy("{'fortran_order': False, " + shape, iota(18)), "without 'descr'"));
  Bytes cut = npy("{'descr': '|u1', 'fortran_order': False, " + shape, iota(18));
  cut.resize(40);
  CHECK(says(cut, "truncated .npy header"));
}

#ifndef __EMSCRIPTEN__  // a real file: the wasm test binary has no file access (datasets_test.cpp)
TEST_CASE(".npy: skimage's real lfw_subset.npy (float64) gets a clear refusal, not garbage") {
  std::vector<uint8_t> bytes;
  try {
    // beside the datasets in the cache: <data>/datasets/faces.safetensors.gz, <data>/images/
    std::string path = dataset_path("faces");
    path = path.substr(0, path.rfind("datasets/")) + "images/lfw_subset.npy";
    bytes = read_file_bytes(path);
  } catch (const FormatError&) {
    MESSAGE("no lfw_subset.npy in the cache; skipped");
    return;
  }
  CHECK_THROWS_WITH_AS(read_dataset_bytes(bytes, "lfw_subset.npy"),
                       "lfw_subset.npy: .npy array of type '<f8'; the labs take uint8 ('|u1') or float32 ('<f4')",
                       FormatError);
}
#endif
