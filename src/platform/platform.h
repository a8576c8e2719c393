// The seam between the one shared main loop (main.cpp) and the two platforms. Exactly one of
// platform_web.cpp / platform_desktop.cpp is compiled into each app, so no other file needs an
// #ifdef for web vs desktop (the GL header choice lives in gfx/gl.h).
#pragma once
#include <functional>
#include <string>

struct SDL_Window;

namespace ll {
class App;
}

namespace ll::platform {

struct Options {
  std::string lab;            // --lab NAME (the web shell passes ?lab=NAME the same way)
  std::string link;           // --link QUERY: a lesson link's settings (the web passes ?...)
  bool embed = false;         // --embed: compact layout for a course page's iframe (?embed=1)
  bool touch = false;         // --touch: larger hit areas, long press opens context menus
  int quit_after_ms = 0;      // desktop: exit on its own (CI); 0 = run until closed
  std::string screenshot;     // desktop: write the window to this PNG just before quitting
};

// Parses argv; prints usage and exits on --help or bad arguments.
Options parse_options(int argc, char** argv);

// Before SDL_Init. The web takes keys only while the canvas has focus, so a keyboard user can
// leave the lab (Escape twice blurs it, see web/latentlab-shell.js) and Tab on to the host page.
void before_sdl_init();
// After SDL_Init. The desktop turns touch mode on when SDL sees a touch screen; on the web the
// shell has decided already (matchMedia any-pointer: coarse) and passed --touch.
void after_sdl_init(Options& opt);
// Before SDL_CreateWindow: GL ES 3.0 (WebGL2) on the web, GL 3.3 core on the desktop.
void set_gl_attributes();
// After the GL context is made current. The web answers the GL state queries that WebGL sends
// to the GPU process and waits for (see platform_web.cpp) from a copy kept in the page.
void after_gl_context();
// "#version 300 es" + precision lines, or "#version 330 core"; for ImGui and our shaders.
const char* glsl_header();
const char* imgui_glsl_version();

// Once, after the App exists: the web exposes window.latentlab and mirrors the lab in the URL.
void publish(App& app);
// At the top of every frame: the web keeps the canvas the size of the browser window.
void before_frame(SDL_Window* window);
// Called instead of drawing when nothing would change: the desktop sleeps until an event or
// 50 ms pass; the web returns at once (requestAnimationFrame already paces the loop).
void idle_wait();
// Runs frame() until it returns false (desktop) or forever (web: the browser drives frames).
// After a frame the web calls between_frames(budget_ms) again and again, while it returns true
// and the next frame is not due, yielding to the browser (input, the next frame) between calls.
// The desktop ignores it: its labs train on threads, so there is nothing to do between frames.
void run_main_loop(const std::function<bool()>& frame, const std::function<bool(double)>& between_frames);

}  // namespace ll::platform
