// Export, in real headless Chromium against the real wasm build: right-click an image, "Save as
// PNG", and a real download arrives that decodes to what the screen shows; right-click a curve,
// "Save as CSV", and its rows are the numbers metrics() reports.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const { metrics, openBrowser, openPage, waitForApp, decodePng, clickItem } = require('./browser.cjs');

const HOLD_MS = 150;  // ImGui 1.86 samples the mouse once per frame: hold presses across frames
let env;
test.before(async () => { env = await openBrowser(); });
test.after(async () => { await env.close(); });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const centre = (r) => ({ x: (r[0] + r[2]) / 2, y: (r[1] + r[3]) / 2 });
async function click(page, at, button = 'left') {
  await page.mouse.move(at.x, at.y);
  await page.mouse.down({ button });
  await sleep(HOLD_MS);
  await page.mouse.up({ button });
}

// Right-click the export target named `file`, choose its menu entry, return the download's bytes.
async function save(page, file) {
  const target = (await metrics(page)).exports.find((e) => e.file === file);
  assert.ok(target, `${file} is not offered; offered: ${(await metrics(page)).exports.map((e) => e.file)}`);
  await click(page, centre(target.rect), 'right');
  await page.waitForFunction((f) => window.latentlab.metrics().exports.some((e) => e.file === f && e.menu), file,
    { timeout: 5000 });
  const menu = (await metrics(page)).exports.find((e) => e.file === file).menu;
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), click(page, centre(menu))]);
  assert.equal(download.suggestedFilename(), file);
  return { target, bytes: fs.readFileSync(await download.path()) };
}

// A PNG against the screenshot `shot`: the largest and mean difference between the PNG and the
// screen under `rect` (window units = screen pixels at DPR 1).
async function compareWithScreen(page, png, shot, rect) {
  const a = await decodePng(page, png), s = await decodePng(page, shot);
  const [x0, y0] = rect.map(Math.round);
  let max = 0, sum = 0;
  for (let y = 0; y < a.height; ++y)
    for (let x = 0; x < a.width; ++x)
      for (let k = 0; k < 3; ++k) {
        const d = Math.abs(a.data[(y * a.width + x) * 4 + k] - s.data[((y + y0) * s.width + x + x0) * 4 + k]);
        max = Math.max(max, d);
        sum += d;
      }
  return { width: a.width, height: a.height, max, mean: sum / (a.width * a.height * 3) };
}

