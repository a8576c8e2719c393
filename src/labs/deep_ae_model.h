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

// Parses and checks the file: a mirrored autoencoder (sizes read the same both ways) with one of
// `dims` as inputs and outputs, logistic hidden layers, one linear code layer in the middle, and a
// logistic output (pixels on [0,1]) or a linear one (standardised pixels, the faces slide).
// Anything else throws FormatError naming the file and what is wrong; nothing changes elsewhere.
DeepAeModel load_deep_ae(const std::vector<uint8_t>& bytes, const std::string& source, const std::vector<int>& dims);

}  // namespace ll
