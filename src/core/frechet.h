// Fréchet distance between two Gaussians fitted to feature vectors, the measure behind FID
// (Heusel et al. 2017), here on the hidden features of our own small classifier:
//
//   d^2 = ||mu_1 - mu_2||^2 + Tr(S_1 + S_2 - 2 (S_1 S_2)^(1/2))
//
// Tr((S_1 S_2)^(1/2)) is computed as the sum of the square roots of the eigenvalues of the
// symmetric matrix S_1^(1/2) S_2 S_1^(1/2) (same spectrum as S_1 S_2), in double precision, so no
// non-symmetric matrix square root is needed.
#pragma once
#include <Eigen/Core>

#include "core/tensor.h"

namespace ll {

struct Gaussian {
  Eigen::VectorXd mean;
  Eigen::MatrixXd cov;  // unbiased sample covariance (divides by n - 1)
};

// Mean and covariance of the columns of F (features x samples); needs at least 2 columns.
Gaussian fit_gaussian(const Matrix& F);

// d^2 above (the squared distance, as FID reports it).
double frechet_distance(const Gaussian& a, const Gaussian& b);

}  // namespace ll
