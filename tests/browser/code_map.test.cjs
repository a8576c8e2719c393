// The 2-D maps tab in real Chromium: the 784-1000-500-250-2 autoencoder trains in the browser,
// both maps (PCA-2 and the autoencoder) are drawn by our point shader in the class colours,
// clicking in a map decodes that point, and a model saved with "Save model" (a real download)
// is the same net the native CLI evaluates with --load, and the downloaded file, picked in the
// browser's file chooser, loads back into the page; a corrupt model file is refused with a
// message while the current run stays.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { CLI, metrics, openBrowser, openPage, waitForApp, framesPass, decodePng, screenshot, pickFile } = require('./browser.cjs');

let env;
test.before(async () => { env = await openBrowser(); });
test.after(async () => { await env.close(); });

// The ten class colours of gfx/scatter_view.h.
const PALETTE = [0xCC6677, 0x332288, 0xDDCC77, 0x117733, 0x88CCEE, 0x882255, 0x44AA99, 0x999933, 0xAA4499, 0x555555]
  .map((c) => [(c >> 16) & 255, (c >> 8) & 255, c & 255]);

// How many pixels of each class colour a screenshot region holds (points are drawn with alpha
// over a light background, so a point's centre is close to, not equal to, its colour).
async function classPixels(page, rect) {
  const png = await page.screenshot({ clip: { x: rect[0] + 2, y: rect[1] + 2, width: rect[2] - rect[0] - 4, height: rect[3] - rect[1] - 4 } });
  const { data: d } = await decodePng(page, png);
  const counts = PALETTE.map(() => 0);
  for (let i = 0; i < d.length; i += 4) {
    PALETTE.forEach(([r, g, b], k) => {
      // alpha 0.75 over the near-white background: 0.75 * colour + 0.25 * 250
      const er = 0.75 * r + 62.5, eg = 0.75 * g + 62.5, eb = 0.75 * b + 62.5;
      if (Math.abs(d[i] - er) + Math.abs(d[i + 1] - eg) + Math.abs(d[i + 2] - eb) < 24) counts[k]++;
    });
  }
  return counts;
}

// ImGui 1.86 reads the mouse once per frame: a press and release within one frame would be
// lost, so hold the button across frames.
async function click(page, x, y) {
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.waitForTimeout(150);
  await page.mouse.up();
  await page.waitForTimeout(150);
}

