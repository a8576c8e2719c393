// Accessibility, pixel density and touch, in real headless Chromium against the real wasm build:
// the aria-live description, keyboard navigation, DPR 1/2/3 (backing store, crisp images, mouse
// mapping) and touch (tap, drag, long press).
// ImGui 1.86 reads the keyboard and mouse once per frame, so every press below is held across
// frames (hold()) instead of Playwright's instant press/tap, which can fall inside one frame.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { metrics, openBrowser, openPage, waitForApp, framesPass, decodePng, screenshot, ARTIFACTS } = require('./browser.cjs');
const path = require('path');

const HOLD_MS = 150;
let env;
test.before(async () => { env = await openBrowser(); });
test.after(async () => { await env.close(); });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// Held HOLD_MS, not until frames pass: a longer hold makes ImGui repeat the key (0.275 s), and a
// second ArrowRight moved past the lab it should select. Then the app draws two frames with the
// result before the next key (a lab being built stalls frames).
async function key(page, k) {
  await page.keyboard.down(k);
  await sleep(HOLD_MS);
  await page.keyboard.up(k);
  await sleep(HOLD_MS);
  await framesPass(page);
}
const centre = (r) => ({ x: (r[0] + r[2]) / 2, y: (r[1] + r[3]) / 2 });
const description = (page) => page.evaluate(() => document.getElementById('lab-description').textContent);
const labTitle = async (page, key) => (await page.evaluate(() => window.latentlab.labs())).find((l) => l.key === key).title;

// A touch held at (x, y) for `ms`, optionally moving to (x2, y2) in steps, over the DevTools
// protocol (Playwright's touchscreen has taps only).
async function touch(page, x, y, { ms = HOLD_MS, to = null, steps = 8 } = {}) {
  const cdp = await page.context().newCDPSession(page);
  const point = (px, py) => [{ x: px, y: py, id: 1, radiusX: 8, radiusY: 8, force: 1 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(x, y) });
  await sleep(ms);
  let at = { x, y };
  if (to) {
    for (let i = 1; i <= steps; ++i) {
      at = { x: x + (to.x - x) * i / steps, y: y + (to.y - y) * i / steps };
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(at.x, at.y) });
      await sleep(60);
    }
    await sleep(HOLD_MS);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await sleep(HOLD_MS);
  await cdp.detach();
}

test('aria-live description: lab title and the numbers metrics() reports, throttled, follows the lab', async () => {
  const { page, errors } = await openPage(env, '?lab=compression');
  await waitForApp(page);
  const region = await page.evaluate(() => {
    const d = document.getElementById('lab-description');
    const r = d.getBoundingClientRect();
    return { live: d.getAttribute('aria-live'), role: d.getAttribute('role'), w: r.width, h: r.height,
      describedBy: document.getElementById('canvas').getAttribute('aria-describedby'),
      tabIndex: document.getElementById('canvas').tabIndex };
  });
  assert.deepEqual({ ...region, w: undefined, h: undefined },
    { live: 'polite', role: 'status', describedBy: 'lab-description', tabIndex: 0, w: undefined, h: undefined });
  assert.ok(region.w <= 1 && region.h <= 1, `the region should be visually hidden: ${JSON.stringify(region)}`);

  // Record every change of the region while the lab trains.
  await page.evaluate(() => {
    window.__changes = [];
    new MutationObserver(() => window.__changes.push(performance.now()))
      .observe(document.getElementById('lab-description'), { childList: true, characterData: true, subtree: true });
  });
  await page.waitForFunction(() => window.latentlab.metrics().metrics.samples_seen > 300000, null, { timeout: 120000 });
  await sleep(5000);
  const changes = await page.evaluate(() => window.__changes);
  const gaps = changes.slice(1).map((t, i) => t - changes[i]);
  console.log(`description updates while training: ${changes.length}, gaps ms: ${gaps.map(Math.round).join(' ')}`);
  assert.ok(changes.length >= 1, 'the description never changed while the lab trained');
  assert.ok(gaps.every((g) => g >= 1900), `updates closer than 2 s apart: ${gaps}`);

  // Paused, the next update names exactly the numbers metrics() has.
  assert.equal(await page.evaluate(() => window.latentlab.pause()), true);
  await page.waitForFunction(() => /paused|finished/.test(document.getElementById('lab-description').textContent),
    null, { timeout: 10000 });
  const text = await description(page);
  const m = (await metrics(page)).metrics;
  console.log('description:', text);
  assert.ok(text.startsWith(await labTitle(page, 'compression')), text);
  assert.ok(text.includes(`Training ${(m.samples_seen / 1e6).toFixed(2)} of`), text);
  const ae = m.trained.ae;
  for (const p of [ae.plain, ae.q6, ae.q4]) assert.ok(text.includes(`${p.psnr_db.toFixed(1)} dB`), `${p.psnr_db} not in: ${text}`);
  assert.ok(text.includes(`Trained image ${m.trained.image}`) && text.includes(`New image ${m.new.image}`), text);

  // Another lab: described at once with its own title.
  await page.evaluate(() => window.latentlab.switchLab('gan'));
  const gan = await labTitle(page, 'gan');
  await page.waitForFunction((t) => document.getElementById('lab-description').textContent.startsWith(t), gan,
    { timeout: 10000 });
  console.log('after switching:', await description(page));
  assert.deepEqual(errors, []);
  await page.close();
});

