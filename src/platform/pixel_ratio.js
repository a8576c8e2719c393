// Canvas pixels per CSS pixel. SDL sizes the canvas' backing store by
// emscripten_get_device_pixel_ratio() (SDL_WINDOW_ALLOW_HIGHDPI); this replaces Emscripten's
// version (library_html5.js: the bare devicePixelRatio) with one capped at Module.maxPixelRatio,
// which web/latentlab-shell.js sets from the link's maxdpr (1 to 4, default 2). Why 2: a 390x844
// phone at DPR 3 drew 11.4 frames/s at full resolution and 19.6 at 2 (scripts/measure-dpr.cjs,
// README "An idle lab draws nothing"), and at 3 device pixels per CSS pixel the extra sharpness
// is hard to see; ?maxdpr=3 keeps it.
mergeInto(LibraryManager.library, {
  emscripten_get_device_pixel_ratio: function() {
    var ratio = (typeof devicePixelRatio == 'number' && devicePixelRatio) || 1.0;
    return Math.min(ratio, Module['maxPixelRatio'] || 2);
  },
});
