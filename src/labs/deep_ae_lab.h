// The deep autoencoder of Hinton & Salakhutdinov, "Reducing the Dimensionality of Data with
// Neural Networks", Science 313 (2006), against logistic PCA and PCA at the same code size.
//
//   deep AE:        784-1000-500-250-30 logistic encoder with a linear code, mirrored logistic
//                   decoder, cross-entropy E = -sum p ln q + (1-p) ln(1-q) (the slide's formula)
//   pretraining:    greedy RBMs with CD-1: 784-1000, 1000-500, 500-250 binary, 250-30 with
//                   linear (Gaussian) hidden units; each trained on the hidden probabilities of
//                   the one below, then unrolled (W in the encoder, W^T in the decoder) and
//                   fine-tuned by backprop. Pretrain::None trains the same net from Glorot init.
//   logistic PCA:   784-30 linear code, 30-784 logistic output, cross-entropy.
//   PCA:            the first 30 principal components (PcaLab).
// All errors are the paper's unit: squared error summed over the 784 pixels on [0,1], averaged
// over the test images. With `standardize` (the faces slide) the pixels are real-valued instead:
// Gaussian visible units, a linear output, squared error in standard deviations.
//
// Steppable: train(budget_ms) does whole work items (one minibatch, one chunk of evaluation)
// until the budget is spent; results depend only on the seed and settings, never on timing.
#pragma once
#include "core/time_slice.h"
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/loss_watch.h"
#include "core/mlp.h"
#include "core/optimizer.h"
#include "core/rbm.h"
#include "core/train_pieces.h"
#include "labs/greedy_rbm.h"
#include "labs/pca_lab.h"

namespace ll {

enum class Pretrain { Rbm, None };

struct DeepAeSettings {
  std::vector<int> hidden = {1000, 500, 250};  // encoder layers between the input and the code
  int code = 30;
  Pretrain pretrain = Pretrain::Rbm;
  int rbm_epochs = 10;      // per RBM layer (the paper: 50 on 60,000 digits)
  int epochs = 30;          // backprop fine-tuning epochs over the training split
  int batch = 100;          // the paper's minibatch size for the RBMs
  float lr = 1e-3f;         // Adam (Kingma & Ba 2015) for fine-tuning; the paper used CG
  float rbm_lr = 0.1f;      // CD-1 learning rate, binary hidden units
  float rbm_lr_linear = 0.001f;  // CD-1 learning rate of the linear-hidden top RBM (paper)
  uint64_t seed = 1;
  int max_train = 0;        // use at most this many training images (0: all; tests use fewer)
  // Images per epoch (RBM and fine-tuning): a fresh shuffled subset of the training split each
  // epoch, so short browser runs still see every class and make many cheap epochs (0: all).
  int epoch_images = 0;
  // Real-valued pixels, as on the faces slide: every image standardised to mean 0 and variance 1
  // (labs/face_augment.h), Gaussian visible units in the first RBM, a linear output layer and
  // squared error. Logistic PCA, whose outputs are probabilities, is left out.
  bool standardize = false;
  // Training images grown to this many by small random shifts, rotations, scalings and mirrors
  // of the training split's images only (0: not grown); test images are never transformed.
  int augment_to = 0;
};

struct ErrorPoint {
  double epoch;             // fine-tuning epochs done
  double deep, logistic;    // test error per image
};

class DeepAeLab {
 public:
  DeepAeLab(std::shared_ptr<const Dataset> data, const DeepAeSettings& s);

  void train(double budget_ms);  // budget <= 0: run to the end
  bool done() const { return phase_ == Phase::Done; }
  bool diverged() const { return diverged_; }
  const std::string& status() const { return status_; }
  const DeepAeSettings& settings() const { return s_; }
  std::string phase_name() const;
  double progress() const;       // 0..1 by estimated work
  double eta_seconds() const;
  double train_seconds() const { return seconds_; }

