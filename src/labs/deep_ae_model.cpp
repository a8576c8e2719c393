#include "labs/deep_ae_model.h"

#include <algorithm>

#include "core/model_io.h"
#include "core/utf8.h"

namespace ll {

namespace {
const char* kPrefix = "mlp";  // the CLI's --save has always written "mlp.*"
const char* kDatasetKey = "latentlab.dataset";

std::string architecture(const Mlp& net) {
  std::string s;
  for (int n : net.sizes()) s += (s.empty() ? "" : "-") + std::to_string(n);
  return s;
}
}  // namespace

std::vector<uint8_t> save_deep_ae(const Mlp& net, const std::string& dataset) {
  return save_mlp(net, kPrefix, {{kDatasetKey, dataset}});
}

DeepAeModel load_deep_ae(const std::vector<uint8_t>& bytes, const std::string& source, const std::vector<int>& dims) {
  DeepAeModel m{mlp_from_safetensors(bytes, source, kPrefix), ""};
  const Mlp& net = m.net;
  const int L = net.num_layers();
  const auto& sizes = net.sizes();
  std::string pixels;  // "784" or "784 or 625"
  for (int d : dims) pixels += (pixels.empty() ? "" : " or ") + std::to_string(d);
  auto reject = [&](const std::string& why) {
    throw FormatError(source + ": the network " + architecture(net) + " is not a deep autoencoder for " + pixels +
                      "-pixel images (" + why + ")");
  };
  if (L < 2 || L % 2) reject("it needs an even number of layers, encoder and mirrored decoder");
  if (std::find(dims.begin(), dims.end(), sizes.front()) == dims.end() || sizes.back() != sizes.front())
    reject("input and output must have " + pixels + " units");
  for (int i = 0; i <= L; ++i)
    if (sizes[size_t(i)] != sizes[size_t(L - i)]) reject("the decoder must mirror the encoder");
  for (int l = 0; l < L; ++l) {
    const Activation a = net.activation(l);
    if (l == L / 2 - 1 && a != Activation::Identity) reject("the code layer must be linear");
    // The output is logistic for pixels on [0,1], linear for standardised ones (the faces).
    if (l == L - 1 && a != Activation::Sigmoid && a != Activation::Identity)
      reject("the output layer must be logistic or linear");
    if (l != L / 2 - 1 && l != L - 1 && a != Activation::Sigmoid) reject("every hidden layer must be logistic");
  }
  const SafetensorsView file = parse_safetensors(bytes.data(), bytes.size(), source);
  auto it = file.metadata.find(kDatasetKey);
  // Echoed in messages and JSON: valid UTF-8, one short line (a 5,000-character name once was).
  if (it != file.metadata.end()) m.dataset = utf8_shortened(it->second, 40);
  return m;
}

}  // namespace ll
