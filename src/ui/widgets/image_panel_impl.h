// Template part of image_panel.h (Eigen map types differ between callers).
#pragma once
#include <algorithm>
#include <cmath>

namespace ll::ui {

template <typename M>
GrayImage filter_atlas(const M& W, bool rows_are_filters, int per_row) {
  const int n = int(rows_are_filters ? W.rows() : W.cols());
  const int rows = (n + per_row - 1) / per_row;
  GrayImage atlas(per_row * 9 - 1, rows * 9 - 1, 0.0f);
  for (int f = 0; f < n; ++f) {
    auto w = [&](int i) { return rows_are_filters ? W(f, i) : W(i, f); };
    float peak = 1e-12f;
    for (int i = 0; i < 64; ++i) peak = std::max(peak, std::abs(float(w(i))));
    const int x0 = (f % per_row) * 9, y0 = (f / per_row) * 9;
    for (int i = 0; i < 64; ++i) atlas.at(x0 + i % 8, y0 + i / 8) = float(w(i)) / peak;
  }
  return atlas;
}

}  // namespace ll::ui
