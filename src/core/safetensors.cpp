#include "core/safetensors.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

namespace ll {

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "safetensors data is little-endian; this code copies floats as they are in memory");

namespace {

using json = nlohmann::json;

// The reference implementation refuses headers over 100 MB.
constexpr uint64_t kMaxHeader = 100u * 1000u * 1000u;

[[noreturn]] void fail(const std::string& source, const std::string& what) {
  throw FormatError(source + ": " + what);
}

// Number of elements, saturating at `limit + 1` so huge shapes cannot overflow.
uint64_t numel_saturated(const std::vector<int64_t>& shape, uint64_t limit) {
  uint64_t n = 1;
  for (int64_t d : shape) {
    if (d == 0) return 0;
    const uint64_t ud = static_cast<uint64_t>(d);
    n = (n > limit / ud) ? limit + 1 : n * ud;
  }
  return n;
}

TensorEntry parse_entry(const std::string& name, const json& v, uint64_t data_size,
                        const std::string& source) {
  const std::string who = "tensor '" + name + "'";
  if (!v.is_object()) fail(source, who + " is not a JSON object");
  auto dtype = v.find("dtype");
  if (dtype == v.end() || !dtype->is_string()) fail(source, who + " has no dtype");
  TensorEntry t;
  t.name = name;
  if (*dtype == "F32") t.dtype = DType::F32;
  else if (*dtype == "U8") t.dtype = DType::U8;
  else fail(source, who + " has dtype '" + dtype->get<std::string>() + "', only F32 and U8 are supported");

  auto shape = v.find("shape");
  if (shape == v.end() || !shape->is_array()) fail(source, who + " has no shape array");
  for (const json& d : *shape) {
    if (!d.is_number_unsigned() || d.get<uint64_t>() > uint64_t(INT64_MAX))
      fail(source, who + " has a shape entry that is not a non-negative integer");
    t.shape.push_back(static_cast<int64_t>(d.get<uint64_t>()));
  }

  auto offsets = v.find("data_offsets");
  if (offsets == v.end() || !offsets->is_array() || offsets->size() != 2 ||
      !(*offsets)[0].is_number_unsigned() || !(*offsets)[1].is_number_unsigned())
    fail(source, who + " needs data_offsets [begin, end] of two non-negative integers");
  t.begin = (*offsets)[0].get<uint64_t>();
  t.end = (*offsets)[1].get<uint64_t>();
  const std::string range = "[" + std::to_string(t.begin) + "," + std::to_string(t.end) + "]";
  if (t.begin > t.end) fail(source, who + " has data_offsets " + range + " with begin > end");
  if (t.end > data_size)
    fail(source, who + " has data_offsets " + range + " beyond the data section (" +
                     std::to_string(data_size) + " bytes): the file is truncated or corrupt");
  const uint64_t numel = numel_saturated(t.shape, data_size);
  if (numel * dtype_size(t.dtype) != t.end - t.begin)
    fail(source, who + " has shape " + shape_to_string(t.shape) + " but data_offsets " + range +
                     " hold " + std::to_string(t.end - t.begin) + " bytes");
  return t;
}

uint64_t numel(const std::vector<int64_t>& shape) {
  uint64_t n = 1;
  for (int64_t d : shape) n *= static_cast<uint64_t>(d);
  return n;
}

}  // namespace

const char* dtype_name(DType t) { return t == DType::U8 ? "U8" : "F32"; }
size_t dtype_size(DType t) { return t == DType::U8 ? 1 : 4; }

std::string shape_to_string(const std::vector<int64_t>& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? "," : "") + std::to_string(shape[i]);
  return s + "]";
}

const TensorEntry* SafetensorsView::find(const std::string& name) const {
  for (const TensorEntry& t : tensors)
    if (t.name == name) return &t;
  return nullptr;
}

static void check_dtype(const TensorEntry& t, DType want) {
  if (t.dtype != want)
    throw FormatError("tensor '" + t.name + "' has dtype " + dtype_name(t.dtype) + ", expected " +
                      dtype_name(want));
}

