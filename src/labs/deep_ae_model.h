// A deep autoencoder as a file: what the lab's "Save model" button and `latentlab deep-ae --save`
// write, and what "Load model" / `--load` accept. It is a plain safetensors file (core/model_io.h):
// tensors "mlp.<l>.W" [out, in] and "mlp.<l>.b" [out], the architecture in the metadata, plus the
// dataset it was trained on, so a net trained for minutes by the CLI opens in the browser.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/mlp.h"

namespace ll {

struct DeepAeModel {
  Mlp net;
  std::string dataset;  // "mnist", "fashion", ...; empty when the file does not say
};

std::vector<uint8_t> save_deep_ae(const Mlp& net, const std::string& dataset);

// Parses and checks the file: a mirrored autoencoder (sizes read the same both ways) with
// `dims` inputs and outputs, logistic layers and one linear code layer in the middle. Anything
// else throws FormatError naming the file and what is wrong; nothing is changed elsewhere.
DeepAeModel load_deep_ae(const std::vector<uint8_t>& bytes, const std::string& source, int dims);

}  // namespace ll
