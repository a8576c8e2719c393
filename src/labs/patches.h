// Cutting an image into 8x8 frames and putting frames back together, as the compression lab
// does. A frame is one column of 64 values (row-major inside the frame), scaled from the 8-bit
// range [0, 255] to the tanh range [-1, 1]: x = p / 127.5 - 1.
#pragma once
#include "core/gray_image.h"
#include "core/rng.h"
#include "core/tensor.h"

namespace ll {

constexpr int kFrame = 8;                      // frame side in pixels
constexpr int kFrameDims = kFrame * kFrame;    // 64 values per frame

inline float to_unit(float pixel) { return pixel / 127.5f - 1.0f; }
inline float to_pixel(float unit) { return (unit + 1.0f) * 127.5f; }

// Writes `count` frames at random positions (any offset, not only the 8-pixel grid) into the
// columns [first, first + count) of X (64 x n).
void random_frames(const GrayImage& img, Rng& rng, Matrix& X, Index first, Index count);

// Every frame at every offset (stride 1): (W-7)(H-7) columns. What PCA is fitted on.
Matrix all_frames(const GrayImage& img);

// The non-overlapping tiling used to code a whole image: (W/8)(H/8) columns, tiles in row-major
// order. W and H must be multiples of 8.
Matrix tile_frames(const GrayImage& img);
// Inverse of tile_frames: values are mapped back to [0, 255] (not rounded or clamped).
GrayImage untile_frames(const Matrix& X, int width, int height);

}  // namespace ll
