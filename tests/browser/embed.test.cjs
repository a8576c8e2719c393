// A lab embedded in a course page, in real Chromium: web/embed-example.html served from one
// site (localhost:PORT_A) hosts the lab from another (127.0.0.1:PORT_B) in an iframe, with no
// isolation headers, and drives it over postMessage (docs/embedding.md).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { WWW, openBrowser, screenshot } = require('./browser.cjs');
const { start } = require('../../scripts/static-server.cjs');

let env, hostServer, page, frame;
const errors = [];
test.before(async () => {
  env = await openBrowser();
  hostServer = await start(WWW, 0);
});
test.after(async () => {
  await env.close();
  hostServer.close();
});

// The host page keeps every message from the lab in window.example.received.
const received = () => page.evaluate(() => window.example.received.length);
async function nextMessage(type, from) {
  const handle = await page.waitForFunction(([t, i]) =>
    window.example.received.slice(i).find((m) => m.type === t), [type, from], { timeout: 120000 });
  return handle.jsonValue();
}
// Sends a command through the example page and returns the lab's reply (matched by id).
async function ask(msg) {
  const id = await page.evaluate((m) => window.example.send(m), msg);
  const handle = await page.waitForFunction((i) =>
    window.example.received.find((m) => m.id === i), id, { timeout: 30000 });
  return handle.jsonValue();
}
const steps = async () => (await ask({ type: 'latentlab:get-metrics' })).metrics.metrics.samples_seen;
async function stepsAdvance(after) {
  for (let i = 0; i < 100; ++i) {
    const s = await steps();
    if (s > after) return s;
    await page.waitForTimeout(200);
  }
  throw new Error(`training did not advance past ${after}`);
}
const hide = (state) => frame.evaluate((s) => {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => s });
  document.dispatchEvent(new Event('visibilitychange'));
}, state);

test('the lab loads in a cross-site iframe without isolation headers and announces ready and height', async () => {
  const labUrl = `${env.base}index.html`;
  const hostUrl = `http://localhost:${hostServer.address().port}/embed-example.html?lab-url=${encodeURIComponent(labUrl)}`;
  page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const isolation = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('response', (r) => {
    const h = r.headers();
    if (h['cross-origin-opener-policy'] || h['cross-origin-embedder-policy']) isolation.push(r.url());
  });
  const t0 = Date.now();
  await page.goto(hostUrl);
  const ready = await nextMessage('latentlab:ready', 0);
  console.log(`latentlab:ready after ${Date.now() - t0} ms`);
  assert.equal(ready.lab, 'compression');
  assert.equal(ready.protocol, 1);
  assert.equal(ready.embed, true);
  assert.deepEqual(ready.labs.map((l) => l.key), ['compression', 'pca', 'pretraining', 'gan']);
  const height = await nextMessage('latentlab:height', 0);
  frame = page.frames().find((f) => f.url().startsWith(env.base));
  assert.ok(frame, 'no frame from the lab origin');
  const inside = await frame.evaluate(() => ({
    isolated: window.crossOriginIsolated, embedded: window.latentlab.embedded(),
    contentHeight: window.latentlab.contentHeight(), hostOrigin: document.referrer }));
  console.log(`first height message: ${height.height} px; in the lab: ${JSON.stringify(inside)}`);
  assert.equal(inside.isolated, false);
  assert.equal(inside.embedded, true);
  assert.ok(height.height > 300 && height.height < 4000, `implausible content height ${height.height}`);
  assert.deepEqual(isolation, [], 'no response may need COOP/COEP');
  // Auto height: the example page sized the iframe to the lab's latest height message.
  await page.waitForFunction(() => {
    const hs = window.example.received.filter((m) => m.type === 'latentlab:height');
    return window.example.frame.clientHeight === Math.max(300, hs[hs.length - 1].height);
  });
  // The canvas follows the iframe at the lab's next animation frame (platform::before_frame),
  // so it is read once that frame had time to come, not in the same instant.
  const iframeH = await page.evaluate(() => window.example.frame.clientHeight);
  await frame.waitForFunction((h) => document.getElementById('canvas').clientHeight === h, iframeH, { timeout: 5000 })
    .catch(() => {});
  const canvasH = await frame.evaluate(() => document.getElementById('canvas').clientHeight);
  assert.equal(canvasH, iframeH, 'the canvas fills the iframe');
});

