// LatentLab's page logic: checks the browser can run the app, shows download progress, starts
// the wasm module with the query as its --link argument (?embed=1 also as --embed), stops training while
// the page is hidden, and exposes window.latentlab for tests and for course pages that embed a
// lab (latentlab-embed.js speaks to those over postMessage).
(function () {
  'use strict';
  const status = document.getElementById('loading-status');
  const bar = document.getElementById('loading-bar');

  function unsupported(reason) {
    document.getElementById('loading').hidden = true;
    document.getElementById('unsupported-reason').textContent = reason;
    document.getElementById('unsupported').hidden = false;
    console.error('LatentLab unsupported: ' + reason);
    // A course page hosting the lab in an iframe hears it too (docs/embedding.md).
    if (window.parent !== window)
      window.parent.postMessage({ type: 'latentlab:unsupported', protocol: 1, reason: reason }, '*');
  }

  // A minimal module using one SIMD instruction (i8x16.splat); validate() is false without SIMD.
  const simdProbe = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1,
    0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);
  if (typeof WebAssembly !== 'object') return unsupported('WebAssembly is not available.');
  if (!WebAssembly.validate(simdProbe)) return unsupported('WebAssembly SIMD is not available.');
  if (!document.createElement('canvas').getContext('webgl2'))
    return unsupported('WebGL 2 is not available.');

  const canvas = document.getElementById('canvas');
  // The app keeps Tab and Escape for its own navigation; Escape twice within a second hands the
  // keyboard back (the canvas loses focus), so the next Tab leaves the lab, as in any page.
  let lastEscape = -1e9;
  canvas.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    if (e.timeStamp - lastEscape < 1000) {
      canvas.blur();
      lastEscape = -1e9;
    } else {
      lastEscape = e.timeStamp;
    }
  }, true);
  // SDL 2.26 takes the pointer's position from mousemove only: its mousedown handler sends the
  // button alone (SDL_emscriptenevents.c). A pen that touches down without hovering sends
  // pointerdown and mousedown with no mousemove before them (Chromium 156), so the app saw the
  // press where the pointer had last been: it missed the drawing pad or pressed a control far
  // away. pointerdown comes before the mousedown it causes, so a move to the press's place
  // reaches SDL first. Touches are left alone: SDL reads them from touch events.
  canvas.addEventListener('pointerdown', (e) => {
    if (e.pointerType === 'touch') return;
    canvas.dispatchEvent(new MouseEvent('mousemove', { clientX: e.clientX, clientY: e.clientY,
      screenX: e.screenX, screenY: e.screenY, buttons: e.buttons, bubbles: true }));
  }, true);
  canvas.addEventListener('webglcontextlost', (e) => {
    e.preventDefault();
    unsupported('The WebGL context was lost (the GPU was reset). Reload the page to continue.');
  });

  const query = new URLSearchParams(window.location.search);
  const embed = query.get('embed') === '1';
  if (embed) document.body.classList.add('embed');
  // Any touch screen, also on a laptop that has a mouse too: larger hit areas, long press for
  // context menus (the app's --touch).
  const touch = window.matchMedia('(any-pointer: coarse)').matches;
  const description = document.getElementById('lab-description');
  const listeners = [], readyListeners = [], heightListeners = [];
  let appReady = false, contentHeight = 0;
  let programDir = '';  // '' (single-thread build) or 'mt/' (threaded build)

  // Download index.wasm ourselves so the bar shows real bytes, then hand it to emscripten.
  // WebAssembly.instantiate(bytes) does not care about the MIME type, so hosts that do not
  // know application/wasm still work. With Content-Encoding (a gzipping server) the length is
  // the compressed size while the reader yields gunzipped bytes: the bar then counts MB only.
  async function fetchWithProgress(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
    const encoded = Boolean(response.headers.get('Content-Encoding'));
    const total = encoded ? 0 : Number(response.headers.get('Content-Length')) || 0;
    if (!response.body) return new Uint8Array(await response.arrayBuffer());
    const reader = response.body.getReader();
    const chunks = [];
    let received = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      if (total) bar.style.width = (100 * received / total).toFixed(1) + '%';
      status.textContent = 'Loading ' + (received / 1e6).toFixed(1) +
        (total ? ' / ' + (total / 1e6).toFixed(1) : '') + ' MB';
    }
    return new Uint8Array(await new Blob(chunks).arrayBuffer());
  }

  // The canvas' resolution cap (src/platform/pixel_ratio.js): ?maxdpr=N, 1 to 4; the app reports
  // a value outside that range (ui/lesson_link.cpp) and the default 2 applies.
  const maxdpr = Number(query.get('maxdpr'));
  window.Module = {
    canvas: canvas,
    maxPixelRatio: query.has('maxdpr') && maxdpr >= 1 && maxdpr <= 4 ? maxdpr : 2,
    // The whole query is a lesson link (lab, preset, settings, hide); the app parses and checks it.
    arguments: (embed ? ['--embed'] : []).concat(touch ? ['--touch'] : [], ['--link', window.location.search.slice(1)]),
    print: (t) => console.log(t),
    printErr: (t) => console.warn(t),
    instantiateWasm: (imports, receive) => {
      fetchWithProgress(programDir + 'index.wasm')
        .then((bytes) => WebAssembly.instantiate(bytes, imports))
        .then((result) => receive(result.instance, result.module))
        .catch((e) => unsupported('Could not load the program: ' + e.message));
      return {};
    },
    onRuntimeInitialized: () => {
      document.getElementById('loading').hidden = true;
      canvas.focus();
    },
    onAbort: (what) => unsupported('The program stopped: ' + what),
  };

  function call(name, ...args) {
    if (!window.Module.calledRun) throw new Error('LatentLab is still loading');
    return window.Module['_' + name](...args);
  }
  function withString(s, fn) {
    const n = window.Module.lengthBytesUTF8(s) + 1;
    const p = window.Module._malloc(n);
    try {
      window.Module.stringToUTF8(s, p, n);
      return fn(p);
    } finally {
      window.Module._free(p);
    }
  }

  // The bytes of a file a user picked or dropped. Every Blob (so every File) has a method
  // bytes() in current browsers, so `file.bytes` is data only when it is not a function.
  // Files above MAX_FILE_BYTES are refused before they are read: no lab takes anything near
  // that size (the largest model, the faces autoencoder, is ~30 MB).
  const MAX_FILE_BYTES = 256 * 1024 * 1024, COPY_CHUNK = 1024 * 1024;
  async function fileBytes(file, name) {
    if (file && typeof file.arrayBuffer === 'function') {
      if (file.size > MAX_FILE_BYTES)
        throw new Error('the file is ' + (file.size / 1048576).toFixed(0) + ' MB, more than the ' +
          MAX_FILE_BYTES / 1048576 + ' MB any lab takes');
      return new Uint8Array(await file.arrayBuffer());
    }
    const b = file && file.bytes;
    if (b instanceof Uint8Array) return b;
    if (b instanceof ArrayBuffer) return new Uint8Array(b);
    if (ArrayBuffer.isView(b)) return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    throw new Error('not a file (expected a File, a Blob or {name, bytes: Uint8Array})');
  }
  // Unpacks gzip data with the browser's DecompressionStream, stopping as soon as the output
  // passes what any data set can be (MAX_DATASET_BYTES, labs/datasets.h): a small file can
  // unpack to gigabytes.
  const MAX_DATASET_BYTES = 256 * 1024 * 1024;
  async function gunzipCapped(bytes, url) {
    const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
    const chunks = [];
    let total = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        total += value.length;
        if (total > MAX_DATASET_BYTES) {
          reader.cancel();
          throw new RangeError(url + ': unpacks to more than ' + MAX_DATASET_BYTES / 1048576 +
            ' MB, more than any data set the labs take; it was not read further');
        }
        chunks.push(value);
      }
    } catch (e) {
      if (e instanceof RangeError) throw e;
      throw new Error(url + ': the gzip data is corrupt or truncated (' + e.message + ')');
    }
    return new Uint8Array(await new Blob(chunks).arrayBuffer());
  }
  // A problem found before the lab saw the file: shown by the app like its own messages.
  function reportFileProblem(message) {
    if (window.Module.calledRun) withString(message, (m) => call('ll_js_file_problem', m));
    return message;
  }

  // The page's API: tests use it now, course pages embedding a lab later.
  window.latentlab = {
    ready: () => Boolean(window.Module.calledRun),
    // 'threaded' or 'single-thread': which program this page runs (metrics() has the threads).
    build: () => programDir ? 'threaded' : 'single-thread',
    lab: () => window.Module.UTF8ToString(call('ll_js_current_lab')),
    labs: () => JSON.parse(window.Module.UTF8ToString(call('ll_js_labs_json'))),
    switchLab: (key) => withString(String(key), (p) => call('ll_js_switch_lab', p) === 1),
    metrics: () => JSON.parse(window.Module.UTF8ToString(call('ll_js_metrics_json'))),
    onLabChange: (fn) => listeners.push(fn),
    embedded: () => embed,
    // Control of the current lab (course pages). Each returns false if this lab cannot do it.
    start: () => call('ll_js_set_training', 1) === 1,
    pause: () => call('ll_js_set_training', 0) === 1,
    reset: () => call('ll_js_reset') === 1,
    // The height the lab needs to show everything without scrolling inside, in CSS pixels
    // (0 before the first frame); fn(px) runs whenever it changes.
    contentHeight: () => contentHeight,
    onContentHeight: (fn) => heightListeners.push(fn),
    // fn() runs once the app answers calls (at once if it already does).
    onReady: (fn) => (appReady ? fn() : readyListeners.push(fn)),
    _appReady: () => {
      appReady = true;
      syncVisibility();
      readyListeners.splice(0).forEach((fn) => fn());
    },
    _contentHeight: (px) => {
      contentHeight = px;
      heightListeners.forEach((fn) => fn(px));
    },
    // Hands a file to the current lab; target 'trained' or 'new' (images), '<tab>-model' (model
    // files) or 'drop' (whatever the open page takes). `file` is a File or Blob (picker, drop),
    // or {name, bytes} with bytes a Uint8Array or ArrayBuffer. Resolves to the lab's message
    // (what was loaded, or why not: the current state stays).
    loadFile: async (file, target = 'new') => {
      const name = String((file && file.name) || 'file');
      let bytes;
      try {
        bytes = await fileBytes(file, name);
        // A gzipped file (MNIST's IDX files come as .gz): the wasm build has no zlib, the
        // browser does, capped like the labs' own data sets.
        if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = await gunzipCapped(bytes, name);
      } catch (e) {
        const what = e.message.startsWith(name + ': ') ? e.message : name + ': ' + e.message;
        return reportFileProblem(what + '. Nothing was changed.');
      }
      const M = window.Module;
      const p = M._malloc(Math.max(1, bytes.length));
      if (!p) return reportFileProblem(name + ': not enough memory to read the file. Nothing was changed.');
      try {
        // Into the app's memory 1 MB per task: on the test machine fresh memory costs ~3 ms per
        // MB when first written, so a 9 MB zip copied at once held the page for 26 ms more.
        // Module.HEAPU8 is read again after each wait: the memory may have grown meanwhile.
        for (let at = 0; at < bytes.length; at += COPY_CHUNK) {
          if (at) await new Promise((resolve) => setTimeout(resolve, 0));
          M.HEAPU8.set(bytes.subarray(at, at + COPY_CHUNK), p + at);
        }
        return withString(name, (n) => withString(String(target), (t) =>
          M.UTF8ToString(call('ll_js_load_file', p, bytes.length, n, t))));
      } finally {
        M._free(p);
      }
    },
    // Every labelled control of the last frame: [{label, window, rect: [x0, y0, x1, y1], clip}]
    // in CSS pixels (tests find a button here, then click it with the mouse).
    items: () => JSON.parse(window.Module.UTF8ToString(call('ll_js_items_json'))),
    // Every window of the last frame: [{name, rect, overflow_x}] (layout tests: nothing may run
    // past a window's right edge).
    windows: () => JSON.parse(window.Module.UTF8ToString(call('ll_js_windows_json'))),
    _labChanged: (key) => listeners.forEach((fn) => fn(key)),
    // The app's description of the lab (App::describe), already throttled and only when it
    // changed: into the aria-live region, which screen readers read out politely.
    _describe: (text) => { description.textContent = text; },
    touch: () => touch,
    // Called by the app (DatasetStore) the first time a lab needs a dataset: downloads
    // data/NAME.safetensors.gz with progress, gunzips it with the browser's DecompressionStream
    // and hands the bytes to wasm, which parses and checks them. Any failure (HTTP error,
    // corrupt gzip) reaches the lab's page as a message; nothing is retried behind its back.
    _fetchDataset: (name) => {
      const M = window.Module;
      const progress = (f) => withString(name, (n) => call('ll_js_dataset_progress', n, f));
      (async () => {
        const url = 'data/' + name + '.safetensors.gz';
        const response = await fetch(url);
        if (!response.ok) throw new Error(url + ': HTTP ' + response.status + ' ' + response.statusText);
        const total = Number(response.headers.get('Content-Length')) || 0;
        const chunks = [];
        let received = 0;
        const reader = response.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          chunks.push(value);
          received += value.length;
          if (total) progress(Math.min(1, received / total));
        }
        let bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
        // Servers that add Content-Encoding: gzip make fetch() gunzip already: check the magic.
        if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
          bytes = await gunzipCapped(bytes, url);
        }
        const p = M._malloc(Math.max(1, bytes.length));
        try {
          M.HEAPU8.set(bytes, p);
          withString(name, (n) => call('ll_js_dataset_loaded', n, p, bytes.length));
        } finally {
          M._free(p);
        }
      })().catch((e) => {
        console.warn('dataset ' + name + ': ' + e.message);
        withString(name, (n) => withString(e.message, (m) => call('ll_js_dataset_failed', n, m)));
      });
    },
  };

  // Hidden page (other tab, minimized window): the app trains nothing until it is visible again,
  // then says for how long it was paused (App::set_page_visible).
  function syncVisibility() {
    if (appReady) call('ll_js_set_visible', document.visibilityState === 'hidden' ? 0 : 1);
  }
  document.addEventListener('visibilitychange', syncVisibility);

  // Drag and drop anywhere on the page: the open page takes it (an image becomes the
  // Compression lab's "new image", a model file loads into the open autoencoder tab).
  window.addEventListener('dragover', (e) => e.preventDefault());
  window.addEventListener('drop', (e) => {
    e.preventDefault();
    const f = e.dataTransfer && e.dataTransfer.files[0];
    if (f && window.latentlab.ready()) window.latentlab.loadFile(f, 'drop');
  });

  // Which program: the threaded build (mt/) when the page is cross-origin isolated, which
  // SharedArrayBuffer needs, and the link does not ask for threads=1; otherwise, or when a host
  // has only the single-thread build, the single-thread one. Same results, fewer cores.
  function loadProgram(dir) {
    programDir = dir;
    const script = document.createElement('script');
    script.src = dir + 'index.js';
    script.onerror = () => dir ? loadProgram('') : unsupported('Could not load index.js.');
    document.body.appendChild(script);
  }
  loadProgram(self.crossOriginIsolated && query.get('threads') !== '1' ? 'mt/' : '');
})();
