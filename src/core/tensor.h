// Data layout shared by all of src/core.
//
// A batch is an Eigen matrix of FEATURES x BATCH: ONE SAMPLE PER COLUMN.
// Eigen is column-major, so each sample is contiguous in memory, and a dense
// layer is written exactly as on the slide:
//
//     Z = W X + b        (W: out x in, X: in x batch, b broadcast over columns)
//
// Weight matrices W are stored ROW-major inside a model's flat parameter
// buffer (see params.h), which is the C order safetensors and numpy use, so a
// saved W of shape [out, in] is the same matrix as PyTorch's
// nn.Linear(in, out).weight.
//
// The model code (activations, losses, Mlp) is templated on the scalar type
// and instantiated for float (what labs run) and double (what the
// finite-difference gradient tests run, on exactly the same code).
#pragma once

#include <Eigen/Core>

namespace ll {

using Index = Eigen::Index;

template <typename S>
using MatrixT = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>;
template <typename S>
using RowMatrixT = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <typename S>
using VectorT = Eigen::Matrix<S, Eigen::Dynamic, 1>;

using Matrix = MatrixT<float>;  // features x batch
using Vector = VectorT<float>;

}  // namespace ll
