// The vectorizable e^x, sigmoid and ln(1 + u) (core/vector_math.h) against double-precision
// libm, on dense grids and at the ends of the clamp, natively and in wasm.
#include <doctest/doctest.h>

#include <cmath>

#include "core/vector_math.h"

using namespace ll;

TEST_CASE("exp_vectorizable is within 2e-7 relative of e^x on [-87, 88]") {
  double worst = 0;
  for (int i = 0; i <= 350000; ++i) {
    const float x = -87.0f + 175.0f * float(i) / 350000.0f;
    const double expect = std::exp(double(x));
    worst = std::max(worst, std::abs(double(exp_vectorizable(x)) - expect) / expect);
  }
  CHECK(worst < 2e-7);
  CHECK(exp_vectorizable(0.0f) == 1.0f);
}

TEST_CASE("exp_vectorizable clamps instead of overflowing") {
  CHECK(std::isfinite(exp_vectorizable(1000.0f)));
  CHECK(exp_vectorizable(1000.0f) > 1e38f);
  CHECK(exp_vectorizable(-1000.0f) > 0.0f);
  CHECK(exp_vectorizable(-1000.0f) < 2e-38f);
}

TEST_CASE("sigmoid_vectorizable matches 1/(1+e^-z) and saturates cleanly") {
  double worst = 0;
  for (int i = 0; i <= 200000; ++i) {
    const float z = -80.0f + 160.0f * float(i) / 200000.0f;
    const double expect = 1.0 / (1.0 + std::exp(-double(z)));
    worst = std::max(worst, std::abs(double(sigmoid_vectorizable(z)) - expect) / expect);
  }
  CHECK(worst < 3e-7);
  CHECK(sigmoid_vectorizable(0.0f) == 0.5f);
  CHECK(sigmoid_vectorizable(200.0f) == 1.0f);
  CHECK(sigmoid_vectorizable(-200.0f) >= 0.0f);
  CHECK(sigmoid_vectorizable(-200.0f) < 1e-38f);
}

TEST_CASE("log1p_unit is within 3e-7 relative of log1p on [0, 1], tiny arguments included") {
  double worst = 0;
  for (int i = 0; i <= 100000; ++i) {
    const float u = float(i) / 100000.0f;
    if (u == 0.0f) continue;
    const double expect = std::log1p(double(u));
    worst = std::max(worst, std::abs(double(log1p_unit(u)) - expect) / expect);
  }
  for (float u = 1e-30f; u < 1e-3f; u *= 3.7f)
    worst = std::max(worst, std::abs(double(log1p_unit(u)) - std::log1p(double(u))) / std::log1p(double(u)));
  CHECK(worst < 3e-7);
  CHECK(log1p_unit(0.0f) == 0.0f);
}

TEST_CASE("softplus_vectorizable is ln(1 + e^z) without overflow") {
  double worst = 0;
  for (int i = 0; i <= 20000; ++i) {
    const float z = -40.0f + 80.0f * float(i) / 20000.0f;
    const double expect = std::log1p(std::exp(double(z)));
    worst = std::max(worst, std::abs(double(softplus_vectorizable(z)) - expect) / expect);
  }
  CHECK(worst < 3e-7);
  CHECK(softplus_vectorizable(1000.0f) == 1000.0f);
  CHECK(softplus_vectorizable(-1000.0f) >= 0.0f);
}
