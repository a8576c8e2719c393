// The packed GEMM against the plain triple loop (issue rule: every hand-written kernel is tested
// against a reference). Natively this checks the blocking, packing and edge tiles on the portable
// vector type; in wasm the same tests run the SIMD128 kernel.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "core/gemm.h"
#include "core/parallel.h"
#include "core/rng.h"

using namespace ll;

namespace {

using GemmFn = void (*)(GemmShape, const float*, Index, bool, const float*, Index, bool, float,
                        float*, Index);

// Runs `fn` and the reference on random operands stored with some padding (leading dimensions
// larger than the rows), and returns the largest error relative to sum_p |a_ip b_pj| + |beta c_ij|,
// the scale float rounding errors grow with.
double relative_error(GemmFn fn, GemmShape s, bool ta, bool tb, float beta, Rng& rng) {
  const Index a_rows = ta ? s.k : s.m, a_cols = ta ? s.m : s.k;
  const Index b_rows = tb ? s.n : s.k, b_cols = tb ? s.k : s.n;
  const Index lda = a_rows + 3, ldb = b_rows + 1, ldc = s.m + 2;
  std::vector<float> A(size_t(lda * a_cols)), B(size_t(ldb * b_cols)), C(size_t(ldc * s.n));
  rng.fill_uniform(A.data(), Index(A.size()), -1, 1);
  rng.fill_uniform(B.data(), Index(B.size()), -1, 1);
  rng.fill_uniform(C.data(), Index(C.size()), -1, 1);
  std::vector<float> expect = C, got = C, scale = C;
  std::vector<float> absA(A.size()), absB(B.size());
  for (size_t i = 0; i < A.size(); ++i) absA[i] = std::abs(A[i]);
  for (size_t i = 0; i < B.size(); ++i) absB[i] = std::abs(B[i]);
  for (float& x : scale) x = std::abs(x);
  gemm_reference(s, A.data(), lda, ta, B.data(), ldb, tb, beta, expect.data(), ldc);
  gemm_reference(s, absA.data(), lda, ta, absB.data(), ldb, tb, std::abs(beta), scale.data(), ldc);
  fn(s, A.data(), lda, ta, B.data(), ldb, tb, beta, got.data(), ldc);
  double worst = 0;
  for (Index j = 0; j < s.n; ++j)
    for (Index i = 0; i < s.m; ++i) {
      const size_t at = size_t(i + j * ldc);
      worst = std::max(worst, std::abs(double(got[at]) - expect[at]) / (scale[at] + 1e-30));
    }
  // The padding between columns must be untouched.
  for (Index j = 0; j < s.n; ++j)
    for (Index i = s.m; i < ldc; ++i)
      if (got[size_t(i + j * ldc)] != C[size_t(i + j * ldc)]) return 1.0;
  return worst;
}

void check_all_layouts(GemmFn fn, GemmShape s, Rng& rng) {
  for (int t = 0; t < 4; ++t)
    for (float beta : {0.0f, 1.0f, 0.5f}) {
      const bool ta = t & 1, tb = t & 2;
      CAPTURE(s.m);
      CAPTURE(s.n);
      CAPTURE(s.k);
      CAPTURE(ta);
      CAPTURE(tb);
      CAPTURE(beta);
      CHECK(relative_error(fn, s, ta, tb, beta, rng) < 1e-5);
    }
}

// 1x1x1, sizes around the 8 x 4 tile and the 256-deep K block, W2's batch of 100 and its 30-unit
// code layer, and a 784-deep product that needs four K blocks.
const GemmShape kShapes[] = {{1, 1, 1},     {3, 5, 7},      {8, 4, 1},     {9, 5, 2},
                             {7, 3, 255},   {16, 8, 256},   {17, 9, 257},  {30, 100, 250},
                             {100, 30, 13}, {33, 100, 784}};

}  // namespace

TEST_CASE("gemm: the packed kernel matches the reference for every layout and edge") {
  Rng rng(31);
  for (const GemmShape& s : kShapes) check_all_layouts(gemm_packed, s, rng);
}

TEST_CASE("gemm: what the models call matches the reference") {
  Rng rng(32);
  for (const GemmShape& s : kShapes) check_all_layouts(gemm, s, rng);
}

TEST_CASE("gemm: W2's first layer, forward, dW and dX layouts") {
  // Z = W X (W row-major 1000 x 784), dW^T = X dZ^T, dX = W^T dZ: M, N or K of 1000, 784 and 100,
  // spanning several MC and KC blocks and a partial last tile in M.
  Rng rng(33);
  CHECK(relative_error(gemm_packed, {1000, 100, 784}, true, false, 0.0f, rng) < 1e-5);
  CHECK(relative_error(gemm_packed, {784, 1000, 100}, false, true, 0.0f, rng) < 1e-5);
  CHECK(relative_error(gemm_packed, {784, 100, 1000}, false, false, 1.0f, rng) < 1e-5);
}

TEST_CASE("gemm: beta 0 overwrites garbage, K = 0 scales C, empty shapes are no-ops") {
  const float a[2] = {1, 2}, b[2] = {3, 4};
  for (GemmFn fn : {GemmFn(gemm_packed), GemmFn(gemm)}) {
    float c[1] = {NAN};
    fn({1, 1, 2}, a, 1, false, b, 2, false, 0.0f, c, 1);
    CHECK(c[0] == 11.0f);
    fn({1, 1, 0}, a, 1, false, b, 1, false, 0.5f, c, 1);
    CHECK(c[0] == 5.5f);
    c[0] = NAN;
    fn({1, 1, 0}, a, 1, false, b, 1, false, 0.0f, c, 1);
    CHECK(c[0] == 0.0f);
    fn({0, 1, 2}, a, 1, false, b, 2, false, 0.0f, c, 1);
    CHECK(c[0] == 0.0f);
  }
}

