#include "ui/widgets/csv_table.h"

#include <cmath>
#include <cstdio>

namespace ll::ui {

std::string to_csv(const CsvTable& t) {
  std::string out;
  for (size_t c = 0; c < t.columns.size(); ++c) out += (c ? "," : "") + t.columns[c];
  out += "\n";
  char buf[32];
  for (const auto& row : t.rows) {
    for (size_t c = 0; c < row.size(); ++c) {
      // An empty cell where a column has no value (a layer not trained that far yet).
      if (std::isfinite(row[c])) std::snprintf(buf, sizeof buf, "%s%.9g", c ? "," : "", row[c]);
      else std::snprintf(buf, sizeof buf, "%s", c ? "," : "");
      out += buf;
    }
    out += "\n";
  }
  return out;
}

}  // namespace ll::ui
