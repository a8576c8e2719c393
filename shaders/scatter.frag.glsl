// Round points: gl_PointCoord spans the point's square; drop the corners, soften the rim.
in vec3 Frag_Color;
uniform float Alpha;
layout (location = 0) out vec4 Out_Color;

void main() {
  float r = length(gl_PointCoord - vec2(0.5));
  if (r > 0.5) discard;
  Out_Color = vec4(Frag_Color, Alpha * smoothstep(0.5, 0.35, r));
}
