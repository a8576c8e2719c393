// What a page draws while its data set is not ready: the loading bar, or the error with a Retry
// button (kept apart from DatasetStore, which draws nothing and is unit-tested without ImGui).
#pragma once
#include <memory>
#include <string>

#include "ui/dataset_store.h"

namespace ll::ui {

// Draws the state of a dataset that is not Ready yet (progress bar, or the error with a Retry
// button). Returns the dataset once it is Ready, else nullptr.
std::shared_ptr<const Dataset> dataset_or_status(DatasetStore& store, const std::string& name);

// For a page's results column: draws the dataset's loading bar or error (dataset_or_status),
// else the page's own `error`; true when neither shows, i.e. the page can draw its lab.
bool lab_view_ready(DatasetStore& store, const std::string& name, const std::string& error);

}  // namespace ll::ui
