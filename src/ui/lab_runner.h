// A lab and where it trains (issue 14: the UI never waits for training).
//
// Threaded builds (desktop, the threaded web build): the lab lives on its own training thread
// (core/parallel.h, TrainingThread), which trains it in pieces while the page is shown and
// playing. The page draws view(): a copy of the lab that the training thread publishes after
// every command and every kPublishMs of training, handed over by swapping pointers under a mutex
// (never a torn read, and a frame never waits for a minibatch). Buttons and settings become
// commands, applied to the training lab in order.
//
// The single-thread web build: the same calls, done inline. update() trains for the frame's
// budget and view() is the lab itself.
//
// Both ways the lab sees the same sequence of whole work items (each lab's train(budget) runs
// whole minibatches), so the same seed gives the same numbers; only how many frames it takes
// differs.
#pragma once
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "core/parallel.h"

namespace ll::ui {

template <class Lab>
class LabRunner {
 public:
  // piece(lab, budget_ms): a bounded piece of training (train, evaluate when due); returns
  // whether there is more to do. Called only while playing.
  using Piece = std::function<bool(Lab&, double budget_ms)>;
  static constexpr double kPieceMs = 40;     // training thread: training between looks at commands
  static constexpr double kPublishMs = 100;  // and between snapshots for the page
  static constexpr double kLeaseMs = 400;    // trains only while the page was updated this recently

  explicit LabRunner(Piece piece, bool threaded = threads_available())
      : piece_(std::move(piece)), threaded_(threaded) {}
  ~LabRunner() { thread_.reset(); }  // stops training before the labs go
  LabRunner(const LabRunner&) = delete;
  LabRunner& operator=(const LabRunner&) = delete;

  bool threaded() const { return threaded_; }

  // A new lab (first start, Reset, a loaded model), made on the training thread; what make()
  // throws becomes error(). view() is nullptr until the new lab's first snapshot arrives.
  void start(std::function<std::unique_ptr<Lab>()> make) {
    error_.clear();
    if (!threaded_) {
      // Made at the second update(), so the frame in between shows that the lab is being
      // prepared: making the compression lab (PCA and JPEG baselines) took 4-13 s, all of
      // it before the app's first frame.
      lab_.reset();
      make_ = std::move(make);
      make_deferred_ = true;
      changed_ = true;
      return;
    }
    ++generation_;
    retire(std::move(view_));
    ensure_thread();
    thread_->post([this, make = std::move(make), gen = generation_, seq = ++posted_] {
      applied_ = seq;
      try {
        lab_ = make();
        lab_generation_ = gen;
        publish();
      } catch (const std::exception& e) {
        set_error(e.what());
      }
    });
  }

  // Changes the lab (a button, a setting that applies at once, a file): in order, on the
  // training lab, then published. Ignored while there is no lab yet. What it throws becomes
  // error().
  void post(std::function<void(Lab&)> command) {
    if (!threaded_) {
      make_now();  // a command right after start() acts on the lab start() asked for
      if (!lab_) return;
      try {
        command(*lab_);
      } catch (const std::exception& e) {
        error_ = e.what();
      }
      changed_ = true;
      return;
    }
    ensure_thread();
    thread_->post([this, command = std::move(command), seq = ++posted_] {
      applied_ = seq;
      if (!lab_) return;
      try {
        command(*lab_);
      } catch (const std::exception& e) {
        set_error(e.what());
      }
      publish();
    });
  }

  void set_playing(bool on) {
    playing_ = on;
    if (on && thread_) thread_->wake();
  }
  bool playing() const { return playing_; }
  // Something will change by itself: training, or a start or command not yet in the view.
  bool busy() const { return playing_ || !current() || (!view() && error_.empty()); }
  // Inline only, between two frames (App::train_between_frames): one more piece of training,
  // if the lab exists and plays, and nothing else; the next update() reports the change.
  // Returns whether it trained.
  bool train_between_frames(double budget_ms) {
    if (threaded_ || !lab_ || !playing_ || make_deferred_) return false;
    if (!piece_(*lab_, budget_ms)) playing_ = false;
    changed_ = true;
    return true;
  }
  // view() shows the effect of every start() and post() so far (always true inline).
  bool current() const { return !threaded_ || view_seq_ == posted_; }

  // Once per frame while the page is shown. Inline: trains for budget_ms. Threaded: keeps the
  // training going and adopts the newest snapshot. Returns true when view() changed.
  bool update(double budget_ms) {
    if (!threaded_) {
      if (std::exchange(make_deferred_, false)) return true;
      make_now();
      const bool changed = std::exchange(changed_, false);
      if (!lab_ || !playing_) return changed;
      if (!piece_(*lab_, budget_ms)) playing_ = false;
      return true;
    }
    last_update_ = now_ms();
    if (playing_ && thread_) thread_->wake();
    std::lock_guard<std::mutex> lock(m_);
    if (!shared_error_.empty()) error_ = std::move(shared_error_), shared_error_.clear();
    if (!ready_ || ready_generation_ != generation_) return false;
    std::unique_ptr<Lab> old = std::move(view_);
    view_ = std::move(ready_);
    if (!spare_) spare_ = std::move(old);
    else retired_ = std::move(old);  // freed by the training thread: freeing a lab takes ms
    view_seq_ = ready_seq_;
    // A finished run stops playing, unless a command since (a restart) made that news old.
    if (view_seq_ == posted_) playing_ = playing_ && ready_playing_;
    return true;
  }

