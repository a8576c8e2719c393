// Browser side of the platform seam: WebGL2 (GL ES 3.0), requestAnimationFrame drives frames,
// the canvas follows the browser window, and window.latentlab (web/latentlab-shell.js) reaches
// the App through the exported ll_js_* functions below.
#include <SDL.h>
#include <emscripten.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "platform/platform.h"
#include "ui/app.h"
#include "core/parallel.h"
#include "core/utf8.h"
#include "ui/drawn_items.h"
#include "ui/json_text.h"

namespace {

constexpr int kMaxWebThreads = 8;  // threads the page starts with at most (PTHREAD_POOL_SIZE)
ll::App* g_app = nullptr;
std::string g_reply;  // keeps the last string handed to JavaScript alive until the next call
std::function<bool()> g_frame;
std::function<bool(double)> g_between_frames;

// clang-format off
EM_JS(int, js_window_width, (), { return window.innerWidth; });
EM_JS(int, js_window_height, (), { return window.innerHeight; });
// On start the link's own settings stay in the address (a reload sets the lab up again); on a
// lab change they are dropped, since they were another lab's (embed=1 stays).
EM_JS(void, js_show_lab_in_url, (const char* key, int keep_settings), {
  const url = new URL(window.location.href);
  if (!keep_settings) {
    const embed = url.searchParams.get('embed');
    url.search = "";
    if (embed) url.searchParams.set('embed', embed);
  }
  url.searchParams.set('lab', UTF8ToString(key));
  window.history.replaceState(null, "", url.toString());
  if (window.latentlab && window.latentlab._labChanged) window.latentlab._labChanged(UTF8ToString(key));
});
// A hidden <input type=file>; the chosen file goes through window.latentlab.loadFile. Targets
// ending in "-model" take model files, "-dataset" any file (IDX files such as MNIST's
// train-images-idx3-ubyte have no extension, and a filter of images hid zips and .npy files
// in the chooser), every other target images.
EM_JS(void, js_open_file_picker, (const char* target), {
  const input = document.createElement('input');
  input.type = 'file';
  const t = UTF8ToString(target);
  if (!t.endsWith('-dataset')) input.accept = t.endsWith('-model') ? '.safetensors' : 'image/png,image/jpeg,image/*';
  input.onchange = () => { if (input.files.length) window.latentlab.loadFile(input.files[0], t); };
  input.click();
});
// "Copy link": the page's own address with this setup's query; the clipboard where allowed.
EM_JS(char*, js_share_link, (const char* query), {
  const url = new URL(window.location.href);
  url.search = '?' + UTF8ToString(query);
  const text = url.toString();
  if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).catch(() => {});
  const n = lengthBytesUTF8(text) + 1;
  const p = _malloc(n);
  stringToUTF8(text, p, n);
  return p;
});
// A download of bytes the app made (a saved model): a Blob URL on a temporary link.
EM_JS(void, js_download, (const char* name, const uint8_t* data, int size), {
  const blob = new Blob([HEAPU8.slice(data, data + size)], { type: 'application/octet-stream' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = UTF8ToString(name);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60000);
});
// Dear ImGui's GL3 renderer saves and restores GL state around every frame. Chromium answers the
// scissor box and the blend functions and equations only after a round trip to the GPU process,
// which first runs every command queued before: with SwiftShader the first such query waited
// 34-43 ms per frame, 66% of the page thread's time in the deep autoencoder tab (a CPU profile
// and timed getParameter calls in headless Chromium). These values change only through the
// five calls wrapped here, so the context answers them from a copy; each is read from WebGL
// once, at its first query.
EM_JS(void, js_cache_gl_state, (), {
  const gl = GLctx;
  const SCISSOR_BOX = 0x0C10, BLEND_EQUATION_RGB = 0x8009, BLEND_EQUATION_ALPHA = 0x883D,
        BLEND_DST_RGB = 0x80C8, BLEND_SRC_RGB = 0x80C9, BLEND_DST_ALPHA = 0x80CA, BLEND_SRC_ALPHA = 0x80CB;
  const answered = new Set([SCISSOR_BOX, BLEND_EQUATION_RGB, BLEND_EQUATION_ALPHA, BLEND_DST_RGB, BLEND_SRC_RGB,
                            BLEND_DST_ALPHA, BLEND_SRC_ALPHA]);
  const kept = new Map();
  const getParameter = gl.getParameter.bind(gl);
  gl.getParameter = (p) => {
    if (!answered.has(p)) return getParameter(p);
    if (!kept.has(p)) kept.set(p, getParameter(p));
    const v = kept.get(p);
    return p === SCISSOR_BOX ? new Int32Array(v) : v;  // WebGL hands out a fresh array each time
  };
  const wrap = (name, keep) => {
    const f = gl[name].bind(gl);
    gl[name] = (...a) => { keep(...a); return f(...a); };
  };
  wrap('scissor', (x, y, w, h) => kept.set(SCISSOR_BOX, new Int32Array([x, y, w, h])));
  wrap('blendFunc', (s, d) => {
    kept.set(BLEND_SRC_RGB, s).set(BLEND_SRC_ALPHA, s).set(BLEND_DST_RGB, d).set(BLEND_DST_ALPHA, d);
  });
  wrap('blendFuncSeparate', (sr, dr, sa, da) => {
    kept.set(BLEND_SRC_RGB, sr).set(BLEND_DST_RGB, dr).set(BLEND_SRC_ALPHA, sa).set(BLEND_DST_ALPHA, da);
  });
  wrap('blendEquation', (m) => kept.set(BLEND_EQUATION_RGB, m).set(BLEND_EQUATION_ALPHA, m));
  wrap('blendEquationSeparate', (rgb, alpha) => kept.set(BLEND_EQUATION_RGB, rgb).set(BLEND_EQUATION_ALPHA, alpha));
});
// After each frame the page thread may train in the time left until the next frame is due: the
// frame's start plus the median of the last 30 frame intervals. With a fast GPU a frame's own
// slice leaves nothing; with software WebGL the page thread waited out ~30 ms of each ~45 ms
// frame. (bench/train_slices.cjs, single-thread build, 2026-12-06: training took 20-24% of the
// time at 17-21 fps before, 69-81% at 13-16 fps with the median; the shortest interval instead
// gave 31-36% at 16-20 fps. The threaded build, training on both cores, draws 11-16 fps here.)
// The intervals measured include the training done between frames, so the median can creep up:
// it is capped at kMaxInterval, so frames keep coming at least that often (plus one slice).
// Intervals over kStall (a lab being made, a tab in the background) are not the frame rate and
// are left out; with fewer than 5 intervals a frame is taken to last 1/60 s.
// Each slice is a task on a private MessageChannel that posts itself again while time is left
// and the App has trained, so the browser handles input between slices. A slice must end 2 ms
// before the frame is due, and none shorter than 4 ms is started. (setTimeout waits 4 ms
// between nested calls; emscripten_set_immediate posts to the window, where a course page's
// messages arrive.)
EM_JS(void, js_work_between_frames, (double frame_start_ms), {
  const kMaxInterval = 100, kStall = 250;
  let s = Module.llBetweenFrames;
  if (!s) {
    const channel = new MessageChannel();
    s = Module.llBetweenFrames = { port: channel.port2, posted: false, starts: [], next_frame: 0 };
    // Named so that a Chromium trace can tell its calls apart (bench/train_slices.cjs TRACE=1).
    channel.port1.onmessage = function trainBetweenFrames() {
      s.posted = false;
      const budget = s.next_frame - performance.now() - 2;
      if (budget >= 4 && _ll_js_between_frames(budget)) {
        s.posted = true;
        s.port.postMessage(0);
      }
    };
  }
  s.starts.push(frame_start_ms);
  if (s.starts.length > 31) s.starts.shift();
  const intervals = s.starts.slice(1).map((t, i) => t - s.starts[i]).filter((d) => d < kStall).sort((a, b) => a - b);
  const interval = intervals.length < 5 ? 1000 / 60 : Math.min(kMaxInterval, intervals[intervals.length >> 1]);
  s.next_frame = frame_start_ms + interval;
  if (!s.posted) {
    s.posted = true;
    s.port.postMessage(0);
  }
});
// The App exists: window.latentlab can answer, and a hosting course page can be told.
EM_JS(void, js_app_ready, (), { window.latentlab._appReady(); });
EM_JS(void, js_content_height, (int px), { window.latentlab._contentHeight(px); });
// The lab's description for screen readers (App::describe) into the page's aria-live region.
EM_JS(void, js_describe, (const char* text), { window.latentlab._describe(UTF8ToString(text)); });
// Datasets are fetched lazily by the page (web/latentlab-shell.js), which calls back
// ll_js_dataset_progress / ll_js_dataset_loaded / ll_js_dataset_failed.
EM_JS(void, js_fetch_dataset, (const char* name), {
  window.latentlab._fetchDataset(UTF8ToString(name));
});
// clang-format on
}  // namespace

