// LatentLab's one main, for the browser and the desktop alike (Dear ImGui's
// example_sdl2_opengl3 structure): init SDL + GL, create ImGui, then one frame body driven by
// the platform's loop. Web/desktop differences are behind platform.h.
#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <stdexcept>
#include <vector>

#include "gfx/gl.h"
#include "gfx/image_view.h"
#include "gfx/scatter_view.h"
#include "labs/image_io.h"
#include "platform/platform.h"
#include "ui/app.h"
#include "ui/drawn_items.h"
#include "ui/pointer_input.h"
#include "ui/widgets/export_menu.h"
#include "ui/theme.h"

namespace {

// Everything the frame body uses lives here, not on main's stack: in the browser main() returns
// to JavaScript right after starting the loop (emscripten unwinds its stack), so stack locals
// would be overwritten while frames keep running.
struct Session {
  ll::platform::Options opt;
  SDL_Window* window = nullptr;
  std::unique_ptr<ll::App> app;
  ll::ui::PointerInput pointer;
  Uint32 start_ms = 0;
  bool running = true;
  float pixel_ratio = 0;  // the one the font was rasterized for
  int drawable_w = 0, drawable_h = 0;  // the last frame's, to notice resizes and zoom
};
Session g;

// Reads the back buffer (bottom-up rows) and writes it as a top-down PNG.
void save_screenshot(const std::string& path, int w, int h) {
  std::vector<uint8_t> rgba(size_t(w) * h * 4), flipped(rgba.size());
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
  for (int y = 0; y < h; ++y)
    std::copy_n(&rgba[size_t(h - 1 - y) * w * 4], size_t(w) * 4, &flipped[size_t(y) * w * 4]);
  ll::save_png_rgba(path, w, h, flipped.data());
  std::printf("screenshot: %s (%dx%d)\n", path.c_str(), w, h);
}

// Framebuffer pixels per window unit: devicePixelRatio in the browser (it changes with browser
// zoom), 2 on Retina desktops. The font follows it, so text stays crisp.
void follow_pixel_ratio() {
  int win_w = 0, win_h = 0, fb_w = 0, fb_h = 0;
  SDL_GetWindowSize(g.window, &win_w, &win_h);
  SDL_GL_GetDrawableSize(g.window, &fb_w, &fb_h);
  const float ratio = win_w > 0 ? float(fb_w) / float(win_w) : 1.0f;
  if (ratio == g.pixel_ratio) return;
  const bool rebuild = g.pixel_ratio > 0;  // the first time, the backend builds the texture itself
  g.pixel_ratio = ratio;
  ll::ui::apply_theme(ratio, g.opt.touch);
  if (rebuild) {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
}

// One frame: events, update + draw the app, present. Returns false when the app should quit.
bool frame() {
  SDL_Event event;
  bool changed = false;  // by the user or the window: worth drawing a frame for
  while (SDL_PollEvent(&event)) {
    changed = true;
    ImGui_ImplSDL2_ProcessEvent(&event);
    if (event.type == SDL_QUIT) g.running = false;
    if (event.type == SDL_MOUSEWHEEL) g.pointer.wheel(event.wheel.preciseX, event.wheel.preciseY);
    if (event.type == SDL_DROPFILE) {  // desktop drag and drop: the image becomes the new image
      const std::string path = event.drop.file;
      SDL_free(event.drop.file);
      std::ifstream f(path, std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
      std::printf("%s\n", g.app->load_file(bytes, path, "drop").c_str());
    }
  }
  ll::platform::before_frame(g.window);
  int dw = 0, dh = 0;
  SDL_GL_GetDrawableSize(g.window, &dw, &dh);
  if (dw != g.drawable_w || dh != g.drawable_h) changed = true;
  g.drawable_w = dw, g.drawable_h = dh;
  if (changed) g.app->poke();
  const bool time_up =
      g.opt.quit_after_ms > 0 && SDL_GetTicks() - g.start_ms >= Uint32(g.opt.quit_after_ms);
  if (!time_up && !g.app->wants_frame()) {  // nothing would change: keep the last picture
    g.app->skipped_frame();
    ll::platform::idle_wait();
    return g.running;
  }
  follow_pixel_ratio();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  if (g.pointer.before_new_frame(g.opt.touch)) g.app->poke();  // a tap's release comes next frame
  ll::ui::begin_item_frame();
  ImGui::NewFrame();
  g.app->frame();
  ImGui::Render();
  int w = 0, h = 0;
  SDL_GL_GetDrawableSize(g.window, &w, &h);
  glViewport(0, 0, w, h);
  glClearColor(0.08f, 0.09f, 0.11f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

  if (time_up && !g.opt.screenshot.empty()) save_screenshot(g.opt.screenshot, w, h);
  SDL_GL_SwapWindow(g.window);
  if (time_up) {
    std::printf("frames: %d\n", ImGui::GetFrameCount());
    g.running = false;
  }
  return g.running;
}

}  // namespace

int main(int argc, char** argv) {
  g.opt = ll::platform::parse_options(argc, argv);
  ll::platform::before_sdl_init();
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
    std::fprintf(stderr, "SDL_Init failed: %s\n", SDL_GetError());
    return 1;
  }
  ll::platform::after_sdl_init(g.opt);
  ll::platform::set_gl_attributes();
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
  g.window = SDL_CreateWindow(
      "LatentLab", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, 1280, 800,
      SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
  if (!g.window) {
    std::fprintf(stderr, "SDL_CreateWindow failed: %s\n", SDL_GetError());
    return 1;
  }
  SDL_GLContext gl = SDL_GL_CreateContext(g.window);
  if (!gl) {
    std::fprintf(stderr, "no OpenGL context: %s\n", SDL_GetError());
    return 1;
  }
  SDL_GL_MakeCurrent(g.window, gl);
  ll::platform::after_gl_context();
  SDL_GL_SetSwapInterval(1);
  std::printf("GL_VERSION: %s\nGL_RENDERER: %s\n", (const char*)glGetString(GL_VERSION),
              (const char*)glGetString(GL_RENDERER));
  std::fflush(stdout);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ll::ui::enable_item_hooks();
  ImGui::GetIO().IniFilename = nullptr;  // no settings file: the layout is fixed
  // Arrow keys move between widgets, Space presses, Enter edits a number, Escape leaves a pane.
  ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  follow_pixel_ratio();
  ImGui_ImplSDL2_InitForOpenGL(g.window, gl);
  ImGui_ImplOpenGL3_Init(ll::platform::imgui_glsl_version());
  ll::gfx::set_glsl_header(ll::platform::glsl_header());
  try {
    ll::gfx::init_image_view();
    ll::gfx::init_scatter_view();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }

  g.app = std::make_unique<ll::App>(g.opt.lab, g.opt.embed, g.opt.link);
  ll::platform::publish(*g.app);
  ll::ui::init_export(g.app->file_request, g.opt.touch);
  g.start_ms = SDL_GetTicks();
  // Returns only on the desktop. Slices between frames are no longer than a frame's own.
  ll::platform::run_main_loop(frame, [](double budget_ms) {
    return g.app->train_between_frames(std::min(budget_ms, ll::App::kTrainBudgetMs));
  });

  g.app.reset();
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplSDL2_Shutdown();
  ImGui::DestroyContext();
  SDL_GL_DeleteContext(gl);
  SDL_DestroyWindow(g.window);
  SDL_Quit();
  return 0;
}
