// Regression tests for the hostile inputs of issue 17: each was found by fuzzing or probing and
// must stay refused with a clear message, before anything large is allocated.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "core/model_io.h"
#include "labs/datasets.h"
#include "labs/image_io.h"

#ifndef __EMSCRIPTEN__
#include <zlib.h>
#endif

namespace {

// A PNG whose header (IHDR) claims width x height gray pixels, followed by nothing: stb reads
// the size from the header alone. CRCs are not checked by stb, so they are left 0.
std::string png_header(uint32_t width, uint32_t height) {
  std::string b = "\x89PNG\r\n\x1a\n";
  auto u32 = [&](uint32_t v) {
    for (int s = 24; s >= 0; s -= 8) b += char((v >> s) & 255);
  };
  u32(13);
  b += "IHDR";
  u32(width);
  u32(height);
  b += std::string("\x08\x00\x00\x00\x00", 5);  // 8-bit gray, deflate, no filter, no interlace
  u32(0);
  return b;
}

}  // namespace

TEST_CASE("the 10-byte JPEG that overflowed stb's Huffman tables is refused") {
  const std::string jpeg("\xff\xd8\xff\xc4\xb5\x10\x00\x51\x61\x72", 10);
  CHECK_THROWS_WITH_AS(ll::decode_gray(jpeg, "x.jpg"), doctest::Contains("x.jpg: not a readable image"),
                       ll::ImageError);
  // A complete DHT segment listing 292 symbols (at most 256 exist) is refused by name too.
  std::string dht("\xff\xd8\xff\xc4\x01\x35\x00", 7);  // length 2 + 1 + 16 + 292 = 311 = 0x137
  dht[4] = 0x01;
  dht[5] = 0x37;
  const uint8_t counts[16] = {0, 0, 0x51, 0x61, 0x72, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  dht.append(reinterpret_cast<const char*>(counts), 16);
  dht.append(292, '\x01');
  dht += "\xff\xd9";
  CHECK_THROWS_WITH_AS(ll::decode_gray(dht, "dht.jpg"), doctest::Contains("Huffman table"), ll::ImageError);
  // fuzz_image's first find: stb skips 0xFF fill bytes before SOI, so "ff ff d8" is a JPEG too.
  const std::string fill(
      "\xff\xff\xd8\xff\xe0\x00\x10\x86\x86\x86\x3b\x00\xff\xd8\xff\xd8\xff\xc4\xb5\xd0\xc4\xb5\xd0\x01\x01\x11"
      "\xff\xff\xc4\x00\x19\x00\x00\x02\x03\x01\x00\x00\x86\x3f\xfb\xff\x3f\xfb\xff\xff\xc0\x73\x3f\xff\x05\x6f"
      "\x5f\xff\xd8\xff\xc4\xff\xff\xd0",
      60);
  CHECK_THROWS_WITH_AS(ll::decode_gray(fill, "fill.jpg"), doctest::Contains("corrupt JPEG"), ll::ImageError);
}

TEST_CASE("JPEGs the encoder writes still decode (the Huffman check passes valid files)") {
  ll::GrayImage img(40, 24);
  for (size_t i = 0; i < img.pixels.size(); ++i) img.pixels[i] = float((i * 13) % 256);
  for (int q : {1, 50, 95}) {
    const std::vector<uint8_t> jpg = ll::encode_jpeg(img, q);
    const ll::GrayImage back = ll::decode_gray(std::string(jpg.begin(), jpg.end()), "ok.jpg");
    CHECK(back.width == 40);
    CHECK(back.height == 24);
  }
}

TEST_CASE("a JPEG whose scan names a Huffman table the file never defines is refused") {
  // CI's fuzz_image found such a file: stb decoded it with uninitialised tables (a symbol id of
  // 1128530801 into values[256]). Here a file our encoder wrote (tables 0 and 1 defined) has its
  // scan point at AC table 2, then DC table 3.
  ll::GrayImage img(16, 16);
  for (size_t i = 0; i < img.pixels.size(); ++i) img.pixels[i] = float((i * 29) % 256);
  const std::vector<uint8_t> jpg = ll::encode_jpeg(img, 90);
  std::string bytes(jpg.begin(), jpg.end());
  const size_t sos = bytes.find("\xff\xda");
  REQUIRE(sos != std::string::npos);
  REQUIRE(uint8_t(bytes[sos + 4]) >= 1);  // components in the scan; the first one's tables at sos + 6
  std::string ac = bytes;
  ac[sos + 6] = char((uint8_t(ac[sos + 6]) & 0xF0) | 2);
  CHECK_THROWS_WITH_AS(ll::decode_gray(ac, "ac.jpg"),
                       "ac.jpg: not a readable image (corrupt JPEG: a scan uses AC Huffman table 2, which the "
                       "file never defines)",
                       ll::ImageError);
  std::string dc = bytes;
  dc[sos + 6] = char((uint8_t(dc[sos + 6]) & 0x0F) | 0x30);
  CHECK_THROWS_WITH_AS(ll::decode_gray(dc, "dc.jpg"), doctest::Contains("DC Huffman table 3"), ll::ImageError);
  CHECK(ll::decode_gray(bytes, "ok.jpg").width == 16);
}

#ifndef __EMSCRIPTEN__  // the wasm test binary reads no files
TEST_CASE("a real progressive JPEG passes the scan check and decodes") {
  // Debian's nodejs package ships two progressive JPEGs (SOF2, nine scans: DC and AC first
  // scans and AC refinements, each after the DHT it uses).
  for (const char* path : {"/usr/share/doc/nodejs/full-white-stripe.jpg", "/usr/share/doc/nodejs/thin-white-stripe.jpg"}) {
    CAPTURE(path);
    const ll::GrayImage img = ll::load_gray_file(path);
    CHECK(img.width > 0);
    CHECK(img.height > 0);
  }
}
#endif

TEST_CASE("an image bomb is refused from its header, before decoding") {
  CHECK_THROWS_WITH_AS(ll::decode_gray(png_header(12000, 12000), "bomb.png"),
                       "bomb.png is 12000x12000 pixels (144 Mpx); images up to 16 Mpx are read", ll::ImageError);
  // Just inside the limit the header passes and the missing pixel data is the problem.
  CHECK_THROWS_WITH_AS(ll::decode_gray(png_header(4000, 4000), "cut.png"), doctest::Contains("not a readable image"),
                       ll::ImageError);
  CHECK_THROWS_WITH_AS(ll::decode_gray("GIF89a\x01\x00\x01\x00", "a.gif"),
                       doctest::Contains("PNG and JPEG files are read"), ll::ImageError);
}

TEST_CASE("a model with NaN or Inf weights is refused at load, naming the tensor") {
  ll::Mlp net({3, 2, 3}, {ll::Activation::Tanh, ll::Activation::Sigmoid});
  ll::Rng rng(1, 2);
  net.init(rng);
  for (float bad : {NAN, INFINITY}) {
    ll::Mlp broken = net;
    broken.params()[broken.params().size() - 1] = bad;  // the last bias
    const std::vector<uint8_t> bytes = ll::save_mlp(broken, "mlp");
    ll::Mlp target({3, 2, 3}, {ll::Activation::Tanh, ll::Activation::Sigmoid});
    CHECK_THROWS_WITH_AS(ll::load_mlp(target, bytes, "nan.safetensors"),
                         doctest::Contains("nan.safetensors: tensor 'mlp.1.b' holds a non-finite value"),
                         ll::FormatError);
    CHECK_THROWS_AS(ll::mlp_from_safetensors(bytes, "nan.safetensors"), ll::FormatError);
  }
}

#ifndef __EMSCRIPTEN__
TEST_CASE("a gzip bomb stops at the data set size limit") {
  // 300 MB of zeros gzipped to ~300 kB: more than any data set, refused once 256 MB are out.
  const size_t n = size_t(300) << 20;
  std::vector<uint8_t> gz(1 << 20);
  z_stream zs{};
  REQUIRE(deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) == Z_OK);
  const std::vector<uint8_t> zeros(1 << 20, 0);
  size_t fed = 0;
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    if (zs.avail_in == 0 && fed < n) {
      zs.next_in = const_cast<Bytef*>(zeros.data());
      zs.avail_in = uInt(zeros.size());
      fed += zeros.size();
    }
    if (zs.total_out + 65536 > gz.size()) gz.resize(gz.size() * 2);
    zs.next_out = gz.data() + zs.total_out;
    zs.avail_out = uInt(gz.size() - zs.total_out);
    rc = deflate(&zs, fed >= n && zs.avail_in == 0 ? Z_FINISH : Z_NO_FLUSH);
    REQUIRE(rc != Z_STREAM_ERROR);
  }
  gz.resize(zs.total_out);
  deflateEnd(&zs);
  CHECK(gz.size() < (size_t(2) << 20));
  CHECK_THROWS_WITH_AS(ll::read_dataset_bytes(gz, "bomb.safetensors.gz"),
                       doctest::Contains("bomb.safetensors.gz: unpacks to more than 256 MB"), ll::FormatError);
}
#endif
