// A step cut into pieces (core/train_pieces.h) must be train_step itself: the same bits in the
// parameters, the optimizer's state and the loss, for every optimizer, with frozen layers, with
// the net drawn between pieces, and when the lab holding the step is copied between pieces.
#include <doctest/doctest.h>

#include <cstring>

#include "core/train.h"
#include "core/train_pieces.h"

using namespace ll;

namespace {

Matrix random_matrix(int rows, int cols, Rng& rng) {
  Matrix m(rows, cols);
  for (Index i = 0; i < m.size(); ++i) m.data()[i] = float(rng.uniform());
  return m;
}

bool same_bits(const Vector& a, const Vector& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), size_t(a.size()) * sizeof(float)) == 0;
}

}  // namespace

TEST_CASE("a train step in pieces gives train_step's bits, piece by piece in layer order") {
  for (OptimizerKind kind : {OptimizerKind::SGD, OptimizerKind::Momentum, OptimizerKind::Adam}) {
    for (bool freeze : {false, true}) {
      CAPTURE(int(kind));
      CAPTURE(freeze);
      Rng rng(7);
      Mlp whole({12, 9, 5, 9, 12}, {Activation::Tanh, Activation::Identity, Activation::Tanh, Activation::Sigmoid});
      whole.init(rng);
      if (freeze) whole.set_frozen(0, true);  // the pretrain lab fine-tunes above a frozen layer
      Mlp cut = whole;
      OptimizerConfig cfg;
      cfg.kind = kind;
      cfg.lr = 0.05f;
      Optimizer opt_whole(cfg), opt_cut(cfg);
      TrainStepInPieces step;
      // 70 steps: past Adam's denormal flush at step 64 (end_step).
      for (int t = 0; t < 70; ++t) {
        const Matrix X = random_matrix(12, 6, rng);
        const float E = train_step(whole, opt_whole, Loss::CrossEntropy, X, X);
        step.start(cut, Loss::CrossEntropy, X, X);
        int pieces = 1;
        // Between pieces the page draws the net (apply(), which keeps nothing in it).
        while (!step.run_piece(cut, opt_cut)) {
          ++pieces;
          CHECK(cut.apply(X).cols() == X.cols());
        }
        REQUIRE(step.loss() == E);
        REQUIRE(same_bits(cut.params(), whole.params()));
        // 4 forward, the loss, 4 (or 3 above a frozen layer) backward, 4 (3) updates, the finish;
        // before the first step, one piece zeroes the optimizer's state (Optimizer::prepare_piece).
        CHECK(pieces == (freeze ? 12 : 14) + (t == 0 ? 1 : 0));
        CHECK_FALSE(step.running());
      }
    }
  }
}

TEST_CASE("apply() is forward() without keeping anything in the net") {
  Rng rng(5);
  Mlp net({6, 4, 6}, {Activation::Tanh, Activation::Sigmoid});
  net.init(rng);
  const Matrix X = random_matrix(6, 3, rng), other = random_matrix(6, 2, rng);
  const Matrix Y = net.forward(X);
  const Matrix kept = net.layer_output(0);
  CHECK(net.apply(other).cols() == 2);
  CHECK(net.apply(X) == Y);                // the same bits
  CHECK(net.layer_output(0) == kept);      // forward()'s activations untouched
  CHECK(net.output() == Y);
}

TEST_CASE("a train step in pieces goes on in a copy of the net, optimizer and step") {
  Rng rng(3);
  Mlp a({8, 6, 8}, {Activation::Tanh, Activation::Sigmoid});
  a.init(rng);
  Mlp whole = a;
  OptimizerConfig cfg;
  cfg.kind = OptimizerKind::Adam;
  cfg.lr = 0.01f;
  Optimizer opt_a(cfg), opt_whole(cfg);
  const Matrix X = random_matrix(8, 5, rng);
  const float E = train_step(whole, opt_whole, Loss::SquaredError, X, X);
  TrainStepInPieces step;
  step.start(a, Loss::SquaredError, X, X);
  for (int i = 0; i < 4; ++i) step.run_piece(a, opt_a);  // the optimizer's state, forward (2), loss
  Mlp b = a;  // as the threaded build copies a lab to draw it
  Optimizer opt_b = opt_a;
  TrainStepInPieces step_b = step;
  while (!step_b.run_piece(b, opt_b)) {
  }
  CHECK(step_b.loss() == E);
  CHECK(same_bits(b.params(), whole.params()));
  CHECK_THROWS_AS(step_b.run_piece(b, opt_b), std::logic_error);  // no step left to run
}

TEST_CASE("an optimizer's state zeroed a part at a time gives the same steps") {
  for (OptimizerKind kind : {OptimizerKind::Momentum, OptimizerKind::Adam}) {
    CAPTURE(int(kind));
    Rng rng(11);
    Mlp whole({7, 5, 7}, {Activation::Tanh, Activation::Sigmoid});
    whole.init(rng);
    Mlp cut = whole;
    OptimizerConfig cfg;
    cfg.kind = kind;
    Optimizer opt_whole(cfg), opt_cut(cfg);
    const Index n = cut.params().size();  // 82: 2 n entries in parts of 10
    int parts = 1;
    while (!opt_cut.prepare_piece(n, 10)) ++parts;
    CHECK(parts == 17);
    CHECK(opt_cut.prepare_piece(n, 0));  // ready: nothing left to do
    for (int t = 0; t < 3; ++t) {
      const Matrix X = random_matrix(7, 4, rng);
      CHECK(train_step(whole, opt_whole, Loss::SquaredError, X, X) == train_step(cut, opt_cut, Loss::SquaredError, X, X));
      REQUIRE(same_bits(cut.params(), whole.params()));
    }
    // A state left half zeroed is made whole by the next step.
    Optimizer half(cfg);
    Mlp net = whole;
    half.prepare_piece(n, n);
    const Matrix X = random_matrix(7, 4, rng);
    Optimizer fresh(cfg);
    Mlp net2 = whole;
    train_step(net, half, Loss::SquaredError, X, X);
    train_step(net2, fresh, Loss::SquaredError, X, X);
    CHECK(same_bits(net.params(), net2.params()));
  }
}