// No exception may reach JavaScript: a wasm exception escaping an exported call once left
// window.latentlab throwing on every later call (issue 17). Each entry point answers instead:
// an error object or message for calls that return text, "no" for the others.
template <class F, class G>
auto guarded(const char* call, F f, G fallback) -> decltype(f()) {
  try {
    return f();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "LatentLab: %s failed: %s\n", call, e.what());
    return fallback();
  }
}
const auto no = [] { return 0; };
const char* reply(std::string text) {
  g_reply = std::move(text);
  return g_reply.c_str();
}
const char* error_json(const char* call) {
  return reply(ll::ui::to_json_text({{"error", std::string(call) + " failed; see the console"}}));
}

extern "C" {
EMSCRIPTEN_KEEPALIVE const char* ll_js_current_lab() { return g_app ? g_app->current_lab().c_str() : ""; }
EMSCRIPTEN_KEEPALIVE int ll_js_switch_lab(const char* key) {
  return guarded("switchLab", [&] { return int(g_app && g_app->switch_lab(key)); }, no);
}
// js_work_between_frames' task: 1 = it trained, so try again.
EMSCRIPTEN_KEEPALIVE int ll_js_between_frames(double budget_ms) {
  return guarded("training between frames", [&] { return int(g_between_frames && g_between_frames(budget_ms)); }, no);
}
EMSCRIPTEN_KEEPALIVE const char* ll_js_metrics_json() {
  return guarded("metrics", [] { return reply(g_app ? g_app->metrics_json() : "{}"); }, [] { return error_json("metrics"); });
}
// Bytes of a file the page read (picker or drop); returns the message shown to the user.
EMSCRIPTEN_KEEPALIVE const char* ll_js_load_file(const char* data, int size, const char* name,
                                                 const char* target) {
  return guarded("loadFile", [&] {
    return reply(g_app ? g_app->load_file(std::string_view(data, size_t(size)), name, target) : "");
  }, [&] { return reply(ll::utf8_shortened(name, 80) + ": the file could not be read (an internal error); nothing was changed."); });
}
EMSCRIPTEN_KEEPALIVE void ll_js_file_problem(const char* message) {
  if (g_app) g_app->file_problem(ll::valid_utf8(message));
}
EMSCRIPTEN_KEEPALIVE void ll_js_dataset_progress(const char* name, double fraction) {
  if (g_app) g_app->datasets.progress(name, fraction);
}
// The decompressed dataset file; parsed (and checked) here, errors shown by the page.
EMSCRIPTEN_KEEPALIVE void ll_js_dataset_loaded(const char* name, const char* data, int size) {
  guarded("dataset", [&] {
    if (g_app) g_app->datasets.deliver(name, std::string_view(data, size_t(size)));
    return 0;
  }, no);
}
EMSCRIPTEN_KEEPALIVE void ll_js_dataset_failed(const char* name, const char* message) {
  if (g_app) g_app->datasets.fail(name, ll::valid_utf8(message));
}
// Every labelled control of the last frame and where it is (ui/drawn_items.h).
EMSCRIPTEN_KEEPALIVE const char* ll_js_items_json() {
  return guarded("items", [] { return reply(ll::ui::to_json_text(ll::ui::drawn_items_json())); }, [] { return error_json("items"); });
}
// Every window of the last frame and how far its content runs past its right edge.
EMSCRIPTEN_KEEPALIVE const char* ll_js_windows_json() {
  return guarded("windows", [] { return reply(ll::ui::to_json_text(ll::ui::drawn_windows_json())); }, [] { return error_json("windows"); });
}
EMSCRIPTEN_KEEPALIVE const char* ll_js_labs_json() {
  return guarded("labs", [] { return reply(g_app ? g_app->labs_json() : "[]"); }, [] { return error_json("labs"); });
}
// Host control (course pages via postMessage): 1 = done, 0 = this lab cannot.
EMSCRIPTEN_KEEPALIVE int ll_js_set_training(int on) {
  return guarded("start/pause", [&] { return int(g_app && g_app->set_training(on != 0)); }, no);
}
EMSCRIPTEN_KEEPALIVE int ll_js_reset() {
  return guarded("reset", [] { return int(g_app && g_app->reset_lab()); }, no);
}
EMSCRIPTEN_KEEPALIVE void ll_js_set_visible(int visible) {
  if (g_app) g_app->set_page_visible(visible != 0);
}
}

