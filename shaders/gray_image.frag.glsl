// Maps one float per pixel to a colour on the GPU, so the CPU uploads raw values (pixels on the
// 8-bit scale, network outputs in [-1, 1], signed errors) and the range is a uniform.
//   Colormap 0: gray ramp, Range.x -> black, Range.y -> white.
//   Colormap 1: diverging for signed values, Low (Range.x) - white (middle) - High (Range.y),
//               blue and red, used for error images so over- and under-shoot read differently.
//   Smooth 1: bilinear between texel centres (texelFetch: R32F is not filterable in WebGL2).
// gfx/colormap.cpp does the same on the CPU for saved PNGs and holds the end colours and why
// they read with colour-vision deficiencies; change both together.
uniform sampler2D Texture;
uniform vec2 Range;
uniform int Colormap;
uniform int Smooth;
uniform vec3 Low, High;
in vec2 Frag_UV;
layout (location = 0) out vec4 Out_Color;

void main() {
  float v;
  if (Smooth == 1) {
    ivec2 last = textureSize(Texture, 0) - 1;
    vec2 p = Frag_UV * vec2(last + 1) - 0.5;
    ivec2 i = ivec2(floor(p));
    vec2 a = p - floor(p);
    float v00 = texelFetch(Texture, clamp(i, ivec2(0), last), 0).r;
    float v10 = texelFetch(Texture, clamp(i + ivec2(1, 0), ivec2(0), last), 0).r;
    float v01 = texelFetch(Texture, clamp(i + ivec2(0, 1), ivec2(0), last), 0).r;
    float v11 = texelFetch(Texture, clamp(i + ivec2(1, 1), ivec2(0), last), 0).r;
    v = mix(mix(v00, v10, a.x), mix(v01, v11, a.x), a.y);
  } else {
    v = texture(Texture, Frag_UV).r;
  }
  float t = clamp((v - Range.x) / (Range.y - Range.x), 0.0, 1.0);
  vec3 rgb;
  if (Colormap == 1) {
    rgb = t < 0.5 ? mix(Low, vec3(1.0), t * 2.0) : mix(vec3(1.0), High, t * 2.0 - 1.0);
  } else {
    rgb = vec3(t);
  }
  Out_Color = vec4(rgb, 1.0);
}
