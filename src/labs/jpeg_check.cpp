#include "labs/jpeg_check.h"

#include <cstdint>

#include "labs/image_io.h"

namespace ll {

namespace {

[[noreturn]] void refuse(const std::string& name, const std::string& why) {
  throw ImageError(name + ": not a readable image (corrupt JPEG: " + why + ")");
}

// One DHT segment's payload (ITU T.81 B.2.4.2): tables of Tc/Th, 16 counts L1..L16, symbols.
void check_dht(const uint8_t* p, size_t len, bool defined[2][4], const std::string& name) {
  while (len > 0) {
    if (len < 17) refuse(name, "a Huffman table header is cut short");
    const int tc = p[0] >> 4, th = p[0] & 15;
    if (tc > 1 || th > 3) refuse(name, "a Huffman table has class " + std::to_string(tc) + " id " + std::to_string(th));
    size_t symbols = 0;
    uint32_t codes = 0;  // canonical code space: codes of length l use values below 2^l
    for (int l = 1; l <= 16; ++l) {
      symbols += p[l];
      codes = (codes + p[l]);
      if (codes > (1u << l)) refuse(name, "a Huffman table has more codes than its lengths allow");
      codes <<= 1;
    }
    if (symbols > 256) refuse(name, "a Huffman table lists " + std::to_string(symbols) + " symbols (at most 256)");
    if (17 + symbols > len) refuse(name, "a Huffman table runs past its segment");
    defined[tc][th] = true;
    p += 17 + symbols;
    len -= 17 + symbols;
  }
}

// One SOS segment's payload (T.81 B.2.3): Ns, then Ns pairs (component, Td<<4 | Ta), Ss, Se,
// Ah<<4 | Al. stb_image 2.27 mallocs its decoder without clearing it, so a scan that names a
// table no DHT defined decodes with uninitialised tables: symbol ids far outside values[256]
// (CI's fuzz_image, UBSan at stb_image.h:2120). Which tables stb reads: a baseline scan both; a
// progressive scan its DC table in a first DC scan (Ss = 0, Ah = 0; refinements read bits
// only) and its AC table in every AC scan (Ss > 0), first or refinement.
void check_scan_tables(const uint8_t* p, size_t len, bool progressive, const bool defined[2][4],
                       const std::string& name) {
  if (len < 1 || len < 4 + 2 * size_t(p[0])) return;  // malformed: stb refuses the header itself
  const int ns = p[0];
  const int ss = p[1 + 2 * ns], ah = p[3 + 2 * ns] >> 4;
  const bool reads_dc = !progressive || (ss == 0 && ah == 0);
  const bool reads_ac = !progressive || ss > 0;
  for (int c = 0; c < ns; ++c) {
    const int td = p[2 + 2 * c] >> 4, ta = p[2 + 2 * c] & 15;
    if (reads_dc && td <= 3 && !defined[0][td])
      refuse(name, "a scan uses DC Huffman table " + std::to_string(td) + ", which the file never defines");
    if (reads_ac && ta <= 3 && !defined[1][ta])
      refuse(name, "a scan uses AC Huffman table " + std::to_string(ta) + ", which the file never defines");
  }
}

}  // namespace

void check_jpeg_huffman_tables(std::string_view bytes, const std::string& name) {
  const auto* b = reinterpret_cast<const uint8_t*>(bytes.data());
  const size_t n = bytes.size();
  // Where stb sees a JPEG: its marker reader skips 0xFF fill bytes, so ff ff .. ff d8 is an SOI
  // too (the fuzzer's first find after the plain ff d8 check).
  size_t i = 0;
  if (n == 0 || b[0] != 0xFF) return;
  while (i < n && b[i] == 0xFF) ++i;
  if (i == n || b[i] != 0xD8) return;
  ++i;  // after SOI
  bool defined[2][4] = {};  // [class][id]: which Huffman tables a DHT segment has set so far
  bool progressive = false;
  while (i + 1 < n) {
    // Entropy-coded data and stray bytes between segments: move on to the next 0xFF.
    if (b[i] != 0xFF) {
      ++i;
      continue;
    }
    const uint8_t m = b[i + 1];
    if (m == 0xFF) {  // fill byte
      ++i;
      continue;
    }
    // Stuffed 0xFF 0x00, restart markers, TEM and SOI carry no length.
    if (m == 0x00 || (m >= 0xD0 && m <= 0xD8) || m == 0x01) {
      i += 2;
      continue;
    }
    if (m == 0xD9) return;  // EOI: anything after it is not read
    if (i + 4 > n) return;  // cut inside a marker: stb reports the truncation itself
    const size_t len = size_t(b[i + 2]) << 8 | b[i + 3];
    if (len < 2) refuse(name, "a segment has length " + std::to_string(len));
    if (m == 0xC4) {
      if (i + 2 + len > n) refuse(name, "a Huffman table segment runs past the end of the file");
      check_dht(b + i + 4, len - 2, defined, name);
    }
    if (m == 0xC2) progressive = true;  // the frame header stb reads as progressive
    if (m == 0xDA && i + 2 + len <= n) check_scan_tables(b + i + 4, len - 2, progressive, defined, name);
    i += 2 + len;
  }
}

}  // namespace ll
