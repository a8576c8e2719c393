// Template part of controls.h.
#pragma once

namespace ll::ui {

Control choice_over(const std::string& key, const char* label, std::function<int()> get,
                    std::function<void(int)> set, std::vector<Choice> choices, bool radio);

template <typename E>
Control enum_choice(const std::string& key, const char* label, E& e, std::vector<Choice> choices, bool radio) {
  return choice_over(
      key, label, [&e] { return int(e); }, [&e](int v) { e = E(v); }, std::move(choices), radio);
}

}  // namespace ll::ui
