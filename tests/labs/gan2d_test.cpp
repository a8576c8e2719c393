// The 2-D GAN on its toy targets: real training, measured coverage, determinism.
#include <doctest/doctest.h>

#include "labs/gan2d_lab.h"

using namespace ll;

TEST_CASE("2-D GAN learns the ring of 8 Gaussians: its samples move onto the ring") {
  Gan2dSettings s;
  Gan2dLab lab(s);
  const double before = lab.metrics()["samples_on_target"];
  lab.iterations(2000);
  lab.evaluate();
  const nlohmann::json m = lab.metrics();
  INFO(m.dump());
  CHECK(before < 0.1);
  CHECK(double(m["samples_on_target"]) > 0.5);
  CHECK(int(m["modes_covered"]) >= 6);
  CHECK_FALSE(bool(m["diverged"]));
  CHECK(lab.heat().size() == size_t(Gan2dLab::kGrid * Gan2dLab::kGrid));
}

TEST_CASE("2-D GAN: drawn target trains only once there are points; grid target has 25 modes") {
  Gan2dSettings s;
  s.target = ToyTarget::Drawn;
  Gan2dLab lab(s);
  CHECK(lab.empty_target());
  lab.train(5.0);
  CHECK(lab.run().iteration() == 0);
  lab.add_point(1.0f, 1.0f);
  lab.add_point(-1.0f, 0.5f);
  CHECK(lab.real_points().cols() == Gan2dLab::kSamples);
  lab.iterations(10);
  CHECK(lab.run().iteration() == 10);
  CHECK(lab.metrics()["modes"] == 2);
  s.target = ToyTarget::Grid;
  lab.reset(s);
  CHECK(lab.metrics()["modes"] == 25);
}

TEST_CASE("2-D GAN: a copy of the lab trains on its own data stream, not the original's") {
  // The training thread publishes copies of labs (ui/lab_runner.h): a copy must not reach back
  // into the lab it was copied from (GanRun used to keep a callback bound to the original).
  Gan2dLab a(Gan2dSettings{});
  a.iterations(5);
  Gan2dLab b = a;
  const Vector before = a.run().gan().generator().params();
  b.iterations(5);
  CHECK(a.run().gan().generator().params() == before);
  CHECK(a.run().iteration() == 5);
  a.iterations(5);
  CHECK(a.run().gan().generator().params() == b.run().gan().generator().params());
}