test('keyboard: arrows move ImGui focus, Space switches the lab and toggles training', async () => {
  const { page, errors } = await openPage(env, '?lab=compression');
  await waitForApp(page);
  await page.evaluate(() => document.getElementById('canvas').focus());
  // The first arrow key starts navigation on the lab window's first control, the lab selector's
  // first entry; Up keeps it there (nothing is above).
  await key(page, 'ArrowUp');
  await key(page, 'ArrowRight');
  await key(page, 'Space');
  assert.equal(await page.evaluate(() => window.latentlab.lab()), 'pca');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'canvas', 'the canvas lost keyboard focus');
  await key(page, 'ArrowLeft');
  await key(page, 'Space');
  assert.equal(await page.evaluate(() => window.latentlab.lab()), 'compression');
  // Down into the page, Left to the controls pane, Space enters it (its first control is the
  // Train/Pause button), Space presses it.
  assert.equal(await page.evaluate(() => window.latentlab.pause()), true);
  assert.equal((await metrics(page)).metrics.playing, false);
  for (const k of ['ArrowDown', 'ArrowLeft', 'Space', 'Space']) await key(page, k);
  assert.equal((await metrics(page)).metrics.playing, true, 'Space on Train did not start training');
  await screenshot(page, 'access-keyboard.png');
  assert.deepEqual(errors, []);
  await page.close();
});

// The ImGui layout is in CSS pixels at every devicePixelRatio; only the backing store grows, up
// to 2 canvas pixels per CSS pixel unless the link asks for more (src/platform/pixel_ratio.js).
// 1.5 is a common laptop setting: there each image pixel covers 1 or 2 device pixels per axis.
// At DPR 3 with the default cap the browser scales the canvas by 1.5: clicks must still land.
for (const [dpr, maxdpr] of [[1, null], [1.5, null], [2, null], [3, 3], [3, null]]) {
  const ratio = Math.min(dpr, maxdpr || 2);  // canvas pixels per CSS pixel
  test(`devicePixelRatio ${dpr}${maxdpr ? `, maxdpr=${maxdpr}` : ''}: backing store at ${ratio}x, ` +
       `${ratio === dpr ? 'unblended image pixels, ' : ''}clicks land on the control`, async () => {
    const css = { width: 1100, height: 720 };
    const ctx = await env.browser.newContext({ viewport: css, deviceScaleFactor: dpr });
    const page = await ctx.newPage();
    await page.goto(env.base + '?lab=compression' + (maxdpr ? `&maxdpr=${maxdpr}` : ''));
    await waitForApp(page);
    const size = await page.evaluate(() => {
      const c = document.getElementById('canvas');
      return { w: c.width, h: c.height, cssW: c.clientWidth, cssH: c.clientHeight, dpr: window.devicePixelRatio };
    });
    assert.deepEqual(size, { w: css.width * ratio, h: css.height * ratio, cssW: css.width, cssH: css.height, dpr });
    await page.evaluate(() => window.latentlab.pause());
    await sleep(500);
    // Scroll the camera image fully into view with the wheel, as a person would (the methods
    // table comes first).
    const find = async () => (await metrics(page)).exports.find((e) => e.file === 'compression-camera-original.png');
    assert.ok(await find(), 'no exportable original image: ' + JSON.stringify((await metrics(page)).exports.map((e) => e.file)));
    await page.mouse.move(css.width / 2, css.height / 2);
    for (let i = 0; i < 10 && (await find()).rect[3] > css.height - 40; ++i) {
      await page.mouse.wheel(0, 100);
      await sleep(300);
    }
    const file = path.join(ARTIFACTS, `access-dpr${dpr}${maxdpr ? `-maxdpr${maxdpr}` : ''}.png`);
    const png = await page.screenshot({ path: file });
    const m = await metrics(page);
    const target = await find();
    // The camera image (zoom 1) covers a whole number of device pixels per image pixel: dpr, or
    // at a fractional DPR the next whole number up (2 at 1.5), so that no image pixel is drawn
    // wider than its neighbours. Sampled nearest, the device pixels of one image pixel are all
    // equal (no blending): whole blocks of `scale` x `scale`.
    const shot = await decodePng(page, png);
    const rect = target.rect;
    const ox = rect[0] * dpr, oy = rect[1] * dpr;  // the image's top-left corner in device pixels
    const w = Math.round((rect[2] - rect[0]) * dpr), h = Math.round((rect[3] - rect[1]) * dpr);
    const scale = w / 256;
    const first = new Map();  // image pixel -> red value of its first device pixel
    let mixed = 0, total = 0;
    for (let Y = Math.ceil(oy); Y < oy + h; ++Y)
      for (let X = Math.ceil(ox); X < ox + w; ++X) {
        const ix = Math.floor((X + 0.5 - ox) / scale), iy = Math.floor((Y + 0.5 - oy) / scale);
        if (ix < 0 || ix >= 256 || iy < 0 || iy >= 256) continue;
        const v = shot.data[(Y * shot.width + X) * 4], key = iy * 256 + ix;
        if (!first.has(key)) first.set(key, v);
        else if (first.get(key) !== v) mixed += 1;
        total += 1;
      }
    const blocks = { mixed, total, w, h, images: first.size };
    console.log(`DPR ${dpr}: canvas ${size.w}x${size.h}, camera panel ${blocks.w}x${blocks.h} device px at ` +
      `(${ox}, ${oy}), ${blocks.mixed} of ${blocks.total} device pixels differ from their image pixel's ` +
      `first; selector GAN at ${JSON.stringify(m.selector.gan)}`);
    if (ratio === dpr) {
      assert.equal(scale, Math.ceil(dpr));
      assert.equal(blocks.images, 256 * 256);
      assert.equal(blocks.mixed, 0);
    }
    // A click at the CSS position the layout reports hits that control at this DPR.
    const gan = centre(m.selector.gan);
    await page.mouse.move(gan.x, gan.y);
    await page.mouse.down();
    await sleep(HOLD_MS);
    await page.mouse.up();
    await page.waitForFunction(() => window.latentlab.lab() === 'gan', null, { timeout: 5000 });
    await ctx.close();
  });
}

