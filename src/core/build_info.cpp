#include "core/build_info.h"

#include <Eigen/Core>

namespace ll {

BuildInfo build_info(const std::string& version) {
  BuildInfo b;
  b.version = version;
#if defined(__wasm__) && defined(LL_THREADS)
  b.target = "wasm32 threaded";
#elif defined(__wasm__)
  b.target = "wasm32 single-thread";
#elif defined(__x86_64__)
  b.target = "native x86_64";
#elif defined(__aarch64__)
  b.target = "native aarch64";
#else
  b.target = "native";
#endif
#if defined(__wasm_simd128__)
  b.simd = "wasm SIMD128";
#elif defined(__AVX512F__)
  b.simd = "AVX-512";
#elif defined(__AVX2__) && defined(__FMA__)
  b.simd = "AVX2+FMA";
#elif defined(__AVX__)
  b.simd = "AVX";
#elif defined(__SSE2__)
  b.simd = "SSE2";
#else
  b.simd = "none";
#endif
  // Eigen's own view: "SSE, SSE2" in wasm means its SSE path runs on wasm SIMD (toolchain.md §9).
  b.simd += std::string(" (Eigen: ") + Eigen::SimdInstructionSetsInUse() + ")";
  return b;
}

}  // namespace ll
