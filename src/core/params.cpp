#include "core/params.h"

namespace ll {

int ParamLayout::add(const std::string& name, std::vector<Index> shape) {
  TensorSlot t;
  t.name = name;
  t.offset = size_;
  t.size = 1;
  for (Index d : shape) t.size *= d;
  t.shape = std::move(shape);
  size_ += t.size;
  slots_.push_back(std::move(t));
  return static_cast<int>(slots_.size()) - 1;
}

int ParamLayout::add_matrix(const std::string& name, Index rows, Index cols) {
  return add(name, {rows, cols});
}

int ParamLayout::add_vector(const std::string& name, Index n) { return add(name, {n}); }

}  // namespace ll
