// A few plain lines at the top of every lab and tab for someone who has never seen it: what it
// shows, what to try, what to watch for (in the spirit of TensorFlow Playground and GAN Lab).
// Open the first time, collapsible.
#pragma once
#include <string>

namespace ll::ui {

// `view`: compression, pca, deep-ae, deep-ae-faces (the faces slide), map, gan, gan-2d or pretraining.
void lab_help(const std::string& view);

}  // namespace ll::ui