test('get-metrics replies; pause stops training, start resumes it, reset restarts the run', async () => {
  await ask({ type: 'latentlab:reset' });  // the default run may have finished meanwhile
  const m = await ask({ type: 'latentlab:get-metrics' });
  assert.equal(m.type, 'latentlab:metrics');
  assert.equal(m.reason, 'request');
  assert.equal(m.lab, 'compression');
  assert.equal(m.metrics.embed, true);
  const s0 = await stepsAdvance(0);

  const paused = await ask({ type: 'latentlab:pause' });
  assert.deepEqual([paused.type, paused.request, paused.lab], ['latentlab:ack', 'latentlab:pause', 'compression']);
  const p1 = await steps();
  await page.waitForTimeout(1500);
  const p2 = await steps();
  console.log(`steps: ${s0} while training, ${p1} -> ${p2} over 1.5 s paused`);
  assert.equal(p2, p1, 'training went on while paused');
  assert.equal((await ask({ type: 'latentlab:get-metrics' })).metrics.metrics.playing, false);

  assert.equal((await ask({ type: 'latentlab:start' })).type, 'latentlab:ack');
  // Well past what a few frames train after the reset (~16k frames each), so the comparison
  // below cannot pass or fail by how many frames ran in between.
  const s1 = await stepsAdvance(p2 + 300000);
  assert.equal((await ask({ type: 'latentlab:reset' })).type, 'latentlab:ack');
  const s2 = await steps();
  console.log(`steps: ${s1} after start, ${s2} right after reset`);
  assert.ok(s2 < s1, `reset did not restart the run: ${s2} >= ${s1}`);
});

test('a hidden page trains nothing and says so when it is visible again', async () => {
  await ask({ type: 'latentlab:reset' });
  await hide('hidden');
  const h1 = await steps();
  await page.waitForTimeout(1500);
  const h2 = await steps();
  assert.equal(h2, h1, 'trained while hidden');
  await hide('visible');
  const m = (await ask({ type: 'latentlab:get-metrics' })).metrics;
  assert.equal(m.hidden, false);
  assert.match(m.hidden_notice, /hidden for \d+ s.*nothing was trained/);
  await stepsAdvance(h2);
  await screenshot(page, 'embed-hidden-notice.png');
});

test('when a run finishes the host hears latentlab:metrics with reason done', async () => {
  const from = await received();
  const done = await page.waitForFunction((i) => window.example.received.slice(i)
    .find((m) => m.type === 'latentlab:metrics' && m.reason === 'done'), from, { timeout: 240000 });
  const m = (await done.jsonValue()).metrics.metrics;
  console.log(`done milestone: ${m.samples_seen} frames, (B) ${m.trained.ae.plain.psnr_db.toFixed(2)} dB`);
  assert.equal(m.done, true);
  assert.equal(m.samples_seen, m.settings.samples);
});

test('malformed, unknown and hostile messages get latentlab:error and change nothing', async () => {
  const cases = [
    [{ type: 'latentlab:select-lab', lab: 42 }, /field lab must be a string/],
    [{ type: 'latentlab:select-lab' }, /field lab must be a string/],
    [{ type: 'latentlab:select-lab', lab: '<img src=x onerror="window.pwned=1">' }, /unknown lab/],
    [{ type: 'latentlab:launch-missiles' }, /unknown message type/],
    [{ type: 'latentlab:start', speed: 'max' }, /unknown field "speed"/],
    [{ type: 'latentlab:get-metrics', id: 'x'.repeat(500) }, /id must be/],
  ];
  for (const [msg, reason] of cases) {
    const from = await received();
    await page.evaluate((m) => window.example.frame.contentWindow.postMessage(m, '*'), msg);
    const reply = await nextMessage('latentlab:error', from);
    assert.match(reply.reason, reason, JSON.stringify(msg));
    assert.equal(reply.request, msg.type);
  }
  // Messages that are not ours (other scripts on a course page) get no answer: the next reply
  // after them is the one to a real request (messages between two windows stay in order).
  const from = await received();
  await page.evaluate(() => {
    const w = window.example.frame.contentWindow;
    w.postMessage('hello', '*');
    w.postMessage({ type: 'other-widget:ping' }, '*');
  });
  const m = await ask({ type: 'latentlab:get-metrics' });
  const after = await page.evaluate((i) => window.example.received.slice(i).map((x) => x.type), from);
  assert.ok(!after.includes('latentlab:error'), `foreign messages were answered: ${after}`);
  assert.equal(m.lab, 'compression', 'a bad message changed the lab');
  assert.equal(await frame.evaluate(() => window.pwned), undefined);
  assert.equal(await frame.evaluate(() => document.querySelectorAll('img').length), 0);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
});