namespace ll::platform {

// The shell turns ?embed=1 into "--embed", a touch screen (matchMedia any-pointer: coarse) into
// "--touch" and the whole query into "--link QUERY" (Module.arguments).
Options parse_options(int argc, char** argv) {
  Options opt;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--lab" && i + 1 < argc) opt.lab = argv[++i];
    else if (a == "--embed") opt.embed = true;
    else if (a == "--link" && i + 1 < argc) opt.link = argv[++i];
    else if (a == "--touch") opt.touch = true;
  }
  // The threaded build: navigator.hardwareConcurrency threads for training (what std::thread
  // reports there), at most kMaxWebThreads, which the worker pool started with the page covers
  // (CMakeLists.txt, PTHREAD_POOL_SIZE). Leaving a core to drawing was tried: on 2 cores with
  // software WebGL the frame rates while training stayed within noise (README, "Threads"), and
  // training got one core instead of two. A link's threads=N overrides. The single-thread build
  // ignores this.
  set_thread_count(std::clamp(hardware_threads(), 1, kMaxWebThreads));
  return opt;
}

void before_sdl_init() { SDL_SetHint(SDL_HINT_EMSCRIPTEN_KEYBOARD_ELEMENT, "#canvas"); }

void after_sdl_init(Options&) {}

