// How well a low-dimensional map keeps the classes apart, as one number a student can compare
// between PCA-2 and the 2-D autoencoder: leave-one-out k-nearest-neighbour accuracy of the
// points among themselves (each point's class guessed by a vote of its k nearest others,
// ties going to the nearest of the tied classes).
#pragma once
#include <vector>

#include "core/tensor.h"

namespace ll {

// points: d x n (one point per column); labels: n classes in 0..9. Returns the fraction of
// points whose vote gives their own class.
double knn_accuracy(const Matrix& points, const std::vector<int>& labels, int k = 5);

}  // namespace ll
