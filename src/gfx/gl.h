// The one place that knows which GL we are on: OpenGL ES 3.0 (= WebGL2) in the browser,
// OpenGL 3.3 core on the desktop. Everything else includes this and writes GL ES 3.0 code,
// which is a subset of GL 3.3 core for everything LatentLab uses.
#pragma once
#if defined(__EMSCRIPTEN__)
#include <GLES3/gl3.h>
#else
#define GL_GLEXT_PROTOTYPES 1
#include <SDL_opengl.h>
#include <SDL_opengl_glext.h>
#endif

namespace ll::gfx {
// Lets vertex shaders set gl_PointSize: always on in GL ES 3.0, a switch in desktop GL.
inline void enable_point_size() {
#if !defined(__EMSCRIPTEN__)
  glEnable(GL_PROGRAM_POINT_SIZE);
#endif
}
// First line(s) of every shader: "#version 300 es\nprecision highp float;" or "#version 330 core".
// Set once by the platform layer before any shader is compiled.
void set_glsl_header(const char* header);
const char* glsl_header();
}  // namespace ll::gfx
