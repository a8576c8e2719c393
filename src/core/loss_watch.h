// Divergence without NaN: a loss curve that explodes, or rises far above the best it reached.
// A too-large learning rate often does not produce NaN at all: `compress --lr 1e3` ended at
// 4.96 dB and `deep-ae --lr 1e3` at an error of 127.6, both "finished" without a word (issue 17).
// Each lab feeds its loss curve (lower is better) through one LossWatch, checkpoints its weights
// when a point is the best so far, and restores them when the watch says Diverged.
#pragma once
#include <string>

namespace ll {

class LossWatch {
 public:
  enum Verdict { Improved, Fine, Diverged };

  // A point counts as diverged when it is not finite or above `factor` times the lowest loss
  // so far (the starting loss included), where "lowest" is at least a tenth of the starting
  // loss: a training loss that reaches nearly 0 (10 labelled digits learnt by heart) may
  // wobble by large ratios without anything going wrong.
  explicit LossWatch(double factor = 4.0) : factor_(factor) {}

  // The loss of the untrained model (before its first update), so a run that only gets worse
  // from its very first point is caught too. Optional.
  void start(double loss);
  Verdict observe(double loss);

  bool diverged() const { return diverged_; }
  double best() const { return best_; }
  // "the loss rose to 1.28, 5.1x its best (0.25)": what happened, for the lab's message.
  std::string what() const { return what_; }
  // The message every lab shows and the CLI prints: what happened, the likely cause, what was
  // kept. `learning_rates`: "learning rate 1000" or "learning rates D 100, G 100".
  std::string message(const std::string& learning_rates) const;

 private:
  double factor_;
  double best_ = -1;   // < 0: nothing seen yet
  double start_ = -1;  // the first loss seen
  bool diverged_ = false;
  std::string what_;
};

// "learning rate 0.004" (%g), for LossWatch::message.
std::string learning_rate_text(double lr);

}  // namespace ll
