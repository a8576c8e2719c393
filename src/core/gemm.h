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

#include <algorithm>

#include "core/tensor.h"

namespace ll {

struct GemmShape {
  Index m, n, k;  // op(A) is m x k, op(B) is k x n, C is m x n
};

// beta = 0 overwrites C (its old contents may be anything, even NaN); beta = 1 accumulates.
// Large products run on the thread pool (core/parallel.h), split by gemm_split().
void gemm(GemmShape s, const float* A, Index lda, bool trans_a, const float* B, Index ldb,
          bool trans_b, float beta, float* C, Index ldc);

// The packed, blocked kernel itself, on every platform: natively it runs on GCC/clang vector
// types so the native tests check the blocking and edge handling too; in wasm it is gemm().
void gemm_packed(GemmShape s, const float* A, Index lda, bool trans_a, const float* B, Index ldb,
                 bool trans_b, float beta, float* C, Index ldc);

// How gemm() divides C between threads: `count` blocks of whole rows (rows) or whole columns,
// chosen from the shape alone (8 blocks where the side allows, taken by the threads as they come
// free), so each element is computed by the same call whatever the thread count. Block t starts
// at begin(t): t/count of the side, rounded to the nearest multiple of `unit`, so each block is
// within one unit of an equal share. Every block starts on a multiple of kGemmSplitUnit, so an element lands in
// the same tile position as in one undivided call and gets the same bits: checked on W2's shapes
// (tests/labs/threads_test.cpp).
// - Natively (Eigen) the unit is 48, which every micro-tile height divides (3 x 16 rows with
//   AVX-512, 3 x 8 with AVX2, 3 x 4 with SSE). With blocks of 64 one element differed.
// - In wasm our kernel sums each element in its own lane in K order wherever its tile lies
//   (edge tiles too), so the unit is one micro-tile (8 rows; two 4-column panels).
// Equal blocks of a whole unit multiple left 2 threads uneven: a 1000-long side in blocks of 192
// (5 x 192 + 40) gave one thread 576 of 1000, and 7 blocks of 144 + 136 gave it 568.
struct GemmSplit {
  bool rows;
  Index len;   // the side divided: C's rows or columns
  Index unit;  // blocks start on multiples of it
  int count;
  Index begin(int t) const {
    return t >= count ? len : std::min(len, (Index(t) * len / count + unit / 2) / unit * unit);
  }
  // Block t of a product as a product of its own: its shape, and how far into A, B and C (in
  // elements) its op(A), op(B) and C start.
  struct Block {
    GemmShape s;
    Index a, b, c;
  };
  Block block(int t, GemmShape s, Index lda, bool trans_a, Index ldb, bool trans_b, Index ldc) const {
    const Index first = begin(t), size = begin(t + 1) - first;
    if (rows)  // rows of C: the same rows of op(A), all of op(B)
      return {{size, s.n, s.k}, trans_a ? first * lda : first, 0, first};
    // columns of C: the same columns of op(B), all of op(A)
    return {{s.m, size, s.k}, 0, trans_b ? first : first * ldb, first * ldc};
  }
};
#ifdef __wasm_simd128__
constexpr Index kGemmSplitUnit = 8;
#else
constexpr Index kGemmSplitUnit = 48;
#endif
GemmSplit gemm_split(GemmShape s);

// gemm_packed over the blocks of `split` on the thread pool (what gemm() runs in wasm). The
// operand every block shares (all of op(B) for blocks of rows, all of op(A) for blocks of
// columns) is packed once, one K slab at a time by the tasks together, instead of once per block:
// with 8 blocks of a W2 product that was 8 packings of it. Same bits as gemm_packed
// (tests/core/test_gemm.cpp).
void gemm_packed_split(GemmSplit split, GemmShape s, const float* A, Index lda, bool trans_a, const float* B,
                       Index ldb, bool trans_b, float beta, float* C, Index ldc);

// The plain triple loop the kernel is tested against (accumulates in double).
void gemm_reference(GemmShape s, const float* A, Index lda, bool trans_a, const float* B, Index ldb,
                    bool trans_b, float beta, float* C, Index ldc);

}  // namespace ll
