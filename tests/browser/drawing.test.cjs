// The drawing pad (issue 16, part 2) as a student uses it: scroll down to the pad, draw a 7 with
// the mouse (two strokes), undo one and draw it again, and read what each lab's models make of
// it: PCA-k's reconstruction, the deep autoencoder's and logistic PCA's, the drawing's place on
// both 2-D maps, both classifiers of the pretraining lab, and the GAN's D(x). The drawing
// survives a lab switch and travels in the link; on a phone a finger draws on the pad instead of
// scrolling the page. A hostile draw= in a link is refused with a message.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { metrics, openBrowser, openPage, waitForApp, findItem, clickItem, framesPass, screenshot } = require('./browser.cjs');

let env;
test.before(async () => { env = await openBrowser(); });
test.after(async () => { await env.close(); });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const SEVEN = [[[0.25, 0.2], [0.75, 0.2]], [[0.75, 0.2], [0.4, 0.85]]];
const m = async (page) => (await metrics(page));

// Wheel over the results until the pad is wholly in view, as a person scrolls to it, looking
// after each notch: ImGui scrolls a frame after the wheel event, so reading the pad's place any
// earlier gives where it was (a CI run pressed there, and drew nothing). Input keeps the app
// drawing for 20 frames (App::kSettleFrames), so 3 frames pass even in an idle lab.
async function scrollToPad(page, width, height) {
  for (let i = 0; i < 60; ++i) {
    const pad = (await page.evaluate(() => window.latentlab.items())).find((it) => it.label === '##drawing_pad');
    if (pad && pad.rect[1] >= pad.clip[1] && pad.rect[3] <= pad.clip[3] && pad.rect[3] <= height) return pad.rect;
    await page.mouse.move(width * 0.7, height * 0.5);
    await page.mouse.wheel(0, 100);
    await framesPass(page, 3);
  }
  throw new Error('the drawing pad never came into view');
}

// A stroke with the mouse: press, move a little each frame (ImGui reads the mouse once per
// frame), release.
async function mouseStroke(page, rect, points) {
  const at = ([u, v]) => [rect[0] + u * (rect[2] - rect[0]), rect[1] + v * (rect[3] - rect[1])];
  await page.mouse.move(...at(points[0]));
  await page.mouse.down();
  await sleep(60);
  for (let s = 0; s + 1 < points.length; ++s)
    for (let i = 1; i <= 8; ++i) {
      const t = i / 8;
      await page.mouse.move(...at([points[s][0] + t * (points[s + 1][0] - points[s][0]), points[s][1] + t * (points[s + 1][1] - points[s][1])]));
      await sleep(40);
    }
  await page.mouse.up();
  await sleep(150);
  await framesPass(page);  // the stroke's last moves reach the pad in the frames after them
}

test('PCA tab: draw a 7 with the mouse, undo, redraw; PCA-k answers; the drawing follows to the GAN and into the link', async () => {
  const { page, log, errors } = await openPage(env, '?lab=pca');
  await waitForApp(page, 2);
  await page.waitForFunction(() => window.latentlab.metrics().metrics.ready === true, null, { timeout: 120000 });
  const pad = await scrollToPad(page, 1280, 800);
  for (const stroke of SEVEN) await mouseStroke(page, pad, stroke);
  let d = (await m(page)).drawing;
  assert.equal(d.strokes, 2, JSON.stringify(d));
  // About MNIST's ink: a 7 of strokes 2-3 pixels wide, ~30 pixels long.
  assert.ok(d.ink > 30 && d.ink < 150, `ink ${d.ink}`);
  await page.waitForFunction(() => Number.isFinite(window.latentlab.metrics().metrics.drawing_pca_error), null, { timeout: 10000 });
  const err30 = (await m(page)).metrics.drawing_pca_error;
  console.log(`a drawn 7: ${d.points} points, ink ${d.ink.toFixed(1)}, PCA-30 squared error ${err30.toFixed(2)}`);
  await screenshot(page, 'web-drawing-pca.png');

  await clickItem(page, 'Undo');
  await page.waitForFunction(() => window.latentlab.metrics().drawing.strokes === 1, null, { timeout: 5000 });
  await mouseStroke(page, await scrollToPad(page, 1280, 800), SEVEN[1]);
  d = (await m(page)).drawing;
  assert.equal(d.strokes, 2);
  const link = (await m(page)).link;
  assert.match(link, /&draw=[A-Za-z0-9_.-]+$/);

  // Another lab: the same drawing, and D's opinion of it.
  await clickItem(page, 'GAN');
  await page.waitForFunction(() => {
    const x = window.latentlab.metrics();
    return x.lab === 'gan' && Number.isFinite(x.metrics.drawing_d);
  }, null, { timeout: 120000 });
  const g = await m(page);
  assert.equal(g.drawing.strokes, 2, 'the drawing survives a lab switch');
  assert.ok(g.metrics.drawing_d >= 0 && g.metrics.drawing_d <= 1, `D(x) = ${g.metrics.drawing_d}`);
  console.log(`GAN: D(drawn 7) = ${g.metrics.drawing_d.toFixed(3)} at iteration ${g.metrics.image.iteration}`);
  await scrollToPad(page, 1280, 800);
  await screenshot(page, 'web-drawing-gan.png');
  assert.deepEqual(errors, [], log.join('\n'));
  await page.close();

  // The link brings the drawing back in a fresh page.
  const again = await openPage(env, '?' + link);
  await waitForApp(again.page, 2);
  const a = await m(again.page);
  assert.deepEqual(a.link_problems, []);
  assert.equal(a.drawing.strokes, 2);
  assert.ok(Math.abs(a.drawing.ink - d.ink) < 0.25 * d.ink, `ink ${a.drawing.ink} vs ${d.ink} (the link keeps a 64 x 64 grid)`);
  assert.deepEqual(again.errors, [], again.log.join('\n'));
  await again.page.close();
});