TEST_CASE("gemm: the packed kernel gives the same bits split into blocks of whole micro-tiles") {
  // What lets the wasm build split a product into blocks of 8 rows or columns (gemm.h,
  // kGemmSplitUnit): each element is summed in its own lane, in K order, whatever tile it lands
  // in. Blocks of about 8, 40 and 128 (starting on multiples of 8), by rows and by columns,
  // with 784-deep products (four K blocks) and beta 0 and 1, every layout; one call per block,
  // and gemm_packed_split, which packs the shared operand once.
  Rng rng(34);
  const GemmShape shapes[] = {{1000, 100, 784}, {100, 1000, 784}, {250, 30, 100}};
  for (const GemmShape& s : shapes)
    for (int t = 0; t < 4; ++t)
      for (float beta : {0.0f, 1.0f}) {
        const bool ta = t & 1, tb = t & 2;
        const Index lda = ta ? s.k : s.m, ldb = tb ? s.n : s.k;
        std::vector<float> A(size_t(s.m * s.k)), B(size_t(s.k * s.n)), C0(size_t(s.m * s.n));
        rng.fill_uniform(A.data(), Index(A.size()), -1, 1);
        rng.fill_uniform(B.data(), Index(B.size()), -1, 1);
        rng.fill_uniform(C0.data(), Index(C0.size()), -1, 1);
        std::vector<float> whole = C0;
        gemm_packed(s, A.data(), lda, ta, B.data(), ldb, tb, beta, whole.data(), s.m);
        for (bool rows : {true, false})
          for (Index block : {8, 40, 128}) {
            // About len / block blocks, starting on multiples of 8.
            const Index len = rows ? s.m : s.n;
            const GemmSplit blocks{rows, len, 8, int(std::max<Index>(1, len / block))};
            std::vector<float> split = C0;
            for (int t = 0; t < blocks.count; ++t) {
              const GemmSplit::Block b = blocks.block(t, s, lda, ta, ldb, tb, s.m);
              gemm_packed(b.s, A.data() + b.a, lda, ta, B.data() + b.b, ldb, tb, beta, split.data() + b.c, s.m);
            }
            CAPTURE(s.m);
            CAPTURE(s.n);
            CAPTURE(ta);
            CAPTURE(tb);
            CAPTURE(beta);
            CAPTURE(rows);
            CAPTURE(block);
            CHECK(std::memcmp(split.data(), whole.data(), whole.size() * sizeof(float)) == 0);
            // The same blocks on the pool, sharing one packing of the common operand.
            const int before = thread_count();
            for (int threads : {1, 2}) {
              set_thread_count(threads);
              std::vector<float> shared = C0;
              gemm_packed_split(blocks, s, A.data(), lda, ta, B.data(), ldb, tb, beta, shared.data(), s.m);
              CAPTURE(threads);
              CHECK(std::memcmp(shared.data(), whole.data(), whole.size() * sizeof(float)) == 0);
            }
            set_thread_count(before);
          }
      }
}

TEST_CASE("gemm_split: blocks cover the side once, start on whole units, each within a unit of an equal share") {
  for (Index len : {100, 250, 500, 784, 1000, 4096}) {
    const GemmSplit split = gemm_split({len, 100, 784});
    CAPTURE(len);
    REQUIRE(split.rows);
    CHECK(split.count == std::min<Index>(8, len / kGemmSplitUnit));
    CHECK(split.begin(0) == 0);
    CHECK(split.begin(split.count) == len);
    for (int t = 0; t < split.count; ++t) {
      CHECK(split.begin(t) % kGemmSplitUnit == 0);
      const Index size = split.begin(t + 1) - split.begin(t);
      if (t + 1 < split.count) CHECK(size % kGemmSplitUnit == 0);  // only the last may be short
      CHECK(std::abs(double(size) - double(len) / split.count) <= double(kGemmSplitUnit));
    }
  }
  CHECK(gemm_split({64, 64, 16}).count == 1);  // W1: too small to share
}

TEST_CASE("gemm_packed_split: a shared operand too large for one pass is packed and used pass by pass") {
  // A shared side of 2,100 takes one 256-deep slab per pass (gemm_packed_split's 4 MB), so a
  // 600-deep product runs in three passes, the later ones adding onto the first.
  Rng rng(35);
  for (bool rows : {true, false}) {
    const GemmShape s = rows ? GemmShape{16, 2100, 600} : GemmShape{2100, 16, 600};
    std::vector<float> A(size_t(s.m * s.k)), B(size_t(s.k * s.n)), C0(size_t(s.m * s.n));
    rng.fill_uniform(A.data(), Index(A.size()), -1, 1);
    rng.fill_uniform(B.data(), Index(B.size()), -1, 1);
    rng.fill_uniform(C0.data(), Index(C0.size()), -1, 1);
    for (float beta : {0.0f, 1.0f}) {
      std::vector<float> whole = C0, split = C0;
      gemm_packed(s, A.data(), s.m, false, B.data(), s.k, false, beta, whole.data(), s.m);
      const int before = thread_count();
      set_thread_count(2);
      gemm_packed_split({rows, 16, 8, 2}, s, A.data(), s.m, false, B.data(), s.k, false, beta, split.data(), s.m);
      set_thread_count(before);
      CAPTURE(rows);
      CAPTURE(beta);
      CHECK(std::memcmp(split.data(), whole.data(), whole.size() * sizeof(float)) == 0);
    }
  }
}
