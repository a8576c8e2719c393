// ui/lab_runner.h: the same numbers whether a lab trains inline or on its training thread;
// commands in order; views that are copies; no training once the page stops asking.
#include <doctest/doctest.h>

#include <chrono>
#include <stdexcept>
#include <thread>

#include "labs/gan2d_lab.h"
#include "ui/lab_runner.h"

using namespace ll;
using ll::ui::LabRunner;

namespace {

Gan2dSettings small_game() {
  Gan2dSettings s;
  s.max_iterations = 300;
  return s;
}

LabRunner<Gan2dLab>::Piece gan_piece() {
  return [](Gan2dLab& lab, double budget_ms) {
    lab.train(budget_ms);
    lab.evaluate();
    return !lab.done();
  };
}

// Updates like a page does every frame until `ready` holds for the view. The limit only catches a
// hang: under ASan + UBSan, with a compile beside it, the inline run once took over 60 s.
template <class Lab, class Ready>
void run_until(LabRunner<Lab>& r, Ready ready) {
  const auto t0 = std::chrono::steady_clock::now();
  for (;;) {
    r.update(5.0);
    if (r.view() && r.current() && ready(*r.view())) return;
    REQUIRE(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(600));
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

// A lab that counts the pieces it was trained.
struct Counter {
  int pieces = 0;
};

}  // namespace

TEST_CASE("LabRunner: a lab trained on its own thread ends with the same numbers as inline") {
  if (!threads_available()) return;  // the single-thread wasm build has only the inline way
  LabRunner<Gan2dLab> inline_runner(gan_piece(), false), threaded(gan_piece(), true);
  for (auto* r : {&inline_runner, &threaded}) {
    r->start([] { return std::make_unique<Gan2dLab>(small_game()); });
    run_until(*r, [](const Gan2dLab& lab) { return lab.done(); });
  }
  const Gan2dLab& a = *inline_runner.view();
  const Gan2dLab& b = *threaded.view();
  CHECK(a.run().iteration() == 300);
  CHECK(b.run().iteration() == 300);
  CHECK(a.run().gan().generator().params() == b.run().gan().generator().params());
  CHECK(a.run().gan().discriminator().params() == b.run().gan().discriminator().params());
  CHECK(a.heat() == b.heat());
  CHECK_FALSE(threaded.playing());  // a finished run stops playing
}

TEST_CASE("LabRunner: commands run in order on the training lab; the view is a copy that catches up") {
  for (const bool on_thread : {false, true}) {
    if (on_thread && !threads_available()) continue;
    CAPTURE(on_thread);
    LabRunner<Gan2dLab> r(gan_piece(), on_thread);
    r.set_playing(false);
    r.start([] { return std::make_unique<Gan2dLab>(small_game()); });
    for (int i = 0; i < 3; ++i) r.post([](Gan2dLab& lab) { lab.step_discriminator(); });
    r.post([](Gan2dLab& lab) { lab.step_generator(); });
    run_until(r, [](const Gan2dLab&) { return true; });
    CHECK(r.view()->run().d_steps() == 3);
    CHECK(r.view()->run().g_steps() == 1);
    // A failing command is reported, and the lab goes on with the next ones.
    r.post([](Gan2dLab&) { throw std::runtime_error("no such setting"); });
    r.post([](Gan2dLab& lab) { lab.step_generator(); });
    run_until(r, [](const Gan2dLab&) { return true; });
    CHECK(r.error() == "no such setting");
    CHECK(r.view()->run().g_steps() == 2);
    // start() replaces the lab; the view shows only the new one once it is there.
    r.start([] { return std::make_unique<Gan2dLab>(small_game()); });
    run_until(r, [](const Gan2dLab&) { return true; });
    CHECK(r.view()->run().g_steps() == 0);
    CHECK(r.error().empty());
  }
}

TEST_CASE("LabRunner: what start() throws becomes error(), and there is no lab") {
  for (const bool on_thread : {false, true}) {
    if (on_thread && !threads_available()) continue;
    LabRunner<Counter> r([](Counter& c, double) { return ++c.pieces < 10; }, on_thread);
    r.start([]() -> std::unique_ptr<Counter> { throw std::invalid_argument("the dataset is empty"); });
    for (int i = 0; i < 200 && r.error().empty(); ++i) {
      r.update(1.0);
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    CHECK(r.error() == "the dataset is empty");
    CHECK(r.view() == nullptr);
  }
}

TEST_CASE("LabRunner: the training thread stops soon after the page stops updating") {
  if (!threads_available()) return;
  // Each piece takes 10 ms: without the lease, 1.5 s without updates would train ~150 pieces.
  LabRunner<Counter> r(
      [](Counter& c, double) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        ++c.pieces;
        return true;
      },
      true);
  r.start([] { return std::make_unique<Counter>(); });
  run_until(r, [](const Counter& c) { return c.pieces > 5; });
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  r.update(1.0);  // the newest snapshot: published before training stopped
  const int first = r.view()->pieces;
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  r.update(1.0);
  const int second = r.view()->pieces;
  // The lease (kLeaseMs = 400) allows ~40 pieces after an update; 80 leaves room for a slow machine.
  CHECK(second - first < 80);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  r.update(1.0);
  const int third = r.view()->pieces;
  CHECK(third - second < 80);
}

// The single-thread web build trains between frames (App::train_between_frames): only a lab that
// exists and plays (not before the frame that shows "preparing", not when a command came right
// after start(), not paused, not after its run), and with the same numbers as in frames only.
TEST_CASE("LabRunner: training between frames only while an inline lab plays, with the same numbers") {
  LabRunner<Gan2dLab> frames_only(gan_piece(), false), between(gan_piece(), false);
  for (auto* r : {&frames_only, &between}) {
    r->set_playing(true);
    r->start([] { return std::make_unique<Gan2dLab>(small_game()); });
  }
  CHECK_FALSE(between.train_between_frames(5.0));  // not made yet
  between.update(5.0);
  CHECK_FALSE(between.train_between_frames(5.0));  // the frame that shows "preparing"
  between.update(5.0);
  REQUIRE(between.view());
  CHECK(between.train_between_frames(5.0));
  between.set_playing(false);
  CHECK_FALSE(between.train_between_frames(5.0));
  between.set_playing(true);
  // Frames and between them, against frames only: the same pieces in the same order.
  for (int i = 0; i < 100000 && between.playing(); ++i) {
    between.update(1.0);
    between.train_between_frames(1.0);
    between.train_between_frames(1.0);
  }
  run_until(frames_only, [](const Gan2dLab& lab) { return lab.done(); });
  const Gan2dLab& a = *frames_only.view();
  const Gan2dLab& b = *between.view();
  REQUIRE(b.done());
  CHECK_FALSE(between.train_between_frames(5.0));  // the run is over
  CHECK(a.run().gan().generator().params() == b.run().gan().generator().params());
  CHECK(a.run().gan().discriminator().params() == b.run().gan().discriminator().params());

  // A command right after start() makes the lab at once, but the "preparing" frame still comes
  // first.
  LabRunner<Gan2dLab> commanded(gan_piece(), false);
  commanded.set_playing(true);
  commanded.start([] { return std::make_unique<Gan2dLab>(small_game()); });
  commanded.post([](Gan2dLab&) {});
  REQUIRE(commanded.view());
  CHECK_FALSE(commanded.train_between_frames(5.0));
  commanded.update(5.0);
  CHECK(commanded.train_between_frames(5.0));
}
