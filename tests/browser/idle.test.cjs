// Issue 15 "Do not burn the battery": once a lab has nothing to do (its run finished) and nobody
// touches the page, the app draws no frames and its page uses almost no CPU; a mouse move brings
// the frames back. CPU is the renderer main thread's task time (Chrome's Performance metrics).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { metrics, openBrowser, openPage, waitForApp } = require('./browser.cjs');

let env;
test.before(async () => { env = await openBrowser(); });
test.after(async () => { await env.close(); });

// Renderer main-thread busy time (s) and the app's drawn and skipped frames over `ms`.
async function watch(page, cdp, ms) {
  const task = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value;
  const m0 = await metrics(page), t0 = await task();
  await page.waitForTimeout(ms);
  const m1 = await metrics(page), t1 = await task();
  return { cpu: (t1 - t0) / (ms / 1000), drawn: m1.frames - m0.frames, skipped: m1.idle_frames - m0.idle_frames, busy: m1.busy };
}

test('an idle lab draws no frames and uses almost no CPU; input brings the frames back', async () => {
  const { page, log, errors } = await openPage(env, '?lab=compression&samples=30000');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await waitForApp(page, 2);
  const training = await watch(page, cdp, 1000);
  // Done, and its last state told to screen readers (App::announce, at most every 2 s: frames
  // go on until then), then the settling frames after the last change.
  await page.waitForFunction(() => {
    const m = window.latentlab.metrics();
    return m.metrics.done === true && !m.busy && document.getElementById('lab-description').textContent === m.description;
  }, null, { timeout: 120000 });
  await page.waitForTimeout(1000);
  const idle = await watch(page, cdp, 3000);
  // The mouse moves over the page: frames again (hover), then idle again.
  await page.mouse.move(400, 300);
  await page.mouse.move(420, 310);
  const touched = await watch(page, cdp, 500);
  console.log(`training: ${training.drawn} frames/s drawn, CPU ${(100 * training.cpu).toFixed(0)}% of a core; ` +
    `idle: ${idle.drawn} frames drawn and ${idle.skipped} skipped in 3 s, CPU ${(100 * idle.cpu).toFixed(1)}%; ` +
    `after a mouse move: ${touched.drawn} frames in 0.5 s`);
  assert.deepEqual(errors, [], log.join('\n'));
  assert.equal(idle.busy, false);
  assert.ok(idle.drawn <= 1, `${idle.drawn} frames drawn while idle`);
  assert.ok(idle.skipped > 30, 'the loop still runs (requestAnimationFrame), it only skips drawing');
  assert.ok(idle.cpu < 0.1, `idle page used ${(100 * idle.cpu).toFixed(1)}% of a core`);
  assert.ok(touched.drawn >= 5, `only ${touched.drawn} frames after the mouse moved`);
  await page.close();
});
