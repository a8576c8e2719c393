#include "ui/lesson_link.h"

#include <algorithm>
#include <cstdlib>
#include <cctype>

#include "core/utf8.h"
#include "labs/digit_drawing.h"
#include "ui/presets.h"

namespace ll::ui {

namespace {

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decoding can produce any bytes; the result is made valid UTF-8 (ll::valid_utf8)
// because keys and values reach JSON and the screen.
std::string decode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += char(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return valid_utf8(out);
}

std::string encode(const std::string& s) {
  static const char* digits = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == ',') {
      out += char(c);
    } else {
      out += '%';
      out += digits[c >> 4];
      out += digits[c & 15];
    }
  }
  return out;
}

// Keys are short lowercase words with dashes, like CLI flags; anything else is not ours.
bool plausible_key(const std::string& k) {
  if (k.empty() || k.size() > 32) return false;
  for (char c : k)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

std::string quoted(const std::string& s) { return "'" + utf8_shortened(s, 24) + "'"; }

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i)
    if (i == s.size() || s[i] == ',') {
      if (i > start) parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  return parts;
}

}  // namespace

LessonLink parse_lesson_link(std::string_view query) {
  LessonLink link;
  if (!query.empty() && query.front() == '?') query.remove_prefix(1);
  if (query.size() > kMaxLinkLength) {
    link.problems.push_back("The link's settings are " + std::to_string(query.size()) + " characters long (limit " +
                            std::to_string(kMaxLinkLength) + "); all of them were ignored.");
    return link;
  }
  KeyValues own;
  size_t start = 0;
  while (start <= query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    const std::string_view part = query.substr(start, end - start);
    start = end + 1;
    if (part.empty()) continue;
    const size_t eq = part.find('=');
    const std::string key = decode(part.substr(0, eq));
    const std::string value = eq == std::string_view::npos ? "" : decode(part.substr(eq + 1));
    if (!plausible_key(key)) {
      link.problems.push_back("ignored the link key " + quoted(key));
    } else if (key == "lab") {
      link.lab = value;
    } else if (key == "preset") {
      link.preset = value;
    } else if (key == "threads") {
      char* end = nullptr;
      const long n = std::strtol(value.c_str(), &end, 10);
      if (value.empty() || *end != '\0' || n < 1 || n > 64)
        link.problems.push_back("threads=" + quoted(value) + ": must be a whole number from 1 to 64");
      else
        link.threads = int(n);
    } else if (key == "draw") {
      Drawing d;
      if (decode_drawing(value, d)) link.drawing = value;
      else link.problems.push_back("draw=" + quoted(value) + ": not a drawing from this app's Copy link; the pad stays empty");
    } else if (key == "hide") {
      for (const std::string& h : split_commas(value))
        if (std::find(link.hide.begin(), link.hide.end(), h) == link.hide.end()) link.hide.push_back(h);
    } else if (key == "maxdpr") {  // the page shell applies it; said here when it cannot
      char* end = nullptr;
      const double r = std::strtod(value.c_str(), &end);
      if (value.empty() || *end != '\0' || !(r >= 1.0 && r <= 4.0))
        link.problems.push_back("maxdpr=" + quoted(value) + ": must be a number from 1 to 4; the canvas uses at most 2");
    } else if (key != "embed") {  // the page shell handles embed=1
      // A key given twice: the last value counts, as in most URL parsers; said once.
      auto same = std::find_if(own.begin(), own.end(), [&](const auto& kv) { return kv.first == key; });
      if (same != own.end()) {
        own.erase(same);
        const std::string problem = "the link key " + quoted(key) + " was given more than once; the last value counts";
        if (std::find(link.problems.begin(), link.problems.end(), problem) == link.problems.end())
          link.problems.push_back(problem);
      }
      own.emplace_back(key, value);
    }
  }
  if (!link.preset.empty()) {
    const Preset* p = find_preset(link.preset);
    if (!p) {
      std::string names;
      for (const Preset& q : presets()) names += (names.empty() ? "" : ", ") + q.name;
      link.problems.push_back("there is no preset " + quoted(link.preset) + " (presets: " + names + ")");
    } else if (!link.lab.empty() && link.lab != p->lab) {
      link.problems.push_back("preset " + p->name + " belongs to the " + p->lab + " lab, not " + quoted(link.lab) +
                              "; the preset was ignored");
    } else {
      link.lab = p->lab;
      link.settings = p->settings;
    }
  }
  link.settings.insert(link.settings.end(), own.begin(), own.end());
  return link;
}

std::string lesson_link_query(const std::string& lab, const KeyValues& settings, const std::vector<std::string>& hide,
                              const std::string& drawing) {
  std::string q = "lab=" + encode(lab);
  for (const auto& [k, v] : settings) q += "&" + encode(k) + "=" + encode(v);
  if (!hide.empty()) {
    std::string h;
    for (const std::string& k : hide) h += (h.empty() ? "" : ",") + encode(k);
    q += "&hide=" + h;
  }
  if (!drawing.empty()) q += "&draw=" + encode(drawing);
  return q;
}

}  // namespace ll::ui
