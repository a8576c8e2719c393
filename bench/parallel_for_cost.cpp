// What one parallel_for costs when its tasks do nothing: the pool's wake-up and hand-back
// (core/parallel.cpp spins 50 us before sleeping because of this figure; README, "Threads").
// A training step of W2 makes about 20 calls.
//
// Not part of the build; natively and as threaded wasm in node:
//   g++ -O2 -std=c++17 -DLL_THREADS -Isrc bench/parallel_for_cost.cpp src/core/parallel.cpp \
//     -lpthread -o /tmp/parallel_for_cost && /tmp/parallel_for_cost
//   source scripts/env.sh
//   em++ -std=c++17 -O3 -DNDEBUG -DLL_THREADS -pthread -fexceptions -Isrc bench/parallel_for_cost.cpp \
//     src/core/parallel.cpp -sPTHREAD_POOL_SIZE=8 -sEXIT_RUNTIME=1 -o /tmp/parallel_for_cost.js
//   node --no-experimental-fetch /tmp/parallel_for_cost.js
#include <atomic>
#include <chrono>
#include <cstdio>

#include "core/parallel.h"

int main() {
  using Clock = std::chrono::steady_clock;
  for (int threads : {1, 2}) {
    ll::set_thread_count(threads);
    std::atomic<int> sink{0};
    for (int rep = 0; rep < 3; ++rep) {
      constexpr int kCalls = 20000;
      const auto t0 = Clock::now();
      for (int i = 0; i < kCalls; ++i) ll::parallel_for(8, [&](int k) { sink.fetch_add(k); });
      const double us = std::chrono::duration<double, std::micro>(Clock::now() - t0).count() / kCalls;
      std::printf("%d thread%s: %.2f us per parallel_for(8 tasks that do nothing)\n", threads,
                  threads == 1 ? "" : "s", us);
    }
  }
}
