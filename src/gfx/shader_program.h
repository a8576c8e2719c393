// A GLSL program built from the shaders in shaders/, which CMake embeds into the binary.
// The version line is not in the files: it is prepended per target (see gl.h).
#pragma once
#include <string>

#include "gfx/gl.h"

namespace ll::gfx {

class ShaderProgram {
 public:
  ShaderProgram() = default;
  // Compiles shaders/<vertex> and shaders/<fragment>; throws std::runtime_error with the GL log.
  ShaderProgram(const std::string& vertex, const std::string& fragment);
  ~ShaderProgram();
  ShaderProgram(ShaderProgram&& o) noexcept : id_(o.id_) { o.id_ = 0; }
  ShaderProgram& operator=(ShaderProgram&& o) noexcept;
  ShaderProgram(const ShaderProgram&) = delete;
  ShaderProgram& operator=(const ShaderProgram&) = delete;

  GLuint id() const { return id_; }
  GLint uniform(const char* name) const { return glGetUniformLocation(id_, name); }

 private:
  GLuint id_ = 0;
};

}  // namespace ll::gfx
