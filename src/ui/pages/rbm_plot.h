// The layer-wise pretraining chart of the deep autoencoder and pretraining labs: every RBM's
// reconstruction error per image against CD-1 epochs, one series per layer, on one log axis
// (the layers' errors differ by decades). Its CSV has a column per layer.
#pragma once
#include <vector>

#include "core/rbm.h"

namespace ll::ui {

void rbm_plot(const std::vector<Rbm>& rbms, const std::vector<std::vector<double>>& curves, float width);

}  // namespace ll::ui
