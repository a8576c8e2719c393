// Elementwise activations A = f(Z) and their backward dZ = dA .* f'(Z).
#pragma once

#include <string>

#include "core/tensor.h"

namespace ll {

enum class Activation { Identity, Tanh, Sigmoid, ReLU, LeakyReLU };

// Slope of LeakyReLU for z < 0 (Maas, Hannun & Ng 2013).
constexpr double kLeakySlope = 0.01;

const char* activation_name(Activation a);
// Inverse of activation_name; throws std::invalid_argument on unknown names.
Activation activation_from_name(const std::string& name);

// A = f(Z).
template <typename S>
void activate(Activation a, const MatrixT<S>& Z, MatrixT<S>& A);

// dZ = dA .* f'(Z). A = f(Z) is passed too because tanh' = 1 - A^2 and
// sigmoid' = A (1 - A) are cheapest from the output.
template <typename S>
void activation_backward(Activation a, const MatrixT<S>& Z, const MatrixT<S>& A,
                         const MatrixT<S>& dA, MatrixT<S>& dZ);

}  // namespace ll
