#include "ui/presets.h"

namespace ll::ui {

const std::vector<Preset>& presets() {
  static const std::vector<Preset> all = {
      {"figure-abcd", "compression", "64-16-64 net on camera: plain code, 6-bit and 4-bit codes (A/B/C/D)", {}},
      {"lecture-net", "compression", "the lecture's plain net: no rounding noise while training", {{"noise-bits", "0"}}},
      {"new-image", "compression", "the net trained on camera, applied to an image it never saw",
       {{"image", "camera"}, {"new-image", "moon"}}},
      {"pca-100", "pca", "PCA of the digits: 784 numbers -> 100 numbers", {{"k", "100"}}},
      {"eigenfaces", "pca", "eigenfaces of the 25x25 faces", {{"dataset", "faces"}, {"k", "30"}}},
      {"deep-ae-vs-pca", "pca", "deep autoencoder vs logistic PCA vs PCA at 30 dimensions", {{"tab", "deep-ae"}}},
      {"deep-ae-no-pretraining", "pca", "the same deep autoencoder without RBM pretraining",
       {{"tab", "deep-ae"}, {"pretrain", "none"}}},
      {"map-2d", "pca", "2-D codes: PCA-2 vs a 784-1000-500-250-2 autoencoder", {{"tab", "map"}}},
      {"few-labels", "pretraining", "pretrained encoder vs random init with 100 labels", {{"labels", "100"}}},
      {"gan-k1", "gan", "GAN with k = 1 discriminator step per generator step", {{"k", "1"}}},
      {"gan-minimax", "gan", "the minimax generator loss, which saturates early", {{"gen-loss", "minimax"}}},
  };
  return all;
}

const Preset* find_preset(const std::string& name) {
  for (const Preset& p : presets())
    if (p.name == name) return &p;
  return nullptr;
}

}  // namespace ll::ui
