// A zip of PNG/JPEG images as a student's data set (issue 16): read as zip tools write them,
// labelled by folders 0-9, fitted into 28 x 28 when sizes differ, and every bad zip (a bomb,
// encryption, truncation, a corrupt entry, no images) refused with a sentence, nothing kept.
#include <doctest/doctest.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "labs/datasets.h"
#include "labs/image_io.h"
#include "labs/zip_images.h"
#include "dataset_refusal.h"  // the same directory
#include "make_zip.h"

using namespace ll;
using test::Bytes;
using test::make_zip;
using test::ZipEntry;

namespace {

Bytes png(int w, int h, float base) {
  GrayImage g(w, h);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) g.at(x, y) = base + float(x + 3 * y);
  return encode_png(g);
}

bool says(const Bytes& b, const std::string& part) { return test::dataset_says(b, "mine.zip", part); }

}  // namespace

TEST_CASE("zip: PNGs stored and deflated, in folders 0-9, read exactly in name order with labels") {
  // Written out of order, one stored, one deflated, with a folder entry, a text file and the
  // copies macOS adds: read in name order, the others passed over.
  const Bytes z = make_zip({{"digits/7/b.png", png(6, 5, 100), true},
                            {"digits/", {}},
                            {"digits/3/a.PNG", png(6, 5, 10), false},
                            {"readme.txt", {'h', 'i'}},
                            {"__MACOSX/digits/3/._a.PNG", {0, 5, 22}},
                            {"digits/3/._c.png", {0, 5, 22}}});
  REQUIRE(is_zip(z.data(), z.size()));
  const Dataset d = read_dataset_bytes(z, "mine.zip");
  CHECK(d.name == "mine.zip");
  CHECK(d.count == 2);
  CHECK(d.rows == 5);
  CHECK(d.cols == 6);
  CHECK(d.labels == std::vector<uint8_t>{3, 7});
  CHECK(d.pixels[0] == 10);
  CHECK(d.pixels[29] == 10 + 5 + 12);  // the first image's last pixel: x = 5, y = 4
  CHECK(d.pixels[30] == 100);
  CHECK(d.note == "converted to gray; labels from their folders 0-9; 3 other files passed over");
}

TEST_CASE("zip: images of different sizes are fitted into 28 x 28 keeping their shape; no folders, no labels") {
  GrayImage wide(40, 20, 200.0f);  // border 200, a dark bar inside
  for (int x = 5; x < 35; ++x) wide.at(x, 10) = 0.0f;
  const Bytes z = make_zip({{"a.png", encode_png(wide), true}, {"b.jpg", encode_jpeg(GrayImage(8, 8, 50.0f), 95)}});
  const Dataset d = read_dataset_bytes(z, "mine.zip");
  REQUIRE(d.count == 2);
  CHECK(d.rows == 28);
  CHECK(d.cols == 28);
  CHECK(d.labels.empty());
  CHECK(d.note.find("fitted into 28 x 28") != std::string::npos);
  // 40 x 20 -> 28 x 14, centred: rows 0-6 and 21-27 are the border's grey, the bar is inside.
  for (int x = 0; x < 28; ++x) {
    CHECK(d.pixels[size_t(x)] == 200);
    CHECK(d.pixels[size_t(27 * 28 + x)] == 200);
  }
  int dark = 0;
  for (int i = 7 * 28; i < 21 * 28; ++i) dark += d.pixels[size_t(i)] < 150;
  CHECK(dark >= 20);
  // 8 x 8 of 50 fills the whole square.
  for (int i = 0; i < 28 * 28; ++i) CHECK(std::abs(int(d.pixels[size_t(28 * 28 + i)]) - 50) <= 2);
}

