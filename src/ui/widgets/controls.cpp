#include "ui/widgets/controls.h"

#include <imgui.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "ui/widgets/layout.h"

namespace ll::ui {

namespace {

// Pending settings (Controls::applies_on_reset): a dark amber frame; the note's amber text is
// 9.6:1 on the window background (WCAG AA asks 4.5:1).
const ImVec4 kPendingFrame(0.42f, 0.28f, 0.04f, 1.0f), kPendingFrameHovered(0.52f, 0.35f, 0.06f, 1.0f);
const ImVec4 kPendingText(1.0f, 0.75f, 0.35f, 1.0f);

// Whole-string numbers only: "3x", "", " 3" and "nan" are refused, not half-read.
bool parse_long(const std::string& s, long long& out) {
  if (s.empty() || s.size() > 20) return false;
  char* end = nullptr;
  errno = 0;
  out = std::strtoll(s.c_str(), &end, 10);
  return errno == 0 && end == s.c_str() + s.size();
}

bool parse_double(const std::string& s, double& out) {
  if (s.empty() || s.size() > 32) return false;
  char* end = nullptr;
  out = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() && std::isfinite(out);
}

std::string shown(const std::string& value) {  // a value quoted in a message, kept short
  return "'" + (value.size() > 24 ? value.substr(0, 24) + "..." : value) + "'";
}

std::string number(double v, const char* format) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

}  // namespace

void Controls::add(Control c) {
  c.initial = c.get();
  controls_.push_back(std::move(c));
}

const Control* Controls::find(const std::string& key) const {
  for (const Control& c : controls_)
    if (c.key == key) return &c;
  return nullptr;
}

bool Controls::has(const std::string& key) const { return find(key) != nullptr; }

std::vector<std::string> hide_controls(const std::vector<std::string>& keys,
                                       const std::vector<Controls*>& sets) {
  std::vector<std::string> problems;
  for (const std::string& key : keys) {
    bool found = false;
    for (Controls* set : sets)
      if (set->has(key)) {
        set->hide(key);
        found = true;
      }
    if (!found) problems.push_back("hide: there is no control '" + key.substr(0, 24) + "'");
  }
  return problems;
}

bool Controls::draw(const std::string& key) {
  const Control* c = find(key);
  if (!c || hidden(key)) return false;
  const int frame = ImGui::GetFrameCount();
  auto it = std::find_if(drawn_.begin(), drawn_.end(), [&](const auto& d) { return d.first == key; });
  if (it == drawn_.end()) drawn_.emplace_back(key, frame);
  else it->second = frame;
  // A setting changed since the run started from it: its frame turns amber until Reset.
  const bool pending = is_pending(key);
  if (pending) {
    ImGui::PushStyleColor(ImGuiCol_FrameBg, kPendingFrame);
    ImGui::PushStyleColor(ImGuiCol_FrameBgHovered, kPendingFrameHovered);
  }
  const bool changed = c->draw();
  if (pending) {
    ImGui::PopStyleColor(2);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Applies on Reset: the results shown are for %s = %s", key.c_str(), applied_.at(key).c_str());
  }
  return changed;
}

void Controls::applies_on_reset(std::vector<std::string> keys) {
  reset_keys_ = std::move(keys);
  applied();
}

void Controls::applied() {
  applied_.clear();
  for (const std::string& k : reset_keys_)
    if (const Control* c = find(k)) applied_[k] = c->get();
}

bool Controls::is_pending(const std::string& key) const {
  const auto a = applied_.find(key);
  const Control* c = find(key);
  return a != applied_.end() && c && c->get() != a->second;
}

bool Controls::pending() const { return !pending_keys().empty(); }

std::vector<std::string> Controls::pending_keys() const {
  std::vector<std::string> keys;
  for (const auto& [key, value] : applied_)
    if (is_pending(key)) keys.push_back(key);
  return keys;
}

void draw_pending_note(const Controls& controls) {
  if (!controls.pending()) return;
  ImGui::PushStyleColor(ImGuiCol_Text, kPendingText);
  ImGui::TextWrapped("Amber settings apply on Reset: the results shown are still for the previous ones.");
  ImGui::PopStyleColor();
}

std::vector<std::string> Controls::drawn_keys() const {
  int last = -1;
  for (const auto& d : drawn_) last = std::max(last, d.second);
  std::vector<std::string> keys;
  for (const auto& d : drawn_)
    if (d.second == last) keys.push_back(d.first);
  return keys;
}

std::string Controls::set(const std::string& key, const std::string& value) {
  const Control* c = find(key);
  if (!c) return "unknown setting " + shown(key);
  const std::string why = c->set(value);
  return why.empty() ? "" : key + "=" + shown(value) + ": " + why;
}

KeyValues Controls::changed() const {
  KeyValues kv;
  for (const Control& c : controls_) {
    const std::string v = c.get();
    if (!v.empty() && v != c.initial) kv.emplace_back(c.key, v);
  }
  return kv;
}

std::vector<std::string> Controls::keys() const {
  std::vector<std::string> k;
  for (const Control& c : controls_) k.push_back(c.key);
  return k;
}

std::string parse_whole(const std::string& s, long long lo, long long hi, long long& out) {
  long long n = 0;
  if (!parse_long(s, n)) return "not a whole number";
  if (n < lo || n > hi) return "must be from " + std::to_string(lo) + " to " + std::to_string(hi);
  out = n;
  return "";
}

bool stepped_slider_int(const char* label, int& v, int lo, int hi, const char* format, int flags) {
  // The buttons come first so that the slider keeps its label on its right, like every other
  // slider (and tests and screen readers find it by that label).
  const ImGuiStyle& style = ImGui::GetStyle();
  const float button = ImGui::GetFrameHeight(), gap = style.ItemInnerSpacing.x;
  const float slider = std::max(2 * button, ImGui::CalcItemWidth() - 2 * (button + gap));
  bool changed = false;
  ImGui::PushID(label);
  ImGui::PushButtonRepeat(true);  // held down, a button keeps stepping
  if (ImGui::Button("-", ImVec2(button, 0)) && v > lo) --v, changed = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("one less (hold to repeat)");
  ImGui::SameLine(0, gap);
  if (ImGui::Button("+", ImVec2(button, 0)) && v < hi) ++v, changed = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("one more (hold to repeat)");
  ImGui::PopButtonRepeat();
  ImGui::PopID();
  ImGui::SameLine(0, gap);
  ImGui::SetNextItemWidth(slider);
  changed |= ImGui::SliderInt(label, &v, lo, hi, format, flags);
  return changed;
}

Control int_slider(const std::string& key, const char* label, int& v, int lo, int hi, const char* format,
                   bool logarithmic) {
  return {key,
          [=, &v] {
            return stepped_slider_int(label, v, lo, hi, format, logarithmic ? ImGuiSliderFlags_Logarithmic : 0);
          },
          [&v] { return std::to_string(v); },
          [=, &v](const std::string& s) {
            long long n = 0;
            const std::string why = parse_whole(s, lo, hi, n);
            if (why.empty()) v = int(n);
            return why;
          },
          ""};
}

Control float_input(const std::string& key, const char* label, float& v, float lo, float hi, const char* format) {
  return {key,
          [=, &v] {
            const bool changed = ImGui::InputFloat(label, &v, 0, 0, format);
            if (changed) v = std::fmin(hi, std::fmax(lo, v));
            return changed;
          },
          [&v] { return number(double(v), "%g"); },
          [=, &v](const std::string& s) -> std::string {
            double d = 0;
            if (!parse_double(s, d)) return "not a number";
            if (d < lo || d > hi) return "must be from " + number(lo, "%g") + " to " + number(hi, "%g");
            v = float(d);
            return "";
          },
          ""};
}

Control seed_input(const std::string& key, const char* label, uint64_t& v) {
  return {key,
          [=, &v] {
            int seed = int(v);
            const bool changed = ImGui::InputInt(label, &seed);
            if (changed) v = uint64_t(std::max(0, seed));
            return changed;
          },
          [&v] { return std::to_string(v); },
          [&v](const std::string& s) -> std::string {
            long long n = 0;
            if (!parse_long(s, n) || n < 0 || n > 2147483647) return "must be a whole number from 0 to 2147483647";
            v = uint64_t(n);
            return "";
          },
          ""};
}

Control checkbox(const std::string& key, const char* label, bool& v) {
  return {key, [=, &v] { return ImGui::Checkbox(label, &v); }, [&v] { return std::string(v ? "1" : "0"); },
          [&v](const std::string& s) -> std::string {
            if (s == "1" || s == "true") v = true;
            else if (s == "0" || s == "false") v = false;
            else return "must be 1 or 0";
            return "";
          },
          ""};
}

Control choice_over(const std::string& key, const char* label, std::function<int()> get,
                    std::function<void(int)> set, std::vector<Choice> choices, bool radio) {
  auto key_of = [choices](int v) {
    for (const Choice& c : choices)
      if (c.value == v) return c.key;
    return std::to_string(v);
  };
  return {key,
          [=] {
            const int now = get();
            bool changed = false;
            if (radio) {
              Flow flow(ImGui::GetStyle().ItemSpacing.x);  // a choice that does not fit goes below
              for (size_t i = 0; i < choices.size(); ++i) {
                flow.next(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
                          ImGui::CalcTextSize(choices[i].label.c_str()).x);
                if (ImGui::RadioButton(choices[i].label.c_str(), now == choices[i].value) && now != choices[i].value) {
                  set(choices[i].value);
                  changed = true;
                }
              }
              return changed;
            }
            std::string preview;
            for (const Choice& c : choices)
              if (c.value == now) preview = c.label;
            if (ImGui::BeginCombo(label, preview.c_str())) {
              for (const Choice& c : choices)
                if (ImGui::Selectable(c.label.c_str(), c.value == now) && c.value != now) {
                  set(c.value);
                  changed = true;
                }
              ImGui::EndCombo();
            }
            return changed;
          },
          [=] { return key_of(get()); },
          [=](const std::string& s) -> std::string {
            std::string options;
            for (const Choice& c : choices) {
              if (c.key == s) {
                set(c.value);
                return "";
              }
              options += (options.empty() ? "" : ", ") + c.key;
            }
            return "must be one of " + options;
          },
          ""};
}

Control choice(const std::string& key, const char* label, int& v, std::vector<Choice> choices, bool radio) {
  return choice_over(
      key, label, [&v] { return v; }, [&v](int x) { v = x; }, std::move(choices), radio);
}

Control optimizer_choice(const std::string& key, const char* label, OptimizerKind& kind) {
  return enum_choice(key, label, kind,
                     {{int(OptimizerKind::SGD), "sgd", "SGD"},
                      {int(OptimizerKind::Momentum), "momentum", "momentum"},
                      {int(OptimizerKind::Adam), "adam", "Adam"}});
}

Control string_choice(const std::string& key, const char* label, std::string& v, std::vector<Choice> choices,
                      bool radio) {
  for (size_t i = 0; i < choices.size(); ++i) choices[i].value = int(i);
  std::vector<std::string> names;
  for (const Choice& c : choices) names.push_back(c.key);
  return choice_over(
      key, label,
      [&v, names] { return int(std::find(names.begin(), names.end(), v) - names.begin()); },
      [&v, names](int i) { v = names[size_t(i)]; }, std::move(choices), radio);
}

}  // namespace ll::ui
