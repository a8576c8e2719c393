// A curve's numbers as the CSV its "Save as CSV" menu writes (ui/widgets/export_menu.h). Free of ImGui,
// so the unit tests check it.
#pragma once
#include <string>
#include <vector>

namespace ll::ui {

// A header row, then one row per point (x first, e.g. epoch, then values).
struct CsvTable {
  std::vector<std::string> columns;
  std::vector<std::vector<double>> rows;
};
// Values with 9 significant digits; a non-finite value is an empty cell.
std::string to_csv(const CsvTable& t);

}  // namespace ll::ui
