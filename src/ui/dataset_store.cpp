#include "ui/dataset_store.h"

#include <chrono>

#include "labs/image_arrays.h"

namespace ll::ui {

const DatasetStore::Entry& DatasetStore::request(const std::string& name) {
  Entry& e = entries_[name];
  if (e.state != Entry::Idle) return e;
  if (name == kFile) {  // only add_file fills it
    e.state = Entry::Failed;
    e.message = "no data set file has been opened";
    return e;
  }
  if (fetch_) {
    e.state = Entry::Loading;
    fetch_(name.c_str());  // may deliver synchronously; `e` stays valid (std::map)
    return e;
  }
  try {
    e.data = std::make_shared<const Dataset>(load_dataset_file(dataset_path(name)));
    e.state = Entry::Ready;
  } catch (const std::exception& ex) {
    e.state = Entry::Failed;
    e.message = ex.what();
  }
  return e;
}

void DatasetStore::retry(const std::string& name) { entries_[name] = Entry{}; }

std::string DatasetStore::add_file(std::string_view bytes, const std::string& file_name) {
  // The App hands over what it opened in slices as opening_bytes() itself: the same storage, so
  // no 9 MB comparison of contents.
  if (job_ && job_->ended.load(std::memory_order_acquire) && !job_->taken && job_->name == file_name &&
      bytes.data() == job_->bytes.data() && bytes.size() == job_->bytes.size()) {
    job_->taken = true;
    return job_->data ? take(std::move(job_->data), file_name) : job_->refusal;
  }
  try {
    return take(std::make_shared<Dataset>(read_dataset_bytes(std::vector<uint8_t>(bytes.begin(), bytes.end()), file_name)),
                file_name);
  } catch (const std::exception& ex) {
    return ex.what();
  }
}

std::string DatasetStore::take(std::shared_ptr<Dataset> data, const std::string& file_name) {
  data->name = file_name;
  Entry& e = entries_[kFile];
  e = Entry{};
  e.state = Entry::Ready;
  e.progress = 1;
  e.data = std::move(data);
  return "";
}

bool DatasetStore::opens_in_slices(std::string_view bytes) {
  return is_zip(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
}

void DatasetStore::start_opening(std::string_view bytes, const std::string& file_name) {
  job_ = std::make_unique<Job>();  // a file still opening is dropped: the student chose another
  job_->name = file_name;
  job_->bytes.assign(bytes);
  if (threads_available()) {
    job_->worker = std::make_unique<TrainingThread>([job = job_.get()] { return !job->read_for(kWorkerSliceMs); });
    job_->worker->wake();
  }
}

bool DatasetStore::open_some(double budget_ms) {
  if (!job_) return true;
  if (!job_->worker) return job_->read_for(budget_ms);
  if (!job_->ended.load(std::memory_order_acquire)) return false;
  job_->worker.reset();  // it has stopped reading: this only ends the thread
  return true;
}

bool DatasetStore::Job::read_for(double budget_ms) {
  if (ended.load(std::memory_order_relaxed)) return true;
  const auto t0 = std::chrono::steady_clock::now();
  try {
    // The directory in the first slice (20,000 names read and sorted), not in start_opening,
    // which runs in the same task as the file's copy into the app.
    if (!reader) {
      reader = std::make_unique<ZipImageReader>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), name);
      count.store(reader->image_count(), std::memory_order_relaxed);
    }
    while (!reader->done()) {
      if (std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() >= budget_ms)
        return false;
      reader->read_next();
      read.store(reader->images_read(), std::memory_order_relaxed);
    }
    std::string note;
    data = std::make_shared<Dataset>(reader->finish(&note));
    data->note = note;
  } catch (const std::exception& ex) {
    refusal = ex.what();
  }
  reader.reset();
  ended.store(true, std::memory_order_release);
  return true;
}

std::optional<DatasetStore::Opening> DatasetStore::opening() const {
  if (!job_) return std::nullopt;
  return Opening{job_->name, job_->read.load(std::memory_order_relaxed), job_->count.load(std::memory_order_relaxed)};
}

std::string DatasetStore::add_labels(std::string_view bytes, const std::string& file_name) {
  Entry& e = entries_[kFile];
  if (e.state != Entry::Ready) return file_name + ": class labels; open the images they belong to first";
  try {
    auto data = std::make_shared<Dataset>(*e.data);
    data->labels = parse_idx_labels(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), data->count, file_name);
    e.data = std::move(data);
    return "";
  } catch (const std::exception& ex) {
    return ex.what();
  }
}

void DatasetStore::progress(const std::string& name, double fraction) {
  Entry& e = entries_[name];
  if (e.state == Entry::Loading) e.progress = fraction;
}

void DatasetStore::deliver(const std::string& name, std::string_view bytes) {
  Entry& e = entries_[name];
  try {
    e.data = std::make_shared<const Dataset>(parse_dataset(
        reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), dataset_path(name)));
    e.state = Entry::Ready;
    e.progress = 1;
  } catch (const std::exception& ex) {
    fail(name, ex.what());
  }
}

void DatasetStore::fail(const std::string& name, const std::string& message) {
  Entry& e = entries_[name];
  e.state = Entry::Failed;
  e.message = message;
  e.data.reset();
}

void add_dataset_state(nlohmann::json& j, DatasetStore& store, const std::string& name) {
  const DatasetStore::Entry& e = store.request(name);
  j["dataset_state"] = e.state == DatasetStore::Entry::Ready    ? "ready"
                       : e.state == DatasetStore::Entry::Failed ? "failed"
                                                                : "loading";
  if (e.state == DatasetStore::Entry::Failed) j["dataset_error"] = e.message;
}

}  // namespace ll::ui
