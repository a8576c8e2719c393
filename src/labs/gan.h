// Generative adversarial network, as the lecture writes it (Goodfellow et al. 2014):
//
//   generator      G: R^k -> R^n,   x = G(z),  z ~ N(0, I) or U(-1, 1)^k
//   discriminator  D: R^n -> [0,1], the probability that x is real (sigmoid output)
//
//   D minimizes  E_D = -(1/p) sum_i [ ln D(x_i) + ln(1 - D(G(z_i))) ]
//   G minimizes  E_G =  (1/p) sum_i ln(1 - D(G(z_i)))        minimax, as on the slide
//            or  E_G = -(1/p) sum_i ln D(G(z_i))             non-saturating (paper, sec. 3)
//
// Algorithm 1 of the paper: k discriminator steps on fresh minibatches, then one generator step.
// All log terms are computed from D's logit a (D = sigmoid(a)) with the stable cross-entropy of
// core/loss.h, so ln 0 never occurs even when D is certain.
//
// The same class trains the image GAN (n = 784) and the 2-D toy GAN (n = 2).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/mlp.h"
#include "core/optimizer.h"
#include "core/rng.h"

namespace ll {

enum class GenLoss { Minimax, NonSaturating };
enum class LatentDist { Normal, Uniform };

const char* gen_loss_key(GenLoss g);                 // "minimax", "nonsat"
GenLoss gen_loss_from_key(const std::string& key);   // throws std::invalid_argument
const char* latent_key(LatentDist d);                // "normal", "uniform"

struct GanConfig {
  int data_dims = 784;
  int latent = 32;                               // k, the size of z
  std::vector<int> gen_hidden{256}, disc_hidden{256};
  Activation hidden = Activation::LeakyReLU;
  Activation gen_output = Activation::Tanh;      // Tanh: data in [-1,1]; Sigmoid: [0,1]; Identity
  LatentDist latent_dist = LatentDist::Normal;
  GenLoss gen_loss = GenLoss::NonSaturating;
  int d_steps = 1;                               // k discriminator steps per generator step
  int batch = 64;                                // p
  OptimizerConfig d_opt, g_opt;                  // separate optimizers and learning rates
  uint64_t seed = 1;
  GanConfig();                                   // Adam, lr 2e-4, beta1 0.5 (Radford et al. 2016)
};

// The numbers of one step, for the curves.
struct GanStepStats {
  double d_loss = 0;       // E_D of the last discriminator step
  double g_loss = 0;       // E_G of the last generator step (in the chosen form)
  double mean_d_real = 0;  // mean D(x) on the real batch
  double mean_d_fake = 0;  // mean D(G(z)) on the fake batch
};

// ---- the slide as functions (templated: float for training, double for the gradient test) ----

// E_D on p real columns X_real and p fake columns X_fake; writes D's parameter gradients.
// Also returns mean D(x) and mean D(G(z)) through the pointers when given.
template <typename S>
S discriminator_loss_and_grad(BasicMlp<S>& D, const MatrixT<S>& X_real, const MatrixT<S>& X_fake,
                              double* mean_real = nullptr, double* mean_fake = nullptr);

// E_G at p fake points X (columns), forward through D and backward through it with its
// parameters untouched: only dE_G/dx is formed, left in D.input_grad(). Minus it, per point, is
// where a generator step pushes that sample (the arrows of the 2-D lab, as in GAN Lab).
template <typename S>
S generator_loss_at(BasicMlp<S>& D, const MatrixT<S>& X, GenLoss kind, double* mean_fake = nullptr);

// E_G for latent columns Z: x = G(z), generator_loss_at(D, x), and dE/dx on back through G.
// Writes G's gradients.
template <typename S>
S generator_loss_and_grad(BasicMlp<S>& G, BasicMlp<S>& D, const MatrixT<S>& Z, GenLoss kind,
                          double* mean_fake = nullptr);

// ---- the model with its optimizers --------------------------------------------------------

class Gan {
 public:
  explicit Gan(const GanConfig& config);

  const GanConfig& config() const { return cfg_; }
  Mlp& generator() { return G_; }
  Mlp& discriminator() { return D_; }
  const Mlp& generator() const { return G_; }
  const Mlp& discriminator() const { return D_; }
  Optimizer& d_optimizer() { return d_opt_; }
  Optimizer& g_optimizer() { return g_opt_; }
  void set_gen_loss(GenLoss g) { cfg_.gen_loss = g; }
  void set_d_steps(int k) { cfg_.d_steps = k < 1 ? 1 : k; }

  // n latent vectors, one per column, from the configured distribution.
  Matrix sample_latent(int n, Rng& rng) const;
  // G(z) (data_dims x n) and D(x) (1 x n); no training state is changed.
  Matrix generate(const Matrix& Z);
  Matrix discriminate(const Matrix& X);

  // forward, loss, backward, update of D on a real batch and a fresh fake batch of equal size.
  GanStepStats step_discriminator(const Matrix& X_real);
  // forward, loss, backward, update of G on a fresh batch of p latent vectors.
  GanStepStats step_generator();

  Rng& rng() { return rng_; }
  bool finite() const { return G_.params_finite() && D_.params_finite(); }

 private:
  GanConfig cfg_;
  Mlp G_, D_;
  Optimizer d_opt_, g_opt_;
  Rng rng_;
  Matrix Z_, fake_;
};

}  // namespace ll
