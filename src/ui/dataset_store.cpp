#include "ui/dataset_store.h"

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
  try {
    auto data = std::make_shared<Dataset>(
        read_dataset_bytes(std::vector<uint8_t>(bytes.begin(), bytes.end()), file_name));
    data->name = file_name;
    Entry& e = entries_[kFile];
    e = Entry{};
    e.state = Entry::Ready;
    e.progress = 1;
    e.data = std::move(data);
    return "";
  } catch (const std::exception& ex) {
    return ex.what();
  }
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
