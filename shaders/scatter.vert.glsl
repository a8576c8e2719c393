// A point of a latent map: data coordinates -> the plot's screen rectangle -> clip space with
// ImGui's projection. Each point carries its class, which picks its colour from Palette.
layout (location = 0) in vec2 Code;
layout (location = 1) in float Class;
uniform mat4 ProjMtx;
uniform vec4 Plot;      // screen rectangle x0, y0, x1, y1 (pixels, y down)
uniform vec4 Range;     // data range x0, y0, x1, y1 (y up)
uniform float PointSize;
uniform vec3 Palette[10];
out vec3 Frag_Color;

void main() {
  vec2 t = (Code - Range.xy) / (Range.zw - Range.xy);
  vec2 screen = vec2(mix(Plot.x, Plot.z, t.x), mix(Plot.w, Plot.y, t.y));
  Frag_Color = Palette[int(Class) % 10];
  gl_PointSize = PointSize;
  gl_Position = ProjMtx * vec4(screen, 0.0, 1.0);
}
