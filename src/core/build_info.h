// What this binary was built with, for `latentlab version` and the app's status bar.
// Only preprocessor checks: no platform headers, so core stays portable.
#pragma once
#include <string>

namespace ll {

struct BuildInfo {
  std::string version;   // project version from CMake
  std::string target;    // "wasm32" or "native x86_64"
  std::string simd;      // e.g. "wasm SIMD128", "AVX2+FMA", or "none"
};

// `version` comes from the caller (CMake defines it for labs and above).
BuildInfo build_info(const std::string& version);

}  // namespace ll
