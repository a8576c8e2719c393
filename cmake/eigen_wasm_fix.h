// Force-included in wasm builds. Eigen 3.4 sees clang as GCC 4.2 and then picks inline x86 asm
// ("+x" constraints in SSE pmin/pmax) that clang-for-wasm rejects; claiming GCC 6.3 selects the
// intrinsic path instead. See ../shared/notes/toolchain.md, section 9.
#pragma once
#if defined(__EMSCRIPTEN__) && defined(__cplusplus)
#include <Eigen/src/Core/util/Macros.h>
#if EIGEN_COMP_GNUC && EIGEN_COMP_GNUC < 63
#undef EIGEN_COMP_GNUC
#define EIGEN_COMP_GNUC 63
#endif
#endif
