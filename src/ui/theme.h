// Fonts and colours. Text is rasterized at the screen's pixel density so it stays crisp on
// high-DPI displays (devicePixelRatio 2 in a browser, Retina desktops).
#pragma once

namespace ll::ui {
// pixel_ratio: framebuffer pixels per window unit (1 on most desktops, 2 on high-DPI screens).
void apply_theme(float pixel_ratio);
}