test('select-lab switches labs; every lab takes start, pause and reset (the PCA tab\'s fit too)', async () => {
  const from = await received();
  const ack = await ask({ type: 'latentlab:select-lab', lab: 'pca' });
  assert.deepEqual([ack.type, ack.lab], ['latentlab:ack', 'pca']);
  assert.equal((await nextMessage('latentlab:lab-changed', from)).lab, 'pca');
  assert.equal(await frame.evaluate(() => window.latentlab.lab()), 'pca');
  // The PCA tab's training is its fit: pause holds it, start resumes it, reset fits again.
  assert.equal((await ask({ type: 'latentlab:pause' })).type, 'latentlab:ack');
  assert.equal((await ask({ type: 'latentlab:get-metrics' })).metrics.metrics.playing, false);
  assert.equal((await ask({ type: 'latentlab:start' })).type, 'latentlab:ack');
  assert.equal((await ask({ type: 'latentlab:reset' })).type, 'latentlab:ack');
  for (let i = 0; !(await ask({ type: 'latentlab:get-metrics' })).metrics.metrics.ready; ++i) {
    assert.ok(i < 600, 'PCA never finished its fit after reset');
    await page.waitForTimeout(200);
  }

  // The GAN lab: once MNIST has arrived, pause freezes its iteration count and start resumes.
  assert.equal((await ask({ type: 'latentlab:select-lab', lab: 'gan' })).lab, 'gan');
  const iteration = async () => {
    const g = (await ask({ type: 'latentlab:get-metrics' })).metrics.metrics;
    return g.image ? g.image.iteration : -1;
  };
  for (let i = 0; (await iteration()) < 1; ++i) {
    assert.ok(i < 600, 'the GAN lab never started training');
    await page.waitForTimeout(200);
  }
  await ask({ type: 'latentlab:pause' });
  const g1 = await iteration();
  await page.waitForTimeout(1500);
  assert.equal(await iteration(), g1, 'the GAN trained while paused');
  await ask({ type: 'latentlab:start' });
  for (let i = 0; (await iteration()) <= g1; ++i) {
    assert.ok(i < 300, 'the GAN did not resume');
    await page.waitForTimeout(200);
  }
  // The page's own Lab menu sends the same command.
  await page.selectOption('#lab', 'compression');
  await page.waitForFunction(() => window.example.received.some((m) => m.type === 'latentlab:ack' && m.lab === 'compression'));
});

test('resizing the iframe resizes the canvas', async () => {
  await page.uncheck('#autoheight');
  for (const [w, h] of [[760, 520], [1100, 700]]) {
    // The iframe's CSS size is its content box: the lab's window gets exactly w x h.
    await page.evaluate(([w, h]) => Object.assign(window.example.frame.style, { width: w + 'px', height: h + 'px' }), [w, h]);
    const size = () => frame.evaluate(() => {
      const c = document.getElementById('canvas');
      return [innerWidth, innerHeight, c.clientWidth, c.clientHeight, c.width / devicePixelRatio, c.height / devicePixelRatio];
    });
    for (let i = 0; JSON.stringify(await size()) !== JSON.stringify([w, h, w, h, w, h]); ++i) {
      assert.ok(i < 50, `canvas did not follow the iframe to ${w}x${h}: ${await size()}`);
      await page.waitForTimeout(100);
    }
  }
  await page.evaluate(() => Object.assign(window.example.frame.style, { width: '', height: '' }));
  await page.check('#autoheight');
  await ask({ type: 'latentlab:reset' });  // something moving for the screenshot
  await page.waitForTimeout(2500);
  await page.click('#metrics');
  await page.waitForTimeout(300);
  const { file } = await screenshot(page, 'embed-example.png');
  await page.screenshot({ path: file.replace('.png', '-full.png'), fullPage: true });
  assert.deepEqual(errors, []);
});

test('keyboard: the lab keeps Tab while focused, Escape twice hands the keyboard back', async () => {
  const canvas = frame.locator('canvas');
  // Whether the app took (preventDefault) the last Tab keydown inside the lab's page.
  await frame.evaluate(() => window.addEventListener('keydown', (e) => {
    if (e.key === 'Tab') setTimeout(() => { window.lastTabTaken = e.defaultPrevented; }, 0);
  }, true));
  const pressTab = async () => {
    await frame.evaluate(() => { window.lastTabTaken = null; });
    await page.keyboard.press('Tab');
    await page.waitForTimeout(300);
    return frame.evaluate(() => window.lastTabTaken);
  };
  await canvas.focus();
  assert.equal(await pressTab(), true, 'with the canvas focused, Tab belongs to the lab');
  await canvas.focus();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  assert.equal(await frame.evaluate(() => document.activeElement === document.getElementById('canvas')), false,
    'Escape twice: the canvas gave up focus');
  assert.equal(await pressTab(), false, "the next Tab is the browser's: focus moves on");
});
