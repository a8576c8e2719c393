// The student's data set file in the page's store: images first, then an IDX label file adds
// labels; anything wrong leaves the data set as it was.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "../labs/make_zip.h"
#include "labs/image_io.h"
#include "ui/dataset_store.h"

using ll::ui::DatasetStore;

namespace {
std::string idx_images(int n, int rows, int cols) {
  std::string b = {0, 0, 8, 3, 0, 0, 0, char(n), 0, 0, 0, char(rows), 0, 0, 0, char(cols)};
  for (int i = 0; i < n * rows * cols; ++i) b += char(i * 7);
  return b;
}
std::string idx_labels(const std::string& values) {
  return std::string{0, 0, 8, 1, 0, 0, 0, char(values.size())} + values;
}
}  // namespace

TEST_CASE("dataset store: a student's images, then their labels; bad label files change nothing") {
  DatasetStore store;
  CHECK(store.add_labels(idx_labels({1, 2, 3}), "early.idx") ==
        "early.idx: class labels; open the images they belong to first");
  REQUIRE(store.add_file(idx_images(3, 2, 2), "mine.idx") == "");
  const auto& e = store.request(DatasetStore::kFile);
  REQUIRE(e.state == DatasetStore::Entry::Ready);
  CHECK(e.data->name == "mine.idx");
  CHECK(e.data->count == 3);
  CHECK(e.data->labels.empty());

  CHECK(store.add_labels(idx_labels({1, 2}), "two.idx") == "two.idx: has 2 labels for 3 images");
  CHECK(store.add_labels(idx_labels({1, 12, 3}), "twelve.idx") ==
        "twelve.idx: label 12 of image 1; the labs take classes 0 to 9");
  CHECK(store.request(DatasetStore::kFile).data->labels.empty());

  const auto before = store.request(DatasetStore::kFile).data;
  CHECK(store.add_labels(idx_labels({4, 0, 9}), "labels.idx") == "");
  const auto after = store.request(DatasetStore::kFile).data;
  CHECK(after->labels == std::vector<uint8_t>{4, 0, 9});
  CHECK(after->pixels == before->pixels);
  CHECK(before->labels.empty());  // a lab still holding the old data set sees it unchanged
}

// A zip opens a slice at a time (on a thread of its own where there are threads); add_file then
// takes what was read, and a refused zip leaves the data set in use.
TEST_CASE("dataset store: a zip opened in slices gives the data set add_file would; a refusal changes nothing") {
  using ll::test::Bytes;
  const auto bytes = [](const Bytes& b) { return std::string(b.begin(), b.end()); };
  const auto png = [](float grey) { return ll::encode_png(ll::GrayImage(4, 3, grey)); };
  std::vector<ll::test::ZipEntry> files;
  for (int i = 0; i < 30; ++i) files.push_back({std::to_string(i % 10) + "/" + std::to_string(100 + i) + ".png", png(float(i)), i % 2 == 0});
  const std::string zip = bytes(ll::test::make_zip(files));
  // Reads until the opening ended, as frames would.
  const auto open = [](DatasetStore& store) {
    for (int i = 0; !store.open_some(0.01); ++i) {
      REQUIRE(i < 100000);
      const auto o = store.opening();
      REQUIRE(o);
      CHECK(o->name == "mine.zip");
      CHECK(o->read <= o->count);
      std::this_thread::sleep_for(std::chrono::microseconds(50));
    }
    REQUIRE(store.opening());  // until end_opening, though the thread may have ended long before
    CHECK(store.opening()->read == store.opening()->count);
  };

  DatasetStore store;
  store.start_opening(zip, "mine.zip");
  open(store);
  REQUIRE(store.add_file(store.opening_bytes(), "mine.zip") == "");
  store.end_opening();
  CHECK_FALSE(store.opening());
  const auto opened = store.request(DatasetStore::kFile).data;
  DatasetStore at_once;
  REQUIRE(at_once.add_file(zip, "mine.zip") == "");
  const auto& direct = *at_once.request(DatasetStore::kFile).data;
  CHECK(opened->count == 30);
  CHECK(opened->pixels == direct.pixels);
  CHECK(opened->labels == direct.labels);
  CHECK(opened->note == direct.note);

  // A zip with no images: refused when read; the data set in use stays. One replaced while it
  // is read is simply dropped.
  store.start_opening(zip, "mine.zip");
  const std::string notes = bytes(ll::test::make_zip({{"notes.txt", {'h', 'i'}}}));
  store.start_opening(notes, "mine.zip");
  open(store);
  CHECK(store.add_file(store.opening_bytes(), "mine.zip") == "mine.zip: holds no PNG or JPEG images (1 other file)");
  store.end_opening();
  CHECK(store.request(DatasetStore::kFile).data == opened);
}