  const PcaLab& pca() const { return pca_; }
  const Mlp& deep() const { return deep_; }
  const Mlp& logistic_pca() const { return logistic_; }
  const std::vector<Rbm>& rbms() const { return pretrainer_.rbms(); }
  // Reconstruction error per image of each RBM layer, one entry per finished epoch.
  const std::vector<std::vector<double>>& rbm_curves() const { return pretrainer_.curves(); }
  const std::vector<ErrorPoint>& curve() const { return curve_; }
  double deep_test_error() const { return curve_.empty() ? -1 : curve_.back().deep; }
  // False with settings().standardize: then logistic_pca() is empty and its errors are NaN.
  bool has_logistic_pca() const { return !s_.standardize; }
  double logistic_test_error() const { return curve_.empty() ? -1 : curve_.back().logistic; }

  // A trained autoencoder from a file (labs/deep_ae_model.h) in place of training; call before
  // train(), on a lab made with settings_for(net, ...). The deep net is then only evaluated, while
  // PCA and logistic PCA are fitted as usual so the comparison rows stay complete.
  void adopt(Mlp net, const std::string& source);
  static DeepAeSettings settings_for(const Mlp& net, DeepAeSettings base);
  const std::string& loaded_from() const { return loaded_from_; }

  // The 2-D map (code 2): every test image's code from the last evaluation (code x images; empty
  // before the first), their class labels, and the decoder applied to any codes.
  const Matrix& test_codes() const { return test_codes_; }
  const std::vector<int>& test_labels() const { return test_labels_; }
  const Matrix& test_images() const { return *test_x_; }
  Matrix decode(const Matrix& codes);
  // The same for PCA at the code size (first principal components; empty until PCA is fitted).
  const Matrix& pca_test_codes() const { return pca_codes_; }
  Matrix pca_decode(const Matrix& codes) const { return pca_.pca().reconstruct(codes); }
  // 5-NN leave-one-out accuracy of the test codes (labs/knn.h), for 2-D codes; -1 until known.
  double deep_knn_accuracy() const { return deep_knn_; }
  double pca_knn_accuracy() const { return pca_knn_; }

  // The paper's figure rows for the PCA lab's shown test images: deep AE, logistic PCA, PCA.
  Matrix reconstruct_shown_deep() const { return reconstruct_deep(pca_.shown_images()); }
  Matrix reconstruct_shown_logistic() const { return reconstruct_logistic(pca_.shown_images()); }
  Matrix reconstruct_shown_pca() const { return pca_.reconstruct_shown(s_.code); }
  // The same for any images as the nets take them (e.g. a student's drawing); logistic PCA's is
  // empty when it is left out.
  Matrix reconstruct_deep(const Matrix& X) const { return deep_.apply(X); }
  Matrix reconstruct_logistic(const Matrix& X) const { return has_logistic_pca() ? logistic_.apply(X) : Matrix(); }
  Matrix reconstruct_pca(const Matrix& X) const { return pca_.reconstruct(X, s_.code); }
  // Codes of any images on the two maps: the encoder as of the last evaluation, like the map's
  // points (empty before it), and PCA's first components.
  Matrix encode(const Matrix& X) const { return encoder_.num_layers() ? encoder_.apply(X) : Matrix(); }
  Matrix pca_encode(const Matrix& X) const { return pca_.pca().project(X); }

  nlohmann::json metrics() const;

 private:
  struct Images {  // the split's images as the nets see them, and the test images' classes
    std::shared_ptr<const Matrix> train, test;
    std::vector<int> test_labels;
  };
  static Images make_images(const Dataset& d, const DeepAeSettings& s);
  DeepAeLab(std::shared_ptr<const Dataset> data, const DeepAeSettings& s, Images images);

