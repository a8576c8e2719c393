// Packed GEMM in the GotoBLAS/BLIS layout: op(B) is packed in KC x NC blocks of NR-column
// panels, op(A) in MC x KC blocks of MR-row panels, and an MR x NR register-blocked micro-kernel
// runs over them. Packing makes every operand layout (transposed or not, any leading dimension)
// look the same to the kernel and keeps its loads sequential; KC x NR of B (4 KB) stays in L1
// while the A block (MC x KC) streams from L2.
#include "core/gemm.h"

#include <algorithm>
#include <vector>

#include "core/parallel.h"

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

namespace ll {

namespace {

// Four float lanes. wasm SIMD128 has no fused multiply-add, so the kernel multiplies then adds.
#ifdef __wasm_simd128__
using f32x4 = v128_t;
inline f32x4 load(const float* p) { return wasm_v128_load(p); }
inline f32x4 broadcast(const float* p) { return wasm_v128_load32_splat(p); }
inline f32x4 splat(float x) { return wasm_f32x4_splat(x); }
inline f32x4 mul(f32x4 a, f32x4 b) { return wasm_f32x4_mul(a, b); }
inline f32x4 add(f32x4 a, f32x4 b) { return wasm_f32x4_add(a, b); }
inline void store(float* p, f32x4 v) { wasm_v128_store(p, v); }
#else
typedef float f32x4 __attribute__((vector_size(16), aligned(4)));
inline f32x4 load(const float* p) { return *reinterpret_cast<const f32x4*>(p); }
inline f32x4 broadcast(const float* p) { return f32x4{} + *p; }
inline f32x4 splat(float x) { return f32x4{} + x; }
inline f32x4 mul(f32x4 a, f32x4 b) { return a * b; }
inline f32x4 add(f32x4 a, f32x4 b) { return a + b; }
inline void store(float* p, f32x4 v) { *reinterpret_cast<f32x4*>(p) = v; }
#endif

// 8 x 4: V8 on x64 keeps the 8 accumulators, 2 A vectors, 4 broadcast B values and a product
// in 15 xmm registers (it reserves xmm15). LLVM hoists all of a step's loads to its top, so larger
// tiles spill accumulators to the stack every step (seen in V8's code for 8 x 6). At W2's shapes
// in node, 8 x 6, 12 x 4 and 4 x 8 ran at 0.8-0.9x the speed of 8 x 4, and 4 x 16 at 0.5x.
// Without FMA every 8 FLOPs cost a mul and an add on the same ports, which bound the kernel; a
// bigger tile could only save loads, and loads are not the limit.
constexpr int MV = 2;          // vectors per micro-tile column
constexpr int MR = 4 * MV;     // micro-tile rows
constexpr int NR = 4;          // micro-tile columns
// MC between 64 and 1024 made no measurable difference (the L2 holds any of them).
constexpr Index KC = 256, MC = 128, NC = 2048;

// c (MR x NR, leading dimension ldc) = a-panel * b-panel + beta c, over kc packed steps.
inline void micro_kernel(Index kc, const float* a, const float* b, float beta, float* c,
                         Index ldc) {
  f32x4 acc[MV][NR];
  for (int j = 0; j < NR; ++j)
    for (int v = 0; v < MV; ++v) acc[v][j] = splat(0.0f);
  for (Index p = 0; p < kc; ++p, a += MR, b += NR) {
    f32x4 av[MV];
    for (int v = 0; v < MV; ++v) av[v] = load(a + 4 * v);
    for (int j = 0; j < NR; ++j) {
      const f32x4 bj = broadcast(b + j);
      for (int v = 0; v < MV; ++v) acc[v][j] = add(acc[v][j], mul(av[v], bj));
    }
  }
  if (beta == 0.0f) {
    for (int j = 0; j < NR; ++j)
      for (int v = 0; v < MV; ++v) store(c + j * ldc + 4 * v, acc[v][j]);
  } else {
    const f32x4 bv = splat(beta);
    for (int j = 0; j < NR; ++j)
      for (int v = 0; v < MV; ++v) {
        float* cj = c + j * ldc + 4 * v;
        store(cj, add(mul(load(cj), bv), acc[v][j]));
      }
  }
}

#ifdef __wasm_simd128__
// pack() for a full panel of R rows that are each contiguous along the depth (a transposed
// operand, e.g. the row-major weights in the forward product Z = W X). Element by element this
// is a strided gather, which took a quarter of a GAN generator's forward pass in wasm; instead,
// 4 x 4 blocks are loaded along the rows and transposed in registers.
template <int R>
void pack_transposed(const float* s, Index rs, Index depth, float* dst) {
  static_assert(R % 4 == 0, "panels are whole 4 x 4 blocks");
  Index p = 0;
  for (; p + 4 <= depth; p += 4)
    for (int i = 0; i < R; i += 4) {
      const float* row = s + i * rs + p;
      const v128_t r0 = load(row), r1 = load(row + rs), r2 = load(row + 2 * rs),
                   r3 = load(row + 3 * rs);
      const v128_t t0 = wasm_i32x4_shuffle(r0, r1, 0, 4, 1, 5);  // r0[0] r1[0] r0[1] r1[1]
      const v128_t t1 = wasm_i32x4_shuffle(r0, r1, 2, 6, 3, 7);  // r0[2] r1[2] r0[3] r1[3]
      const v128_t t2 = wasm_i32x4_shuffle(r2, r3, 0, 4, 1, 5);
      const v128_t t3 = wasm_i32x4_shuffle(r2, r3, 2, 6, 3, 7);
      store(dst + (p + 0) * R + i, wasm_i32x4_shuffle(t0, t2, 0, 1, 4, 5));
      store(dst + (p + 1) * R + i, wasm_i32x4_shuffle(t0, t2, 2, 3, 6, 7));
      store(dst + (p + 2) * R + i, wasm_i32x4_shuffle(t1, t3, 0, 1, 4, 5));
      store(dst + (p + 3) * R + i, wasm_i32x4_shuffle(t1, t3, 2, 3, 6, 7));
    }
  for (; p < depth; ++p)
    for (int i = 0; i < R; ++i) dst[p * R + i] = s[i * rs + p];
}
#endif

// pack() for G full panels of R rows whose R values per step are contiguous (rs == 1, e.g. W in
// dX = W^T dZ), steps cs apart. One panel at a time reads half a cache line per step, and with
// cs a multiple of 1 KB those lines share a few L1 sets, so each was fetched twice: packing took
// 0.40 ms of a 2.8 ms (1024 x 784)(784 x 64) product in node. Four panels per step read whole
// lines once: 0.21 ms.
template <int R, int G>
void pack_contiguous(const float* s, Index cs, Index depth, float* dst) {
  static_assert(R % 4 == 0, "panels are whole vectors");
  for (Index p = 0; p < depth; ++p)
    for (int g = 0; g < G; ++g)
      for (int i = 0; i < R; i += 4)
        store(dst + g * R * depth + p * R + i, load(s + g * R + i + p * cs));
}

// Packs rows x depth of a matrix whose element (i, p) is src[i * rs + p * cs] into panels of R
// rows: panel by panel, each depth-major (R values per step), short last panel padded with zeros.
template <int R>
void pack(const float* src, Index rs, Index cs, Index rows, Index depth, float* dst) {
  Index i0 = 0;
  if (rs == 1) {
    for (; i0 + 4 * R <= rows; i0 += 4 * R, dst += 4 * R * depth)
      pack_contiguous<R, 4>(src + i0, cs, depth, dst);
    for (; i0 + R <= rows; i0 += R, dst += R * depth) pack_contiguous<R, 1>(src + i0, cs, depth, dst);
  }
  for (; i0 < rows; i0 += R, dst += R * depth) {
    const Index r = std::min<Index>(R, rows - i0);
    const float* s = src + i0 * rs;
#ifdef __wasm_simd128__
    if (r == R && cs == 1) {
      pack_transposed<R>(s, rs, depth, dst);
      continue;
    }
#endif
    for (Index p = 0; p < depth; ++p) {
      for (Index i = 0; i < r; ++i) dst[p * R + i] = s[i * rs + p * cs];
      for (Index i = r; i < R; ++i) dst[p * R + i] = 0.0f;
    }
  }
}

// Grow-only packing buffers, reused across calls so the hot path never allocates.
struct PackBuffers {
  std::vector<float> a, b;
};

float* reserve(std::vector<float>& buf, Index n) {
  if (Index(buf.size()) < n) buf.resize(size_t(n));
  return buf.data();
}

Index round_up(Index x, Index r) { return (x + r - 1) / r * r; }

}  // namespace

namespace {

// The blocked product. `packed_a` / `packed_b`, when given, hold all of op(A) / op(B) already
// packed, K slab after K slab (pack_shared), so the blocks of a split product do not each pack
// the operand they share.
void gemm_blocked(GemmShape s, const float* A, Index lda, bool trans_a, const float* B, Index ldb,
                  bool trans_b, float beta, float* C, Index ldc, const float* packed_a,
                  const float* packed_b) {
  static thread_local PackBuffers buf;
  // Strides of op(A)(i, p) and op(B)(p, j), with B's panel index j playing the role of i.
  const Index a_rs = trans_a ? lda : 1, a_cs = trans_a ? 1 : lda;
  const Index b_rs = trans_b ? 1 : ldb, b_cs = trans_b ? ldb : 1;
  float* pa = packed_a ? nullptr : reserve(buf.a, round_up(std::min(MC, s.m), MR) * KC);
  float* pb = packed_b ? nullptr : reserve(buf.b, round_up(std::min(NC, s.n), NR) * KC);
  alignas(16) float edge[MR * NR];

  for (Index jc = 0; jc < s.n; jc += NC) {
    const Index nc = std::min(NC, s.n - jc);
    for (Index pc = 0; pc < s.k; pc += KC) {
      const Index kc = std::min(KC, s.k - pc);
      const float beta_p = pc == 0 ? beta : 1.0f;  // later K blocks accumulate onto the first
      const float* b_block = packed_b ? packed_b + pc * round_up(s.n, NR) + jc * kc : pb;
      if (!packed_b) pack<NR>(B + jc * b_rs + pc * b_cs, b_rs, b_cs, nc, kc, pb);
      for (Index ic = 0; ic < s.m; ic += MC) {
        const Index mc = std::min(MC, s.m - ic);
        const float* a_block = packed_a ? packed_a + pc * round_up(s.m, MR) + ic * kc : pa;
        if (!packed_a) pack<MR>(A + ic * a_rs + pc * a_cs, a_rs, a_cs, mc, kc, pa);
        for (Index jr = 0; jr < nc; jr += NR) {
          const Index nr = std::min<Index>(NR, nc - jr);
          const float* b_panel = b_block + jr * kc;
          for (Index ir = 0; ir < mc; ir += MR) {
            const Index mr = std::min<Index>(MR, mc - ir);
            const float* a_panel = a_block + ir * kc;
            float* c = C + (ic + ir) + (jc + jr) * ldc;
            if (mr == MR && nr == NR) {
              micro_kernel(kc, a_panel, b_panel, beta_p, c, ldc);
              continue;
            }
            // Edge tile: compute the full padded tile aside, then merge its valid part.
            micro_kernel(kc, a_panel, b_panel, 0.0f, edge, MR);
            for (Index j = 0; j < nr; ++j)
              for (Index i = 0; i < mr; ++i) {
                float& cij = c[i + j * ldc];
                cij = (beta_p == 0.0f ? 0.0f : beta_p * cij) + edge[i + j * MR];
              }
          }
        }
      }
    }
  }
}

}  // namespace

void gemm_packed(GemmShape s, const float* A, Index lda, bool trans_a, const float* B, Index ldb,
                 bool trans_b, float beta, float* C, Index ldc) {
  if (s.m <= 0 || s.n <= 0) return;
  if (s.k <= 0) {  // C = beta C; beta 0 must overwrite garbage rather than scale it
    for (Index j = 0; j < s.n; ++j)
      for (Index i = 0; i < s.m; ++i) C[i + j * ldc] = beta == 0.0f ? 0.0f : beta * C[i + j * ldc];
    return;
  }
  gemm_blocked(s, A, lda, trans_a, B, ldb, trans_b, beta, C, ldc, nullptr, nullptr);
}

void gemm_packed_split(GemmSplit split, GemmShape s, const float* A, Index lda, bool trans_a, const float* B,
                       Index ldb, bool trans_b, float beta, float* C, Index ldc) {
  if (s.m <= 0 || s.n <= 0 || s.k <= 0 || split.count <= 1)
    return gemm_packed(s, A, lda, trans_a, B, ldb, trans_b, beta, C, ldc);
  const Index a_rs = trans_a ? lda : 1, a_cs = trans_a ? 1 : lda;
  const Index b_rs = trans_b ? 1 : ldb, b_cs = trans_b ? ldb : 1;
  // The shared operand, packed as its K slabs one after another (the layout gemm_blocked reads):
  // slab pc at pc * round_up(side, panel), its panels kc deep. A product is done in passes over
  // as many K slabs as fit 4 MB (every W2 product fits in one: two parallel_for calls), so a
  // product as deep as a data set does not need a buffer as large as its operand.
  constexpr Index kSharedFloats = Index(1) << 20;
  static thread_local std::vector<float> shared;
  const Index panel = split.rows ? NR : MR, side = split.rows ? s.n : s.m, padded = round_up(side, panel);
  const Index panels = padded / panel, per = (panels + split.count - 1) / split.count;
  const Index pass = std::max<Index>(1, kSharedFloats / (padded * KC)) * KC;
  float* packed = reserve(shared, padded * std::min(pass, round_up(s.k, KC)));
  for (Index p0 = 0; p0 < s.k; p0 += pass) {
    const Index depth = std::min(pass, s.k - p0);
    parallel_for(split.count, [&](int t) {  // the tasks pack the shared panels together
      const Index i0 = std::min(side, Index(t) * per * panel), i1 = std::min(side, (Index(t) + 1) * per * panel);
      if (i0 >= i1) return;
      for (Index pc = 0; pc < depth; pc += KC) {
        const Index kc = std::min(KC, depth - pc);
        float* dst = packed + pc * padded + i0 * kc;
        if (split.rows) pack<NR>(B + i0 * b_rs + (p0 + pc) * b_cs, b_rs, b_cs, i1 - i0, kc, dst);
        else pack<MR>(A + i0 * a_rs + (p0 + pc) * a_cs, a_rs, a_cs, i1 - i0, kc, dst);
      }
    });
    const float beta_p = p0 == 0 ? beta : 1.0f;  // later passes accumulate onto the first
    parallel_for(split.count, [&](int t) {  // each block reads its own part of the other operand
      const GemmSplit::Block b = split.block(t, {s.m, s.n, depth}, lda, trans_a, ldb, trans_b, ldc);
      const bool rows = split.rows;
      gemm_blocked(b.s, rows ? A + b.a + p0 * a_cs : nullptr, lda, trans_a, rows ? nullptr : B + b.b + p0 * b_cs, ldb,
                   trans_b, beta_p, C + b.c, ldc, rows ? nullptr : packed, rows ? packed : nullptr);
    });
  }
}

void gemm_reference(GemmShape s, const float* A, Index lda, bool trans_a, const float* B, Index ldb,
                    bool trans_b, float beta, float* C, Index ldc) {
  for (Index j = 0; j < s.n; ++j)
    for (Index i = 0; i < s.m; ++i) {
      double sum = 0;
      for (Index p = 0; p < s.k; ++p)
        sum += double(trans_a ? A[p + i * lda] : A[i + p * lda]) *
               double(trans_b ? B[j + p * ldb] : B[p + j * ldb]);
      float& cij = C[i + j * ldc];
      cij = float(sum + (beta == 0.0f ? 0.0 : double(beta) * cij));
    }
}

namespace {

void gemm_block(GemmShape s, const float* A, Index lda, bool trans_a, const float* B, Index ldb,
                bool trans_b, float beta, float* C, Index ldc) {
#ifdef __wasm_simd128__
  gemm_packed(s, A, lda, trans_a, B, ldb, trans_b, beta, C, ldc);
#else
  if (s.m <= 0 || s.n <= 0) return;
  using Stride = Eigen::OuterStride<>;
  using ConstMap = Eigen::Map<const Matrix, 0, Stride>;
  Eigen::Map<Matrix, 0, Stride> c(C, s.m, s.n, Stride(ldc));
  const ConstMap a(A, trans_a ? s.k : s.m, trans_a ? s.m : s.k, Stride(lda));
  const ConstMap b(B, trans_b ? s.n : s.k, trans_b ? s.k : s.n, Stride(ldb));
  auto assign = [&](const auto& product) {
    if (beta == 0.0f) {
      c.noalias() = product;
    } else {
      if (beta != 1.0f) c *= beta;
      c.noalias() += product;
    }
  };
  if (trans_a && trans_b)
    assign(a.transpose() * b.transpose());
  else if (trans_a)
    assign(a.transpose() * b);
  else if (trans_b)
    assign(a * b.transpose());
  else
    assign(a * b);
#endif
}

}  // namespace

GemmSplit gemm_split(GemmShape s) {
  const bool rows = s.m >= s.n;
  const Index len = rows ? s.m : s.n;
  // Below ~4 MFLOP (W1's 64x64x16 products, ~0.05 ms) waking the pool costs more than it saves.
  if (2.0 * double(s.m) * double(s.n) * double(s.k) < 4e6) return {rows, len, kGemmSplitUnit, 1};
  return {rows, len, kGemmSplitUnit, int(std::clamp<Index>(len / kGemmSplitUnit, 1, 8))};
}

void gemm(GemmShape s, const float* A, Index lda, bool trans_a, const float* B, Index ldb,
          bool trans_b, float beta, float* C, Index ldc) {
  const GemmSplit split = gemm_split(s);
  // One thread computes the same bits undivided (gemm.h), without the pool.
  if (split.count == 1 || thread_count() == 1)
    return gemm_block(s, A, lda, trans_a, B, ldb, trans_b, beta, C, ldc);
#ifdef __wasm_simd128__
  gemm_packed_split(split, s, A, lda, trans_a, B, ldb, trans_b, beta, C, ldc);
#else
  parallel_for(split.count, [&](int t) {
    const GemmSplit::Block b = split.block(t, s, lda, trans_a, ldb, trans_b, ldc);
    gemm_block(b.s, A + b.a, lda, trans_a, B + b.b, ldb, trans_b, beta, C + b.c, ldc);
  });
#endif
}

}  // namespace ll
