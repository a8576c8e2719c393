// Single-precision GEMM for the dense layers (issue 3): C = op(A) op(B) + beta C.
//
// All matrices are COLUMN-major, BLAS style: element (i, j) of an m x n matrix X with leading
// dimension ldx is X[i + j * ldx]. op(X) is X or, with trans, X^T (then X is stored k x m).
// A row-major matrix (our weights, tensor.h) is the column-major storage of its transpose.
//
// gemm() is what the models call. In WebAssembly it runs our packed SIMD128 kernel, which is
// about 2x faster than Eigen's SSE2 path translated to wasm SIMD; natively it hands the product to
// Eigen, whose AVX/FMA kernels are faster than anything 4 lanes wide.
#pragma once

#include "core/tensor.h"

namespace ll {

struct GemmShape {
  Index m, n, k;  // op(A) is m x k, op(B) is k x n, C is m x n
};

// beta = 0 overwrites C (its old contents may be anything, even NaN); beta = 1 accumulates.
void gemm(GemmShape s, const float* A, Index lda, bool trans_a, const float* B, Index ldb,
          bool trans_b, float beta, float* C, Index ldc);

// The packed, blocked kernel itself, on every platform: natively it runs on GCC/clang vector
// types so the native tests check the blocking and edge handling too; in wasm it is gemm().
void gemm_packed(GemmShape s, const float* A, Index lda, bool trans_a, const float* B, Index ldb,
                 bool trans_b, float beta, float* C, Index ldc);

// The plain triple loop the kernel is tested against (accumulates in double).
void gemm_reference(GemmShape s, const float* A, Index lda, bool trans_a, const float* B, Index ldb,
                    bool trans_b, float beta, float* C, Index ldc);

}  // namespace ll
