// The student's own data set on a page that trains on images (PCA, deep autoencoder, 2-D maps):
// "your file: NAME" beside the built-in choices once a file is open, and the "Open your own data
// set..." button. Opening goes through the platform's file chooser (FileRequest) to the page's
// load_file, which hands the bytes to open_dataset_file below.
#pragma once
#include <string>
#include <string_view>

#include "ui/dataset_store.h"
#include "ui/widgets/controls.h"  // KeyValues
#include "ui/widgets/file_request.h"

namespace ll::ui {

// Draws the choice and the button (file target `target`); true when the student picked the open
// file while `dataset` was another one.
bool dataset_file_choice(DatasetStore& datasets, const FileRequest& files, const std::string& dataset,
                         const std::string& target);

// A dropped or chosen file that is an image array (IDX images or labels, .npy) or a zip of
// images, not a model file.
bool is_dataset_file(std::string_view bytes);

// Takes a file for DatasetStore::kFile: images become the open data set; an IDX label file adds
// labels to it. Returns the message for the student and sets `opened` when the data set changed;
// on any error the data set in use stays and the message says why.
std::string open_dataset_file(DatasetStore& datasets, std::string_view bytes, const std::string& name, bool& opened);

// A link cannot carry the student's file: on one, the settings lose their "dataset" key and the
// link opens on the default data set.
KeyValues link_without_file(KeyValues settings, bool on_file);

}  // namespace ll::ui
