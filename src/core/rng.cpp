#include "core/rng.h"

#include <cmath>

namespace ll {

Rng::Rng(uint64_t seed, uint64_t stream) {
  inc_ = (stream << 1u) | 1u;
  next_u32();
  state_ += seed;
  next_u32();
}

uint32_t Rng::next_u32() {
  uint64_t old = state_;
  state_ = old * 6364136223846793005ULL + inc_;
  uint32_t xorshifted = static_cast<uint32_t>(((old >> 18u) ^ old) >> 27u);
  uint32_t rot = static_cast<uint32_t>(old >> 59u);
  return (xorshifted >> rot) | (xorshifted << ((32u - rot) & 31u));
}

float Rng::uniform() { return static_cast<float>(next_u32() >> 8) * (1.0f / 16777216.0f); }

uint32_t Rng::uniform_int(uint32_t n) {
  // 2^32 mod n values at the bottom would be over-represented by r % n;
  // reject them (pcg32_boundedrand_r).
  uint32_t threshold = (0u - n) % n;
  for (;;) {
    uint32_t r = next_u32();
    if (r >= threshold) return r % n;
  }
}

float Rng::normal() {
  if (has_spare_) {
    has_spare_ = false;
    return static_cast<float>(spare_);
  }
  // u1 in (0, 1] so log(u1) is finite; 53-bit uniforms from two draws.
  auto uniform53 = [this] {
    uint64_t hi = next_u32() >> 5, lo = next_u32() >> 6;
    return static_cast<double>((hi << 26) | lo) * (1.0 / 9007199254740992.0);
  };
  double u1 = 1.0 - uniform53(), u2 = uniform53();
  double r = std::sqrt(-2.0 * std::log(u1));
  double theta = 6.283185307179586 * u2;
  spare_ = r * std::sin(theta);
  has_spare_ = true;
  return static_cast<float>(r * std::cos(theta));
}

void Rng::fill_normal(float* out, Index n, float stddev) {
  for (Index i = 0; i < n; ++i) out[i] = stddev * normal();
}

void Rng::fill_uniform(float* out, Index n, float lo, float hi) {
  for (Index i = 0; i < n; ++i) out[i] = lo + (hi - lo) * uniform();
}

void Rng::shuffle(int* idx, int n) {
  for (int i = 0; i < n; ++i) idx[i] = i;
  for (int i = n - 1; i > 0; --i) {
    int j = static_cast<int>(uniform_int(static_cast<uint32_t>(i + 1)));
    int t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
  }
}

}  // namespace ll
