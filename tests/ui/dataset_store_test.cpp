// The student's data set file in the page's store: images first, then an IDX label file adds
// labels; anything wrong leaves the data set as it was.
#include <doctest/doctest.h>

#include <string>

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
