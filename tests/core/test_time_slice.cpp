// The slice's expectation of the next work item (core/time_slice.h), fed known item times: no
// clock is read, so these hold on any machine.
#include <doctest/doctest.h>

#include "core/time_slice.h"

TEST_CASE("ItemTimes: a kind never seen expects nothing; a slow item is believed at once, a fast one slowly") {
  ll::ItemTimes t;
  CHECK(t.expected(3) == 0);
  t.add(3, 2.0);
  CHECK(t.expected(3) == 2.0);
  t.add(3, 10.0);
  CHECK(t.expected(3) == 10.0);
  t.add(3, 2.0);
  CHECK(t.expected(3) == doctest::Approx(0.7 * 10 + 0.3 * 2));
}

TEST_CASE("ItemTimes: the long kind of a step is expected even after a run of short ones") {
  // A deep autoencoder step: the 784x1000 layer's update (kind 1), then 20 short pieces (kind 2).
  ll::ItemTimes t;
  for (int step = 0; step < 3; ++step) {
    t.add(1, 6.0);
    for (int i = 0; i < 20; ++i) t.add(2, 0.3);
  }
  CHECK(t.expected(1) == 6.0);  // one estimate for both had fallen to 0.3 here
  CHECK(t.expected(2) == doctest::Approx(0.3));
}

TEST_CASE("TimeSlice: the first item always runs; the next only if its kind fits; without a budget every item does") {
  ll::ItemTimes t;
  t.add(7, 100.0);
  ll::TimeSlice tight(1.0, t);
  CHECK(tight.next(7));        // training always moves
  CHECK_FALSE(tight.next(7));  // 100 ms expected, 1 ms budget
  ll::TimeSlice unlimited(0, t);
  for (int i = 0; i < 5; ++i) CHECK(unlimited.next(7));
}
