#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "core/metrics.h"
#include "core/quantize.h"

using namespace ll;

TEST_CASE("quantize: 2-bit quantizer on [0, 3] by hand") {
  // 4 levels 0, 1, 2, 3 (step 1).
  UniformQuantizer q(0.0f, 3.0f, 2);
  CHECK(q.levels() == 4);
  CHECK(q.step() == 1.0f);
  CHECK(q.index(0.49f) == 0);
  CHECK(q.index(0.5f) == 1);  // ties go up
  CHECK(q.index(1.7f) == 2);
  CHECK(q.index(-5.0f) == 0);  // clamped
  CHECK(q.index(7.0f) == 3);
  CHECK(q.index(std::numeric_limits<float>::quiet_NaN()) == 0);
  CHECK(q.quantize(2.6f) == 3.0f);
}

TEST_CASE("quantize: 3-bit on [-1, 1], error at most step/2, codes round-trip") {
  UniformQuantizer q(-1.0f, 1.0f, 3);
  CHECK(q.step() == doctest::Approx(2.0 / 7.0));
  CHECK(q.level(0) == -1.0f);
  CHECK(q.level(7) == doctest::Approx(1.0));
  Matrix X(1, 5);
  X << -1.0f, -0.2f, 0.0f, 0.31f, 1.0f;
  Matrix Y = q.quantize(X);
  CHECK((X - Y).cwiseAbs().maxCoeff() <= q.step() / 2 + 1e-6f);
  // -0.2: (-0.2 + 1) / (2/7) = 2.8 -> level 3 = -1 + 6/7.
  CHECK(Y(0, 1) == doctest::Approx(-1.0 + 6.0 / 7.0));
  std::vector<int> codes = q.indices(X);
  // 0: 1 / (2/7) = 3.5 -> 4 (tie up); 0.31: 1.31 * 3.5 = 4.585 -> 5.
  CHECK(codes == std::vector<int>{0, 3, 4, 5, 7});
  CHECK(q.dequantize(codes, 1, 5) == Y);
  CHECK_THROWS_AS(UniformQuantizer(1.0f, 1.0f, 4), std::invalid_argument);
}

TEST_CASE("metrics: MSE and PSNR by hand") {
  Matrix A(2, 2), B(2, 2);
  A << 0, 10, 20, 30;
  B << 1, 10, 17, 30;  // errors 1, 0, 3, 0 -> mse = 10 / 4 = 2.5
  CHECK(mse(A, B) == 2.5);
  CHECK(psnr(2.5) == doctest::Approx(10 * std::log10(65025.0 / 2.5)));
  CHECK(psnr(65025.0) == doctest::Approx(0.0));  // error as large as the peak
  CHECK(std::isinf(psnr(mse(A, A))));
  // Same pictures stored in [0, 1]: PSNR on the 8-bit scale is unchanged.
  CHECK(psnr_8bit(A / 255.0f, B / 255.0f, 0.0, 1.0) == doctest::Approx(psnr(2.5)).epsilon(1e-5));
  // ... and in [-1, 1].
  Matrix Am = (A / 127.5f).array() - 1.0f, Bm = (B / 127.5f).array() - 1.0f;
  CHECK(psnr_8bit(Am, Bm, -1.0, 1.0) == doctest::Approx(psnr(2.5)).epsilon(1e-5));
}

TEST_CASE("metrics: bits per pixel and empirical entropy by hand") {
  // 30 codes of 8 bits for a 28x28 image.
  CHECK(bits_per_pixel(30, 8, 784) == doctest::Approx(240.0 / 784.0));
  CHECK(entropy_bits({5, 5, 5, 5}) == 0.0);
  CHECK(entropy_bits({0, 1, 2, 3}) == doctest::Approx(2.0));
  // p = (1/2, 1/4, 1/4): H = 1/2 + 1/2 + 1/2 = 1.5 bits.
  CHECK(entropy_bits({7, 7, 1, 2}) == doctest::Approx(1.5));
}
