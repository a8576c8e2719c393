// A labelled image: title above, the shader-drawn image, caption lines below (PSNR, bpp, ...).
// Every image a student sees goes through here, so none is ever unlabelled, and each can be
// saved as PNG from its context menu (ui/widgets/export_menu.h).
#pragma once
#include <string>

#include "core/gray_image.h"
#include "gfx/gray_texture.h"
#include "gfx/image_view.h"

namespace ll::ui {

// `file` names the saved PNG (after the lab's key); empty: the title's first words.
void image_panel(const gfx::GrayTexture& tex, const gfx::ImageStyle& style, const std::string& title,
                 const std::string& caption, const std::string& file = "");

// Signed difference decoded - original, for error images (diverging colours, +-range).
GrayImage difference(const GrayImage& decoded, const GrayImage& original);

// m weight vectors of 64 values (8x8 each) tiled into one image, `per_row` tiles per row with a
// 1-pixel gap; each tile scaled by its largest |w| to [-1, 1] so every filter's shape is visible.
// rows_are_filters: true when each row of W is one filter (encoder), false for columns (decoder).
template <typename M>
GrayImage filter_atlas(const M& W, bool rows_are_filters, int per_row);

}  // namespace ll::ui

#include "ui/widgets/image_panel_impl.h"
