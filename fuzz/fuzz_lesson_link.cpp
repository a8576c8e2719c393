// libFuzzer target for lesson links (ui/lesson_link.h), the query string any web page can put in
// front of a student. Parsing never throws; every string it returns is valid UTF-8 and survives
// strict JSON encoding (an invalid byte there once broke window.latentlab); the link written
// back for the parsed settings parses to the same settings.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/utf8.h"
#include "ui/lesson_link.h"

namespace {
void must_be_utf8(const std::string& s) {
  if (ll::valid_utf8(s) != s) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const ll::ui::LessonLink link = ll::ui::parse_lesson_link(std::string_view(reinterpret_cast<const char*>(data), size));
  nlohmann::json j = {{"lab", link.lab}, {"preset", link.preset}, {"hide", link.hide}, {"problems", link.problems},
                      {"draw", link.drawing}};
  for (const auto& [k, v] : link.settings) j["settings"].push_back({k, v});
  (void)j.dump();  // strict: throws on invalid UTF-8
  for (const std::string& s : link.problems) must_be_utf8(s);
  // A link written for the settings of a link without a preset reads back the same (if it is
  // not over the length limit: percent-encoding U+FFFD makes each replaced byte 9 characters).
  const std::string written = ll::ui::lesson_link_query(link.lab, link.settings, link.hide, link.drawing);
  if (link.preset.empty() && link.problems.empty() && written.size() <= ll::ui::kMaxLinkLength) {
    const ll::ui::LessonLink again = ll::ui::parse_lesson_link(written);
    if (again.settings != link.settings || again.hide != link.hide || again.drawing != link.drawing) std::abort();
  }
  return 0;
}
