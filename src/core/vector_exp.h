// e^x and the logistic sigmoid for float, written as plain arithmetic that compilers vectorize.
//
// Why not Eigen's exp: its packet exp reaches wasm through Eigen's SSE2 path, which V8 runs at
// about 11 ns per value (slower than a scalar expf); the sigmoid layers took 7% of a W2 training
// step. This is Cephes' expf (S. Moshier): x = n ln2 + r with |r| <= ln2/2, ln2 split in two
// parts so that n ln2 is exact (Cody & Waite), e^r from a degree-6 polynomial, and 2^n written
// straight into the exponent bits. Relative error below 2e-7 on the clamped range; measured
// 0.3 ns per value natively and 2.4 ns in wasm (tests/core/test_vector_exp.cpp checks accuracy).
#pragma once

#include <cstdint>
#include <cstring>

namespace ll {

// e^x for x clamped to [-87.3, 88.3], where e^x is a normal float (no inf, no denormal).
inline float exp_vectorizable(float x) {
  x = x < -87.3f ? -87.3f : x;
  x = x > 88.3f ? 88.3f : x;
  // Adding 1.5 * 2^23 rounds to an integer in the float's low mantissa bits (round to nearest).
  const float magic = 12582912.0f;
  const float t = x * 1.44269504088896341f + magic;
  const float n = t - magic;                                  // n = round(x / ln2)
  const float r = (x - n * 0.693359375f) + n * 2.12194440e-4f;  // x - n ln2
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * (r * r) + r + 1.0f;  // e^r
  int32_t t_bits, magic_bits;
  std::memcpy(&t_bits, &t, sizeof t);
  std::memcpy(&magic_bits, &magic, sizeof magic);
  const int32_t two_n_bits = (t_bits - magic_bits + 127) << 23;  // 2^n: biased exponent n + 127
  float two_n;
  std::memcpy(&two_n, &two_n_bits, sizeof two_n);
  return p * two_n;
}

// 1 / (1 + e^-z): 0 (to 4.5e-39) for very negative z, 1 for large z, never NaN for finite z.
inline float sigmoid_vectorizable(float z) { return 1.0f / (1.0f + exp_vectorizable(-z)); }

}  // namespace ll
