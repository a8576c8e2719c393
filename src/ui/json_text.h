// JSON text for JavaScript (window.latentlab) and course pages. Strings from outside are made
// valid UTF-8 where they enter (core/utf8.h); the dump replaces anything that slipped through
// instead of throwing, so no call into the app can fail on a stray byte.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace ll::ui {

inline std::string to_json_text(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace ll::ui