test('2-D maps: trains, draws both maps in class colours, decodes clicks, saves and loads the model', async () => {
  const { page, log, errors } = await openPage(env, '?lab=pca');
  page.context().setDefaultTimeout(60000);
  await waitForApp(page, 2);
  const t0 = Date.now();
  // Tabs under the lab selector: PCA, Deep autoencoder, 2-D maps.
  const box = await page.locator('canvas').boundingBox();
  await click(page, box.x + 196, box.y + 42);
  await page.waitForTimeout(300);
  await framesPass(page, 3);  // ImGui selects the tab the frame after the click's
  let m = await metrics(page);
  assert.equal(m.metrics.tab, 'map', 'the click opened the 2-D maps tab');
  let d = m.metrics.map;
  const slices = [];
  while (!(d.map && d.map[1].points > 0)) {
    assert.ok(Date.now() - t0 < 240000, 'no 2-D code after 4 minutes: ' + JSON.stringify(d).slice(0, 300));
    await page.waitForTimeout(500);
    m = await metrics(page);
    slices.push(m.train_slice_ms);
    d = m.metrics.map;
  }
  slices.sort((a, b) => a - b);
  console.log(`training slices: median ${slices[slices.length >> 1].toFixed(1)} ms, max ${slices[slices.length - 1].toFixed(1)} ms`);
  console.log(`2-D autoencoder map after ${((Date.now() - t0) / 1000).toFixed(1)} s (${d.phase}); ` +
    `5-NN accuracy PCA-2 ${d.pca_knn5_accuracy}, autoencoder ${d.knn5_accuracy}`);
  assert.equal(d.code, 2);
  assert.deepEqual(d.architecture, [784, 1000, 500, 250, 2, 250, 500, 1000, 784]);
  const [pca, deep] = d.map;
  assert.equal(pca.points, 2000);
  assert.equal(deep.points, 2000);
  assert.ok(d.pca_knn5_accuracy > 0.3 && d.pca_knn5_accuracy < 0.5, 'PCA-2 mixes the digits (0.40 natively)');
  await page.waitForTimeout(300);
  await screenshot(page, 'web-code-map.png');
  // Both maps show every class in its colour: drawn by the shader, not blank.
  for (const map of [pca, deep]) {
    const counts = await classPixels(page, map.rect);
    assert.ok(counts.every((c) => c > 20), `${map.name} map: pixels per class colour ${counts}`);
  }

  // Click near the top-right corner of the autoencoder's map: that point is decoded.
  const r = deep.rect;
  await click(page, r[0] + 0.8 * (r[2] - r[0]), r[1] + 0.2 * (r[3] - r[1]));
  await page.waitForTimeout(200);
  await framesPass(page);
  const clicked = (await metrics(page)).metrics.map.map[1];
  assert.equal(clicked.picked, true);
  const expectX = deep.range[0] + 0.8 * (deep.range[1] - deep.range[0]);
  const expectY = deep.range[2] + 0.8 * (deep.range[3] - deep.range[2]);
  assert.ok(Math.abs(clicked.pick[0] - expectX) < 0.02 * (deep.range[1] - deep.range[0]), `x ${clicked.pick[0]} vs ${expectX}`);
  assert.ok(Math.abs(clicked.pick[1] - expectY) < 0.02 * (deep.range[3] - deep.range[2]), `y ${clicked.pick[1]} vs ${expectY}`);
  assert.notEqual(clicked.decoded_mean, deep.decoded_mean, 'a new image was decoded');
  assert.ok(clicked.decoded_mean > 0.01 && clicked.decoded_mean < 0.6, 'a digit-like image');

  // Pause, then "Save model": a real download, which the native CLI evaluates.
  const download = page.waitForEvent('download');
  d = (await metrics(page)).metrics.map;
  const s = d.save_button;
  await click(page, (s[0] + s[2]) / 2, (s[1] + s[3]) / 2);
  const stamp = (what) => console.log(`${what}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  stamp('save clicked');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'll-model-')), (await download).suggestedFilename());
  await (await download).saveAs(file);
  const saved = (await metrics(page)).metrics.map;
  assert.match(saved.file_message, /^Downloaded deep-ae-mnist-code2-rbm\.safetensors/);
  // The page keeps training after the click; the file holds the net as of that frame. The CLI
  // evaluates it on the same test split.
  stamp('downloaded');
  const native = JSON.parse(execFileSync(CLI, ['deep-ae', '--load', file, '--epochs', '1', '--json'], { encoding: 'utf8' }));
  stamp('native evaluated');
  assert.deepEqual(native.architecture, d.architecture);
  assert.equal(native.loaded_from, file);
  assert.ok(native.test_error_per_image > 20 && native.test_error_per_image < 60, 'a trained 2-D autoencoder');

  // A corrupt file, picked in the file chooser, is refused; the current run goes on.
  const bytes = fs.readFileSync(file);
  const cut = path.join(path.dirname(file), 'cut.safetensors');
  fs.writeFileSync(cut, bytes.subarray(0, 5000));
  const before = (await metrics(page)).metrics.map;
  const message = async (previous) => {
    for (let i = 0; i < 100; ++i) {
      const msg = (await metrics(page)).metrics.map.file_message;
      if (msg !== previous) return msg;
      await page.waitForTimeout(100);
    }
    throw new Error('no message after loading a file');
  };
  await pickFile(page, 'Load model...', cut);
  const refused = await message(saved.file_message);
  assert.match(refused, /cut\.safetensors: .*The current run is kept\./);
  const after = (await metrics(page)).metrics.map;
  assert.ok(after.progress >= before.progress && after.architecture, 'the run was not replaced');

  // The downloaded file itself, picked in the file chooser, loads back: the page evaluates it
  // and gets the CLI's number.
  await pickFile(page, 'Load model...', file);
  const loaded = await message(refused);
  const name = path.basename(file);
  assert.match(loaded, new RegExp('^Loaded ' + name.replace(/\./g, '\\.') + ' \\(8 layers, code 2, trained on mnist\\)'));
  let l = (await metrics(page)).metrics.map;
  while (!(l.loaded_from && l.curve && l.curve.length > 0)) {
    assert.ok(Date.now() - t0 < 420000, 'loaded model not evaluated: ' + JSON.stringify(l).slice(0, 300));
    await page.waitForTimeout(300);
    l = (await metrics(page)).metrics.map;
  }
  stamp('loaded model evaluated in the page');
  assert.equal(l.loaded_from, name);
  const webErr = l.curve[0].deep;
  console.log(`saved model: native --load ${native.test_error_per_image.toFixed(3)}, browser load ${webErr.toFixed(3)}`);
  assert.ok(Math.abs(webErr - native.test_error_per_image) / native.test_error_per_image < 1e-3);
  await page.waitForTimeout(300);
  await screenshot(page, 'web-code-map-loaded.png');
  assert.deepEqual(errors, [], log.join('\n'));
});
