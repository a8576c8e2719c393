#include "core/parallel.h"

#include <algorithm>
#include <cstdlib>
#include <deque>

#ifdef LL_THREADS
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>
#endif

namespace ll {

#ifdef LL_THREADS

namespace {

// Spins until done() is true, for at most kSpin; returns whether it became true (else the caller
// sleeps). With sleeping alone a parallel_for of 8 empty tasks on 2 threads cost 110-130 us in the
// threaded wasm build in node and 8-85 us natively (bench/parallel_for_cost.cpp); a W2 training
// step makes ~20 such calls, and the next one mostly comes within microseconds (the GEMMs of one
// layer's backward pass run back to back). A worker that finds nothing within kSpin sleeps, so an
// idle pool burns no CPU.
template <class Done>
bool spin_until(Done done) {
  using Clock = std::chrono::steady_clock;
  constexpr auto kSpin = std::chrono::microseconds(50);
  const auto until = Clock::now() + kSpin;
  // Reading the clock is a call into JS in wasm, so it is read once per 256 checks.
  for (int i = 1; !done(); ++i)
    if (i % 256 == 0 && Clock::now() > until) return false;
  return true;
}

// Workers wait for a job with a new generation, take task indices from `next`, and count
// themselves out in `running`. The caller works on the same job.
class Pool {
 public:
  ~Pool() { resize(1); }

  void resize(int threads) {
    {
      std::lock_guard<std::mutex> lock(m_);
      stop_ = true;
      ++generation_;
    }
    wake_.notify_all();
    for (std::thread& t : workers_) t.join();
    workers_.clear();
    stop_ = false;
    // Each worker starts from the current generation: reading it inside the new thread could
    // miss a job posted before the thread ran, and the caller would wait for it forever.
    for (int i = 1; i < threads; ++i) workers_.emplace_back([this, g = generation_.load()] { work(g); });
    threads_ = threads;
  }
  int threads() const { return threads_; }

  // Returns false, having done nothing, while another thread's job runs: that caller (the UI
  // thread, while a lab's training thread has the pool) then works alone instead of waiting.
  bool run(int tasks, const std::function<void(int)>& task) {
    std::unique_lock<std::mutex> turn(job_, std::try_to_lock);  // one job at a time
    if (!turn.owns_lock()) return false;
    bool sleepers;
    {
      std::lock_guard<std::mutex> lock(m_);
      task_ = &task;
      tasks_ = tasks;
      next_ = 0;
      running_ = int(workers_.size());
      ++generation_;
      sleepers = sleeping_ > 0;
    }
    if (sleepers) wake_.notify_all();
    take_tasks(task, tasks);
    const auto finished = [this] { return running_.load() == 0; };
    if (!spin_until(finished)) {
      std::unique_lock<std::mutex> lock(m_);
      done_.wait(lock, finished);
    }
    task_ = nullptr;
    return true;
  }

 private:
  void take_tasks(const std::function<void(int)>& task, int tasks) {
    in_task = true;
    for (int i; (i = next_.fetch_add(1)) < tasks;) task(i);
    in_task = false;
  }
  void work(long seen) {
    for (;;) {
      const std::function<void(int)>* task;
      int tasks;
      const auto posted = [&] { return generation_.load() != seen; };
      const bool spun = spin_until(posted);
      {
        std::unique_lock<std::mutex> lock(m_);
        if (!spun) {
          ++sleeping_;
          wake_.wait(lock, posted);
          --sleeping_;
        }
        seen = generation_;
        if (stop_) return;
        task = task_;
        tasks = tasks_;
      }
      take_tasks(*task, tasks);
      // The caller checks running_ under m_ before it sleeps, so taking m_ to notify cannot
      // fall between its check and its sleep.
      if (--running_ == 0) {
        std::lock_guard<std::mutex> lock(m_);
        done_.notify_one();
      }
    }
  }

  std::mutex m_, job_;
  std::condition_variable wake_, done_;
  std::vector<std::thread> workers_;
  const std::function<void(int)>* task_ = nullptr;
  int tasks_ = 0, threads_ = 1, sleeping_ = 0;
  std::atomic<int> next_{0}, running_{0};
  std::atomic<long> generation_{0};
  bool stop_ = false;

 public:
  static thread_local bool in_task;
};
thread_local bool Pool::in_task = false;

Pool& pool() {
  static Pool p;
  return p;
}

}  // namespace

void set_thread_count(int n) {
  n = std::clamp(n, 1, 64);
  if (n != pool().threads()) pool().resize(n);
}
int thread_count() { return pool().threads(); }
int hardware_threads() { return std::max(1, int(std::thread::hardware_concurrency())); }

void parallel_for(int tasks, const std::function<void(int)>& task) {
  if (tasks <= 1 || pool().threads() == 1 || Pool::in_task || !pool().run(tasks, task))
    for (int i = 0; i < tasks; ++i) task(i);
}

bool threads_available() { return true; }

struct TrainingThread::State {
  std::function<bool()> train;
  std::mutex m;
  std::condition_variable cv;
  std::deque<std::function<void()>> commands;
  bool woken = false, stop = false;
  std::thread thread;

  void loop() {
    bool more = false;
    for (;;) {
      std::deque<std::function<void()>> todo;
      {
        std::unique_lock<std::mutex> lock(m);
        cv.wait(lock, [&] { return stop || woken || more || !commands.empty(); });
        if (stop) return;
        todo.swap(commands);
        woken = false;
      }
      for (auto& c : todo) c();
      more = train();
    }
  }
};

TrainingThread::TrainingThread(std::function<bool()> train) : state_(std::make_unique<State>()) {
  state_->train = std::move(train);
  state_->thread = std::thread([s = state_.get()] { s->loop(); });
}

TrainingThread::~TrainingThread() {
  {
    std::lock_guard<std::mutex> lock(state_->m);
    state_->stop = true;
  }
  state_->cv.notify_one();
  state_->thread.join();
}

void TrainingThread::post(std::function<void()> command) {
  {
    std::lock_guard<std::mutex> lock(state_->m);
    state_->commands.push_back(std::move(command));
  }
  state_->cv.notify_one();
}

void TrainingThread::wake() {
  {
    std::lock_guard<std::mutex> lock(state_->m);
    state_->woken = true;
  }
  state_->cv.notify_one();
}

#else  // a build without threads: everything on the caller

void set_thread_count(int) {}
int thread_count() { return 1; }
int hardware_threads() { return 1; }
void parallel_for(int tasks, const std::function<void(int)>& task) {
  for (int i = 0; i < tasks; ++i) task(i);
}

bool threads_available() { return false; }
struct TrainingThread::State {};
TrainingThread::TrainingThread(std::function<bool()>) { std::abort(); }
TrainingThread::~TrainingThread() = default;
void TrainingThread::post(std::function<void()>) {}
void TrainingThread::wake() {}

#endif

}  // namespace ll
