// How long each work item of the deep autoencoder tab's run takes, by phase: what the
// single-thread web build can fit into a frame (issue 14: no training slice over 16 ms; a frame
// starts an item only if it is expected to fit 14 ms, src/core/time_slice.h). Each train() call
// here is given a budget too small for two items, so it runs exactly one. The browser's settings
// (browser_deep_ae_settings, code 30), one fine-tuning epoch, at most 100 s.
//
// Not part of the build: it is compiled against the web build's libraries and run in node,
// after `scripts/build web` (README, "Threads"):
//   source scripts/env.sh
//   em++ -std=c++17 -O3 -DNDEBUG -msimd128 -msse2 -fwasm-exceptions -isystem cmake/wasm_compat \
//     -isystem /usr/include/eigen3 -include cmake/eigen_wasm_fix.h -Isrc -isystem build/web/sysinc \
//     bench/item_times.cpp build/web/libll_labs.a build/web/libll_image_files.a build/web/libll_core.a \
//     -sNODERAWFS=1 -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=2GB -o /tmp/item_times.js
//   gunzip -c build/web/www/data/mnist.safetensors.gz > /tmp/mnist.safetensors
//   node --no-experimental-fetch /tmp/item_times.js mnist /tmp/mnist.safetensors [none]
// `none` skips RBM pretraining. `faces` (with faces.safetensors) runs the faces slide's net.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "labs/datasets.h"
#include "labs/deep_ae_lab.h"

int main(int argc, char** argv) {
  using namespace ll;
  using Clock = std::chrono::steady_clock;
  if (argc < 3) {
    std::fprintf(stderr, "usage: item_times mnist|fashion|faces FILE.safetensors [none]\n");
    return 2;
  }
  const std::string name = argv[1];
  auto data = std::make_shared<Dataset>(load_dataset_file(argv[2]));
  DeepAeSettings s = browser_deep_ae_settings(30);
  if (name == "faces") {
    s = with_faces_net(s);
    s.augment_to = kBrowserFaceImages;
  }
  s.epochs = 1;
  if (argc > 3 && std::string(argv[3]) == "none") s.pretrain = Pretrain::None;
  DeepAeLab lab(data, s);
  std::map<std::string, std::vector<double>> times;  // phase -> item times, ms
  const auto start = Clock::now();
  while (!lab.done() && std::chrono::duration<double>(Clock::now() - start).count() < 100) {
    const std::string phase = lab.phase_name();
    const auto a = Clock::now();
    lab.train(1e-4);
    times[phase].push_back(std::chrono::duration<double, std::milli>(Clock::now() - a).count());
  }
  for (auto& [phase, v] : times) {
    std::sort(v.begin(), v.end());
    const long over = std::count_if(v.begin(), v.end(), [](double ms) { return ms > 14; });
    std::printf("%-28s items %6zu  median %6.2f  p95 %6.2f  max %7.2f ms  over 14 ms: %ld\n", phase.c_str(), v.size(),
                v[v.size() / 2], v[v.size() * 95 / 100], v.back(), over);
  }
}
