// The one seam through which pages get datasets (labs/datasets.h), shared by every page so a
// dataset is loaded once. request() is cheap and called every frame by a page that needs data:
//   desktop (no fetch function): the first request reads and gunzips the cache file at once;
//   web: the first request asks the page to fetch data/<name>.safetensors.gz
//        (web/latentlab-shell.js), which reports progress and then delivers the decompressed
//        bytes, or a failure, through the platform's exported functions.
// A missing or corrupt file leaves the entry Failed with a message the page shows; retry()
// starts over.
#pragma once
#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/parallel.h"
#include "labs/datasets.h"
#include "labs/zip_images.h"

namespace ll::ui {

class DatasetStore {
 public:
  using Fetch = void (*)(const char* name);

  struct Entry {
    enum State { Idle, Loading, Ready, Failed } state = Idle;
    double progress = 0;        // 0..1 while loading (download fraction)
    std::string message;        // why it failed, for the user
    std::shared_ptr<const Dataset> data;  // set when Ready
  };

  // The name of the data set a student opened from a file (add_file).
  static constexpr const char* kFile = "file";

  void set_fetch(Fetch fetch) { fetch_ = fetch; }
  const Entry& request(const std::string& name);
  // A data set from the student's file (labs/image_arrays.h: IDX, .npy, or our packed format),
  // named after the file, under kFile in place of the last one. "" when taken; otherwise the
  // reason, and the last file's data set stays.
  std::string add_file(std::string_view bytes, const std::string& file_name);
  // Class labels 0..9 from an IDX label file for the open file's data set (one per image); "" when
  // taken, otherwise the reason, and the data set stays as it was.
  std::string add_labels(std::string_view bytes, const std::string& file_name);

  // A zip of images opens while the page keeps drawing (20,000 PNGs took 700 ms at once):
  // start_opening() keeps the bytes (and, with threads, starts reading them on a thread of their
  // own), open_some() reads a slice between frames (or looks whether the thread is done), and
  // once it ended, add_file() given opening_bytes() and the same name takes its data set (or its
  // refusal) at once. Any other file opens within add_file().
  static bool opens_in_slices(std::string_view bytes);
  void start_opening(std::string_view bytes, const std::string& file_name);
  // Reads for about `budget_ms` (the directory, or at least one image; nothing with threads);
  // returns whether the opening has ended.
  bool open_some(double budget_ms);
  struct Opening {
    std::string name;
    int read = 0, count = 0;  // images; count 0 until the directory is read
  };
  // The file being opened, from start_opening until end_opening. Not "until it ended": with a
  // thread it can end between open_some() and a look at it: the frame's progress line would
  // then dereference an empty optional (ASan's slower run of the store's doctest hit this gap).
  std::optional<Opening> opening() const;
  // The bytes given to start_opening, kept until end_opening (add_file may be looking at them).
  const std::string& opening_bytes() const { return job_->bytes; }
  void end_opening() { job_.reset(); }
  void retry(const std::string& name);

  // Called by the platform (web) as the download proceeds.
  void progress(const std::string& name, double fraction);
  void deliver(const std::string& name, std::string_view bytes);
  void fail(const std::string& name, const std::string& message);

 private:
  // A file opened a slice at a time (start_opening), then its outcome until add_file takes it.
  // In a threaded build a thread of its own reads it (the page thread only looks at `ended`);
  // otherwise open_some reads it on the page thread.
  struct Job {
    std::string name, bytes;
    std::unique_ptr<ZipImageReader> reader;  // from the first slice until it ended
    std::string refusal;                     // when it ended refused
    std::shared_ptr<Dataset> data;           // when it ended well
    std::atomic<int> read{0}, count{0};      // images, for the page's progress line
    std::atomic<bool> ended{false};          // set last: the page then reads the outcome
    bool taken = false;                      // by add_file
    std::unique_ptr<TrainingThread> worker;  // last, so stopped before the rest goes
    bool read_for(double budget_ms);         // whether it ended
  };
  // Between two looks at whether to stop: a new file waits this long at most for the last one.
  static constexpr double kWorkerSliceMs = 5;
  std::string take(std::shared_ptr<Dataset> data, const std::string& file_name);
  std::unique_ptr<Job> job_;
  Fetch fetch_ = nullptr;
  std::map<std::string, Entry> entries_;
};

// Adds "dataset_state" ("loading", "ready" or "failed") and "dataset_error" to a page's metrics.
void add_dataset_state(nlohmann::json& j, DatasetStore& store, const std::string& name);

}  // namespace ll::ui
