#include "labs/digit_drawing.h"

#include <algorithm>
#include <cmath>

namespace ll {

namespace {

constexpr int kSamples = 4;  // per pixel and axis: 16 samples give 17 grey levels

// Squared distance from (px, py) to the segment a-b.
float distance2(float px, float py, float ax, float ay, float bx, float by) {
  const float dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
  float t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0.0f;
  t = std::clamp(t, 0.0f, 1.0f);
  const float ex = ax + t * dx - px, ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}

const char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr int kGrid = 64;

}  // namespace

std::vector<float> mnist_image_of(const Drawing& d) {
  std::vector<float> out(size_t(kDigitSide * kDigitSide), 0.0f);
  float x0 = 1e30f, y0 = 1e30f, x1 = -1e30f, y1 = -1e30f;
  for (const Stroke& s : d.strokes)
    for (size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) {
      x0 = std::min(x0, s.x[i]), x1 = std::max(x1, s.x[i]);
      y0 = std::min(y0, s.y[i]), y1 = std::max(y1, s.y[i]);
    }
  if (x0 > x1) return out;  // nothing drawn

  // 1. Into the 20 x 20 box, aspect kept: the longer side of the strokes spans 20 pixels less
  //    the pen on both ends (a lone dot is the pen alone).
  const float longer = std::max(x1 - x0, y1 - y0);
  const float scale = longer > 0 ? (kDigitBox - 2 * kPenRadius) / longer : 0.0f;
  auto bx = [&](float x) { return (x - x0) * scale + kPenRadius; };
  auto by = [&](float y) { return (y - y0) * scale + kPenRadius; };
  constexpr int n = kDigitBox * kSamples;
  std::vector<uint8_t> ink(size_t(n * n), 0);
  const float r2 = kPenRadius * kPenRadius;
  for (const Stroke& s : d.strokes) {
    const size_t m = std::min(s.x.size(), s.y.size());
    for (size_t i = 0; i < m; ++i) {
      const size_t j = i + 1 < m ? i + 1 : i;  // the last point (or a dot): a segment of length 0
      const float ax = bx(s.x[i]), ay = by(s.y[i]), cx = bx(s.x[j]), cy = by(s.y[j]);
      // Only the samples near the segment: its bounding box grown by the pen.
      const int u0 = std::max(0, int(std::floor((std::min(ax, cx) - kPenRadius) * kSamples)));
      const int u1 = std::min(n - 1, int(std::ceil((std::max(ax, cx) + kPenRadius) * kSamples)));
      const int v0 = std::max(0, int(std::floor((std::min(ay, cy) - kPenRadius) * kSamples)));
      const int v1 = std::min(n - 1, int(std::ceil((std::max(ay, cy) + kPenRadius) * kSamples)));
      for (int v = v0; v <= v1; ++v)
        for (int u = u0; u <= u1; ++u) {
          const float px = (float(u) + 0.5f) / kSamples, py = (float(v) + 0.5f) / kSamples;
          if (distance2(px, py, ax, ay, cx, cy) <= r2) ink[size_t(v * n + u)] = 1;
        }
    }
  }
  // 2. Anti-aliased grey levels: the share of a pixel's samples under the pen.
  std::vector<float> box(size_t(kDigitBox * kDigitBox), 0.0f);
  double mass = 0, mx = 0, my = 0;
  for (int y = 0; y < kDigitBox; ++y)
    for (int x = 0; x < kDigitBox; ++x) {
      int c = 0;
      for (int v = 0; v < kSamples; ++v)
        for (int u = 0; u < kSamples; ++u) c += ink[size_t((y * kSamples + v) * n + x * kSamples + u)];
      const float g = float(c) / (kSamples * kSamples);
      box[size_t(y * kDigitBox + x)] = g;
      mass += g, mx += g * (x + 0.5), my += g * (y + 0.5);
    }
  if (mass <= 0) return out;  // (a pen always covers samples; this keeps the division safe)
  // 3. Centre of mass to the field's centre, by whole pixels, and never any ink off the field.
  int ix0 = kDigitBox, iy0 = kDigitBox, ix1 = -1, iy1 = -1;
  for (int y = 0; y < kDigitBox; ++y)
    for (int x = 0; x < kDigitBox; ++x)
      if (box[size_t(y * kDigitBox + x)] > 0) ix0 = std::min(ix0, x), ix1 = std::max(ix1, x), iy0 = std::min(iy0, y), iy1 = std::max(iy1, y);
  const int dx = std::clamp(int(std::lround(kDigitSide / 2.0 - mx / mass)), -ix0, kDigitSide - 1 - ix1);
  const int dy = std::clamp(int(std::lround(kDigitSide / 2.0 - my / mass)), -iy0, kDigitSide - 1 - iy1);
  for (int y = iy0; y <= iy1; ++y)
    for (int x = ix0; x <= ix1; ++x) out[size_t((y + dy) * kDigitSide + x + dx)] = box[size_t(y * kDigitBox + x)];
  return out;
}

std::string encode_drawing(const Drawing& d) {
  std::string text;
  for (const Stroke& s : d.strokes) {
    if (!text.empty()) text += '.';
    int last_x = -1, last_y = -1;
    for (size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) {
      const int x = std::clamp(int(std::lround(s.x[i] * (kGrid - 1))), 0, kGrid - 1);
      const int y = std::clamp(int(std::lround(s.y[i] * (kGrid - 1))), 0, kGrid - 1);
      if (x == last_x && y == last_y) continue;  // a repeat on the grid says nothing
      text += kB64[x];
      text += kB64[y];
      last_x = x, last_y = y;
    }
  }
  return text;
}

bool decode_drawing(const std::string& text, Drawing& out) {
  auto value = [](char c) {
    const char* p = std::find(kB64, kB64 + kGrid, c);
    return p == kB64 + kGrid ? -1 : int(p - kB64);
  };
  if (text.size() > kMaxDrawingText) return false;
  Drawing d;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = std::min(text.find('.', start), text.size());
    const size_t len = end - start;
    if (len == 0 || len % 2) return false;
    Stroke s;
    for (size_t i = start; i < end; i += 2) {
      const int x = value(text[i]), y = value(text[i + 1]);
      if (x < 0 || y < 0) return false;
      s.x.push_back(float(x) / (kGrid - 1));
      s.y.push_back(float(y) / (kGrid - 1));
    }
    d.strokes.push_back(std::move(s));
    start = end + 1;
  }
  out = std::move(d);
  return true;
}

}  // namespace ll
