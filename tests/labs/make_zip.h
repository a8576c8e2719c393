// Zips made byte by byte for the tests (APPNOTE.TXT 4.3), with every field a test may want
// wrong: a declared size or CRC that lies, flags, another method. Shared by the zip reader's and
// the data set store's tests.
#pragma once
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

// stb_image_write's deflate (zlib-wrapped), compiled into ll_labs by labs/stb_image_impl.cpp.
extern "C" unsigned char* stbi_zlib_compress(unsigned char* data, int data_len, int* out_len, int quality);

namespace ll::test {

using Bytes = std::vector<uint8_t>;

struct ZipEntry {
  std::string name;
  Bytes data;
  bool deflate = false;
  uint16_t flags = 0;
  uint16_t method = 0xFFFF;     // 0xFFFF: 0 or 8 from `deflate`
  int64_t declared_size = -1;   // -1: the true size
  int64_t declared_crc = -1;
};

inline void put16(Bytes& b, uint32_t v) { b.push_back(uint8_t(v)), b.push_back(uint8_t(v >> 8)); }
inline void put32(Bytes& b, uint32_t v) { put16(b, v & 0xFFFF), put16(b, v >> 16); }

inline uint32_t crc(const Bytes& d) {
  uint32_t c = 0xFFFFFFFFu;
  for (uint8_t x : d) {
    c ^= x;
    for (int k = 0; k < 8; ++k) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
  }
  return ~c;
}

inline Bytes raw_deflate(const Bytes& d) {
  int len = 0;
  unsigned char* z = stbi_zlib_compress(const_cast<unsigned char*>(d.data()), int(d.size()), &len, 8);
  Bytes out(z + 2, z + len - 4);  // without zlib's 2-byte header and Adler-32 trailer
  std::free(z);
  return out;
}

// Local headers with data, the central directory, its end.
inline Bytes make_zip(const std::vector<ZipEntry>& entries) {
  Bytes out, dir;
  for (const ZipEntry& e : entries) {
    const Bytes packed = e.deflate ? raw_deflate(e.data) : e.data;
    const uint16_t method = e.method != 0xFFFF ? e.method : (e.deflate ? 8 : 0);
    const uint32_t size = e.declared_size >= 0 ? uint32_t(e.declared_size) : uint32_t(e.data.size());
    const uint32_t c = e.declared_crc >= 0 ? uint32_t(e.declared_crc) : crc(e.data);
    const uint32_t local = uint32_t(out.size());
    put32(out, 0x04034b50), put16(out, 20), put16(out, e.flags), put16(out, method), put32(out, 0);
    put32(out, c), put32(out, uint32_t(packed.size())), put32(out, size);
    put16(out, uint32_t(e.name.size())), put16(out, 0);
    out.insert(out.end(), e.name.begin(), e.name.end());
    out.insert(out.end(), packed.begin(), packed.end());
    put32(dir, 0x02014b50), put16(dir, 20), put16(dir, 20), put16(dir, e.flags), put16(dir, method), put32(dir, 0);
    put32(dir, c), put32(dir, uint32_t(packed.size())), put32(dir, size);
    put16(dir, uint32_t(e.name.size())), put16(dir, 0), put16(dir, 0), put16(dir, 0), put16(dir, 0), put32(dir, 0);
    put32(dir, local);
    dir.insert(dir.end(), e.name.begin(), e.name.end());
  }
  const uint32_t dir_at = uint32_t(out.size());
  out.insert(out.end(), dir.begin(), dir.end());
  put32(out, 0x06054b50), put16(out, 0), put16(out, 0), put16(out, uint32_t(entries.size()));
  put16(out, uint32_t(entries.size())), put32(out, uint32_t(dir.size())), put32(out, dir_at), put16(out, 0);
  return out;
}

}  // namespace ll::test