test('Save as PNG: a real download, the panel\'s size, the same pixels as the screen', async () => {
  // Tall enough for both panels to be on screen (the methods table and filters come first).
  const { page, errors } = await openPage(env, '?lab=compression', { width: 1280, height: 1200 });
  await waitForApp(page);
  await page.waitForFunction(() => window.latentlab.metrics().metrics.samples_seen > 300000, null, { timeout: 120000 });
  await page.evaluate(() => window.latentlab.pause());
  await sleep(500);
  // The screen first: the menu, then the "Downloaded ..." line, cover or move the panels.
  const shot = await page.screenshot();
  const before = (await metrics(page)).exports;
  // A gray image at zoom 1 and the encoder's weights in blue-white-red at zoom 4.
  for (const [file, size] of [['compression-camera-autoencoder-6bit.png', [256, 256]], ['compression-encoder-rows.png', [284, 68]]]) {
    const t0 = Date.now();
    const { target, bytes } = await save(page, file);
    console.log(`${file}: ${bytes.length} bytes in ${Date.now() - t0} ms; panel ${JSON.stringify(target)}`);
    assert.deepEqual([...bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'not a PNG signature');
    const cmp = await compareWithScreen(page, bytes, shot, before.find((e) => e.file === file).rect);
    console.log(`  PNG ${cmp.width}x${cmp.height} vs screen: max difference ${cmp.max}, mean ${cmp.mean.toFixed(3)}`);
    assert.deepEqual([cmp.width, cmp.height], target.size);
    assert.deepEqual(target.size, size);
    assert.ok(cmp.max <= 1, `the PNG differs from the screen by up to ${cmp.max} levels`);
    // The page says what happened (in a line above the lab, which moves it down a little).
    assert.match((await metrics(page)).export_message, new RegExp(file.replace('.', '\\.')));
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('Save as CSV: the PCA curves, one row per k, equal to metrics()', async () => {
  const { page, errors } = await openPage(env, '?lab=pca');
  await waitForApp(page);
  await page.waitForFunction(() => window.latentlab.metrics().metrics.ready === true, null, { timeout: 120000 });
  await sleep(300);
  const { bytes } = await save(page, 'pca-test-error.csv');
  const lines = bytes.toString('utf8').trim().split('\n');
  assert.equal(lines[0], 'k,explained_variance,test_error_per_image,train_error_per_image');
  const rows = lines.slice(1).map((l) => l.split(',').map(Number));
  const m = (await metrics(page)).metrics;
  console.log(`CSV: ${rows.length} rows; k=30: ${lines[30]}`);
  assert.equal(rows.length, 200);
  rows.forEach((r, i) => assert.equal(r[0], i + 1));
  assert.ok(Array.isArray(m.curve) && m.curve.length === 9, 'the curve is an array, in order of k');
  for (const c of m.curve) {
    const k = c.k;
    const r = rows[k - 1];
    assert.ok(Math.abs(r[1] - c.explained_variance) < 1e-6, `k=${k}: ${r[1]} vs ${c.explained_variance}`);
    assert.ok(Math.abs(r[2] - c.test_error_per_image) < 1e-5 * c.test_error_per_image, `k=${k}: ${r[2]} vs ${c.test_error_per_image}`);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('Save as PNG of the 2-D GAN\'s D(x): the smooth field the screen shows, without the dots', async () => {
  const { page, errors } = await openPage(env, '?lab=gan&tab=2d');
  await waitForApp(page);
  // A few hundred iterations: D has slopes and ridges then, not yet the flat blue of later on.
  await page.waitForFunction(() => window.latentlab.metrics().metrics.toy.iteration > 300, null, { timeout: 60000 });
  await clickItem(page, 'Pause');
  await clickItem(page, "arrows: G's pull on its samples");  // off: fewer marks on D
  await sleep(500);
  const shot = await page.screenshot();
  const file = 'gan-2d-discriminator-output.png';
  const rect = (await metrics(page)).exports.find((e) => e.file === file).rect;
  const { bytes } = await save(page, file);
  const png = await decodePng(page, bytes), scr = await decodePng(page, shot);
  // Pixels where the screen has no dot on top agree to one level; G's 512 and the target's 512
  // dots cover well under a fifth of the plane. Nearest sampling in either place would put
  // steps 6 px apart over every slope and fail this.
  const [x0, y0] = rect.map(Math.round);
  let same = 0, steps = 0, pairs = 0;
  for (let y = 0; y < png.height; ++y)
    for (let x = 0; x < png.width; ++x) {
      const i = (y * png.width + x) * 4, j = ((y + y0) * scr.width + x + x0) * 4;
      if ([0, 1, 2].every((k) => Math.abs(png.data[i + k] - scr.data[j + k]) <= 1)) ++same;
      if (x > 0) {
        ++pairs;
        if ([0, 1, 2].some((k) => Math.abs(png.data[i + k] - png.data[i - 4 + k]) > 8)) ++steps;
      }
    }
  const share = same / (png.width * png.height);
  console.log(`2-D D(x) PNG ${png.width}x${png.height}: ${(100 * share).toFixed(1)}% of pixels as on screen, ` +
    `${(100 * steps / pairs).toFixed(2)}% of neighbours more than 8 levels apart`);
  assert.deepEqual([png.width, png.height], [384, 384]);
  assert.ok(share > 0.8, `only ${(100 * share).toFixed(1)}% of the PNG matches the screen`);
  assert.ok(steps / pairs < 0.002, 'the saved field has steps: not interpolated');
  assert.deepEqual(errors, []);
  await page.close();
});
