#include "labs/deep_ae_lab.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/train.h"
#include "labs/face_augment.h"
#include "labs/knn.h"

namespace ll {

namespace {
// CD-1 does 5 products with W per image (h0, v1, h1 and two for the statistics), backprop 6
// per weight of the unrolled net (forward, backward, weight gradient): progress weights them so.
constexpr double kRbmCost = 5.0 / 3.0;

// Cost of one image through a stack of layers, in weights touched (forward + backward ~ 3x).
double weights(const std::vector<int>& sizes) {
  double w = 0;
  for (size_t i = 1; i < sizes.size(); ++i) w += double(sizes[i - 1]) * sizes[i];
  return w;
}
}  // namespace

const char* pretrain_key(Pretrain p) { return p == Pretrain::Rbm ? "rbm" : "none"; }

DeepAeLab::Images DeepAeLab::make_images(const Dataset& d, const DeepAeSettings& s) {
  if (s.hidden.empty() || s.code < 1 || s.batch < 1 || s.epochs < 0 || s.rbm_epochs < 0 || s.augment_to < 0)
    throw std::invalid_argument("deep autoencoder: bad settings");
  Split split = dataset_split(d);
  if (s.max_train > 0 && int(split.train.size()) > s.max_train) split.train.resize(size_t(s.max_train));
  Matrix train = to_matrix(d, split.train), test = to_matrix(d, split.test);
  if (s.augment_to > 0 && train.cols() > 0) {  // from the training split alone: no test face leaks in
    Rng rng(s.seed + 2000);
    train = augment_faces(train, d.cols, d.rows, s.augment_to, AugmentRange{}, rng);
  }
  if (s.standardize) {
    standardize_columns(train);
    standardize_columns(test);
  }
  std::vector<int> labels;
  if (!d.labels.empty())
    for (int i : split.test) labels.push_back(d.labels[size_t(i)]);
  return {std::make_shared<const Matrix>(std::move(train)), std::make_shared<const Matrix>(std::move(test)),
          std::move(labels)};
}

DeepAeLab::DeepAeLab(std::shared_ptr<const Dataset> data, const DeepAeSettings& s)
    : DeepAeLab(data, s, make_images(*data, s)) {}

DeepAeLab::DeepAeLab(std::shared_ptr<const Dataset> data, const DeepAeSettings& s, Images images)
    : data_(std::move(data)),
      s_(s),
      rng_(s.seed),
      train_x_(std::move(images.train)),
      test_x_(std::move(images.test)),
      // PCA sees what the nets see: the grown, standardised images when there are any, else the
      // whole training split (also with max_train, as PCA is cheap).
      pca_(s.standardize || s.augment_to > 0 ? PcaLab(data_, train_x_, test_x_, s.code) : PcaLab(data_, s.code)),
      test_labels_(std::move(images.test_labels)) {
  order_.resize(size_t(train_x_->cols()));

  // The same architecture for both starts: logistic layers, linear code, logistic decoder.
  std::vector<int> sizes = {data_->dims()};
  for (int h : s_.hidden) sizes.push_back(h);
  sizes.push_back(s_.code);
  for (auto it = s_.hidden.rbegin(); it != s_.hidden.rend(); ++it) sizes.push_back(*it);
  sizes.push_back(data_->dims());
  std::vector<Activation> acts(sizes.size() - 1, Activation::Sigmoid);
  acts[s_.hidden.size()] = Activation::Identity;  // the code layer
  if (s_.standardize) acts.back() = Activation::Identity;  // real-valued pixels
  deep_ = Mlp(sizes, acts);
  Rng init_rng(s_.seed + 1000);
  if (has_logistic_pca()) {
    logistic_ = Mlp({data_->dims(), s_.code, data_->dims()}, {Activation::Identity, Activation::Sigmoid});
    logistic_.init(init_rng);
  }
  OptimizerConfig adam;
  adam.kind = OptimizerKind::Adam;
  adam.lr = s_.lr;
  deep_opt_ = Optimizer(adam);
  adam.lr = 3e-3f;  // the shallow model tolerates (and needs) a larger step
  logistic_opt_ = Optimizer(adam);
  if (s_.pretrain == Pretrain::None) deep_.init(init_rng);
}

DeepAeSettings DeepAeLab::settings_for(const Mlp& net, DeepAeSettings base) {
  base.hidden = std::vector<int>(net.sizes().begin() + 1, net.sizes().begin() + net.num_layers() / 2);
  base.code = net.sizes()[size_t(net.num_layers() / 2)];
  base.pretrain = Pretrain::None;
  base.rbm_epochs = 0;
  base.standardize = net.activations().back() == Activation::Identity;  // a faces net's linear output
  return base;
}

void DeepAeLab::adopt(Mlp net, const std::string& source) {
  if (net.sizes() != deep_.sizes() || net.activations() != deep_.activations())
    throw std::invalid_argument(source + ": a different architecture than this lab's (use settings_for)");
  if (phase_ != Phase::Pca || pca_.ready() || s_.pretrain != Pretrain::None)
    throw std::logic_error("adopt() must come before training, without pretraining");
  deep_ = std::move(net);
  loaded_from_ = source;
}

std::string DeepAeLab::phase_name() const {
  switch (phase_) {
    case Phase::Pca: return "PCA";
    case Phase::Rbm: return pretrainer_.phase_name();
    case Phase::FineTune: return "fine-tuning";
    case Phase::Evaluate: return "evaluating";
    default: return diverged_ ? "stopped (diverged)" : "done";
  }
}

int DeepAeLab::epoch_size() const {
  const int n = int(train_x_->cols());
  return s_.epoch_images > 0 ? std::min(n, s_.epoch_images) : n;
}

double DeepAeLab::work_per_image() const {
  return loaded_from_.empty() ? weights(deep_.sizes()) : weights(logistic_.sizes());
}

double DeepAeLab::work_total() const {
  const double n = double(epoch_size());
  double rbm = 0;
  if (s_.pretrain == Pretrain::Rbm) rbm = s_.rbm_epochs * n * weights(deep_.sizes()) / 2 * kRbmCost;
  return rbm + s_.epochs * n * work_per_image() + 1.0;
}

double DeepAeLab::progress() const { return done() ? 1.0 : std::min(1.0, work_done_ / work_total()); }

double DeepAeLab::eta_seconds() const {
  const double p = progress();
  return p > 0.01 ? seconds_ * (1 - p) / p : -1;
}

void DeepAeLab::train(double budget_ms) {
  TimeSlice slice(budget_ms, item_times_);
  while (phase_ != Phase::Done && slice.next(next_item_kind()) && step()) {
  }
  seconds_ += slice.elapsed_ms() / 1000;
}

int DeepAeLab::next_item_kind() const {
  switch (phase_) {
    case Phase::Pca:  // the fit, the test codes, their 5-NN accuracy, the RBMs' weights
      return !pca_.ready() ? 0 : pca_codes_.cols() == 0 ? 50 : map_measured() && pca_knn_ < 0 ? 51 : 52;
    case Phase::Rbm: return 1 + pretrainer_.next_piece();
    case Phase::FineTune:
      return deep_step_.running() || !logistic_step_.running() ? 64 + deep_step_.next_piece()
                                                               : 160 + logistic_step_.next_piece();
    case Phase::Evaluate: return 255;
    default: return 0;
  }
}

bool DeepAeLab::step() {
  switch (phase_) {
    case Phase::Pca: pca_piece(); return true;
    case Phase::Rbm:
      work_done_ += pretrainer_.step(rng_) * kRbmCost;
      if (pretrainer_.state() == GreedyRbmPretrainer::State::Diverged) {
        diverged_ = true;
        status_ = pretrainer_.status();
        phase_ = Phase::Done;
      } else if (pretrainer_.state() == GreedyRbmPretrainer::State::Done) {
        start_fine_tuning();
      }
      return true;
    case Phase::FineTune: fine_tune_piece(); return true;
    case Phase::Evaluate: evaluate_chunk(); return true;
    default: return false;
  }
}

// PCA's fit, then its codes of the test images, their 5-NN accuracy (2-D maps), and the RBMs'
// random weights a piece at a time, each a work item of its own: PCA's last item, the codes and
// the four RBMs' weights took 66 ms as one item in wasm (bench/item_times.cpp).
void DeepAeLab::pca_piece() {
  if (!pca_.ready()) return pca_.fit(1.0);
  if (pca_codes_.cols() == 0) {
    pca_codes_ = pca_.pca().project(*test_x_);
    return;
  }
  if (map_measured() && pca_knn_ < 0) {
    pca_knn_ = knn_accuracy(pca_codes_, test_labels_);
    return;
  }
  if (s_.pretrain != Pretrain::Rbm) return start_fine_tuning();
  if (new_rbms_.empty()) {
    std::vector<int> sizes = {data_->dims()};
    for (int h : s_.hidden) sizes.push_back(h);
    sizes.push_back(s_.code);
    for (size_t i = 0; i + 1 < sizes.size(); ++i) {
      const bool top = i + 2 == sizes.size();
      const bool real_pixels = i == 0 && s_.standardize;
      new_rbms_.emplace_back(sizes[i], sizes[i + 1], top ? HiddenUnits::Gaussian : HiddenUnits::Binary,
                             real_pixels ? VisibleUnits::Gaussian : VisibleUnits::Binary);
    }
    return;
  }
  if (size_t(init_rbm_) < new_rbms_.size()) {
    // 2^17 normals, ~6 ms in wasm; in order, so the weights are Rbm::init's, RBM after RBM.
    Rbm& r = new_rbms_[size_t(init_rbm_)];
    r.init_weights(rng_, 0.1f, init_pos_, Index(1) << 17);
    init_pos_ += Index(1) << 17;
    if (init_pos_ >= r.weight_count()) {
      ++init_rbm_;
      init_pos_ = 0;
    }
    return;
  }
  GreedyRbmConfig rc;
  rc.epochs = s_.rbm_epochs;
  rc.batch = s_.batch;
  rc.epoch_size = epoch_size();
  rc.lr = s_.rbm_lr;
  rc.lr_linear = s_.rbm_lr_linear;
  rc.propagate_chunk = std::max(10, s_.batch);
  pretrainer_ = GreedyRbmPretrainer(std::move(new_rbms_), train_x_, rc);
  new_rbms_.clear();
  phase_ = Phase::Rbm;
  if (pretrainer_.state() == GreedyRbmPretrainer::State::Done) start_fine_tuning();
}

// The next RBM learns from this one's hidden probabilities E[h|v] of every training image.
void DeepAeLab::start_fine_tuning() {
  // Same sizes and activations as the plain net.
  if (!pretrainer_.rbms().empty()) deep_ = unroll(pretrainer_.rbms());
  best_deep_ = deep_.params();
  best_logistic_ = logistic_.params();
  epoch_ = 0;
  pos_ = 0;
  phase_ = Phase::Evaluate;  // the starting point is the curve's first point
  eval_deep_ = eval_logistic_ = 0;
}

// One piece of the minibatch in progress (core/train_pieces.h): the deep net's step, then
// logistic PCA's, a layer at a time, so no piece outlasts a frame of the single-thread build.
void DeepAeLab::fine_tune_piece() {
  if (!deep_step_.running() && !logistic_step_.running()) start_batch();
  const bool deep = deep_step_.running();
  const bool last = deep ? deep_step_.run_piece(deep_, deep_opt_)
                         : !logistic_step_.running() || logistic_step_.run_piece(logistic_, logistic_opt_);
  if (last && !logistic_step_.running()) end_batch();
}

void DeepAeLab::start_batch() {
  const int n = int(train_x_->cols());
  if (pos_ == 0) {
    for (int i = 0; i < n; ++i) order_[size_t(i)] = i;
    rng_.shuffle(order_.data(), n);
  }
  batch_size_ = std::min<int>(s_.batch, epoch_size() - int(pos_));
  const Matrix X = gather_columns(*train_x_, order_.data() + pos_, batch_size_);
  if (loaded_from_.empty()) deep_step_.start(deep_, s_.standardize ? Loss::SquaredError : Loss::CrossEntropy, X, X);
  if (has_logistic_pca()) logistic_step_.start(logistic_, Loss::CrossEntropy, X, X);
}

void DeepAeLab::end_batch() {
  work_done_ += batch_size_ * work_per_image();
  pos_ += size_t(batch_size_);
  if (!deep_.params_finite() || !logistic_.params_finite()) {  // NaN: no need to wait for the epoch
    (deep_.params_finite() ? watch_logistic_ : watch_deep_).observe(NAN);
    return diverge();
  }
  if (int(pos_) < epoch_size()) return;
  pos_ = 0;
  ++epoch_;
  phase_ = Phase::Evaluate;
}

void DeepAeLab::evaluate_chunk() {
  const Index n = test_x_->cols();
  const Index m = std::min<Index>(std::max(10, s_.batch), n - Index(pos_));  // one batch's time
  const Matrix X = test_x_->middleCols(Index(pos_), m);
  if (pos_ == 0) codes_in_progress_.resize(s_.code, n);
  eval_deep_ += double((deep_.forward(X) - X).squaredNorm());
  codes_in_progress_.middleCols(Index(pos_), m) = deep_.layer_output(code_layer());
  eval_logistic_ += has_logistic_pca() ? double((logistic_.forward(X) - X).squaredNorm()) : NAN;
  pos_ += size_t(m);
  if (Index(pos_) < n) return;
  curve_.push_back({double(epoch_), eval_deep_ / double(n), eval_logistic_ / double(n)});
  test_codes_.swap(codes_in_progress_);
  deep_.slice_into(code_layer() + 1, deep_.num_layers(), decoder_);
  deep_.slice_into(0, code_layer() + 1, encoder_);
  if (map_measured()) deep_knn_ = knn_accuracy(test_codes_, test_labels_);
  eval_deep_ = eval_logistic_ = 0;
  pos_ = 0;
  phase_ = epoch_ < s_.epochs && !diverged_ ? Phase::FineTune : Phase::Done;
  if (diverged_) return;  // this was the evaluation of the restored weights
  // Both trained nets are watched; a loaded net is only evaluated, so its error cannot move.
  const LossWatch::Verdict deep = watch_deep_.observe(curve_.back().deep);
  const LossWatch::Verdict logistic =
      has_logistic_pca() ? watch_logistic_.observe(curve_.back().logistic) : LossWatch::Fine;
  if (deep == LossWatch::Improved) best_deep_ = deep_.params();
  if (logistic == LossWatch::Improved) best_logistic_ = logistic_.params();
  if (deep == LossWatch::Diverged || logistic == LossWatch::Diverged) diverge();
}

void DeepAeLab::diverge() {
  // Both nets go back to their best weights, and those are evaluated once more, so the numbers
  // and images on screen belong to the weights that are kept.
  deep_.params() = best_deep_;
  logistic_.params() = best_logistic_;
  diverged_ = true;
  const LossWatch& w = watch_deep_.diverged() ? watch_deep_ : watch_logistic_;
  status_ = std::string(&w == &watch_deep_ ? "Deep autoencoder: " : "Logistic PCA: ") +
            w.message(learning_rate_text(s_.lr));
  pos_ = 0;
  eval_deep_ = eval_logistic_ = 0;
  phase_ = Phase::Evaluate;
}

Matrix DeepAeLab::decode(const Matrix& codes) {
  if (decoder_.num_layers() == 0) throw std::logic_error("decode() before the first evaluation");
  return decoder_.forward(codes);
}

// apply(), not forward(): the page draws these between the pieces of a training step.

nlohmann::json DeepAeLab::metrics() const {
  nlohmann::json j = {{"dataset", data_->name},
                      {"architecture", deep_.sizes()},
                      {"code", s_.code},
                      {"pretrain", pretrain_key(s_.pretrain)},
                      {"rbm_epochs", s_.rbm_epochs},
                      {"epochs", s_.epochs},
                      {"epochs_done", curve_.empty() ? 0.0 : curve_.back().epoch},
                      {"batch", s_.batch},
                      {"epoch_images", epoch_size()},
                      {"lr", s_.lr},
                      {"rbm_lr", s_.rbm_lr},
                      {"seed", s_.seed},
                      {"pixels", s_.standardize ? "standardised (Gaussian visible units, linear output)"
                                                : "[0,1] (binary visible units, logistic output)"},
                      {"train_images", train_x_->cols()},
                      {"test_images", test_x_->cols()},
                      {"phase", phase_name()},
                      {"done", done()},
                      {"progress", progress()},
                      {"eta_seconds", eta_seconds()},
                      {"train_seconds", seconds_}};
  if (!status_.empty()) j["status"] = status_;
  if (!loaded_from_.empty()) j["loaded_from"] = loaded_from_;
  if (pca_knn_ >= 0) j["pca_knn5_accuracy"] = pca_knn_;
  if (deep_knn_ >= 0) j["knn5_accuracy"] = deep_knn_;
  if (!pretrainer_.curves().empty()) j["rbm_recon_error_per_image"] = pretrainer_.curves();
  if (pca_.ready()) j["pca_test_error_per_image"] = pca_.test_error_per_image(s_.code);
  if (!curve_.empty()) {
    j["test_error_per_image"] = curve_.back().deep;
    if (has_logistic_pca()) j["logistic_pca_test_error_per_image"] = curve_.back().logistic;
    if (pca_.ready()) j["ratio_to_pca"] = curve_.back().deep / pca_.test_error_per_image(s_.code);
    nlohmann::json c = nlohmann::json::array();
    for (const ErrorPoint& p : curve_) {
      c.push_back({{"epoch", p.epoch}, {"deep", p.deep}});
      if (has_logistic_pca()) c.back()["logistic_pca"] = p.logistic;
    }
    j["curve"] = c;
  }
  return j;
}

DeepAeSettings browser_deep_ae_settings(int code) {
  DeepAeSettings s;
  s.code = code;
  s.batch = 20;
  s.lr = 1e-3f;
  s.rbm_lr = 0.1f;
  s.rbm_epochs = 1;
  s.epochs = code == 2 ? 4 : 2;
  return s;
}

DeepAeSettings with_faces_net(DeepAeSettings s) {
  s.hidden = {2000, 1000, 500};
  s.standardize = true;
  s.rbm_lr_linear = 0.001f;  // the slide's "low learning rate" for the Gaussian pixels, and the code layer
  return s;
}

DeepAeSettings faces_deep_ae_settings() {
  DeepAeSettings s = with_faces_net(DeepAeSettings{});
  s.code = 30;
  s.augment_to = 30000;  // 10,000: PCA-30 166.5, deep 216 at best (epoch 15 of 30); 30,000: 201 (epoch 5)
  s.rbm_lr = 0.1f;
  s.rbm_epochs = 10;
  s.epochs = 10;  // the test error rises after about 5 epochs (README, "Faces")
  s.batch = 100;
  return s;
}

}  // namespace ll
