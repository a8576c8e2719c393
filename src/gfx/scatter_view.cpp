#include "gfx/scatter_view.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <memory>
#include <vector>

#include "gfx/shader_program.h"

namespace ll::gfx {

namespace {
std::unique_ptr<ShaderProgram> g_program;

// What one scatter() call needs at render time (the callback runs after the UI code returned,
// so it lives until the next frame; a deque never moves its elements).
struct Draw {
  GLuint vao;
  int count;
  ImVec2 p0, p1;
  ScatterStyle style;
};
std::deque<Draw> g_draws;

void draw_points(const ImDrawList*, const ImDrawCmd* cmd) {
  const Draw& d = *static_cast<const Draw*>(cmd->UserCallbackData);
  const ImDrawData* dd = ImGui::GetDrawData();
  const float L = dd->DisplayPos.x, R = dd->DisplayPos.x + dd->DisplaySize.x;
  const float T = dd->DisplayPos.y, B = dd->DisplayPos.y + dd->DisplaySize.y;
  const float ortho[16] = {2.0f / (R - L), 0, 0, 0, 0, 2.0f / (T - B), 0, 0,
                           0, 0, -1.0f, 0, (R + L) / (L - R), (T + B) / (B - T), 0, 1.0f};
  // Clip to the window like ImGui's backend does for its own commands (framebuffer pixels).
  const ImVec2 s = dd->FramebufferScale;
  const float fb_h = dd->DisplaySize.y * s.y;
  const ImVec4 c = cmd->ClipRect;
  glScissor(int((c.x - L) * s.x), int(fb_h - (c.w - T) * s.y), int((c.z - c.x) * s.x), int((c.w - c.y) * s.y));
  float palette[30];
  for (int i = 0; i < 10; ++i)
    for (int k = 0; k < 3; ++k) palette[3 * i + k] = float((kClassColors[size_t(i)] >> (16 - 8 * k)) & 255) / 255.0f;
  glUseProgram(g_program->id());
  glUniformMatrix4fv(g_program->uniform("ProjMtx"), 1, GL_FALSE, ortho);
  glUniform4f(g_program->uniform("Plot"), d.p0.x, d.p0.y, d.p1.x, d.p1.y);
  glUniform4f(g_program->uniform("Range"), d.style.x0, d.style.y0, d.style.x1, d.style.y1);
  glUniform1f(g_program->uniform("PointSize"), d.style.point_px * s.x);
  glUniform1f(g_program->uniform("Alpha"), d.style.alpha);
  glUniform3fv(g_program->uniform("Palette"), 10, palette);
  glBindVertexArray(d.vao);
  glDrawArrays(GL_POINTS, 0, d.count);
}
}  // namespace

ImU32 class_color(int c, float alpha) {
  const unsigned rgb = kClassColors[size_t(((c % 10) + 10) % 10)];
  return IM_COL32((rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255, int(alpha * 255));
}

PointCloud::~PointCloud() {
  if (vbo_) glDeleteBuffers(1, &vbo_);
  if (vao_) glDeleteVertexArrays(1, &vao_);
}

void PointCloud::upload(const float* x, const float* y, const int* cls, int n) {
  std::vector<float> v(size_t(3 * n));
  for (int i = 0; i < n; ++i) {
    v[size_t(3 * i)] = x[i];
    v[size_t(3 * i + 1)] = y[i];
    v[size_t(3 * i + 2)] = float(cls[i]);
  }
  if (!vao_) {
    glGenVertexArrays(1, &vao_);
    glGenBuffers(1, &vbo_);
    glBindVertexArray(vao_);
    glBindBuffer(GL_ARRAY_BUFFER, vbo_);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 3 * sizeof(float), nullptr);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 1, GL_FLOAT, GL_FALSE, 3 * sizeof(float), reinterpret_cast<void*>(2 * sizeof(float)));
    glBindVertexArray(0);
  }
  glBindBuffer(GL_ARRAY_BUFFER, vbo_);
  glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(v.size() * sizeof(float)), v.data(), GL_DYNAMIC_DRAW);
  count_ = n;
  data_ = std::move(v);
}

std::vector<uint8_t> scatter_rgb(const PointCloud& points, const ScatterStyle& style, int size, unsigned background) {
  std::vector<float> img(size_t(size) * size_t(size) * 3);
  for (size_t i = 0; i < img.size(); ++i) img[i] = float((background >> (16 - 8 * (i % 3))) & 255);
  const std::vector<float>& d = points.data();
  const float diameter = style.point_px;
  for (size_t p = 0; p + 2 < d.size(); p += 3) {
    // scatter.vert: data -> pixel position (y up in data, down on screen).
    const float cx = (d[p] - style.x0) / (style.x1 - style.x0) * float(size);
    const float cy = (1.0f - (d[p + 1] - style.y0) / (style.y1 - style.y0)) * float(size);
    const unsigned rgb = kClassColors[size_t(int(d[p + 2]) % 10)];
    const int x0 = std::max(0, int(std::floor(cx - diameter / 2))), x1 = std::min(size - 1, int(std::ceil(cx + diameter / 2)));
    const int y0 = std::max(0, int(std::floor(cy - diameter / 2))), y1 = std::min(size - 1, int(std::ceil(cy + diameter / 2)));
    for (int y = y0; y <= y1; ++y)
      for (int x = x0; x <= x1; ++x) {
        // scatter.frag: r is the distance from the centre in units of the point's width.
        const float r = std::hypot(float(x) + 0.5f - cx, float(y) + 0.5f - cy) / diameter;
        if (r > 0.5f) continue;
        const float e = std::clamp((r - 0.5f) / (0.35f - 0.5f), 0.0f, 1.0f);
        const float a = style.alpha * e * e * (3.0f - 2.0f * e);  // smoothstep(0.5, 0.35, r)
        float* px = &img[(size_t(y) * size_t(size) + size_t(x)) * 3];
        for (int k = 0; k < 3; ++k) px[k] = float((rgb >> (16 - 8 * k)) & 255) * a + px[k] * (1.0f - a);
      }
  }
  std::vector<uint8_t> out(img.size());
  for (size_t i = 0; i < img.size(); ++i) out[i] = uint8_t(std::lround(img[i]));
  return out;
}

void init_scatter_view() {
  g_program = std::make_unique<ShaderProgram>("scatter.vert.glsl", "scatter.frag.glsl");
  enable_point_size();
}

void begin_scatter_frame() { g_draws.clear(); }

void scatter(const PointCloud& points, ImVec2 p0, ImVec2 p1, const ScatterStyle& style) {
  if (points.size() == 0) return;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  g_draws.push_back({points.vao(), points.size(), p0, p1, style});
  dl->PushClipRect(p0, p1, true);
  dl->AddCallback(draw_points, &g_draws.back());
  dl->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
  dl->PopClipRect();
}

}  // namespace ll::gfx
