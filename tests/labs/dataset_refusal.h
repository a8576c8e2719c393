// What read_dataset_bytes (labs/datasets.h) says of a bad file, for the tests of the formats it
// reads: every refusal is one FormatError sentence that starts with the file's name.
#pragma once
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "labs/datasets.h"

namespace ll::test {

inline std::string dataset_error(const std::vector<uint8_t>& bytes, const std::string& name) {
  try {
    read_dataset_bytes(bytes, name);
  } catch (const FormatError& e) {
    return e.what();
  }
  return "(no error)";
}

// True when the file is refused with a message that starts with its name and holds `part`.
inline bool dataset_says(const std::vector<uint8_t>& bytes, const std::string& name, const std::string& part) {
  const std::string e = dataset_error(bytes, name);
  INFO("message: ", e);
  CHECK(e.rfind(name + ": ", 0) == 0);
  return e.find(part) != std::string::npos;
}

}  // namespace ll::test
