#include "labs/knn.h"

#include <algorithm>
#include <array>
#include <stdexcept>

namespace ll {

double knn_accuracy(const Matrix& points, const std::vector<int>& labels, int k) {
  const Index n = points.cols();
  if (Index(labels.size()) != n || k < 1 || n <= k) throw std::invalid_argument("knn_accuracy: bad sizes");
  // One point's distances at a time: n^2 d operations (8M for 2,000 points in 2-D), no n x n table.
  int correct = 0;
  std::vector<std::pair<float, int>> near;
  for (Index i = 0; i < n; ++i) {
    near.clear();
    for (Index j = 0; j < n; ++j)
      if (j != i) near.emplace_back((points.col(j) - points.col(i)).squaredNorm(), int(j));
    std::partial_sort(near.begin(), near.begin() + k, near.end());
    std::array<int, 10> votes{};
    for (int r = 0; r < k; ++r) ++votes[size_t(labels[size_t(near[size_t(r)].second)] % 10)];
    const int best = *std::max_element(votes.begin(), votes.end());
    int guess = -1;  // the nearest neighbour whose class has the most votes
    for (int r = 0; r < k && guess < 0; ++r) {
      const int c = labels[size_t(near[size_t(r)].second)] % 10;
      if (votes[size_t(c)] == best) guess = c;
    }
    correct += guess == labels[size_t(i)] % 10;
  }
  return double(correct) / double(n);
}

}  // namespace ll
