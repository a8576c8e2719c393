#include "labs/image_arrays.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace ll {

namespace {

[[noreturn]] void fail(const std::string& source, const std::string& what) {
  throw FormatError(source + ": " + what);
}

uint32_t big_endian_u32(const uint8_t* p) {
  return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | uint32_t(p[3]);
}

const char* idx_type_name(uint8_t t) {
  switch (t) {
    case 0x08: return "unsigned byte";
    case 0x09: return "signed byte";
    case 0x0B: return "16-bit integer";
    case 0x0C: return "32-bit integer";
    case 0x0D: return "32-bit float";
    case 0x0E: return "64-bit float";
    default: return "unknown";
  }
}

// The shape checks every image format shares, before any allocation.
void check_shape(uint64_t n, uint64_t rows, uint64_t cols, const std::string& source) {
  const std::string shape = std::to_string(n) + " x " + std::to_string(rows) + " x " + std::to_string(cols);
  if (n == 0) fail(source, "holds no images (" + shape + ")");
  if (rows == 0 || cols == 0 || rows > 4096 || cols > 4096 || rows * cols > uint64_t(kMaxUserImagePixels))
    fail(source, "images of " + std::to_string(rows) + " x " + std::to_string(cols) +
                     " pixels; the labs take images of at most " + std::to_string(kMaxUserImagePixels) +
                     " pixels (64 x 64)");
  if (n * rows * cols > kMaxDatasetBytes)
    fail(source, shape + " is " + std::to_string(n * rows * cols >> 20) + " MB of pixels; at most " +
                     std::to_string(kMaxDatasetBytes >> 20) + " MB");
}

// The header's idea of the data size against the file's.
void check_size(uint64_t expected, size_t have, const std::string& source, const std::string& what) {
  if (have < expected)
    fail(source, "truncated: " + what + " need " + std::to_string(expected) + " bytes of data, the file has " +
                     std::to_string(have));
  if (have > expected)
    fail(source, std::to_string(have - expected) + " bytes more than " + what + " need: not one array");
}

}  // namespace

bool is_idx(const uint8_t* b, size_t size) { return size >= 4 && b[0] == 0 && b[1] == 0 && b[3] >= 1 && b[3] <= 4; }

bool is_npy(const uint8_t* b, size_t size) { return size >= 6 && std::memcmp(b, "\x93NUMPY", 6) == 0; }

Dataset parse_idx_images(const uint8_t* b, size_t size, const std::string& source) {
  if (!is_idx(b, size)) fail(source, "not an IDX file (it must start with 0x00 0x00, a type and 1 to 4 dimensions)");
  if (b[2] != 0x08)
    fail(source, std::string("IDX of ") + idx_type_name(b[2]) + " values; the labs take unsigned bytes (type 0x08)");
  if (b[3] != 3)
    fail(source, "IDX with " + std::to_string(b[3]) + " dimension" + (b[3] == 1 ? " (a label file?)" : "s") +
                     "; images need 3: count x rows x cols");
  if (size < 16) fail(source, "truncated IDX header (" + std::to_string(size) + " bytes)");
  const uint64_t n = big_endian_u32(b + 4), rows = big_endian_u32(b + 8), cols = big_endian_u32(b + 12);
  check_shape(n, rows, cols, source);
  check_size(n * rows * cols, size - 16, source, std::to_string(n) + " images of " + std::to_string(rows) + " x " +
                                                     std::to_string(cols));
  Dataset d;
  d.name = source;
  d.count = int(n);
  d.rows = int(rows);
  d.cols = int(cols);
  d.pixels.assign(b + 16, b + size);
  return d;
}

std::vector<uint8_t> parse_idx_labels(const uint8_t* b, size_t size, int count, const std::string& source) {
  if (!is_idx(b, size)) fail(source, "not an IDX label file (it must start with 0x00 0x00, a type and a dimension)");
  if (b[2] != 0x08 || b[3] != 1)
    fail(source, std::string("IDX of ") + idx_type_name(b[2]) + " values in " + std::to_string(b[3]) +
                     " dimensions; labels are unsigned bytes in 1 dimension");
  if (size < 8) fail(source, "truncated IDX header (" + std::to_string(size) + " bytes)");
  const uint64_t n = big_endian_u32(b + 4);
  if (n != uint64_t(count))
    fail(source, "has " + std::to_string(n) + " labels for " + std::to_string(count) + " images");
  check_size(n, size - 8, source, std::to_string(n) + " labels");
  for (size_t i = 8; i < size; ++i)
    if (b[i] > 9) fail(source, "label " + std::to_string(b[i]) + " of image " + std::to_string(i - 8) +
                                   "; the labs take classes 0 to 9");
  return std::vector<uint8_t>(b + 8, b + size);
}