test('touch: a tap switches the lab, a drag moves a slider, a long press opens the save menu', async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true });
  const page = await ctx.newPage();
  await page.goto(env.base + '?lab=compression');
  await waitForApp(page);
  const coarse = await page.evaluate(() => window.latentlab.touch());
  console.log(`touch context: any-pointer coarse = ${coarse}`);
  assert.equal(coarse, true, 'the shell did not detect the touch screen');

  // Tap (Playwright's own, press and release at once) on the lab selector.
  const pca = centre((await metrics(page)).selector.pca);
  await page.touchscreen.tap(pca.x, pca.y);
  await page.waitForFunction(() => window.latentlab.lab() === 'pca', null, { timeout: 5000 });

  // Drag the k slider's grab to the right: found by its colour in the left column.
  await page.waitForFunction(() => window.latentlab.metrics().metrics.ready === true, null, { timeout: 120000 });
  await sleep(300);
  const { png } = await screenshot(page, 'access-touch-pca.png');
  const shot = await decodePng(page, png);
  let sx = 0, sy = 0, n = 0;  // ImGui's dark theme SliderGrab, (0.24, 0.52, 0.88)
  for (let y = 0; y < shot.height; ++y)
    for (let x = 0; x < 240; ++x) {
      const i = (y * shot.width + x) * 4, d = shot.data;
      if (Math.abs(d[i] - 61) < 4 && Math.abs(d[i + 1] - 133) < 4 && Math.abs(d[i + 2] - 224) < 4) { sx += x; sy += y; n++; }
    }
  const grab = n ? { x: sx / n, y: sy / n, n } : null;
  assert.ok(grab, 'no slider grab found in the PCA controls');
  const k0 = (await metrics(page)).metrics.k;
  await touch(page, grab.x, grab.y, { to: { x: grab.x + 60, y: grab.y } });
  await page.waitForFunction((k) => window.latentlab.metrics().metrics.k > k, k0, { timeout: 5000 });
  const k1 = (await metrics(page)).metrics.k;
  console.log(`touch drag on the k slider (grab at ${grab.x.toFixed(0)},${grab.y.toFixed(0)}): k ${k0} -> ${k1}`);

  // Long press on an image: the "Save as PNG" menu, then a tap on it downloads the PNG.
  const strip = (await metrics(page)).exports.find((e) => e.file === 'pca-test-images.png');
  assert.ok(strip, 'no exportable test image strip');
  const at = centre(strip.rect);
  await touch(page, at.x, at.y, { ms: 900 });
  await page.waitForFunction(() => window.latentlab.metrics().exports.some((e) => e.menu), null, { timeout: 5000 });
  const menu = (await metrics(page)).exports.find((e) => e.menu);
  assert.equal(menu.file, 'pca-test-images.png');
  const item = centre(menu.menu);
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), touch(page, item.x, item.y)]);
  assert.equal(download.suggestedFilename(), 'pca-test-images.png');
  await ctx.close();
});