TEST_CASE("zip: read an image at a time, the same data set as at once; a bad image is refused when reached") {
  GrayImage wide(40, 20, 200.0f);
  const Bytes z = make_zip({{"1/a.png", png(6, 5, 10), true}, {"2/b.png", png(6, 5, 90), false},
                            {"3/c.png", encode_png(wide), true}, {"notes.txt", {'x'}}});
  std::string note_at_once;
  const Dataset at_once = parse_zip_images(z.data(), z.size(), "mine.zip", &note_at_once);
  ZipImageReader reader(z.data(), z.size(), "mine.zip");
  CHECK(reader.image_count() == 3);
  for (int i = 0; i < 3; ++i) {
    CHECK(reader.images_read() == i);
    CHECK_FALSE(reader.done());
    reader.read_next();
  }
  CHECK(reader.done());
  std::string note;
  const Dataset d = reader.finish(&note);
  CHECK(d.pixels == at_once.pixels);  // the third image's size made all three fitted, as at once
  CHECK(d.labels == at_once.labels);
  CHECK(d.rows == 28);
  CHECK(note == note_at_once);

  // The directory is checked when the reader is made; an image that does not decode, when read.
  const Bytes no_images = make_zip({{"notes.txt", {'x'}}});
  CHECK_THROWS_AS(ZipImageReader(no_images.data(), no_images.size(), "mine.zip"), FormatError);
  const Bytes whole = png(6, 5, 10);
  const Bytes cut = make_zip({{"a.png", whole, true}, {"b.png", Bytes(whole.begin(), whole.begin() + 20)}});
  ZipImageReader bad(cut.data(), cut.size(), "mine.zip");
  bad.read_next();
  CHECK_THROWS_WITH_AS(bad.read_next(), doctest::Contains("mine.zip: b.png"), FormatError);
}

TEST_CASE("zip: bombs, encryption, other methods, truncation, corruption and emptiness are refused by name") {
  const Bytes good = png(6, 5, 10);
  // A bomb: 8 MB of zeros deflate to 8 KB, declared as 1 KB: stb's inflater stops at the end
  // of the 1 KB buffer.
  CHECK(says(make_zip({{"bomb.png", Bytes(8 << 20, 0), true, 0, 0xFFFF, 1024}}), "do not unpack to the size it declares"));
  // Declared sizes alone are enough to refuse, before unpacking anything.
  CHECK(says(make_zip({{"huge.png", good, false, 0, 0xFFFF, int64_t(65) << 20}}), "image files up to 64 MB"));
  std::vector<ZipEntry> many;
  for (int i = 0; i < 5; ++i) many.push_back({"p" + std::to_string(i) + ".png", good, false, 0, 0xFFFF, int64_t(60) << 20});
  CHECK(says(make_zip(many), "more than 256 MB"));
  CHECK(says(make_zip({{"secret.png", good, false, 1}}), "encrypted"));
  CHECK(says(make_zip({{"b.png", good, false, 0, 12}}), "method 12"));
  CHECK(says(make_zip({{"a.png", good, false, 0, 0xFFFF, -1, 1234}}), "CRC-32"));
  Bytes cut = make_zip({{"a.png", good}});
  cut.resize(cut.size() / 2);
  CHECK(says(cut, "no end-of-archive record"));
  // The end record puts the directory past the file; the directory gives an entry more data
  // than the file holds.
  Bytes lying = make_zip({{"a.png", good}});
  lying[lying.size() - 22 + 19] = 0x7F;  // the directory's offset's high byte
  CHECK(says(lying, "outside the file"));
  Bytes longer = make_zip({{"a.png", good}});
  longer[longer.size() - 22 - (46 + 5) + 22] = 0x01;  // its packed size + 64 KB
  CHECK(says(longer, "truncated"));
  CHECK(says(make_zip({{"notes.txt", {'x'}}}), "holds no PNG or JPEG images (1 other file)"));
  CHECK(says(make_zip({}), "holds no PNG or JPEG images"));
  CHECK(says(make_zip({{"3/a.png", good}, {"3/broken.png", Bytes(good.begin(), good.begin() + 40)}}),
             "3/broken.png: not a readable image"));
}
