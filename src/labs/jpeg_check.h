// Checks a JPEG's Huffman tables, and that its scans use only defined ones, before stb_image
// sees the file. Debian's stb_image 2.27 builds its tables without checking the DHT counts: a
// 10-byte file (ff d8 ff c4 b5 10 00 51 61 72) makes stbi__build_huffman write past size[257]
// and code[256] (found by UBSan; inside one struct, so ASan is silent). stb 2.28 added part of
// this check; we keep the Debian package and reject such files here.
#pragma once
#include <string>
#include <string_view>

namespace ll {

// Does nothing unless stb would read the bytes as a JPEG (0xFF fill bytes, then SOI). Walks the
// JPEG's marker segments (skipping entropy-coded data) and checks every DHT table:
// class 0..1 and id 0..3, all 16 length counts and the symbols inside the segment, at most 256
// symbols, and counts that form a valid prefix code (at most 2^l codes of length <= l). A DHT
// segment that runs past the end of the file is refused too, and so is a scan (SOS) that names a
// Huffman table no earlier DHT defined (stb would decode with uninitialised tables). Throws
// ImageError naming `name`.
void check_jpeg_huffman_tables(std::string_view bytes, const std::string& name);

}  // namespace ll
