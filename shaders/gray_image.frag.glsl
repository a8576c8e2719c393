// Maps one float per pixel to a colour on the GPU, so the CPU uploads raw values (pixels on the
// 8-bit scale, network outputs in [-1, 1], signed errors) and the range is a uniform.
//   Colormap 0: gray ramp, Range.x -> black, Range.y -> white.
//   Colormap 1: diverging for signed values, blue (Range.x) - white (middle) - red (Range.y),
//               used for error images so over- and under-shoot read differently.
uniform sampler2D Texture;
uniform vec2 Range;
uniform int Colormap;
in vec2 Frag_UV;
layout (location = 0) out vec4 Out_Color;

void main() {
  float v = texture(Texture, Frag_UV).r;
  float t = clamp((v - Range.x) / (Range.y - Range.x), 0.0, 1.0);
  vec3 rgb;
  if (Colormap == 1) {
    vec3 blue = vec3(0.13, 0.40, 0.80), red = vec3(0.80, 0.15, 0.15);
    rgb = t < 0.5 ? mix(blue, vec3(1.0), t * 2.0) : mix(vec3(1.0), red, t * 2.0 - 1.0);
  } else {
    rgb = vec3(t);
  }
  Out_Color = vec4(rgb, 1.0);
}
