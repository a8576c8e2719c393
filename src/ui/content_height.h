// How tall the current ImGui window's content would be if nothing scrolled inside it: what a
// course page needs to size the lab's iframe so the whole page shows (latentlab:height).
#pragma once

namespace ll::ui {

// Call after the window's content is drawn, before ImGui::End(). ImGui units (CSS pixels on
// the web), measured from the window's top edge.
float natural_content_height();

}  // namespace ll::ui
