// The training loop body for an Mlp: forward, loss, backward, update.
#pragma once

#include "core/loss.h"
#include "core/mlp.h"
#include "core/optimizer.h"

namespace ll {

// One minibatch step on inputs X and targets T (both one sample per column).
// Returns the summed loss E of the batch before the update. The gradient is
// divided by the batch size (i.e. we descend on the mean E / batch) so the
// learning rate does not depend on the batch size.
float train_step(Mlp& net, Optimizer& opt, Loss loss, const Matrix& X, const Matrix& T);

// Summed loss of the batch without changing the model.
float evaluate(Mlp& net, Loss loss, const Matrix& X, const Matrix& T);

// Columns idx[0..n) of data, i.e. a minibatch of samples.
Matrix gather_columns(const Matrix& data, const int* idx, int n);

}  // namespace ll