void set_gl_attributes() {
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
}

void after_gl_context() { js_cache_gl_state(); }

const char* glsl_header() {
  return "#version 300 es\nprecision highp float;\nprecision highp int;\nprecision highp sampler2D;\n";
}
const char* imgui_glsl_version() { return "#version 300 es"; }

void publish(App& app) {
  g_app = &app;
  app.file_request = ui::FileRequest{true, js_open_file_picker, [](const std::string& name, const std::vector<uint8_t>& bytes) {
    js_download(name.c_str(), bytes.data(), int(bytes.size()));
    return "Downloaded " + name + " (" + std::to_string(bytes.size() / 1024) + " KiB).";
  }};
  app.datasets.set_fetch(js_fetch_dataset);
  app.share_link = [](const std::string& query) {
    char* text = js_share_link(query.c_str());
    std::string s(text);
    free(text);
    return s;
  };
  app.on_lab_changed = [](const std::string& key) { js_show_lab_in_url(key.c_str(), 0); };
  app.on_content_height = js_content_height;
  app.on_description = [](const std::string& text) { js_describe(text.c_str()); };
  js_show_lab_in_url(app.current_lab().c_str(), 1);
  js_app_ready();
}

void before_frame(SDL_Window* window) {
  int w = 0, h = 0;
  SDL_GetWindowSize(window, &w, &h);
  const int want_w = js_window_width(), want_h = js_window_height();
  // SDL scales the canvas' backing store by devicePixelRatio (SDL_WINDOW_ALLOW_HIGHDPI).
  if (want_w > 0 && want_h > 0 && (want_w != w || want_h != h)) SDL_SetWindowSize(window, want_w, want_h);
}

void idle_wait() {}

void run_main_loop(const std::function<bool()>& frame, const std::function<bool(double)>& between_frames) {
  g_frame = frame;
  g_between_frames = between_frames;
  // fps 0: driven by requestAnimationFrame. simulate_infinite_loop: the code after this call
  // in main never runs in the browser (which is why main's state lives in a global).
  emscripten_set_main_loop([] {
    const double start = emscripten_get_now();
    g_frame();
    js_work_between_frames(start);
  }, 0, 1);
}

}  // namespace ll::platform