void SafetensorsView::read(const TensorEntry& t, float* out) const {
  check_dtype(t, DType::F32);
  // memcpy: the data section need not be 4-byte aligned in the caller's buffer.
  std::memcpy(out, data + t.begin, static_cast<size_t>(t.end - t.begin));
}

void SafetensorsView::read(const TensorEntry& t, uint8_t* out) const {
  check_dtype(t, DType::U8);
  std::memcpy(out, data + t.begin, static_cast<size_t>(t.end - t.begin));
}

std::vector<uint8_t> write_safetensors(const std::vector<TensorRef>& tensors,
                                       const Metadata& metadata) {
  json header = json::object();
  uint64_t offset = 0;
  for (const TensorRef& t : tensors) {
    const uint64_t bytes = numel(t.shape) * dtype_size(t.dtype);
    header[t.name] = {{"dtype", dtype_name(t.dtype)},
                      {"shape", t.shape},
                      {"data_offsets", {offset, offset + bytes}}};
    offset += bytes;
  }
  if (!metadata.empty()) header["__metadata__"] = metadata;
  std::string text = header.dump();
  text.append((8 - text.size() % 8) % 8, ' ');

  std::vector<uint8_t> out(8 + text.size() + offset);
  const uint64_t n = text.size();
  for (int i = 0; i < 8; ++i) out[i] = static_cast<uint8_t>(n >> (8 * i));
  std::memcpy(out.data() + 8, text.data(), text.size());
  uint8_t* data = out.data() + 8 + text.size();
  for (const TensorRef& t : tensors) {
    const size_t bytes = static_cast<size_t>(numel(t.shape) * dtype_size(t.dtype));
    if (bytes) std::memcpy(data, t.data, bytes);
    data += bytes;
  }
  return out;
}

SafetensorsView parse_safetensors(const uint8_t* bytes, size_t size, const std::string& source) {
  if (size < 8)
    fail(source,
         "file is " + std::to_string(size) +
             " bytes, too short for the 8-byte header length: truncated or not safetensors");
  uint64_t n = 0;
  for (int i = 0; i < 8; ++i) n |= uint64_t(bytes[i]) << (8 * i);
  if (n > kMaxHeader)
    fail(source, "header length " + std::to_string(n) +
                     " exceeds the 100 MB limit: not a safetensors file");
  if (n > size - 8)
    fail(source, "header length " + std::to_string(n) + " exceeds the " + std::to_string(size - 8) +
                     " bytes that follow it: the file is truncated");

  json header;
  try {
    header = json::parse(bytes + 8, bytes + 8 + n);
  } catch (const json::exception& e) {
    fail(source, std::string("header is not valid JSON (") + e.what() + ")");
  }
  if (!header.is_object()) fail(source, "header is not a JSON object");

  SafetensorsView view;
  view.data = bytes + 8 + n;
  view.data_size = size - 8 - n;
  for (auto it = header.begin(); it != header.end(); ++it) {
    if (it.key() == "__metadata__") {
      if (!it->is_object()) fail(source, "__metadata__ is not a JSON object");
      for (auto m = it->begin(); m != it->end(); ++m) {
        if (!m->is_string())
          fail(source, "__metadata__ value for '" + m.key() + "' is not a string");
        view.metadata[m.key()] = m->get<std::string>();
      }
      continue;
    }
    view.tensors.push_back(parse_entry(it.key(), *it, view.data_size, source));
  }

  std::sort(view.tensors.begin(), view.tensors.end(),
            [](const TensorEntry& a, const TensorEntry& b) { return a.begin < b.begin; });
  for (size_t i = 1; i < view.tensors.size(); ++i)
    if (view.tensors[i].begin < view.tensors[i - 1].end)
      fail(source, "tensors '" + view.tensors[i - 1].name + "' and '" + view.tensors[i].name +
                       "' overlap in the data section");
  return view;
}

std::vector<uint8_t> read_file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FormatError(path + ": cannot open file for reading");
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                             std::istreambuf_iterator<char>());
  if (in.bad()) throw FormatError(path + ": read error");
  return bytes;
}

void write_file_bytes(const std::string& path, const std::vector<uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw FormatError(path + ": cannot open file for writing");
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  if (!out) throw FormatError(path + ": write error");
}

}  // namespace ll
