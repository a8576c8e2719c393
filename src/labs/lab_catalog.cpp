#include "labs/lab_catalog.h"

namespace ll {

const std::vector<LabInfo>& lab_catalog() {
  static const std::vector<LabInfo> labs = {
      {"compression", "Compression",
       "A 64-16-64 tanh autoencoder learns to code 8x8 patches of a 256x256 image; codes rounded "
       "to 6 and 4 bits give 1.5 and 1 bit per pixel.",
       "issue 4", true},
      {"pca", "PCA and deep autoencoder",
       "PCA, logistic PCA and a deep autoencoder with RBM pretraining, all at 30 dimensions on "
       "digits (Hinton & Salakhutdinov 2006).",
       "issue 5", true},
      {"pretraining", "Pretraining",
       "An encoder trained without labels, then a softmax layer on top fine-tuned with few labels, "
       "against the same network from random weights.",
       "issue 5", true},
      {"gan", "GAN",
       "A generator and a discriminator play the game of Goodfellow et al. 2014 on digits: k "
       "discriminator steps per generator step.",
       "issue 6", true},
  };
  return labs;
}

const LabInfo* find_lab(const std::string& key) {
  for (const auto& lab : lab_catalog())
    if (lab.key == key) return &lab;
  return nullptr;
}

const LabInfo& default_lab() { return lab_catalog().front(); }

std::string lab_keys_list() {
  std::string s;
  for (const auto& lab : lab_catalog()) s += (s.empty() ? "" : ", ") + lab.key;
  return s;
}

}  // namespace ll
