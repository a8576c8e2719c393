#include "core/stepped_eigen.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace ll {

namespace {
// The work of one step of the reduction or of forming Q, in multiply-adds: a twentieth of either
// at n = 784. Measured in node there: at most 3 ms per reduction step and 6 ms per Q step (Q's
// first block of reflectors alone is 3.5 times this budget).
constexpr double kStepWork = double(1 << 24);
}  // namespace

SteppedSymmetricEigen::SteppedSymmetricEigen(const Matrix& A) {
  if (A.rows() != A.cols() || A.rows() == 0)
    throw std::invalid_argument("SteppedSymmetricEigen: A must be square and not empty");
  n_ = A.rows();
  // Scaled to largest |a_ij| = 1 against overflow and underflow, as Eigen's own solver does.
  a_ = A.triangularView<Eigen::Lower>();
  scale_ = a_.cwiseAbs().maxCoeff();
  if (!(scale_ > 0.0f)) scale_ = 1.0f;  // zero matrix (or NaN, which step() reports)
  a_ /= scale_;
  h_ = Vector::Zero(n_ - 1);
}

double SteppedSymmetricEigen::progress() const {
  switch (stage_) {
    case Stage::Reduce: {  // the work left at column i is about (n - i)^3 / 3
      const double left = double(n_ - reduced_) / double(n_);
      return 0.2 * (1.0 - left * left * left);
    }
    case Stage::FormQ: {  // likewise, with reflectors 0..formed_-1 left
      const double left = double(formed_) / double(n_);
      return 0.4 - 0.2 * left * left * left;
    }
    case Stage::Iterate: return 0.4 + 0.6 * double(l_) / double(n_);
    case Stage::Done: return 1.0;
  }
  return 1.0;
}

bool SteppedSymmetricEigen::step() {
  switch (stage_) {
    case Stage::Reduce: {
      if (reduced_ == 0 && !a_.allFinite())
        throw std::runtime_error("eigensolver: the matrix has NaN or Inf entries");
      // Column i costs about 2 (n - i)^2 multiply-adds.
      for (double work = 0; reduced_ + 1 < n_ && work < kStepWork; ++reduced_) {
        reduce_column(reduced_);
        work += 2.0 * double(n_ - reduced_) * double(n_ - reduced_);
      }
      if (reduced_ + 1 < n_) return false;
      d_ = a_.diagonal().cast<double>();
      e_ = Eigen::VectorXd::Zero(n_);
      e_.head(n_ - 1) = a_.diagonal(-1).cast<double>();
      vectors_ = Matrix::Identity(n_, n_);
      t_norm_ = (d_.cwiseAbs() + e_.cwiseAbs()).maxCoeff();
      formed_ = n_ - 1;
      stage_ = Stage::FormQ;
      return false;
    }
    case Stage::FormQ: {
      // Q = H_0 H_1 ... H_{n-2} I, with H_i = I - tau_i v_i v_i^T acting on rows i+1.., applied
      // from the last reflector back to the first in blocks (Eigen's HouseholderSequence::evalTo
      // runs the same loop in one call). While block [k, k + bs) is applied, Q is still the
      // identity outside its trailing (n-k-1)^2 corner, so only that corner is touched.
      constexpr Index kBlock = 48;
      for (double work = 0; formed_ > 0 && work < kStepWork;) {
        const Index k = std::max<Index>(0, formed_ - kBlock), bs = formed_ - k, r = n_ - k - 1;
        vectors_.bottomRightCorner(r, r).applyOnTheLeft(
            Eigen::householderSequence(a_.block(k + 1, k, r, bs), h_.segment(k, bs)));
        work += 2.0 * double(bs) * double(r) * double(r);
        formed_ = k;
      }
      if (formed_ > 0) return false;
      a_ = Matrix();
      h_ = Vector();
      stage_ = Stage::Iterate;
      return false;
    }
    case Stage::Iterate: {
      const Index n = n_;
      const double eps = std::numeric_limits<double>::epsilon();
      while (l_ < n) {
        // Find the first negligible subdiagonal element at or after l: T splits there. Negligible
        // next to its neighbours, or next to T as a whole (EISPACK tql2's test, tst1 + |e| == tst1):
        // a covariance of rank 399 in 784 pixels (400 images) leaves hundreds of eigenvalues near
        // 1e-14 coupled by e ~ 1e-18, which the relative test alone never split (60 sweeps, then
        // "did not converge"). Dropping e <= eps ||T|| moves no eigenvalue by more than that.
        Index m = l_;
        for (; m + 1 < n; ++m)
          if (std::abs(e_[m]) <= eps * (std::abs(d_[m]) + std::abs(d_[m + 1])) || std::abs(e_[m]) <= eps * t_norm_) break;
        if (m == l_) {  // d_[l] is an eigenvalue
          ++l_;
          iterations_ = 0;
          continue;
        }
        if (++iterations_ > 60) throw std::runtime_error("eigensolver: QL iteration did not converge");
        sweep(l_, m);
        return false;
      }
      finish();
      return true;
    }
    case Stage::Done:
      return true;
  }
  return true;
}

