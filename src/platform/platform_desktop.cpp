// Desktop side of the platform seam: OpenGL 3.3 core, a plain while loop, options from argv.
#include <SDL.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "core/parallel.h"
#include "core/safetensors.h"
#include "labs/lab_catalog.h"
#include "platform/platform.h"
#include "ui/app.h"

namespace ll::platform {

static void usage(const char* argv0) {
  std::printf(
      "usage: %s [--lab NAME] [--link QUERY] [--embed] [--touch] [--threads N] [--quit-after-ms N] [--screenshot FILE.png]\n"
      "  --lab NAME          open this lab (%s)\n"
      "  --link QUERY        a lesson link's settings, e.g. 'lab=gan&k=1' or 'preset=map-2d'\n"
      "  --embed             the compact layout the web app uses in a course page's iframe\n"
      "  --touch             touch mode: larger hit areas, long press for context menus (on by\n"
      "                      itself when SDL finds a touch screen)\n"
      "  --threads N         threads for the large matrix products (default: all cores; the same\n"
      "                      seed gives the same numbers with any count)\n"
      "  --quit-after-ms N   exit after N milliseconds (for scripted runs)\n"
      "  --screenshot FILE   save the window as PNG just before quitting (needs --quit-after-ms)\n",
      argv0, lab_keys_list().c_str());
}

Options parse_options(int argc, char** argv) {
  Options opt;
  set_thread_count(hardware_threads());  // every core unless --threads says otherwise
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has_value = i + 1 < argc;
    if (a == "--help" || a == "-h") {
      usage(argv[0]);
      std::exit(0);
    } else if (a == "--lab" && has_value) {
      opt.lab = argv[++i];
    } else if (a == "--embed") {
      opt.embed = true;
    } else if (a == "--link" && has_value) {
      opt.link = argv[++i];
    } else if (a == "--touch") {
      opt.touch = true;
    } else if (a == "--quit-after-ms" && has_value) {
      opt.quit_after_ms = std::atoi(argv[++i]);
    } else if (a == "--screenshot" && has_value) {
      opt.screenshot = argv[++i];
    } else if (a == "--threads" && has_value) {
      set_thread_count(std::atoi(argv[++i]));
    } else {
      std::fprintf(stderr, "unknown or incomplete option '%s'\n", a.c_str());
      usage(argv[0]);
      std::exit(2);
    }
  }
  return opt;
}

void before_sdl_init() {}

// Only screens count (SDL_TOUCH_DEVICE_DIRECT): a touchpad drives the pointer like a mouse.
void after_sdl_init(Options& opt) {
  if (opt.touch) return;
  for (int i = 0; i < SDL_GetNumTouchDevices(); ++i)
    if (SDL_GetTouchDeviceType(SDL_GetTouchDevice(i)) == SDL_TOUCH_DEVICE_DIRECT) {
      opt.touch = true;
      std::printf("touch screen found: touch mode on (larger hit areas, long press for menus)\n");
      return;
    }
}

void set_gl_attributes() {
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, SDL_GL_CONTEXT_FORWARD_COMPATIBLE_FLAG);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
}

// Desktop drivers answer GL state queries from the client side: nothing to keep.
void after_gl_context() {}

const char* glsl_header() { return "#version 330 core\n"; }
const char* imgui_glsl_version() { return "#version 330 core"; }

// Desktop "downloads": the file goes to the working directory, and the page shows the path.
static std::string save_in_working_directory(const std::string& name, const std::vector<uint8_t>& bytes) {
  try {
    write_file_bytes(name, bytes);
    return "Saved " + std::filesystem::absolute(name).string() + " (" + std::to_string(bytes.size() / 1024) + " KiB).";
  } catch (const std::exception& e) {
    return std::string("Could not save: ") + e.what();
  }
}

void publish(App& app) {
  app.file_request.save = save_in_working_directory;
  app.share_link = [](const std::string& query) {
    const std::string command = "latentlab-gui --link '" + query + "'";
    SDL_SetClipboardText(command.c_str());
    return command;
  };
}
void before_frame(SDL_Window*) {}

void idle_wait() { SDL_WaitEventTimeout(nullptr, 50); }

void run_main_loop(const std::function<bool()>& frame, const std::function<bool(double)>&) {
  while (frame()) {
  }
}

}  // namespace ll::platform
