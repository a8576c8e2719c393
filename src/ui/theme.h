// Fonts, colours and sizes. Text is rasterized at the screen's pixel density so it stays crisp
// on high-DPI displays (devicePixelRatio 2 or 3 in a browser, Retina desktops); touch screens
// get larger hit areas.
#pragma once

namespace ll::ui {
// pixel_ratio: framebuffer pixels per window unit (1 on most desktops, 2 on high-DPI screens).
// touch: the device has a coarse pointer (a finger). Call again when either changes, then
// rebuild the font texture.
void apply_theme(float pixel_ratio, bool touch);
// A problem the student must see (training diverged, a file was refused): wrapped to the
// column, in the warning colour.
void warning_text(const char* text);
}