// A <- H A H with H = I - tau v v^T chosen so that H zeroes column i below the subdiagonal
// (Eigen's tridiagonalization_inplace, one column of its loop): with p = tau A v and
// w = p - (tau/2)(p.v) v, the update is A <- A - v w^T - w v^T, on the lower triangle only.
void SteppedSymmetricEigen::reduce_column(Index i) {
  const Index r = n_ - i - 1;
  auto v = a_.col(i).tail(r);
  auto w = h_.tail(r);  // scratch: h_ entries i.. are not set yet
  float tau = 0.0f, beta = 0.0f;
  v.makeHouseholderInPlace(tau, beta);  // v = (1, essential part below), beta = new a_(i+1, i)
  v(0) = 1.0f;
  auto A22 = a_.bottomRightCorner(r, r);
  w.noalias() = A22.selfadjointView<Eigen::Lower>() * (tau * v);
  w += (tau * -0.5f * w.dot(v)) * v;
  A22.selfadjointView<Eigen::Lower>().rankUpdate(v, w, -1.0f);
  v(0) = beta;
  h_(i) = tau;
}

// One implicit QL sweep with a Wilkinson shift on the unreduced block l..m (Numerical Recipes
// tqli): chase the bulge from the bottom up with plane rotations (c, s), each applied to the
// columns i, i+1 of the eigenvector matrix too.
void SteppedSymmetricEigen::sweep(Index l, Index m) {
  double g = (d_[l + 1] - d_[l]) / (2.0 * e_[l]);
  double r = std::hypot(g, 1.0);
  g = d_[m] - d_[l] + e_[l] / (g + (g >= 0 ? r : -r));  // shift: eigenvalue of the top 2x2 nearer d_[l]
  double s = 1.0, c = 1.0, p = 0.0;
  const Index rows = vectors_.rows();
  for (Index i = m - 1; i >= l; --i) {
    const double f = s * e_[i], b = c * e_[i];
    e_[i + 1] = r = std::hypot(f, g);
    if (r == 0.0) {  // underflow: the block splits here, start again from the top
      d_[i + 1] -= p;
      e_[m] = 0.0;
      return;
    }
    s = f / r;
    c = g / r;
    g = d_[i + 1] - p;
    r = (d_[i] - g) * s + 2.0 * c * b;
    p = s * r;
    d_[i + 1] = g + p;
    g = c * r - b;
    // The same rotation on columns i and i+1 of V (contiguous: a loop the compiler vectorizes).
    float* vi = vectors_.col(i).data();
    float* vj = vectors_.col(i + 1).data();
    const float cf = float(c), sf = float(s);
    for (Index k = 0; k < rows; ++k) {
      const float t = vj[k];
      vj[k] = sf * vi[k] + cf * t;
      vi[k] = cf * vi[k] - sf * t;
    }
  }
  d_[l] -= p;
  e_[l] = g;
  e_[m] = 0.0;
}

void SteppedSymmetricEigen::finish() {
  const Index n = n_;
  std::vector<Index> order(static_cast<size_t>(n));
  std::iota(order.begin(), order.end(), Index(0));
  std::stable_sort(order.begin(), order.end(), [&](Index a, Index b) { return d_[a] > d_[b]; });
  eigenvalues_.resize(n);
  Matrix sorted(vectors_.rows(), n);
  for (Index j = 0; j < n; ++j) {
    eigenvalues_[j] = float(d_[order[size_t(j)]] * double(scale_));
    sorted.col(j) = vectors_.col(order[size_t(j)]);
  }
  vectors_ = std::move(sorted);
  d_.resize(0);
  e_.resize(0);
  stage_ = Stage::Done;
}

}  // namespace ll