  enum class Phase { Pca, Rbm, FineTune, Evaluate, Done };
  bool step();  // one work item; false when nothing is left
  int next_item_kind() const;  // for the frame's time estimates (core/time_slice.h)
  void pca_piece();
  void fine_tune_piece();
  void start_batch();
  void end_batch();
  void evaluate_chunk();
  void start_fine_tuning();
  void diverge();  // restore both nets' best weights, say why, evaluate them once more
  double work_total() const;
  double work_per_image() const;  // of one fine-tuning image
  int epoch_size() const;  // images per epoch
  int code_layer() const { return int(s_.hidden.size()); }  // the layer that outputs the code
  // Class separation is measured for 2-D maps with labels (a 2,000 x 2,000 distance table).
  bool map_measured() const { return s_.code == 2 && !test_labels_.empty(); }

  std::shared_ptr<const Dataset> data_;
  DeepAeSettings s_;
  Rng rng_;
  // Shared and never changed, so copies of the lab (ui/lab_runner.h) do not copy the data.
  std::shared_ptr<const Matrix> train_x_, test_x_;
  PcaLab pca_;
  std::vector<int> test_labels_;
  std::vector<int> order_;
  Phase phase_ = Phase::Pca;
  int epoch_ = 0;
  size_t pos_ = 0;                 // position within the fine-tuning epoch / evaluation
  std::vector<Rbm> new_rbms_;  // the RBMs while their random weights are drawn, in pieces
  int init_rbm_ = 0;           // the RBM whose weights are being drawn
  Index init_pos_ = 0;         // its weights drawn so far
  GreedyRbmPretrainer pretrainer_;
  Mlp deep_, logistic_;
  Optimizer deep_opt_, logistic_opt_;
  // The minibatch in progress: its size, and each net's step in pieces (core/train_pieces.h).
  int batch_size_ = 0;
  TrainStepInPieces deep_step_, logistic_step_;
  // Test error per image of each trained net, watched after every epoch (core/loss_watch.h);
  // their weights at the lowest error so far.
  LossWatch watch_deep_, watch_logistic_;
  Vector best_deep_, best_logistic_;
  double eval_deep_ = 0, eval_logistic_ = 0;
  Matrix codes_in_progress_, test_codes_, pca_codes_;
  double deep_knn_ = -1, pca_knn_ = -1;
  Mlp decoder_;              // deep_'s layers after the code, as of the last evaluation
  Mlp encoder_;              // and up to the code
  std::string loaded_from_;  // a file name when deep_ came from a file (not trained here)
  std::vector<ErrorPoint> curve_;
  double work_done_ = 0, seconds_ = 0;
  bool diverged_ = false;
  std::string status_;
  ItemTimes item_times_;  // recent work items, for the next slice (core/time_slice.h)
};

const char* pretrain_key(Pretrain p);  // "rbm", "none"

// The browser's defaults (the lab's Deep autoencoder and 2-D maps tabs, `deep-ae --preset
// browser`), chosen to beat PCA-30 in a short run (README, "Deep autoencoder in the browser"):
// one CD-1 epoch per RBM over all training digits, then fine-tuning with Adam 1e-3 in batches of
// 20, 2 epochs at code 30 and 4 at code 2 (natively, 5-NN accuracy in the plane 61% after 2
// epochs, 70% after 6; PCA-2 40%). Batch 20 is ~4x faster per image than batch 10 natively.
DeepAeSettings browser_deep_ae_settings(int code);

// The faces slide (Hinton & Salakhutdinov 2006, Fig. 2A): 625-2000-1000-500-30 on standardised
// 25x25 faces, the first RBM with Gaussian visible units at learning rate 0.001, PCA-30 beside
// it. The CLI's `deep-ae --dataset faces`; README, "Faces", says what it measured.
DeepAeSettings faces_deep_ae_settings();
// `base` with the faces slide's net and pixels (net sizes, standardised pixels, the Gaussian
// units' learning rate), its epochs, batch and the rest kept: the browser's faces run.
DeepAeSettings with_faces_net(DeepAeSettings base);
// The browser's faces: the 80 training faces grown to 10,000 images, not 30,000 (the second RBM's
// data alone, 2,000 hidden probabilities per image, would take 240 MB of the page's memory).
constexpr int kBrowserFaceImages = 10000;

}  // namespace ll
