// What a newcomer meets, in real headless Chromium on the real wasm build, done with the mouse:
// every lab and tab opens with its "About this lab" lines; a setting that applies on Reset
// turns pending (amber, with a note) until Reset; Step visibly trains; a finished compression
// run trains further; times are wall-clock times.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { openBrowser, openPage, waitForApp, metrics, items, findItem, clickItem, framesPass, screenshot } = require('./browser.cjs');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let env;
before(async () => { env = await openBrowser(); });
after(async () => { await env.close(); });

const HELP = 'About this lab, and what to try';

test('every lab and tab opens with its help lines', async () => {
  for (const q of ['lab=compression', 'lab=pca&tab=pca', 'lab=pca&tab=deep-ae', 'lab=pca&tab=map',
    'lab=gan&tab=digits', 'lab=gan&tab=2d', 'lab=pretraining']) {
    const { page, errors } = await openPage(env, '?' + q);
    await waitForApp(page, 5);
    const help = await findItem(page, HELP, 60000);
    console.log(`${q}: help at y ${help.rect[1].toFixed(0)}`);
    assert.ok(help.rect[1] < 200, `${q}: the help is not near the top (y ${help.rect[1]})`);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('compression: a changed code size is pending until Reset; Step trains 50k frames; a finished run trains further', async () => {
  const { page, errors } = await openPage(env, '?lab=compression&samples=300000', { width: 1280, height: 900 });
  await waitForApp(page, 5);
  await page.waitForFunction(() => window.latentlab.metrics().metrics.done === true, null, { timeout: 60000 });
  let m = await metrics(page);
  assert.equal(m.metrics.settings.samples, 300000);
  console.log(`0.3M frames: finished in ${m.metrics.wall_seconds.toFixed(1)} s wall, ${m.metrics.train_seconds.toFixed(2)} s of training`);
  assert.ok(m.metrics.wall_seconds >= m.metrics.train_seconds * 0.9, 'wall time below training time');

  // Finished: "Train 1M frames further" continues the same run.
  await clickItem(page, 'Train 1M frames further');
  await page.waitForFunction(() => window.latentlab.metrics().metrics.settings.samples === 1300000, null, { timeout: 10000 });
  await page.waitForFunction(() => window.latentlab.metrics().metrics.done === true, null, { timeout: 60000 });
  m = await metrics(page);
  const batch = m.metrics.settings.batch;  // runs end on a whole minibatch
  assert.ok(m.metrics.samples_seen >= 1300000 && m.metrics.samples_seen < 1300000 + 2 * batch, `${m.metrics.samples_seen} frames`);
  console.log(`trained further: ${m.metrics.samples_seen} frames, (B) ${m.metrics.trained.ae.plain.psnr_db.toFixed(2)} dB`);

  // Step: 50k frames, then paused.
  const before = m.metrics.samples_seen;
  await clickItem(page, 'Step');
  await page.waitForFunction((b) => window.latentlab.metrics().metrics.samples_seen > b, before, { timeout: 10000 });
  m = await metrics(page);
  const stepped = m.metrics.samples_seen - before;
  console.log(`Step: +${stepped} frames, playing ${m.metrics.playing}`);
  assert.ok(Math.abs(stepped - 50000) < 2 * batch, `Step trained ${stepped} frames`);

  // A new code size: a click on the slider's left end. Pending until Reset.
  assert.deepEqual(m.pending_settings, []);
  const slider = await findItem(page, 'code size');
  await page.mouse.move(slider.rect[0] + 4, (slider.rect[1] + slider.rect[3]) / 2);
  await page.mouse.down();
  await sleep(150);
  await page.mouse.up();
  await sleep(300);
  await framesPass(page);
  m = await metrics(page);
  console.log(`after the click: pending ${JSON.stringify(m.pending_settings)}, running code size ${m.metrics.settings.hidden}, link ${m.link}`);
  assert.deepEqual(m.pending_settings, ['hidden']);
  assert.equal(m.metrics.settings.hidden, 16, 'the running run kept its code size');
  assert.match(m.link, /hidden=/);
  await screenshot(page, 'web-compression-pending.png');
  await clickItem(page, 'Reset');
  await page.waitForFunction(() => window.latentlab.metrics().pending_settings.length === 0, null, { timeout: 10000 });
  m = await metrics(page);
  assert.ok(m.metrics.settings.hidden < 16, `after Reset the run has the new code size (${m.metrics.settings.hidden})`);
  assert.deepEqual(errors, []);
  await page.close();
});
