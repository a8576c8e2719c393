// A student's own data set as the labs take it (issue 16, "bring a data set"): the formats
// image collections come in, read into the same Dataset as our packed files (labs/datasets.h).
//
//   IDX (LeCun's MNIST format): 0x00 0x00, type 0x08 (unsigned byte), 3 dimensions N x rows x
//       cols as big-endian u32, then the pixels. A label file is the same with 1 dimension N.
//   .npy (NumPy, versions 1 to 3): an array N x H x W of uint8 ('|u1') or little-endian float32
//       ('<f4') in C order. Floats all within [0, 1] are scaled by 255, any others must lie in
//       [0, 255]; both are rounded to bytes. NaN and infinity are refused.
//
// Everything is checked before anything is allocated: magic numbers, types, dimensions (each
// from 1 to 4096, rows x cols at most 4096 pixels, N x rows x cols at most kMaxDatasetBytes),
// and that the file holds exactly the bytes its header promises. Every problem throws
// FormatError with a sentence naming the file and what is wrong.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "labs/datasets.h"

namespace ll {

// The largest image the labs take, in pixels (64 x 64): the networks' input layers grow with it.
constexpr int kMaxUserImagePixels = 4096;

bool is_idx(const uint8_t* bytes, size_t size);
bool is_npy(const uint8_t* bytes, size_t size);

// Images from an IDX or .npy file; `source` (the file name) names the data set and starts every
// message. `note` (optional) receives what was converted, e.g. "float32 in [0, 1] scaled to
// 0..255".
Dataset parse_idx_images(const uint8_t* bytes, size_t size, const std::string& source);
Dataset parse_npy_images(const uint8_t* bytes, size_t size, const std::string& source,
                         std::string* note = nullptr);

// Class labels 0..9 for `count` images from an IDX label file.
std::vector<uint8_t> parse_idx_labels(const uint8_t* bytes, size_t size, int count, const std::string& source);

}  // namespace ll
