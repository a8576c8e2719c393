// libFuzzer target for data set files (labs/datasets.h): gzip (capped at kMaxDatasetBytes) and
// packed safetensors. Whatever the bytes, reading either succeeds with a consistent data set or
// throws ll::FormatError; any other exception, crash or sanitizer report is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "labs/datasets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    const ll::Dataset d = ll::read_dataset_bytes(std::vector<uint8_t>(data, data + size), "fuzz");
    if (d.count < 1 || d.pixels.size() != size_t(d.count) * size_t(d.dims()) ||
        (!d.labels.empty() && d.labels.size() != size_t(d.count)))
      std::abort();  // a data set that does not hold what it says
    ll::to_matrix(d, {0, d.count - 1});
  } catch (const ll::FormatError&) {
  }
  return 0;
}
