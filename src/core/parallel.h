// The one place LatentLab runs work on several threads: a fixed pool, and parallel_for over a
// number of tasks that depends only on the work (never on the thread count), so every result is
// computed by the same code in the same order whatever the number of threads, and the same seed
// gives bit-identical numbers with 1, 2 or 8 threads. Callers split their work into such tasks
// (gemm by blocks of output rows or columns, element-wise passes by blocks of entries); no task may
// add into another's output.
//
// Builds without threads (the single-thread WebAssembly build: LL_THREADS undefined) run every
// task on the caller, in order.
#pragma once
#include <functional>
#include <memory>

namespace ll {

// Threads used by parallel_for, the caller included; 1 runs everything on the caller. Clamped to
// [1, 64]. Not to be called while a parallel_for runs.
void set_thread_count(int n);
int thread_count();
// What the machine offers (std::thread::hardware_concurrency, at least 1; 1 without threads).
int hardware_threads();

// Runs task(i) for every i in [0, tasks), spread over the pool, and returns when all are done.
// A call while another thread's call runs, or from inside a task, runs its tasks serially on
// the caller (same results: the tasks are the same).
void parallel_for(int tasks, const std::function<void(int)>& task);

// A lab's training thread (ui/lab_runner.h keeps the lab on it): it runs posted commands in
// order, then calls train() again and again while train() returns true, and sleeps otherwise
// until the next post() or wake(). Destroying it waits for the piece of training in progress.
// Without threads (threads_available() false) nothing may construct one.
class TrainingThread {
 public:
  explicit TrainingThread(std::function<bool()> train);
  ~TrainingThread();
  TrainingThread(const TrainingThread&) = delete;
  TrainingThread& operator=(const TrainingThread&) = delete;
  void post(std::function<void()> command);
  void wake();  // train() may have something to do again

 private:
  struct State;
  std::unique_ptr<State> state_;
};
bool threads_available();

}  // namespace ll
