// End-to-end tests of the web app shell in real headless Chromium against the real wasm build.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { openBrowser, openPage, waitForApp, pixelStats, screenshot } = require('./browser.cjs');

let env;
test.before(async () => { env = await openBrowser(); });
test.after(async () => { await env.close(); });

test('default page loads with WebGL2, no console errors, and opens the Compression lab', async () => {
  const { page, log, errors } = await openPage(env);
  await waitForApp(page, 20);
  assert.deepEqual(errors, [], 'console errors:\n' + log.join('\n'));
  assert.ok(log.some((l) => l.includes('GL_VERSION') && l.includes('WebGL 2.0')), 'no WebGL 2 context:\n' + log.join('\n'));
  assert.equal(await page.evaluate(() => window.latentlab.lab()), 'compression');
  const m = await page.evaluate(() => window.latentlab.metrics());
  assert.equal(m.lab, 'compression');
  assert.match(m.build.target, /wasm32/);
  assert.match(m.build.simd, /wasm SIMD128/);
  assert.equal(m.build.threads, 1);
  assert.equal(m.metrics.built, true);
  assert.equal(m.metrics.trained.image, 'camera');
  assert.ok(new URL(page.url()).searchParams.get('lab') === 'compression', 'URL does not name the lab');

  const { png } = await screenshot(page, 'web-compression.png');
  const s = await pixelStats(page, png);
  // A blank or single-colour canvas has std ~0 and few levels; the UI plus a photo has many.
  assert.ok(s.std > 20, `screenshot looks blank: ${JSON.stringify(s)}`);
  assert.ok(s.levels > 100, `too few gray levels for a photo: ${JSON.stringify(s)}`);
  await page.close();
});

test('?lab= selects the lab on load and latentlab.switchLab() changes it and the URL', async () => {
  const { page, errors } = await openPage(env, '?lab=gan');
  await waitForApp(page);
  assert.equal(await page.evaluate(() => window.latentlab.lab()), 'gan');
  const labs = await page.evaluate(() => window.latentlab.labs().map((l) => l.key));
  assert.deepEqual(labs, ['compression', 'pca', 'pretraining', 'gan']);
  assert.equal(await page.evaluate(() => window.latentlab.switchLab('pca')), true);
  assert.equal(await page.evaluate(() => window.latentlab.lab()), 'pca');
  assert.equal(new URL(page.url()).searchParams.get('lab'), 'pca');
  assert.equal(await page.evaluate(() => window.latentlab.switchLab('nope')), false);
  assert.equal(await page.evaluate(() => window.latentlab.lab()), 'pca');
  await page.waitForTimeout(300);  // let a frame draw the new page
  await screenshot(page, 'web-pca.png');
  assert.deepEqual(errors, []);
  await page.close();
});

test('an unknown ?lab= opens the default lab instead of failing', async () => {
  const { page, errors } = await openPage(env, '?lab=no-such-lab');
  await waitForApp(page);
  assert.equal(await page.evaluate(() => window.latentlab.lab()), 'compression');
  assert.deepEqual(errors, []);
  await page.close();
});

test('high-DPI: the canvas backing store follows devicePixelRatio', async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 900, height: 600 }, deviceScaleFactor: 2 });
  const page = await ctx.newPage();
  await page.goto(env.base + '?lab=compression');
  await waitForApp(page);
  const size = await page.evaluate(() => {
    const c = document.getElementById('canvas');
    return { w: c.width, h: c.height, cssW: c.clientWidth, cssH: c.clientHeight };
  });
  assert.deepEqual(size, { w: 1800, h: 1200, cssW: 900, cssH: 600 });
  await page.screenshot({ path: require('path').join(process.env.LL_ARTIFACTS || 'build/artifacts', 'web-hidpi.png') });
  await ctx.close();
});
