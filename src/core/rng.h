// Our own random number generator, so that a seed gives bit-identical
// streams natively (libstdc++) and in wasm (libc++): std:: distributions are
// implementation-defined and differ between the two.
//
// Generator: PCG32 (XSH-RR 64/32), M. E. O'Neill, "PCG: A Family of Simple
// Fast Space-Efficient Statistically Good Algorithms for Random Number
// Generation", 2014. Seeding follows the reference pcg32_srandom_r.
#pragma once

#include <cstdint>

#include "core/tensor.h"

namespace ll {

class Rng {
 public:
  // stream 54 is the reference demo's, so Rng(42) reproduces pcg32-demo.
  explicit Rng(uint64_t seed = 42, uint64_t stream = 54);

  uint32_t next_u32();
  // Uniform in [0, 1): the top 24 bits scaled by 2^-24 (exact in float).
  float uniform();
  // Uniform in [0, n) without modulo bias (rejection of the short tail).
  uint32_t uniform_int(uint32_t n);
  // Standard normal via Box-Muller (computed in double, so libm differences
  // in the last ulp do not reach the float result).
  float normal();

  // Fill helpers used by initialisers and samplers.
  void fill_normal(float* out, Index n, float stddev);
  void fill_uniform(float* out, Index n, float lo, float hi);
  // Fisher-Yates shuffle of 0..n-1, for minibatch order.
  void shuffle(int* idx, int n);

 private:
  uint64_t state_ = 0;
  uint64_t inc_ = 0;
  bool has_spare_ = false;
  double spare_ = 0.0;
};

}  // namespace ll
