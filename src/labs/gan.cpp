#include "labs/gan.h"

#include <stdexcept>

#include "core/loss.h"

namespace ll {

const char* gen_loss_key(GenLoss g) { return g == GenLoss::Minimax ? "minimax" : "nonsat"; }

GenLoss gen_loss_from_key(const std::string& key) {
  if (key == "minimax") return GenLoss::Minimax;
  if (key == "nonsat" || key == "non-saturating") return GenLoss::NonSaturating;
  throw std::invalid_argument("unknown generator loss '" + key + "' (minimax, nonsat)");
}

const char* latent_key(LatentDist d) { return d == LatentDist::Normal ? "normal" : "uniform"; }

GanConfig::GanConfig() {
  // Adam with beta1 = 0.5: the usual GAN setting since DCGAN (Radford et al. 2016); the default
  // 0.9 carries too much momentum for a target (the other player) that keeps moving.
  d_opt.kind = g_opt.kind = OptimizerKind::Adam;
  d_opt.lr = g_opt.lr = 2e-4f;
  d_opt.beta1 = g_opt.beta1 = 0.5f;
}

template <typename S>
S discriminator_loss_and_grad(BasicMlp<S>& D, const MatrixT<S>& X_real, const MatrixT<S>& X_fake,
                              double* mean_real, double* mean_fake) {
  const Index p = X_real.cols();
  if (X_fake.cols() != p) throw std::invalid_argument("GAN: real and fake batches differ in size");
  // forward: one pass over [x_1..x_p, G(z_1)..G(z_p)] with targets 1 (real) and 0 (fake)
  MatrixT<S> X(X_real.rows(), 2 * p), T(1, 2 * p);
  X << X_real, X_fake;
  T.leftCols(p).setOnes();
  T.rightCols(p).setZero();
  D.forward(X);
  // loss: -ln D(x) = CE(a, 1) and -ln(1 - D(G(z))) = CE(a, 0), from the logits a
  const S E = cross_entropy_from_logits(D.logits(), T) / S(p);
  if (mean_real) *mean_real = double(D.output().leftCols(p).mean());
  if (mean_fake) *mean_fake = double(D.output().rightCols(p).mean());
  // backward: dE/da = (D - t) / p
  D.backward((D.output() - T) / S(p));
  return E;
}

template <typename S>
S generator_loss_at(BasicMlp<S>& D, const MatrixT<S>& X, GenLoss kind, double* mean_fake) {
  const Index p = X.cols();
  // forward: a = logit of D(x)
  D.forward(X);
  const MatrixT<S>& a = D.logits();
  MatrixT<S> q;  // D(x)
  activate(Activation::Sigmoid, a, q);
  if (mean_fake) *mean_fake = double(q.mean());
  // loss and dE/da:
  //   minimax      E =  (1/p) sum ln(1 - q) = -(1/p) CE(a, 0),  dE/da = -q / p
  //   non-sat.     E = -(1/p) sum ln q      =  (1/p) CE(a, 1),  dE/da = (q - 1) / p
  const MatrixT<S> target = MatrixT<S>::Constant(1, p, kind == GenLoss::Minimax ? S(0) : S(1));
  const S ce = cross_entropy_from_logits<S>(a, target) / S(p);
  const S E = kind == GenLoss::Minimax ? -ce : ce;
  const MatrixT<S> dA = kind == GenLoss::Minimax ? MatrixT<S>(-q / S(p)) : MatrixT<S>((q - target) / S(p));
  // backward through D with its layers frozen: only dE/dx is formed, D's weights stay as they are
  std::vector<bool> was_frozen;
  for (int l = 0; l < D.num_layers(); ++l) {
    was_frozen.push_back(D.frozen(l));
    D.set_frozen(l, true);
  }
  D.backward(dA, /*want_input_grad=*/true);
  for (int l = 0; l < D.num_layers(); ++l) D.set_frozen(l, was_frozen[size_t(l)]);
  return E;
}

template <typename S>
S generator_loss_and_grad(BasicMlp<S>& G, BasicMlp<S>& D, const MatrixT<S>& Z, GenLoss kind,
                          double* mean_fake) {
  // forward: x = G(z), then E_G and dE/dx through D
  const S E = generator_loss_at(D, MatrixT<S>(G.forward(Z)), kind, mean_fake);
  // ... and on through G's output activation into G
  MatrixT<S> dZ_out;
  activation_backward(G.activation(G.num_layers() - 1), G.logits(), G.output(), D.input_grad(), dZ_out);
  G.backward(dZ_out);
  return E;
}

#define LL_INSTANTIATE(S)                                                                      \
  template S generator_loss_at<S>(BasicMlp<S>&, const MatrixT<S>&, GenLoss, double*);          \
  template S discriminator_loss_and_grad<S>(BasicMlp<S>&, const MatrixT<S>&, const MatrixT<S>&, \
                                            double*, double*);                                 \
  template S generator_loss_and_grad<S>(BasicMlp<S>&, BasicMlp<S>&, const MatrixT<S>&, GenLoss, \
                                        double*);
LL_INSTANTIATE(float)
LL_INSTANTIATE(double)
#undef LL_INSTANTIATE

namespace {
Mlp make_net(int in, const std::vector<int>& hidden, int out, Activation h, Activation o) {
  std::vector<int> sizes{in};
  sizes.insert(sizes.end(), hidden.begin(), hidden.end());
  sizes.push_back(out);
  std::vector<Activation> acts(hidden.size(), h);
  acts.push_back(o);
  return Mlp(sizes, acts);
}
}  // namespace

Gan::Gan(const GanConfig& c) : cfg_(c), rng_(c.seed) {
  if (c.latent < 1 || c.data_dims < 1) throw std::invalid_argument("GAN: sizes must be positive");
  if (c.batch < 1) throw std::invalid_argument("GAN: batch size must be at least 1");
  for (float lr : {c.d_opt.lr, c.g_opt.lr})
    if (!(lr > 0)) throw std::invalid_argument("GAN: learning rates must be > 0");
  cfg_.d_steps = c.d_steps < 1 ? 1 : c.d_steps;
  G_ = make_net(c.latent, c.gen_hidden, c.data_dims, c.hidden, c.gen_output);
  D_ = make_net(c.data_dims, c.disc_hidden, 1, c.hidden, Activation::Sigmoid);
  G_.init(rng_);
  D_.init(rng_);
  d_opt_ = Optimizer(c.d_opt);
  g_opt_ = Optimizer(c.g_opt);
}

Matrix Gan::sample_latent(int n, Rng& rng) const {
  Matrix Z(cfg_.latent, n);
  if (cfg_.latent_dist == LatentDist::Normal) rng.fill_normal(Z.data(), Z.size(), 1.0f);
  else rng.fill_uniform(Z.data(), Z.size(), -1.0f, 1.0f);
  return Z;
}

Matrix Gan::generate(const Matrix& Z) { return G_.forward(Z); }

Matrix Gan::discriminate(const Matrix& X) { return D_.forward(X); }

GanStepStats Gan::step_discriminator(const Matrix& X_real) {
  GanStepStats s;
  Z_ = sample_latent(int(X_real.cols()), rng_);
  fake_ = G_.forward(Z_);
  s.d_loss = discriminator_loss_and_grad(D_, X_real, fake_, &s.mean_d_real, &s.mean_d_fake);
  d_opt_.step(D_);
  return s;
}

GanStepStats Gan::step_generator() {
  GanStepStats s;
  Z_ = sample_latent(cfg_.batch, rng_);
  s.g_loss = generator_loss_and_grad(G_, D_, Z_, cfg_.gen_loss, &s.mean_d_fake);
  g_opt_.step(G_);
  return s;
}

}  // namespace ll