test('2-D maps, deep autoencoder and pretraining: the drawing on both maps, three reconstructions, two classifiers', async () => {
  const t0 = Date.now();
  const took = (what) => console.log(`${what} after ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  const draw = 'draw=QNwN.wNZ2';  // a 7 from a link: (16,13)-(48,13), then down to (25,54)
  const { page, log, errors } = await openPage(env, `?lab=pca&tab=map&pretrain=none&${draw}`);
  await waitForApp(page, 2);
  assert.deepEqual((await m(page)).link_problems, []);
  // PCA's map at once; the deep map at the first evaluation (no pretraining: the first comes at
  // once; with it, the same code runs minutes later).
  await page.waitForFunction(() => {
    const maps = window.latentlab.metrics().metrics.map.map;
    return maps && maps[0].drawing && maps[1].drawing;
  }, null, { timeout: 240000 });
  const maps = (await m(page)).metrics.map.map;
  for (const map of maps) {
    console.log(`${map.name} map: the drawing at (${map.drawing.map((v) => v.toFixed(2))}), range ${map.range.map((v) => v.toFixed(1))}`);
    assert.ok(map.drawing.every(Number.isFinite));
  }
  await scrollToPad(page, 1280, 800);
  await page.mouse.wheel(0, -2000);
  await sleep(400);
  await screenshot(page, 'web-drawing-maps.png');
  took('maps');
  assert.deepEqual(errors, [], log.join('\n'));
  await page.close();

  const deep = await openPage(env, `?lab=pca&tab=deep-ae&pretrain=none&${draw}`);
  await waitForApp(deep.page, 2);
  await deep.page.waitForFunction(() => {
    const e = window.latentlab.metrics().metrics.deep_ae.drawing_errors;
    return e && Number.isFinite(e.deep) && Number.isFinite(e.logistic) && Number.isFinite(e.pca);
  }, null, { timeout: 240000 });
  const e = (await m(deep.page)).metrics.deep_ae.drawing_errors;
  console.log(`deep autoencoder tab, drawn 7: squared error deep ${e.deep.toFixed(2)}, logistic PCA ${e.logistic.toFixed(2)}, PCA-30 ${e.pca.toFixed(2)}`);
  await scrollToPad(deep.page, 1280, 800);
  await screenshot(deep.page, 'web-drawing-deep-ae.png');
  took('deep autoencoder tab');
  assert.deepEqual(deep.errors, [], deep.log.join('\n'));
  await deep.page.close();

  const pre = await openPage(env, `?lab=pretraining&${draw}`);
  await waitForApp(pre.page, 2);
  await pre.page.waitForFunction(() => {
    const x = window.latentlab.metrics().metrics;
    return x.drawing_pretrained && x.drawing_random_init;
  }, null, { timeout: 240000 });
  const p = (await m(pre.page)).metrics;
  console.log(`pretraining lab, drawn 7: pretrained says ${p.drawing_pretrained.class} (${(100 * p.drawing_pretrained.probability).toFixed(0)}%), ` +
    `random init says ${p.drawing_random_init.class} (${(100 * p.drawing_random_init.probability).toFixed(0)}%)`);
  for (const arm of [p.drawing_pretrained, p.drawing_random_init]) {
    assert.ok(Number.isInteger(arm.class) && arm.class >= 0 && arm.class <= 9);
    assert.ok(arm.probability >= 0.1 && arm.probability <= 1);
  }
  await scrollToPad(pre.page, 1280, 800);
  await screenshot(pre.page, 'web-drawing-pretraining.png');
  took('pretraining lab');
  assert.deepEqual(pre.errors, [], pre.log.join('\n'));
  await pre.page.close();
});

test('phone: a finger draws on the pad and does not scroll the page; a bad draw= is refused by name', async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 360, height: 780 }, deviceScaleFactor: 3, hasTouch: true });
  const page = await ctx.newPage();
  await page.goto(env.base + '?lab=pca&draw=%3Cscript%3E');
  await waitForApp(page, 2);
  const problems = (await m(page)).link_problems;
  assert.ok(problems.some((p) => p.startsWith("draw='<script>': not a drawing")), JSON.stringify(problems));
  assert.equal((await m(page)).drawing.strokes, 0);
  await page.waitForFunction(() => window.latentlab.metrics().metrics.ready === true, null, { timeout: 120000 });
  // To the pad with a finger: swipes up over the results.
  const cdp = await ctx.newCDPSession(page);
  const touch = async (type, x, y) => cdp.send('Input.dispatchTouchEvent',
    { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y, id: 1, radiusX: 4, radiusY: 4, force: 1 }] });
  let pad;
  for (let i = 0; i < 40 && !pad; ++i) {
    const it = (await page.evaluate(() => window.latentlab.items())).find((x) => x.label === '##drawing_pad');
    if (it && it.rect[1] >= it.clip[1] && it.rect[3] <= Math.min(it.clip[3], 780)) pad = it.rect;
    else {
      await touch('touchStart', 300, 600);
      for (let k = 1; k <= 6; ++k) { await touch('touchMove', 300, 600 - 50 * k); await sleep(30); }
      await touch('touchEnd');
      await sleep(250);
    }
  }
  assert.ok(pad, 'a finger never brought the pad into view');
  const scrolled = async () => (await page.evaluate(() => window.latentlab.windows())).map((w) => w.scroll_y || 0).join(',');
  const before = await scrolled();
  // A vertical stroke, the very move that scrolls anywhere else.
  const x = (pad[0] + pad[2]) / 2;
  await touch('touchStart', x, pad[1] + 0.15 * (pad[3] - pad[1]));
  for (let k = 1; k <= 10; ++k) {
    await touch('touchMove', x, pad[1] + (0.15 + 0.07 * k) * (pad[3] - pad[1]));
    await sleep(40);
  }
  await touch('touchEnd');
  await sleep(300);
  await framesPass(page);
  const d = (await m(page)).drawing;
  assert.equal(d.strokes, 1, JSON.stringify(d));
  assert.ok(d.points >= 5, `${d.points} points`);
  assert.equal(await scrolled(), before, 'drawing on the pad scrolled the page');
  await page.waitForFunction(() => Number.isFinite(window.latentlab.metrics().metrics.drawing_pca_error), null, { timeout: 10000 });
  await sleep(300);
  // The pad, the model's image and the answer fit a phone: nothing runs past a window's edge
  // (more than the pixel of rounding the layout test allows too).
  const over = (await page.evaluate(() => window.latentlab.windows())).filter((w) => w.overflow_x > 1);
  assert.deepEqual(over.map((w) => `${w.name}: ${w.overflow_x} px`), []);
  await screenshot(page, 'web-drawing-phone.png');
  await cdp.detach();
  await ctx.close();
});

test('pen: a stylus draws on the pad like a mouse (pointer events of type pen, as Windows and ChromeOS send them)', async () => {
  const { page, log, errors } = await openPage(env, '?lab=pca');
  await waitForApp(page, 2);
  await page.waitForFunction(() => window.latentlab.metrics().metrics.ready === true, null, { timeout: 120000 });
  const pad = await scrollToPad(page, 1280, 800);
  const cdp = await page.context().newCDPSession(page);
  // DevTools' mouse events with pointerType pen: the page gets pointer events of type pen and
  // the mouse events a browser derives from them, with a pen's pressure.
  const pen = (type, x, y) => cdp.send('Input.dispatchMouseEvent', { type, x, y, pointerType: 'pen', force: 0.6,
    button: type === 'mouseMoved' ? 'none' : 'left', buttons: type === 'mouseReleased' ? 0 : 1, clickCount: 1 });
  const at = (u, v) => [pad[0] + u * (pad[2] - pad[0]), pad[1] + v * (pad[3] - pad[1])];
  await page.evaluate(() => {
    window.__penEvents = 0;
    addEventListener('pointermove', (e) => { if (e.pointerType === 'pen') window.__penEvents++; }, true);
  });
  // The pointer was last far from the pad, and the pen touches down without hovering first:
  // the browser sends no mousemove before the press (SDL once pressed where the pointer had
  // been). Frames are drawn between the press and the first move, so the app sees the press alone.
  await page.mouse.move(5, 5);
  await framesPass(page);
  await pen('mousePressed', ...at(0.3, 0.3));
  await framesPass(page);
  for (let k = 1; k <= 10; ++k) {
    await pen('mouseMoved', ...at(0.3 + 0.04 * k, 0.3 + 0.04 * k));
    await sleep(40);
  }
  await pen('mouseReleased', ...at(0.7, 0.7));
  await sleep(150);
  await framesPass(page);
  const d = (await m(page)).drawing;
  assert.ok(await page.evaluate(() => window.__penEvents) >= 5, 'the page saw no pen pointer events');
  assert.equal(d.strokes, 1, JSON.stringify(d));
  assert.ok(d.points >= 5, `${d.points} points`);
  assert.ok(d.ink > 10, `ink ${d.ink}`);
  await page.waitForFunction(() => Number.isFinite(window.latentlab.metrics().metrics.drawing_pca_error), null, { timeout: 10000 });
  assert.deepEqual(errors, [], log.join('\n'));
  await cdp.detach();
  await page.close();
});
