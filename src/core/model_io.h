// Saving and loading models as safetensors (safetensors.h).
//
// A model's tensors are the slots of its flat parameter buffer, written in
// buffer order, so the data section is the buffer itself. Names are
// "<prefix>.<slot>", e.g. "mlp.0.W" [out, in] and "mlp.0.b" [out] (the
// shapes of PyTorch's nn.Linear weight and bias), or "rbm.W", "rbm.b_visible",
// "rbm.b_hidden". Metadata records the architecture ("<prefix>.sizes",
// "<prefix>.activations", "<prefix>.hidden_units").
//
// Loading is all-or-nothing: the file is parsed and checked against the
// model (names present, shapes, activations) into a temporary buffer, which
// replaces the model's parameters only if everything is right. Otherwise a
// FormatError says what is wrong and the model is untouched.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/mlp.h"
#include "core/rbm.h"
#include "core/safetensors.h"

namespace ll {

// Several networks in one file (e.g. a GAN's generator and discriminator). `extra` metadata
// (e.g. the dataset a model was trained on) is written beside the architecture.
std::vector<uint8_t> save_mlps(const std::vector<std::pair<std::string, const Mlp*>>& nets,
                               const Metadata& extra = {});
void load_mlps(const std::vector<std::pair<std::string, Mlp*>>& nets, const uint8_t* bytes,
               size_t size, const std::string& source);

std::vector<uint8_t> save_mlp(const Mlp& net, const std::string& prefix = "mlp",
                              const Metadata& extra = {});
void load_mlp(Mlp& net, const std::vector<uint8_t>& bytes, const std::string& source,
              const std::string& prefix = "mlp");
// Builds the network described by the file's metadata and loads it.
Mlp mlp_from_safetensors(const std::vector<uint8_t>& bytes, const std::string& source,
                         const std::string& prefix = "mlp");

std::vector<uint8_t> save_rbm(const Rbm& rbm, const std::string& prefix = "rbm");
void load_rbm(Rbm& rbm, const std::vector<uint8_t>& bytes, const std::string& source,
              const std::string& prefix = "rbm");

}  // namespace ll
