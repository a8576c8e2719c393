// The GAN lab in real Chromium: ?lab=gan loads MNIST, trains G and D in the tab, and the quality
// score reported through window.latentlab.metrics() improves; the 2-D tab trains and draws.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { metrics, openBrowser, openPage, waitForApp, screenshot } = require('./browser.cjs');

let env;
test.before(async () => { env = await openBrowser(); });
test.after(async () => { await env.close(); });


test('?lab=gan trains in the tab and the quality score improves', async () => {
  const { page, log, errors } = await openPage(env, '?lab=gan');
  await waitForApp(page, 2);
  await page.waitForFunction(() => window.latentlab.metrics().metrics.image !== null, null, { timeout: 60000 });
  const t0 = Date.now();
  const slices = [], frames = [];
  let m = await metrics(page);
  // Train until the fifth score (iteration 1,000 with the defaults), at most 150 s.
  while (m.metrics.image.scores.length < 5) {
    assert.ok(Date.now() - t0 < 150000, `only ${m.metrics.image.iteration} iterations in 150 s`);
    slices.push(m.train_slice_ms);
    frames.push(m.frames);
    await page.waitForTimeout(500);
    m = await metrics(page);
  }
  const wall = (Date.now() - t0) / 1000;
  await screenshot(page, 'web-gan.png');
  const img = m.metrics.image, first = img.scores[0], last = img.scores[img.scores.length - 1];
  const sorted = slices.slice().sort((a, b) => a - b);
  console.log(`browser GAN: ${img.iteration} iterations in ${wall.toFixed(1)} s wall ` +
    `(${img.iterations_per_second.toFixed(1)} it/s while training); score at ${first.iteration}: ` +
    `${first.classes_present} classes, entropy ${first.class_entropy.toFixed(3)}, Frechet ${first.frechet.toFixed(1)}; ` +
    `at ${last.iteration}: ${last.classes_present} classes, entropy ${last.class_entropy.toFixed(3)}, ` +
    `Frechet ${last.frechet.toFixed(1)}; slices median ${sorted[sorted.length >> 1].toFixed(1)} ms, ` +
    `max ${sorted[sorted.length - 1].toFixed(1)} ms`);
  assert.deepEqual(errors, [], log.join('\n'));
  assert.equal(m.lab, 'gan');
  assert.equal(m.metrics.built, true);
  assert.equal(img.dataset, 'mnist');
  assert.equal(img.diverged, false);
  assert.ok(img.curve.length >= 30, 'the curves are recorded');
  assert.ok(last.frechet < 0.5 * first.frechet, `Frechet distance falls: ${first.frechet} -> ${last.frechet}`);
  assert.ok(last.class_entropy > first.class_entropy, 'class entropy rises');
  assert.ok(last.classes_present >= 5, `${last.classes_present} classes present`);
  // The UI keeps drawing while it trains: new frames between (nearly) every two samples half a
  // second apart. How long the slices take is printed above, not asserted (machine load).
  const drawn = frames.slice(1).filter((f, i) => f > frames[i]).length;
  assert.ok(drawn >= 0.9 * (frames.length - 1), `frames advanced in only ${drawn} of ${frames.length - 1} samples`);
  await page.close();
});

test('the 2-D GAN tab trains and its samples move onto the ring', async () => {
  const { page, errors } = await openPage(env, '?lab=gan');
  await waitForApp(page, 2);
  // The tab bar sits under the lab selector; the second tab starts after the first one's label.
  await page.mouse.click(300, 43);
  await page.waitForFunction(() => window.latentlab.metrics().metrics.tab === '2d', null, { timeout: 10000 });
  const t0 = Date.now();
  let m = await metrics(page);
  while (m.metrics.toy.iteration < 2000) {
    assert.ok(Date.now() - t0 < 150000, `2-D GAN: only ${m.metrics.toy.iteration} iterations in 150 s at ${m.fps} fps`);
    await page.waitForTimeout(500);
    m = await metrics(page);
  }
  const toy = m.metrics.toy;
  await screenshot(page, 'web-gan-2d.png');
  console.log(`browser 2-D GAN: iteration ${toy.iteration} after ${((Date.now() - t0) / 1000).toFixed(1)} s at ` +
    `${m.fps.toFixed(0)} fps, ${(100 * toy.samples_on_target).toFixed(0)}% of samples on a mode, ` +
    `${toy.modes_covered} of ${toy.modes} modes covered`);
  assert.ok(toy.samples_on_target > 0.3, `samples on target: ${toy.samples_on_target}`);
  assert.ok(toy.modes_covered >= 4, `modes covered: ${toy.modes_covered}`);
  assert.deepEqual(errors, []);
  await page.close();
});