  Lab* view() { return threaded_ ? view_.get() : lab_.get(); }
  const Lab* view() const { return threaded_ ? view_.get() : lab_.get(); }
  const std::string& error() const { return error_; }

 private:
  void make_now() {
    if (!make_) return;
    const auto make = std::move(make_);
    make_ = nullptr;
    try {
      lab_ = make();
    } catch (const std::exception& e) {
      error_ = e.what();
    }
    changed_ = true;
  }

  static double now_ms() {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
  }
  void ensure_thread() {
    if (!thread_) thread_ = std::make_unique<TrainingThread>([this] { return train_piece(); });
  }
  // UI thread: hands a lab copy to the training thread to free (or reuse), under m_ or not.
  void retire(std::unique_ptr<Lab> old) {
    if (!old || !thread_) return;
    std::lock_guard<std::mutex> lock(m_);
    if (!spare_) spare_ = std::move(old);
    else retired_ = std::move(old);
  }
  void set_error(const std::string& e) {
    std::lock_guard<std::mutex> lock(m_);
    shared_error_ = e;
  }

  // Training thread.
  bool train_piece() {
    if (!lab_ || !playing_ || now_ms() - last_update_ > kLeaseMs) return false;
    bool more = true;
    try {
      more = piece_(*lab_, kPieceMs);
    } catch (const std::exception& e) {
      set_error(e.what());
      more = false;
    }
    if (!more) piece_playing_ = false;
    if (!more || now_ms() - published_at_ >= kPublishMs) publish();
    piece_playing_ = true;
    return more;
  }
  void publish() {
    // Labs are freed here, never on the UI thread and never under m_ (freeing one takes ms):
    // the unique_ptrs are declared before the lock, so they are destroyed after it is released.
    std::unique_ptr<Lab> copy, old_retired, old_ready;
    {
      std::lock_guard<std::mutex> lock(m_);
      copy = std::move(spare_);
      old_retired = std::move(retired_);
    }
    if (copy) *copy = *lab_;
    else copy = std::make_unique<Lab>(*lab_);
    std::lock_guard<std::mutex> lock(m_);
    if (ready_ && !spare_) spare_ = std::move(ready_);
    else old_ready = std::move(ready_);
    ready_ = std::move(copy);
    ready_generation_ = lab_generation_;
    ready_seq_ = applied_;
    ready_playing_ = piece_playing_;
    published_at_ = now_ms();
  }

  Piece piece_;
  const bool threaded_;
  std::atomic<bool> playing_{true};
  std::unique_ptr<Lab> view_;  // UI thread
  std::string error_;          // UI thread
  bool changed_ = false;       // inline: start() or post() changed the lab since update()
  std::function<std::unique_ptr<Lab>()> make_;  // inline: what start() asked for, not made yet
  bool make_deferred_ = false;                  // inline: the next update() only lets a frame draw
  int generation_ = 0;         // UI thread: starts so far
  long posted_ = 0, view_seq_ = 0;  // UI thread: commands (and starts) posted; seen in view_
  std::atomic<double> last_update_{0};
  // Training thread: the lab, and what it last published.
  std::unique_ptr<Lab> lab_;
  int lab_generation_ = 0;
  long applied_ = 0;  // commands run
  bool piece_playing_ = true;
  double published_at_ = 0;
  // Handed between the threads under m_.
  std::mutex m_;
  std::unique_ptr<Lab> ready_, spare_, retired_;
  int ready_generation_ = 0;
  long ready_seq_ = 0;
  bool ready_playing_ = true;
  std::string shared_error_;
  std::unique_ptr<TrainingThread> thread_;  // last: destroyed first
};

// A Piece for labs whose page shows evaluate()'s results (images, samples): train, and every
// `evaluate_every_ms` of training, and once at the end, evaluate in a slice of its own, so that
// no slice runs training and evaluation back to back.
template <class Lab>
typename LabRunner<Lab>::Piece train_and_evaluate(double evaluate_every_ms) {
  return [evaluate_every_ms, since_eval_ms = 0.0, evaluated_end = false](Lab& lab, double budget_ms) mutable {
    if (lab.done()) {
      if (!evaluated_end) lab.evaluate();
      evaluated_end = true;
      return false;
    }
    evaluated_end = false;
    if (since_eval_ms > evaluate_every_ms) {
      lab.evaluate();
      since_eval_ms = 0;
      return true;
    }
    const auto t0 = std::chrono::steady_clock::now();
    lab.train(budget_ms);
    since_eval_ms += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return true;  // when training has just ended, the next slice evaluates
  };
}

}  // namespace ll::ui
