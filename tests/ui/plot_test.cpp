// The plot widget's axis ticks (ui/widgets/axis_ticks.h) and the CSV its menu saves (ui/widgets/csv_table.h).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "ui/widgets/axis_ticks.h"
#include "ui/widgets/csv_table.h"

using ll::ui::nice_ticks;

TEST_CASE("nice_ticks: steps of 1, 2 or 5 x 10^k inside the range, zero exact") {
  const auto unit = nice_ticks(0, 1, 5);
  REQUIRE(unit.size() == 6);
  for (size_t i = 0; i < unit.size(); ++i) CHECK(unit[i] == doctest::Approx(0.2 * double(i)));
  const auto big = nice_ticks(0, 3.0, 4);  // millions of frames: 0, 1, 2, 3
  CHECK(big == std::vector<double>{0, 1, 2, 3});
  const auto neg = nice_ticks(-0.3, 0.25, 5);
  REQUIRE(!neg.empty());
  CHECK(neg.front() == doctest::Approx(-0.2));
  CHECK(std::find(neg.begin(), neg.end(), 0.0) != neg.end());
  CHECK(nice_ticks(1, 200, 4) == std::vector<double>{50, 100, 150, 200});
  // GAN losses from 0.55 to 1.3: step 0.5 leaves only 1.0 inside, so the step shrinks to 0.2
  const auto narrow = nice_ticks(0.55, 1.3, 3);
  REQUIRE(narrow.size() == 4);
  CHECK(narrow[0] == doctest::Approx(0.6));
  CHECK(narrow[3] == doctest::Approx(1.2));
  CHECK(nice_ticks(1, 1, 4).empty());    // an empty range has no ticks (the plot pads it first)
  CHECK(nice_ticks(0, 1, 0).empty());
}

TEST_CASE("to_csv: a missing value is an empty cell, not 'nan'") {
  ll::ui::CsvTable t{{"epoch", "784-1000", "1000-500"}, {{1, 12.5, 3.25}, {2, 11.0, NAN}}};
  CHECK(ll::ui::to_csv(t) == "epoch,784-1000,1000-500\n1,12.5,3.25\n2,11,\n");
}
