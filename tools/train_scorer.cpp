// Build tool: trains the GAN lab's digit scorer from the packaged MNIST file and writes it as
// safetensors, which CMake then compiles into the app (docs/gan.md). The same function and
// defaults as `latentlab train-scorer`, so both give the same weights for the same binary.
//   ll_train_scorer <dataset file> <out.safetensors>
#include <cstdio>
#include <exception>
#include <fstream>

#include "core/model_io.h"
#include "labs/digit_scorer.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: ll_train_scorer <dataset file> <out.safetensors>\n");
    return 2;
  }
  try {
    const ll::Dataset d = ll::load_dataset_file(argv[1]);
    double acc = 0;
    const ll::Mlp net = ll::train_scorer(d, ll::ScorerTraining{}, &acc, false);
    const std::vector<uint8_t> bytes = ll::save_mlp(net, "scorer");
    std::ofstream(argv[2], std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                                   std::streamsize(bytes.size()));
    std::printf("scorer trained on %s: test accuracy %.4f -> %s\n", d.name.c_str(), acc, argv[2]);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ll_train_scorer: %s\n", e.what());
    return 1;
  }
  return 0;
}