Dataset parse_npy_images(const uint8_t* b, size_t size, const std::string& source, std::string* note) {
  if (!is_npy(b, size)) fail(source, "not a .npy file (no \\x93NUMPY magic)");
  if (size < 10) fail(source, "truncated .npy header");
  const int major = b[6];
  if (major < 1 || major > 3) fail(source, ".npy format version " + std::to_string(major) + " (1 to 3 are known)");
  const size_t len_bytes = major == 1 ? 2 : 4;
  if (size < 8 + len_bytes) fail(source, "truncated .npy header");
  size_t header_len = size_t(b[8]) | size_t(b[9]) << 8;
  if (len_bytes == 4) header_len |= size_t(b[10]) << 16 | size_t(b[11]) << 24;
  const size_t data_at = 8 + len_bytes + header_len;
  if (header_len > 65536 || data_at > size) fail(source, "truncated .npy header");
  const std::string header(reinterpret_cast<const char*>(b) + 8 + len_bytes, header_len);
  // The header is a Python dict literal; only three keys matter, each read as numpy.save writes
  // it: "{'descr': '<f4', 'fortran_order': False, 'shape': (100, 28, 28), }". A small scanner,
  // not std::regex, whose recursion a long hostile header could run off the stack.
  const auto value_of = [&](const char* key) -> std::string {
    const size_t k = header.find(key);
    if (k == std::string::npos) fail(source, std::string(".npy header without ") + key);
    size_t at = header.find_first_not_of(" :", k + std::strlen(key));
    if (at == std::string::npos) fail(source, std::string(".npy header: no value for ") + key);
    const char open = header[at];
    const char close = open == '\'' ? '\'' : open == '(' ? ')' : ',';
    const size_t end = header.find(close, at + 1);
    if (end == std::string::npos) fail(source, std::string(".npy header: unterminated value of ") + key);
    return open == '\'' || open == '(' ? header.substr(at + 1, end - at - 1) : header.substr(at, end - at);
  };
  const std::string type = value_of("'descr'");
  const bool u8 = type == "|u1" || type == "u1" || type == "<u1", f32 = type == "<f4";
  if (!u8 && !f32)
    fail(source, ".npy array of type '" + type.substr(0, 16) + "'; the labs take uint8 ('|u1') or float32 ('<f4')");
  const std::string order = value_of("'fortran_order'");
  if (order.find("True") != std::string::npos)
    fail(source, ".npy array in Fortran order; save it in C order (numpy.ascontiguousarray)");
  std::vector<uint64_t> dims;
  const std::string list = value_of("'shape'");
  for (size_t at = 0; at < list.size() && dims.size() <= 3;) {
    const size_t digit = list.find_first_of("0123456789", at);
    if (digit == std::string::npos) break;
    const size_t end = std::min(list.find_first_not_of("0123456789", digit), list.size());
    if (end - digit > 10) fail(source, ".npy shape with a dimension of more than 10 digits");
    dims.push_back(std::stoull(list.substr(digit, end - digit)));
    at = end;
  }
  if (dims.size() != 3)
    fail(source, ".npy array of " + std::string(dims.size() > 3 ? "more than 3" : std::to_string(dims.size())) +
                     " dimensions; images need 3: N x H x W");
  check_shape(dims[0], dims[1], dims[2], source);
  const uint64_t values = dims[0] * dims[1] * dims[2];
  check_size(values * (f32 ? 4 : 1), size - data_at, source,
             std::to_string(dims[0]) + " images of " + std::to_string(dims[1]) + " x " + std::to_string(dims[2]));
  Dataset d;
  d.name = source;
  d.count = int(dims[0]);
  d.rows = int(dims[1]);
  d.cols = int(dims[2]);
  const uint8_t* data = b + data_at;
  if (u8) {
    d.pixels.assign(data, data + values);
    return d;
  }
  std::vector<float> f(values);
  std::memcpy(f.data(), data, values * 4);  // little-endian, as wasm and x86 are
  float lo = INFINITY, hi = -INFINITY;
  for (uint64_t i = 0; i < values; ++i) {
    if (!std::isfinite(f[i])) fail(source, "value " + std::to_string(i) + " is not a finite number");
    lo = std::min(lo, f[i]);
    hi = std::max(hi, f[i]);
  }
  const bool unit = lo >= 0 && hi <= 1;
  if (!unit && (lo < 0 || hi > 255))
    fail(source, "float32 values from " + std::to_string(lo) + " to " + std::to_string(hi) +
                     "; the labs take values in [0, 1] or [0, 255]");
  const float scale = unit ? 255.0f : 1.0f;
  d.pixels.resize(values);
  for (uint64_t i = 0; i < values; ++i) d.pixels[i] = uint8_t(std::lround(f[i] * scale));
  if (note) *note = unit ? "float32 values in [0, 1] scaled to 0..255" : "float32 values rounded to 0..255";
  return d;
}

}  // namespace ll
