// The 2-D maps of the deep autoencoder tab when the code has 2 units (Hinton & Salakhutdinov
// 2006, Fig. 3): every test image placed at its code by PCA (first two components) and by the
// 784-1000-500-250-2 autoencoder, one point per image coloured by class and drawn by our shader
// (gfx/scatter_view.h), with each map's 5-NN accuracy saying how well it keeps classes apart.
// Clicking or dragging in a map decodes that point of the plane live into an image beside it.
#pragma once
#include <nlohmann/json.hpp>

#include "gfx/gray_texture.h"
#include "gfx/scatter_view.h"
#include "labs/deep_ae_lab.h"

namespace ll::ui {

class CodeMapView {
 public:
  // Draws both maps for this lab (refreshing points when it has evaluated again).
  void draw(DeepAeLab& lab);
  // Where the student's drawing lands (ui/widgets/drawing_pad.h): its 2-D code on each map, or
  // nothing (empty matrices) when there is no drawing or no code yet.
  void set_drawing(const Matrix& pca_code, const Matrix& deep_code);
  void reset();  // a new run: forget the points and picks of the last one
  // Per map: points, data range, screen rectangle (CSS pixels), picked point, decoded image.
  nlohmann::json metrics() const;

 private:
  struct Map {
    gfx::PointCloud points;
    gfx::ScatterStyle style;
    float pick[2] = {0, 0};
    bool picked = false;
    gfx::GrayTexture decoded;
    double decoded_mean = -1;  // mean pixel of the decoded image, [0,1]
    float rect[4] = {0, 0, 0, 0};
    bool has_drawing = false;
    float drawing[2] = {0, 0};  // the drawing's code
  };
  void refresh(DeepAeLab& lab);
  void decode(DeepAeLab& lab, int which);
  void draw_map(DeepAeLab& lab, int which, float size);
  void draw_legend(const Dataset& d);

  Map maps_[2];  // 0: PCA, 1: deep autoencoder
  size_t evaluations_ = 0;  // lab.curve().size() when the deep map was uploaded
  bool pca_uploaded_ = false;
};

}  // namespace ll::ui
