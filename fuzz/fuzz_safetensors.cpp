// libFuzzer target for the model-file parser: whatever the bytes, parsing and
// loading must either succeed or throw ll::FormatError. Any other exception,
// crash or sanitizer report is a bug.
//
//   clang++ -std=c++17 -g -O1 -fsanitize=fuzzer,address,undefined -Isrc
//     -isystem /usr/include/eigen3 fuzz/fuzz_safetensors.cpp src/core/*.cpp -o /tmp/fuzz_st
//   /tmp/fuzz_st -max_len=4096 -max_total_time=60
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/model_io.h"
#include "core/safetensors.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::vector<uint8_t> bytes(data, data + size);
  try {
    ll::parse_safetensors(data, size, "fuzz");
  } catch (const ll::FormatError&) {
  }
  try {
    ll::Mlp net({3, 2, 3}, {ll::Activation::Tanh, ll::Activation::Sigmoid});
    ll::load_mlp(net, bytes, "fuzz");
  } catch (const ll::FormatError&) {
  }
  try {
    ll::mlp_from_safetensors(bytes, "fuzz");
  } catch (const ll::FormatError&) {
  }
  try {
    ll::Rbm rbm(3, 2);
    ll::load_rbm(rbm, bytes, "fuzz");
  } catch (const ll::FormatError&) {
  }
  return 0;
}
