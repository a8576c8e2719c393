// Rows of small images (digits, faces, components) drawn as one texture, with a title on the
// left and one caption under each tile (its label, its error), so every image is labelled.
#pragma once
#include <string>
#include <vector>

#include "core/gray_image.h"
#include "core/tensor.h"
#include "gfx/gray_texture.h"
#include "gfx/image_view.h"

namespace ll::ui {

constexpr int kTileGap = 2;  // image pixels between tiles

// Columns of X (one image of rows x cols per column, row-major pixels) tiled left to right,
// `per_row` per line. scale multiplies the values (255 for [0,1] pixels). With normalize, each
// tile is divided by its largest |value| instead, for signed filters and components.
GrayImage tile_columns(const Matrix& X, int rows, int cols, int per_row, float scale, bool normalize = false);

// Draws the tiled texture with `title` above it and captions[i] under tile i (single line
// of small text, centred); tile_w and per_row must match the tiling. Its context menu saves the
// strip as PNG, named by `file` or else the title's first words.
void image_strip(const gfx::GrayTexture& tex, const gfx::ImageStyle& style, const std::string& title,
                 int tile_w, int per_row, const std::vector<std::string>& captions, const std::string& file = "");

}  // namespace ll::ui
