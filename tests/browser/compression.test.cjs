// The Compression lab in real Chromium: it trains by itself, stays responsive, reaches the
// lecture's targets within its default budget, matches the native CLI for the same seed, and
// handles good and bad image files.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('path');
const fs = require('fs');
const { execFileSync } = require('child_process');
const { CLI, metrics, openBrowser, openPage, waitForApp, screenshot } = require('./browser.cjs');

const CACHE = process.env.LL_CACHE || path.join(process.env.HOME, '.cache/latentlab');

let env;
test.before(async () => { env = await openBrowser(); });
test.after(async () => { await env.close(); });


test('default run trains in the tab, keeps frames short, and meets the PSNR targets', async () => {
  const { page, log, errors } = await openPage(env, '?lab=compression');
  await waitForApp(page, 2);
  const t0 = Date.now();
  const slices = [], progress = new Set();
  let m = await metrics(page);
  while (!m.metrics.done) {
    assert.ok(Date.now() - t0 < 180000, 'training did not finish within 180 s');
    if (m.metrics.samples_seen > 0) slices.push(m.train_slice_ms);
    progress.add(m.metrics.samples_seen);
    await page.waitForTimeout(250);
    m = await metrics(page);
  }
  const wall = (Date.now() - t0) / 1000;
  await page.waitForTimeout(300);  // a frame with the final panels
  await screenshot(page, 'web-compression-trained.png');
  const t = m.metrics.trained.ae;
  const rate = m.metrics.samples_per_second;
  console.log(`browser: ${m.metrics.samples_seen} frames, ${m.metrics.train_seconds.toFixed(2)} s training, ` +
    `${wall.toFixed(1)} s wall, ${(rate / 1e3).toFixed(0)}k frames/s; (B) ${t.plain.psnr_db.toFixed(3)} ` +
    `(C) ${t.q6.psnr_db.toFixed(3)} (D) ${t.q4.psnr_db.toFixed(3)} dB; slices max ` +
    `${Math.max(...slices).toFixed(1)} ms, median ${slices.sort((a, b) => a - b)[slices.length >> 1].toFixed(1)} ms`);
  assert.deepEqual(errors, [], log.join('\n'));
  assert.ok(t.plain.psnr_db > 25, 'issue 4 browser check: (B) > 25 dB');
  assert.ok(t.q6.psnr_db >= t.q4.psnr_db, '(C) >= (D)');
  assert.ok(t.plain.psnr_db >= 29.0, `(B) target 29.0 dB: ${t.plain.psnr_db}`);
  assert.ok(t.q6.psnr_db >= 28.8, `(C) target 28.8 dB: ${t.q6.psnr_db}`);
  assert.ok(t.q4.psnr_db >= 27.2, `(D) target 27.2 dB: ${t.q4.psnr_db}`);
  assert.equal(t.q6.bpp, 1.5);
  assert.equal(t.q4.bpp, 1.0);
  // The UI keeps drawing while it trains: we saw the lab part-way many times, i.e. training
  // was spread over many frames (slice times are printed above, not asserted: they depend on
  // the machine's load).
  assert.ok(progress.size >= 5, `training was not sliced across frames: ${[...progress]}`);

  // Same seed, same numbers natively (to 0.01 dB): the native CLI with the lab's settings.
  const s = m.metrics.settings;
  const native = JSON.parse(execFileSync(CLI, ['compress', '--json', '--hidden', s.hidden, '--optimizer', s.optimizer,
    '--lr', s.lr, '--batch', s.batch, '--seed', s.seed, '--samples', s.samples, '--noise-bits', s.noise_bits,
    '--noise-until', s.noise_until].map(String), { encoding: 'utf8' }));
  for (const img of ['trained', 'new'])
    for (const k of ['plain', 'q6', 'q4']) {
      const a = m.metrics[img].ae[k].psnr_db, b = native[img].ae[k].psnr_db;
      assert.ok(Math.abs(a - b) <= 0.01, `${img} ${k}: browser ${a} dB vs native ${b} dB`);
    }
  await page.close();
});

test('image files: a real PNG loads, garbage and tiny images are refused and nothing is lost', async () => {
  const { page, errors } = await openPage(env, '?lab=compression');
  await waitForApp(page, 2);
  const before = (await metrics(page)).metrics.new.image;
  const garbage = await page.evaluate(() =>
    window.latentlab.loadFile({ name: 'notes.txt', bytes: new TextEncoder().encode('hello') }, 'new'));
  assert.match(garbage, /notes\.txt: not a readable image.*current image stays/);
  const tiny = await page.evaluate(async () => {
    const c = document.createElement('canvas');
    c.width = 32; c.height = 20;
    const blob = await new Promise((r) => c.toBlob(r, 'image/png'));
    return window.latentlab.loadFile({ name: 'tiny.png', bytes: new Uint8Array(await blob.arrayBuffer()) }, 'new');
  });
  assert.match(tiny, /tiny\.png is 32x20 pixels; the lab needs at least 64x64/);
  assert.equal((await metrics(page)).metrics.new.image, before);

  const coins = fs.readFileSync(path.join(CACHE, 'data/images/coins.png'));
  const ok = await page.evaluate((b) =>
    window.latentlab.loadFile({ name: 'my-coins.png', bytes: new Uint8Array(b) }, 'new'), [...coins]);
  assert.match(ok, /Loaded my-coins\.png/);
  const m = await metrics(page);
  assert.equal(m.metrics.new.image, 'my-coins.png');
  assert.match(m.metrics.new.note, /centre-cropped/);  // coins.png is 384x303
  assert.deepEqual(errors, []);
  await page.close();
});

test('a learning rate that makes training diverge is caught and said, the best weights kept (issue 17)', async () => {
  // lr 10 never produces NaN: the loss only explodes (the page used to end at 12.9 dB, silently).
  const { page, errors } = await openPage(env, '?lab=compression&lr=10');
  await waitForApp(page, 2);
  // diverged comes first; done follows once the slice after it has coded the images with the
  // kept weights (train_and_evaluate in ui/lab_runner.h), as for any run that ends.
  await page.waitForFunction(() => {
    const m = window.latentlab.metrics().metrics;
    return m.diverged === true && m.done === true;
  }, null, { timeout: 60000 });
  const m = (await metrics(page)).metrics;
  console.log(`lr 10: ${m.status}`);
  assert.match(m.status, /^Training diverged: the loss rose to .* at learning rate 10, which is likely too high\. The weights of the best point so far are kept/);
  assert.equal(m.playing, false);
  assert.match(m.description || (await metrics(page)).description, /Training diverged/);
  await screenshot(page, 'web-compression-diverged.png');
  assert.deepEqual(errors, []);
  await page.close();
});
