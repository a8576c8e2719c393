// Emscripten 3.1.6 ships no <mmintrin.h>, but Eigen 3.4 includes it unconditionally on its SSE
// path. Nothing from it is used once SSE is translated to wasm SIMD, so an empty header suffices.
#pragma once
