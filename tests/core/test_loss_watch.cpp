#include <doctest/doctest.h>

#include <cmath>

#include "core/loss_watch.h"

TEST_CASE("LossWatch: a falling loss improves, a wobble is fine, an explosion diverges") {
  ll::LossWatch w;
  w.start(0.30);
  CHECK(w.observe(0.20) == ll::LossWatch::Improved);
  CHECK(w.observe(0.05) == ll::LossWatch::Improved);
  CHECK(w.observe(0.07) == ll::LossWatch::Fine);
  CHECK_FALSE(w.diverged());
  CHECK(w.observe(0.21) == ll::LossWatch::Diverged);  // 4.2x the best
  CHECK(w.diverged());
  CHECK(w.best() == doctest::Approx(0.05));
  CHECK(w.what() == "the loss rose to 0.21, 4.2x its best (0.05)");
  CHECK(w.observe(0.01) == ll::LossWatch::Diverged);  // stays diverged
}

TEST_CASE("LossWatch: a run worse than its start from the first point, and NaN") {
  ll::LossWatch w;
  w.start(0.25);                                      // the untrained net
  CHECK(w.observe(1.28) == ll::LossWatch::Diverged);  // compress --lr 1e3 ended near here
  ll::LossWatch n;
  CHECK(n.observe(NAN) == ll::LossWatch::Diverged);
  CHECK(n.what() == "the loss became NaN or infinite");
}

TEST_CASE("LossWatch: a loss near zero may wobble by large ratios") {
  ll::LossWatch w;
  w.start(2.3);  // ln 10: softmax over 10 classes, untrained
  CHECK(w.observe(0.001) == ll::LossWatch::Improved);
  CHECK(w.observe(0.5) == ll::LossWatch::Fine);  // 500x the best, but below 4 x 0.23
  CHECK(w.observe(1.0) == ll::LossWatch::Diverged);
  CHECK(w.message("learning rate 1000").find("at learning rate 1000, which is likely too high") != std::string::npos);
}
