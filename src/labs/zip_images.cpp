#include "labs/zip_images.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstring>
#include <string_view>
#include <vector>

#include <stb/stb_image.h>

#include "labs/image_arrays.h"
#include "labs/image_io.h"

namespace ll {

namespace {

[[noreturn]] void fail(const std::string& source, const std::string& what) { throw FormatError(source + ": " + what); }

uint16_t u16(const uint8_t* p) { return uint16_t(p[0] | p[1] << 8); }
uint32_t u32(const uint8_t* p) { return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24; }

// CRC-32 of zip (and PNG, gzip): reflected polynomial 0xEDB88320, table-driven.
uint32_t crc32(const uint8_t* p, size_t n) {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  uint32_t c = 0xFFFFFFFFu;
  for (size_t i = 0; i < n; ++i) c = table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

}  // namespace

struct ZipImageReader::Entry {
  std::string_view name;  // in the zip's bytes: 20,000 names as strings of their own took 30-50 ms
  uint16_t flags = 0, method = 0;
  uint32_t crc = 0, packed = 0, size = 0, local = 0;
};

namespace {

using Entry = ZipImageReader::Entry;

bool ends_with_ci(std::string_view s, std::string_view end) {
  if (s.size() < end.size()) return false;
  for (size_t i = 0; i < end.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[s.size() - end.size() + i])) != end[i]) return false;
  return true;
}

// The last path component and the folder it sits in ("a/3/x.png" -> "x.png", "3"); zips made on
// Windows sometimes separate with '\'.
void split_path(std::string_view path, std::string_view& folder, std::string_view& base) {
  const size_t last = path.find_last_of("/\\");
  base = last == std::string::npos ? path : path.substr(last + 1);
  folder = {};
  if (last == std::string::npos || last == 0) return;
  const size_t prev = path.find_last_of("/\\", last - 1);
  const size_t from = prev == std::string::npos ? 0 : prev + 1;
  folder = path.substr(from, last - from);
}

// The central directory: where every entry's data is and what it claims, checked against the file.
std::vector<Entry> read_directory(const uint8_t* b, size_t size, const std::string& source) {
  // The end-of-central-directory record: 22 bytes plus a comment of at most 65535, at the end.
  size_t eocd = std::string::npos;
  for (size_t back = 22; back <= size && back <= 22 + 65535; ++back)
    if (u32(b + size - back) == 0x06054b50u) {
      eocd = size - back;
      break;
    }
  if (eocd == std::string::npos) fail(source, "not a zip file, or a truncated one (no end-of-archive record)");
  const uint8_t* e = b + eocd;
  if (u16(e + 4) != 0 || u16(e + 6) != 0) fail(source, "a zip split over several files; put it in one zip");
  const uint32_t count = u16(e + 10), dir_size = u32(e + 12), dir_at = u32(e + 16);
  if (count == 0xFFFF || dir_size == 0xFFFFFFFFu || dir_at == 0xFFFFFFFFu)
    fail(source, "a ZIP64 archive (over 65,535 files or 4 GB); the labs read ordinary zips");
  if (uint64_t(dir_at) + dir_size > eocd) fail(source, "corrupt: the zip's directory lies outside the file");
  std::vector<Entry> entries;
  const uint8_t* p = b + dir_at;
  const uint8_t* end = p + dir_size;
  for (uint32_t i = 0; i < count; ++i) {
    if (end - p < 46 || u32(p) != 0x02014b50u) fail(source, "corrupt: the zip's directory is cut short");
    Entry en;
    en.flags = u16(p + 8);
    en.method = u16(p + 10);
    en.crc = u32(p + 16);
    en.packed = u32(p + 20);
    en.size = u32(p + 24);
    const size_t name_len = u16(p + 28), extra = u16(p + 30), comment = u16(p + 32);
    en.local = u32(p + 42);
    if (size_t(end - p) < 46 + name_len + extra + comment) fail(source, "corrupt: the zip's directory is cut short");
    en.name = std::string_view(reinterpret_cast<const char*>(p + 46), name_len);
    p += 46 + name_len + extra + comment;
    entries.push_back(std::move(en));
  }
  return entries;
}

// The entry's bytes, unpacked into a buffer of exactly its declared size.
std::vector<uint8_t> unpack(const uint8_t* b, size_t size, const Entry& e, const std::string& source) {
  const std::string where = source + ": " + std::string(e.name);
  if (e.flags & 1) throw FormatError(where + " is encrypted; the labs read zips without a password");
  if (e.method != 0 && e.method != 8)
    throw FormatError(where + " is compressed with method " + std::to_string(e.method) +
                      "; zips of stored or deflated files (what zip tools write by default) are read");
  if (e.size == 0xFFFFFFFFu || e.packed == 0xFFFFFFFFu) throw FormatError(where + ": a ZIP64 entry (over 4 GB)");
  if (uint64_t(e.local) + 30 > size || u32(b + e.local) != 0x04034b50u)
    throw FormatError(where + ": corrupt zip (no file header where the directory points)");
  const uint64_t data = uint64_t(e.local) + 30 + u16(b + e.local + 26) + u16(b + e.local + 28);
  if (data + e.packed > size) throw FormatError(where + ": truncated (its data run past the end of the zip)");
  const uint8_t* in = b + data;
  std::vector<uint8_t> out(e.size);
  if (e.method == 0) {
    if (e.packed != e.size) throw FormatError(where + ": corrupt zip (a stored file of two sizes)");
    std::memcpy(out.data(), in, e.size);
  } else {
    // stb's inflater writes into this fixed buffer and fails at its end: a bomb that declares
    // 1 KB cannot unpack to more. Debian's stb 2.27 refuses to decode the last codes of a stream
    // with fewer than 16 bits after them (stbi__zhuffman_decode checks for the end before it
    // counts the bits it holds), which a PNG's 4-byte Adler-32 always provides and a zip entry
    // does not: 8 zero bytes after a copy of the data stand in for them; the size and CRC checks
    // below catch anything they could make of a truncated stream.
    std::vector<uint8_t> padded(in, in + e.packed);
    padded.resize(padded.size() + 8, 0);
    const int got = stbi_zlib_decode_noheader_buffer(reinterpret_cast<char*>(out.data()), int(out.size()),
                                                     reinterpret_cast<const char*>(padded.data()), int(padded.size()));
    if (got != int(e.size)) throw FormatError(where + ": corrupt zip (its data do not unpack to the size it declares)");
  }
  if (crc32(out.data(), out.size()) != e.crc) throw FormatError(where + ": corrupt zip (CRC-32 mismatch)");
  return out;
}

// The image's grey values, rounded to bytes, after `out`'s.
void append_bytes(const GrayImage& g, std::vector<uint8_t>& out) {
  for (float v : g.pixels) out.push_back(uint8_t(std::clamp(std::lround(v), 0L, 255L)));
}

// Fits the image into side x side keeping its aspect ratio (area averaging, core/gray_image.h),
// centred on the mean grey of its border, which is what the image's background most likely is.
GrayImage fit(const GrayImage& g, int side) {
  const double s = double(side) / std::max(g.width, g.height);
  const int w = std::clamp(int(std::lround(g.width * s)), 1, side), h = std::clamp(int(std::lround(g.height * s)), 1, side);
  const GrayImage r = resize_area(g, w, h);
  double border = 0;
  int n = 0;
  for (int x = 0; x < w; ++x) border += r.at(x, 0) + r.at(x, h - 1), n += 2;
  for (int y = 0; y < h; ++y) border += r.at(0, y) + r.at(w - 1, y), n += 2;
  GrayImage out(side, side, float(border / n));
  const int x0 = (side - w) / 2, y0 = (side - h) / 2;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) out.at(x0 + x, y0 + y) = r.at(x, y);
  return out;
}

}  // namespace

