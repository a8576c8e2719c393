#include "gfx/image_view.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <memory>

#include "gfx/shader_program.h"

namespace ll::gfx {

namespace {
std::unique_ptr<ShaderProgram> g_program;
// Uniforms of each image drawn this frame. The draw callback runs at render time, after the UI
// code returned, so the values must live until the next frame; a deque never moves its elements.
std::deque<ImageStyle> g_frame_styles;

// ImGui draw callback: swap ImGui's shader for ours for the next draw command (the image quad).
// The backend keeps the bound program across commands and restores its own on ResetRenderState.
void use_image_program(const ImDrawList*, const ImDrawCmd* cmd) {
  const auto* style = static_cast<const ImageStyle*>(cmd->UserCallbackData);
  const ImDrawData* dd = ImGui::GetDrawData();
  const float L = dd->DisplayPos.x, R = dd->DisplayPos.x + dd->DisplaySize.x;
  const float T = dd->DisplayPos.y, B = dd->DisplayPos.y + dd->DisplaySize.y;
  // The same orthographic projection as ImGui's OpenGL3 backend (screen pixels -> clip space).
  const float ortho[16] = {2.0f / (R - L), 0, 0, 0, 0, 2.0f / (T - B), 0, 0,
                           0, 0, -1.0f, 0, (R + L) / (L - R), (T + B) / (B - T), 0, 1.0f};
  glUseProgram(g_program->id());
  glUniformMatrix4fv(g_program->uniform("ProjMtx"), 1, GL_FALSE, ortho);
  glUniform1i(g_program->uniform("Texture"), 0);
  glUniform2f(g_program->uniform("Range"), style->lo, style->hi);
  glUniform1i(g_program->uniform("Colormap"), int(style->colormap));
  glUniform1i(g_program->uniform("Smooth"), style->smooth ? 1 : 0);
  glUniform3fv(g_program->uniform("Low"), 1, kDivergingLow.data());
  glUniform3fv(g_program->uniform("High"), 1, kDivergingHigh.data());
}
}  // namespace

void init_image_view() {
  g_program = std::make_unique<ShaderProgram>("gray_image.vert.glsl", "gray_image.frag.glsl");
}

void begin_image_frame() { g_frame_styles.clear(); }

float texel_size(const ImageStyle& style, int width, float room) {
  const float scale = ImGui::GetIO().DisplayFramebufferScale.x;
  float fb_pixels = std::max(1.0f, std::round(float(std::max(1, style.zoom)) * scale));
  while (fb_pixels > 1.0f && width > 0 && room > 0.0f && float(width) * fb_pixels / scale > room) fb_pixels -= 1.0f;
  return fb_pixels / scale;
}

float image(const GrayTexture& tex, const ImageStyle& style) {
  const float scale = ImGui::GetIO().DisplayFramebufferScale.x;
  const float texel = texel_size(style, tex.width(), ImGui::GetContentRegionAvail().x);
  const ImVec2 size(float(tex.width()) * texel, float(tex.height()) * texel);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  // Snap to whole framebuffer pixels so nearest sampling maps each texel to the same number of
  // framebuffer pixels.
  const ImVec2 p0(std::floor(p.x * scale) / scale, std::floor(p.y * scale) / scale);
  g_frame_styles.push_back(style);
  dl->AddCallback(use_image_program, &g_frame_styles.back());
  dl->AddImage(ImTextureID(intptr_t(tex.id())), p0, ImVec2(p0.x + size.x, p0.y + size.y));
  dl->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
  ImGui::Dummy(size);
  return texel;
}

}  // namespace ll::gfx
