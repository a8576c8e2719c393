// Names, shapes and offsets of the tensors packed into one flat buffer.
//
// A model keeps all its parameters in ONE contiguous vector and all its
// gradients in another with the same layout, so an optimizer step is a
// single loop over the buffer and saving is a single write. Each named
// tensor is a view (Eigen::Map) into the buffer: matrices row-major
// (C order, see tensor.h), vectors as they are.
#pragma once

#include <string>
#include <vector>

#include "core/tensor.h"

namespace ll {

struct TensorSlot {
  std::string name;
  std::vector<Index> shape;  // [rows, cols] for a matrix, [n] for a vector
  Index offset = 0;          // in elements from the start of the buffer
  Index size = 0;            // number of elements
};

class ParamLayout {
 public:
  // Appends a tensor and returns its slot index.
  int add_matrix(const std::string& name, Index rows, Index cols);
  int add_vector(const std::string& name, Index n);

  const std::vector<TensorSlot>& slots() const { return slots_; }
  const TensorSlot& slot(int i) const { return slots_[static_cast<size_t>(i)]; }
  Index size() const { return size_; }

  // Views of slot i inside a buffer laid out by this layout.
  template <typename S>
  Eigen::Map<RowMatrixT<S>> matrix(VectorT<S>& buf, int i) const {
    const TensorSlot& t = slot(i);
    return Eigen::Map<RowMatrixT<S>>(buf.data() + t.offset, t.shape[0], t.shape[1]);
  }
  template <typename S>
  Eigen::Map<const RowMatrixT<S>> matrix(const VectorT<S>& buf, int i) const {
    const TensorSlot& t = slot(i);
    return Eigen::Map<const RowMatrixT<S>>(buf.data() + t.offset, t.shape[0], t.shape[1]);
  }
  template <typename S>
  Eigen::Map<VectorT<S>> vector(VectorT<S>& buf, int i) const {
    return Eigen::Map<VectorT<S>>(buf.data() + slot(i).offset, slot(i).size);
  }
  template <typename S>
  Eigen::Map<const VectorT<S>> vector(const VectorT<S>& buf, int i) const {
    return Eigen::Map<const VectorT<S>>(buf.data() + slot(i).offset, slot(i).size);
  }

 private:
  int add(const std::string& name, std::vector<Index> shape);
  std::vector<TensorSlot> slots_;
  Index size_ = 0;
};

}  // namespace ll
