// The one place LatentLab runs work on several threads: a fixed pool, and parallel_for over a
// number of tasks that depends only on the work (never on the thread count), so every result is
// computed by the same code in the same order whatever the number of threads, and the same seed
// gives bit-identical numbers with 1, 2 or 8 threads. Callers split their work into such tasks
// (gemm by blocks of output rows or columns, the optimizer by blocks of parameters); no task may
// add into another's output.
//
// Builds without threads (the single-thread WebAssembly build: LL_THREADS undefined) run every
// task on the caller, in order.
#pragma once
#include <functional>

namespace ll {

// Threads used by parallel_for, the caller included; 1 runs everything on the caller. Clamped to
// [1, 64]. Not to be called while a parallel_for runs.
void set_thread_count(int n);
int thread_count();
// What the machine offers (std::thread::hardware_concurrency, at least 1; 1 without threads).
int hardware_threads();

// Runs task(i) for every i in [0, tasks), spread over the pool, and returns when all are done.
// Calls from several threads at once take turns; a call from inside a task runs serially.
void parallel_for(int tasks, const std::function<void(int)>& task);

}  // namespace ll
