// A zip of PNG or JPEG images as a student's data set (issue 16, "bring a data set"): what a
// student gets by zipping a folder of scans, photos or exported drawings.
//
// Read: entries stored or deflated (methods 0 and 8, what every zip tool writes), names ending
// in .png, .jpg or .jpeg (any case); folders, other files and macOS's "__MACOSX/" and "._"
// copies are passed over and counted in the note. Images are taken in the order of their names
// (a zip's own order depends on the tool), converted to gray (labs/image_io.h) and:
//   - kept at their size when all have the same one of at most kMaxUserImagePixels pixels;
//   - otherwise fitted into kZipImageSide x kZipImageSide (the digits' size), keeping their
//     aspect ratio, centred on their own border's mean grey.
// Labels: when every image sits in a folder named 0 to 9 ("3/scan12.png"), that digit.
//
// Refused, with a sentence naming the zip and the problem, before the images' memory is taken:
// not a zip, spanned or ZIP64 archives, encryption, other compression methods, entries whose
// data run past the file, more than kMaxZipImages images, an image over labs/image_io.h's
// kMaxImageFileBytes unpacked, more than kMaxDatasetBytes unpacked in all (a zip bomb declares
// little and unpacks to gigabytes: each entry is inflated into a buffer of its declared size,
// and one that does not fill it exactly, or fails its CRC-32, is refused), no image at all,
// and any image stb cannot read.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "labs/datasets.h"

namespace ll {

constexpr int kZipImageSide = 28;
constexpr int kMaxZipImages = 100000;

// A zip's local-file or end-of-archive signature ("PK\3\4", "PK\5\6" for an empty one).
bool is_zip(const uint8_t* bytes, size_t size);

// The images of the zip; `source` (the file name) names the data set and starts every message.
// `note` (optional) receives what was done to them, e.g. "converted to gray and fitted into
// 28 x 28 (they differ in size or are over 64 x 64); 2 other files passed over".
Dataset parse_zip_images(const uint8_t* bytes, size_t size, const std::string& source, std::string* note = nullptr);

// The same, an image at a time, so that a page can open a zip between frames: 20,000 PNGs at
// once took 700 ms, one task the page could not draw in. The bytes must outlive the reader.
class ZipImageReader {
 public:
  // Reads the directory and refuses the zip for anything it or the declared sizes show (every
  // refusal above but a bad image): throws FormatError.
  ZipImageReader(const uint8_t* bytes, size_t size, std::string source);
  ~ZipImageReader();
  // Unpacks and decodes the next image; throws FormatError for one that is corrupt or too large.
  void read_next();
  int images_read() const { return read_; }
  int image_count() const { return int(images_.size()); }
  bool done() const { return images_read() == image_count(); }
  // The data set, once done(); `note` as for parse_zip_images.
  Dataset finish(std::string* note = nullptr);

  struct Entry;  // a file in the zip (zip_images.cpp)

 private:
  std::string others() const;  // "3 other files"

  const uint8_t* bytes_;
  size_t size_;
  std::string source_;
  std::vector<Entry> entries_;
  std::vector<const Entry*> images_;  // in entries_, by name
  std::vector<uint8_t> pixels_;       // of the images read, width_ x height_ bytes each
  int width_ = 0, height_ = 0, read_ = 0;
  int passed_over_ = 0;
  bool all_in_digit_folders_ = true, fitted_ = false;
};

}  // namespace ll
