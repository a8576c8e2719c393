// libFuzzer target for data set files (labs/datasets.h): gzip (capped at kMaxDatasetBytes),
// packed safetensors, and a student's IDX images and labels and .npy arrays
// (labs/image_arrays.h). Whatever the bytes, reading succeeds with a consistent data set or
// throws ll::FormatError; any other exception, crash or sanitizer report is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "labs/datasets.h"
#include "labs/image_arrays.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    const ll::Dataset d = ll::read_dataset_bytes(std::vector<uint8_t>(data, data + size), "fuzz");
    if (d.count < 1 || d.pixels.size() != size_t(d.count) * size_t(d.dims()) ||
        (!d.labels.empty() && d.labels.size() != size_t(d.count)))
      std::abort();  // a data set that does not hold what it says
    ll::to_matrix(d, {0, d.count - 1});
  } catch (const ll::FormatError&) {
  }
  try {
    const std::vector<uint8_t> labels = ll::parse_idx_labels(data, size, 4, "fuzz");
    if (labels.size() != 4) std::abort();
    for (uint8_t l : labels)
      if (l > 9) std::abort();
  } catch (const ll::FormatError&) {
  }
  return 0;
}
