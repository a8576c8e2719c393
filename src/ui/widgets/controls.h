// The adjustable settings of a lab page as one registry, so that each setting is drawn, set from
// a lesson link (?key=value, the key being the CLI flag without "--"), written into "copy link
// to this setup", and hidden by ?hide=key, all from one declaration:
//
//   controls_.add(int_slider("hidden", "code size", pending_.hidden, 1, 64));
//   ...
//   controls_.draw("hidden");   // where the page lays it out
//
// Values bound here live in the page (which is heap-allocated and never moves).
#pragma once
#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/optimizer.h"

namespace ll::ui {

struct Control {
  std::string key;                                  // URL key = CLI flag without "--"
  std::function<bool()> draw;                       // the widget; true when the user changed it
  std::function<std::string()> get;                 // the value as a link writes it
  std::function<std::string(const std::string&)> set;  // "" when taken, else why it was refused
  std::string initial;                              // get() when registered: links skip defaults
};

using KeyValues = std::vector<std::pair<std::string, std::string>>;

class Controls {
 public:
  void add(Control c);
  bool has(const std::string& key) const;
  // Draws the control unless it is hidden; true when the user changed it.
  bool draw(const std::string& key);
  // Sets a control from a link. Returns "" or a message naming the key and what is wrong.
  std::string set(const std::string& key, const std::string& value);
  // key=value of every control whose value differs from its registered default (a control
  // whose value a link cannot express, e.g. an image from a file, reports "" and is skipped).
  KeyValues changed() const;
  void hide(const std::string& key) { hidden_.insert(key); }
  bool hidden(const std::string& key) const { return hidden_.count(key) > 0; }
  std::vector<std::string> hidden_keys() const { return {hidden_.begin(), hidden_.end()}; }
  // Keys drawn in the last frame that drew any (so tests can see what hide= hid).
  std::vector<std::string> drawn_keys() const;
  std::vector<std::string> keys() const;
  // Settings that take effect only when the run restarts (Reset). applied() records their values
  // whenever a run starts from them; while one differs it is pending: drawn with an amber frame,
  // so the screen never passes off the old run's results as the new setting's (Copy link already
  // has the new value).
  void applies_on_reset(std::vector<std::string> keys);
  void applied();
  bool pending() const;
  bool is_pending(const std::string& key) const;
  std::vector<std::string> pending_keys() const;

 private:
  const Control* find(const std::string& key) const;
  std::vector<Control> controls_;
  std::set<std::string> hidden_;
  std::vector<std::pair<std::string, int>> drawn_;  // key, ImGui frame it was last drawn in
  std::vector<std::string> reset_keys_;
  std::map<std::string, std::string> applied_;        // reset key -> value of the running run
};

// A line saying that the amber settings wait for Reset, drawn only while some do.
void draw_pending_note(const Controls& controls);

// hide= of a lesson link over a page's control sets: each key is hidden in every set that has it;
// the result names each key that none has.
std::vector<std::string> hide_controls(const std::vector<std::string>& keys,
                                       const std::vector<Controls*>& sets);

// A slider with - and + buttons before it for single steps: on a 100 px slider over 1..64 one
// pixel of drag is more than one step (issue 15: the code size went 16 -> 5 with 15 px of drag).
// ImGuiSliderFlags in `flags`; true when the value changed.
bool stepped_slider_int(const char* label, int& v, int lo, int hi, const char* format = "%d", int flags = 0);

// Widgets bound to a value. Ranges are enforced for links too: a value out of range is refused.
Control int_slider(const std::string& key, const char* label, int& v, int lo, int hi,
                   const char* format = "%d", bool logarithmic = false);
Control float_input(const std::string& key, const char* label, float& v, float lo, float hi,
                    const char* format = "%.5f");
Control seed_input(const std::string& key, const char* label, uint64_t& v);
Control checkbox(const std::string& key, const char* label, bool& v);  // true/false, 1/0
// For custom controls' set(): a whole number in [lo, hi], "" or why not.
std::string parse_whole(const std::string& s, long long lo, long long hi, long long& out);
// The optimizer choice every lab uses: sgd, momentum, adam.
Control optimizer_choice(const std::string& key, const char* label, OptimizerKind& kind);

// One of a few named values, as a combo box (or radio buttons) over an int-like value.
struct Choice {
  int value;
  std::string key;    // how the link spells it, e.g. "momentum"
  std::string label;  // what the widget shows
};
Control choice(const std::string& key, const char* label, int& v, std::vector<Choice> choices,
               bool radio = false);
// One of a few named strings (e.g. a dataset), the link value being the string itself.
Control string_choice(const std::string& key, const char* label, std::string& v, std::vector<Choice> choices,
                      bool radio = false);
// The same over any enum: `e` is read and written through an int copy.
template <typename E>
Control enum_choice(const std::string& key, const char* label, E& e, std::vector<Choice> choices,
                    bool radio = false);

}  // namespace ll::ui

#include "ui/widgets/controls_impl.h"
