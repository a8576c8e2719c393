#include "ui/pages/rbm_plot.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "ui/widgets/plot.h"

namespace ll::ui {

namespace {
std::string layer_name(const Rbm& r) {
  return std::to_string(r.visible_size()) + "-" + std::to_string(r.hidden_size()) +
         (r.units() == HiddenUnits::Gaussian ? " linear" : "");
}
}  // namespace

void rbm_plot(const std::vector<Rbm>& rbms, const std::vector<std::vector<double>>& curves, float width) {
  PlotSpec spec;
  spec.x_label = "CD-1 epoch";
  spec.y_label = "RBM reconstruction error per image";
  spec.log_y = true;
  spec.x_min = 1;
  spec.empty_text = "pretraining starts ...";
  for (size_t l = 0; l < rbms.size() && l < curves.size(); ++l) {
    PlotSeries layer{layer_name(rbms[l]), {}, {}};
    for (size_t e = 0; e < curves[l].size(); ++e) layer.x.push_back(double(e + 1)), layer.y.push_back(curves[l][e]);
    spec.series.push_back(std::move(layer));
  }
  spec.file = "rbm-reconstruction-error";
  spec.table = [&rbms, &curves] {
    CsvTable t{{"epoch"}, {}};
    size_t epochs = 0;
    for (size_t l = 0; l < rbms.size() && l < curves.size(); ++l) {
      t.columns.push_back(layer_name(rbms[l]));
      epochs = std::max(epochs, curves[l].size());
    }
    for (size_t e = 0; e < epochs; ++e) {
      std::vector<double> row{double(e + 1)};
      for (size_t l = 0; l < rbms.size() && l < curves.size(); ++l)
        row.push_back(e < curves[l].size() ? curves[l][e] : NAN);  // a layer not trained that far yet
      t.rows.push_back(row);
    }
    return t;
  };
  plot("##rbm", spec, ImVec2(width, 200));
}

}  // namespace ll::ui
