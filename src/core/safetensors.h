// The safetensors file format (https://github.com/huggingface/safetensors),
// so a saved LatentLab model opens with numpy/PyTorch (safetensors.numpy.load_file):
//
//   8 bytes   N, little-endian u64: length of the JSON header
//   N bytes   JSON: {"<name>": {"dtype": "F32", "shape": [d0, d1, ...],
//                               "data_offsets": [begin, end]}, ...,
//                    "__metadata__": {"<key>": "<string value>", ...}}
//   the rest  raw little-endian tensor data, C (row-major) order; offsets
//             are bytes relative to the start of this section.
//
// Two dtypes are written and accepted: F32 (model parameters) and U8 (packed
// datasets: 8-bit pixels and class labels). The parser trusts nothing: any
// inconsistency throws FormatError with a message naming the file and the
// problem, and it never reads outside the given bytes (see fuzz/).
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace ll {

// The one error type for unreadable or mismatching model files.
class FormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

using Metadata = std::map<std::string, std::string>;

enum class DType { F32, U8 };
const char* dtype_name(DType t);   // "F32", "U8": the file's spelling
size_t dtype_size(DType t);        // bytes per element

// A tensor to write: numel(shape) elements of `dtype` at `data`, in C order.
struct TensorRef {
  std::string name;
  std::vector<int64_t> shape;
  const void* data = nullptr;
  DType dtype = DType::F32;
};

// One validated tensor entry of a parsed file.
struct TensorEntry {
  std::string name;
  std::vector<int64_t> shape;
  uint64_t begin = 0, end = 0;  // byte range in the data section
  DType dtype = DType::F32;
};

// A parsed file: the header, plus a pointer to the data section of the bytes
// that were parsed (they must outlive the view).
struct SafetensorsView {
  std::vector<TensorEntry> tensors;  // in data-section order
  Metadata metadata;
  const uint8_t* data = nullptr;
  uint64_t data_size = 0;

  const TensorEntry* find(const std::string& name) const;
  // Copies a tensor's values into out[0 .. numel); the entry's dtype must match
  // (FormatError naming the tensor otherwise).
  void read(const TensorEntry& t, float* out) const;
  void read(const TensorEntry& t, uint8_t* out) const;
};

// Serialises tensors in the given order, data packed back to back. The
// header is padded with spaces to a multiple of 8 bytes, as the reference
// implementation does, so the data section is aligned.
std::vector<uint8_t> write_safetensors(const std::vector<TensorRef>& tensors,
                                       const Metadata& metadata);

// Parses and validates: header length within the file, JSON object, dtype
// F32 or U8, shapes of non-negative integers, data_offsets inside the data section,
// matching the shape's size and not overlapping. `source` (e.g. the file
// name) starts every error message.
SafetensorsView parse_safetensors(const uint8_t* bytes, size_t size, const std::string& source);

// "[16,64]", for messages.
std::string shape_to_string(const std::vector<int64_t>& shape);

// Whole-file I/O; failures throw FormatError naming the path.
std::vector<uint8_t> read_file_bytes(const std::string& path);
void write_file_bytes(const std::string& path, const std::vector<uint8_t>& bytes);

}  // namespace ll
