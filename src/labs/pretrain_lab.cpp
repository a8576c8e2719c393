#include "labs/pretrain_lab.h"

#include <algorithm>
#include <stdexcept>

#include "core/loss.h"
#include "core/train.h"

namespace ll {

namespace {
constexpr int kClasses = 10;
constexpr double kRbmCost = 5.0 / 3.0;  // CD-1: 5 products with W per image vs 3 for backprop
constexpr int kEvalChunk = 50;          // test images per work item (one arm each)

double weights(const std::vector<int>& sizes) {
  double w = 0;
  for (size_t i = 1; i < sizes.size(); ++i) w += double(sizes[i - 1]) * sizes[i];
  return w;
}
}  // namespace

std::vector<int> balanced_labelled(const Dataset& d, const std::vector<int>& train, int n) {
  std::vector<std::vector<int>> by_class(kClasses);
  for (int i : train) by_class[d.labels[size_t(i)] % kClasses].push_back(i);
  std::vector<int> out;
  for (size_t round = 0; int(out.size()) < n; ++round) {
    bool any = false;
    for (const auto& c : by_class)
      if (round < c.size() && int(out.size()) < n) out.push_back(c[round]), any = true;
    if (!any) break;  // fewer training images than n
  }
  return out;
}

PretrainLab::PretrainLab(std::shared_ptr<const Dataset> data, const PretrainSettings& s)
    : data_(std::move(data)), s_(s), rng_(s.seed) {
  if (data_->labels.empty()) throw std::invalid_argument(data_->name + " has no labels; the pretraining lab needs digits with labels");
  if (s_.hidden.empty() || s_.batch < 1 || s_.steps < 0 || s_.rbm_epochs < 0 || s_.eval_every < 1)
    throw std::invalid_argument("pretraining lab: bad settings");
  const Split split = dataset_split(*data_);
  train_idx_ = split.train;
  train_x_ = std::make_shared<const Matrix>(to_matrix(*data_, split.train));
  test_x_ = std::make_shared<const Matrix>(to_matrix(*data_, split.test));
  for (int i : split.test) test_labels_.push_back(data_->labels[size_t(i)] % kClasses);

  std::vector<int> sizes = {data_->dims()};
  for (int h : s_.hidden) sizes.push_back(h);
  sizes.push_back(kClasses);
  std::vector<Activation> acts(sizes.size() - 1, Activation::Sigmoid);
  acts.back() = Activation::Identity;  // logits; the loss applies the softmax
  // Both arms start from the same random weights; the pretrained arm then gets the RBMs'
  // encoder weights, so the only difference between the arms is the pretraining.
  Rng init_rng(s_.seed + 1000);
  init_[1] = Mlp(sizes, acts);
  init_[1].init(init_rng);
  init_[0] = init_[1];
  std::vector<Rbm> rbms;
  for (size_t i = 0; i + 2 < sizes.size(); ++i) {
    rbms.emplace_back(sizes[i], sizes[i + 1]);
    rbms.back().init(rng_, 0.1f);
  }
  GreedyRbmConfig rc;
  rc.epochs = s_.rbm_epochs;
  rc.batch = s_.batch;
  rc.lr = rc.lr_linear = s_.rbm_lr;
  rc.propagate_chunk = kEvalChunk;
  pretrainer_ = GreedyRbmPretrainer(std::move(rbms), train_x_, rc);
  relabel(s_.labels);
  if (s_.rbm_epochs == 0) {  // no pretraining: both arms are the same random net
    encoder_ready_ = true;
    start_fine_tuning();
  }
}

void PretrainLab::relabel(int labels) {
  if (labels < 1 || labels > int(train_idx_.size()))
    throw std::invalid_argument("labels must be between 1 and " + std::to_string(train_idx_.size()) +
                                " (the training images), got " + std::to_string(labels));
  s_.labels = labels;
  labelled_ = balanced_labelled(*data_, train_idx_, labels);
  labelled_x_ = to_matrix(*data_, labelled_);
  labelled_t_ = Matrix::Zero(kClasses, Index(labelled_.size()));
  for (size_t j = 0; j < labelled_.size(); ++j) labelled_t_(data_->labels[size_t(labelled_[j])] % kClasses, Index(j)) = 1;
  if (encoder_ready_) start_fine_tuning();
}

std::string PretrainLab::phase_name() const {
  switch (phase_) {
    case Phase::Rbm: return "pretraining " + pretrainer_.phase_name();
    case Phase::FineTune: return "fine-tuning with " + std::to_string(s_.labels) + " labels";
    case Phase::Evaluate: return "testing";
    default: return status_.empty() ? "done" : "stopped (diverged)";
  }
}

double PretrainLab::work_total() const {
  const double rbm = s_.rbm_epochs * double(train_x_->cols()) * weights(init_[0].sizes()) * kRbmCost;
  const double evals = double(s_.steps / s_.eval_every + 1) * 2 * double(test_x_->cols()) / 3;
  return rbm + (2.0 * s_.steps * std::min(s_.batch, s_.labels) + evals) * weights(init_[0].sizes()) + 1.0;
}

double PretrainLab::progress() const {
  return done() ? 1.0 : std::min(1.0, (work_done_ + fine_work_done_) / work_total());
}

double PretrainLab::eta_seconds() const {
  const double p = progress();
  return p > 0.01 && !done() ? seconds_ * (1 - p) / p : -1;
}

void PretrainLab::train(double budget_ms) {
  TimeSlice slice(budget_ms, item_times_);
  while (!done() && slice.next(next_item_kind()) && step()) {
  }
  seconds_ += slice.elapsed_ms() / 1000;
}

int PretrainLab::next_item_kind() const {
  switch (phase_) {
    case Phase::Rbm: return 1 + pretrainer_.next_piece();
    case Phase::FineTune: return 64 + 96 * arm_ + arm_step_.next_piece();
    case Phase::Evaluate: return 255;
    default: return 0;
  }
}

bool PretrainLab::step() {
  switch (phase_) {
    case Phase::Rbm: rbm_step(); return true;
    case Phase::FineTune: fine_tune_piece(); return true;
    case Phase::Evaluate: evaluate_chunk(); return true;
    default: return false;
  }
}

// The next RBM learns from this one's hidden probabilities of every training image.
// Greedy layer-wise CD-1 (labs/greedy_rbm.h); when it is done, the RBMs become the encoder.
void PretrainLab::rbm_step() {
  work_done_ += pretrainer_.step(rng_) * kRbmCost;
  if (pretrainer_.state() == GreedyRbmPretrainer::State::Diverged) {
    status_ = pretrainer_.status();
    phase_ = Phase::Done;
  } else if (pretrainer_.state() == GreedyRbmPretrainer::State::Done) {
    for (size_t l = 0; l < pretrainer_.rbms().size(); ++l) pretrainer_.rbms()[l].export_encoder(init_[0], int(l));
    encoder_ready_ = true;
    start_fine_tuning();
  }
}

void PretrainLab::start_fine_tuning() {
  OptimizerConfig adam;
  adam.kind = s_.optimizer;
  adam.lr = s_.lr;
  for (int a = 0; a < 2; ++a) {
    net_[a] = init_[a];
    opt_[a] = Optimizer(adam);
    best_[a] = net_[a].params();
    watch_[a] = LossWatch();
    loss_sum_[a] = 0;
    loss_count_[a] = 0;
    correct_[a] = 0;
  }
  // The fine-tuning minibatch order has its own stream, so a new N after pretraining gives the
  // same run as a fresh lab with that N.
  rng_ = Rng(s_.seed, 77);
  curve_.clear();
  step_ = arm_ = 0;
  arm_step_ = TrainStepInPieces();  // a new N may come in the middle of a step
  pos_ = eval_pos_ = 0;
  fine_work_done_ = 0;
  status_.clear();
  phase_ = Phase::Evaluate;  // step 0 is the curves' first point
}

// The next minibatch of the N labelled images, which both arms take.
void PretrainLab::start_batch(int n, int m) {
  if (pos_ == 0 || int(pos_) + m > n) {  // a new epoch over the N labelled images
    order_.resize(size_t(n));
    for (int i = 0; i < n; ++i) order_[size_t(i)] = i;
    rng_.shuffle(order_.data(), n);
    pos_ = 0;
  }
  batch_x_ = gather_columns(labelled_x_, order_.data() + pos_, m);
  batch_t_ = gather_columns(labelled_t_, order_.data() + pos_, m);
  pos_ += size_t(m);
}

// One piece of an arm's minibatch step (core/train_pieces.h: a layer at a time, so no piece
// outlasts a frame of the single-thread build); the other arm then takes the same minibatch.
void PretrainLab::fine_tune_piece() {
  const int n = int(labelled_.size()), m = std::min(s_.batch, n);
  if (!arm_step_.running()) {
    if (arm_ == 0) start_batch(n, m);
    arm_step_.start(net_[arm_], Loss::SoftmaxCrossEntropy, batch_x_, batch_t_);
  }
  if (!arm_step_.run_piece(net_[arm_], opt_[arm_])) return;
  // The batch's loss is computed before the update: the first one is the untrained net's.
  const double loss = arm_step_.loss() / m;
  if (step_ == 0) watch_[arm_].start(loss);
  loss_sum_[arm_] += loss;
  ++loss_count_[arm_];
  fine_work_done_ += m * weights(net_[arm_].sizes());
  if (!net_[arm_].params_finite()) {  // NaN: no need to wait for the next test point
    watch_[arm_].observe(NAN);
    return diverge();
  }
  if ((arm_ ^= 1) != 0) return;
  ++step_;
  if (step_ % s_.eval_every == 0 || step_ == s_.steps) phase_ = Phase::Evaluate;
}

// A chunk of test images through one arm; arms alternate so a work item stays small.
void PretrainLab::evaluate_chunk() {
  const Index n = test_x_->cols();
  const Index m = std::min<Index>(kEvalChunk, n - Index(eval_pos_));
  net_[arm_].forward(test_x_->middleCols(Index(eval_pos_), m));
  const Matrix& Z = net_[arm_].logits();
  for (Index j = 0; j < m; ++j) {
    Index k;
    Z.col(j).maxCoeff(&k);
    correct_[arm_] += int(k) == test_labels_[eval_pos_ + size_t(j)];
  }
  fine_work_done_ += double(m) * weights(net_[arm_].sizes()) / 3;
  if ((arm_ ^= 1) != 0) return;
  eval_pos_ += size_t(m);
  if (Index(eval_pos_) < n) return;
  curve_.push_back({step_, double(correct_[0]) / double(n), double(correct_[1]) / double(n)});
  correct_[0] = correct_[1] = 0;
  eval_pos_ = 0;
  phase_ = step_ < s_.steps && status_.empty() ? Phase::FineTune : Phase::Done;
  if (!status_.empty() || step_ == 0) return;  // restored weights evaluated / the starting point
  // Each arm's mean training loss since the last test point (core/loss_watch.h).
  bool diverged = false;
  for (int a = 0; a < 2; ++a) {
    const LossWatch::Verdict v = watch_[a].observe(loss_sum_[a] / std::max(1, loss_count_[a]));
    loss_sum_[a] = 0;
    loss_count_[a] = 0;
    if (v == LossWatch::Improved) best_[a] = net_[a].params();
    diverged = diverged || v == LossWatch::Diverged;
  }
  if (diverged) diverge();
}

void PretrainLab::diverge() {
  // Both arms go back to their best weights and are tested once more, so the accuracies on
  // screen belong to the weights that are kept.
  for (int a = 0; a < 2; ++a) net_[a].params() = best_[a];
  const int a = watch_[0].diverged() ? 0 : 1;
  status_ = std::string(a == 0 ? "Pretrained" : "Random-init") + " fine-tuning: " +
            watch_[a].message(learning_rate_text(s_.lr));
  arm_ = 0;
  eval_pos_ = 0;
  correct_[0] = correct_[1] = 0;
  phase_ = Phase::Evaluate;
}

nlohmann::json PretrainLab::metrics() const {
  nlohmann::json j = {{"dataset", data_->name},
                      {"architecture", init_[0].sizes()},
                      {"encoder_pretraining", "greedy RBMs, CD-1, on all training images without labels"},
                      {"labels", s_.labels},
                      {"labels_rule", "first N of the class-balanced order (each class's images in dataset order, round robin)"},
                      {"rbm_epochs", s_.rbm_epochs},
                      {"steps", s_.steps},
                      {"steps_done", step_},
                      {"eval_every", s_.eval_every},
                      {"batch", s_.batch},
                      {"lr", s_.lr},
                      {"rbm_lr", s_.rbm_lr},
                      {"seed", s_.seed},
                      {"train_images", train_x_->cols()},
                      {"test_images", test_x_->cols()},
                      {"phase", phase_name()},
                      {"pretrained", pretrained()},
                      {"done", done()},
                      {"progress", progress()},
                      {"eta_seconds", eta_seconds()},
                      {"train_seconds", seconds_}};
  if (!status_.empty()) j["status"] = status_;
  j["rbm_recon_error_per_image"] = pretrainer_.curves();
  if (!curve_.empty()) {
    j["test_accuracy"] = {{"pretrained", curve_.back().pretrained}, {"random", curve_.back().random}};
    nlohmann::json c = nlohmann::json::array();
    for (const AccuracyPoint& p : curve_) c.push_back({{"step", p.step}, {"pretrained", p.pretrained}, {"random", p.random}});
    j["curve"] = c;
  }
  return j;
}

}  // namespace ll

namespace ll {

Matrix PretrainLab::class_probabilities(int arm, const Matrix& X) const {
  const Mlp& net = net_[std::clamp(arm, 0, 1)];
  return net.num_layers() ? softmax_columns(net.apply(X)) : Matrix();
}

}  // namespace ll