bool is_zip(const uint8_t* b, size_t size) {
  return size >= 4 && b[0] == 'P' && b[1] == 'K' && ((b[2] == 3 && b[3] == 4) || (b[2] == 5 && b[3] == 6));
}

ZipImageReader::ZipImageReader(const uint8_t* b, size_t size, std::string source)
    : bytes_(b), size_(size), source_(std::move(source)) {
  if (!is_zip(b, size)) fail(source_, "not a zip file");
  entries_ = read_directory(b, size, source_);
  std::sort(entries_.begin(), entries_.end(), [](const Entry& x, const Entry& y) { return x.name < y.name; });

  // Which entries are images, and everything their declared sizes say, before unpacking any.
  uint64_t unpacked = 0;
  for (const Entry& e : entries_) {
    std::string_view folder, base;
    split_path(e.name, folder, base);
    if (base.empty()) continue;  // a folder
    const bool mac_copy = e.name.rfind("__MACOSX/", 0) == 0 || base.rfind("._", 0) == 0;
    if (mac_copy || !(ends_with_ci(base, ".png") || ends_with_ci(base, ".jpg") || ends_with_ci(base, ".jpeg"))) {
      ++passed_over_;
      continue;
    }
    if (e.size > uint64_t(kMaxImageFileBytes))
      fail(source_, std::string(e.name) + " unpacks to " + std::to_string(e.size >> 20) + " MB; image files up to " +
                        std::to_string(kMaxImageFileBytes >> 20) + " MB are read");
    unpacked += e.size;
    if (unpacked > kMaxDatasetBytes)
      fail(source_, "its images unpack to more than " + std::to_string(kMaxDatasetBytes >> 20) + " MB; at most " +
                        std::to_string(kMaxDatasetBytes >> 20) + " MB are read");
    if (images_.size() == size_t(kMaxZipImages))
      fail(source_, "holds more than " + std::to_string(kMaxZipImages) + " images; at most " +
                        std::to_string(kMaxZipImages) + " are read");
    all_in_digit_folders_ = all_in_digit_folders_ && folder.size() == 1 && folder[0] >= '0' && folder[0] <= '9';
    images_.push_back(&e);
  }
  if (images_.empty())
    fail(source_, "holds no PNG or JPEG images" + (passed_over_ ? " (" + others() + ")" : std::string()));
}

ZipImageReader::~ZipImageReader() = default;

std::string ZipImageReader::others() const {
  return std::to_string(passed_over_) + (passed_over_ == 1 ? " other file" : " other files");
}

// Kept at their size until one differs (or is too large), then all fitted. The pixels go
// straight into one buffer reserved for all images: pages of fresh memory cost ~3 ms per MB
// when first written here, and a copy into a new buffer at the end took 100 ms of one task.
void ZipImageReader::read_next() {
  const Entry* e = images_[size_t(read_)];
  const std::vector<uint8_t> bytes = unpack(bytes_, size_, *e, source_);
  GrayImage g;
  try {
    g = decode_gray(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()), std::string(e->name));
  } catch (const ImageError& ex) {
    fail(source_, ex.what());
  }
  const size_t count = images_.size();
  if (!fitted_ && (int64_t(g.width) * g.height > kMaxUserImagePixels ||
                   (read_ > 0 && (g.width != width_ || g.height != height_)))) {
    fitted_ = true;
    std::vector<uint8_t> all;
    all.reserve(count * kZipImageSide * kZipImageSide);
    for (int i = 0; i < read_; ++i) {
      GrayImage k(width_, height_);
      const uint8_t* px = pixels_.data() + size_t(i) * size_t(width_) * size_t(height_);
      for (size_t j = 0; j < k.pixels.size(); ++j) k.pixels[j] = px[j];
      append_bytes(fit(k, kZipImageSide), all);
    }
    pixels_ = std::move(all);
    width_ = height_ = kZipImageSide;
  }
  if (!fitted_) {
    // Kept at their size, a few KB of PNG can each hold 4096 pixels: the same cap as any data set.
    const size_t px = size_t(g.width) * size_t(g.height);
    if ((size_t(read_) + 1) * px > kMaxDatasetBytes)
      fail(source_, "its images hold more than " + std::to_string(kMaxDatasetBytes >> 20) + " MB of pixels; at most " +
                        std::to_string(kMaxDatasetBytes >> 20) + " MB are read");
    if (read_ == 0) {
      width_ = g.width, height_ = g.height;
      pixels_.reserve(std::min(count * px, size_t(kMaxDatasetBytes)));
    }
  }
  append_bytes(fitted_ ? fit(g, kZipImageSide) : g, pixels_);
  ++read_;
}

Dataset ZipImageReader::finish(std::string* note) {
  Dataset d;
  d.name = source_;
  d.rows = height_;
  d.cols = width_;
  d.count = read_;
  d.pixels = std::move(pixels_);
  if (all_in_digit_folders_) {
    for (const Entry* e : images_) {
      std::string_view folder, base;
      split_path(e->name, folder, base);
      d.labels.push_back(uint8_t(folder[0] - '0'));
    }
  }
  if (note) {
    std::string n = fitted_ ? "converted to gray and fitted into " + std::to_string(kZipImageSide) + " x " +
                                  std::to_string(kZipImageSide) + " (they differ in size or are over 64 x 64)"
                            : "converted to gray";
    if (all_in_digit_folders_) n += "; labels from their folders 0-9";
    if (passed_over_) n += "; " + others() + " passed over";
    *note = n;
  }
  return d;
}

Dataset parse_zip_images(const uint8_t* b, size_t size, const std::string& source, std::string* note) {
  ZipImageReader reader(b, size, source);
  while (!reader.done()) reader.read_next();
  return reader.finish(note);
}

}  // namespace ll
