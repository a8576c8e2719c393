// Lesson links in real Chromium: a link sets up a lab exactly (settings, hidden controls, a
// preset's tab), "copy link" gives a link that restores the same setup in a fresh page, and a
// hostile or huge query string changes nothing, runs nothing, and says what it ignored.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { metrics, openBrowser, openPage, waitForApp, screenshot } = require('./browser.cjs');

let env;
test.before(async () => { env = await openBrowser(); });
test.after(async () => { await env.close(); });

test('a lesson link sets up the compression lab, hides controls, and copy-link restores it', async () => {
  const link = '?lab=compression&hidden=8&optimizer=momentum&lr=0.05&seed=3&new-image=coins&hide=lr,seed';
  const { page, log, errors } = await openPage(env, link);
  await waitForApp(page, 3);
  const m = await metrics(page);
  assert.deepEqual(m.link_problems, []);
  assert.equal(m.lab, 'compression');
  const s = m.metrics.settings;
  assert.deepEqual([s.hidden, s.optimizer, s.seed], [8, 'momentum', 3]);
  assert.ok(Math.abs(s.lr - 0.05) < 1e-7);
  assert.equal(m.metrics.new.image, 'coins');
  // The app writes the same setup back as a link: changed settings and the hidden controls.
  assert.equal(m.link, 'lab=compression&hidden=8&optimizer=momentum&lr=0.05&seed=3&new-image=coins&hide=lr,seed');
  // hide= hid exactly those: the page draws its other settings but not lr and seed.
  for (const key of ['hidden', 'optimizer', 'batch', 'samples', 'noise-bits', 'image', 'new-image'])
    assert.ok(m.controls_drawn.includes(key), `${key} is drawn: ${m.controls_drawn}`);
  for (const key of ['lr', 'seed']) assert.ok(!m.controls_drawn.includes(key), `${key} is hidden`);
  await screenshot(page, 'web-link-compression.png');
  assert.deepEqual(errors, [], log.join('\n'));

  // "Copy link to this setup" (the button) shows the whole URL; a fresh page opened with it
  // gets the same settings.
  const box = await page.locator('canvas').boundingBox();
  const copied = await page.evaluate(() => window.latentlab.metrics().link);
  const again = await env.browser.newPage({ viewport: { width: 1280, height: 800 } });
  await again.goto(env.base + '?' + copied);
  await waitForApp(again, 3);
  const m2 = await metrics(again);
  assert.deepEqual(m2.metrics.settings, m.metrics.settings);
  assert.equal(m2.link, copied);
  await again.close();
  assert.ok(box.width > 0);
  await page.close();
});

test('presets open the lecture experiments: the minimax GAN, the 2-D maps tab', async () => {
  const { page, errors, log } = await openPage(env, '?preset=gan-minimax&k=3');
  await waitForApp(page, 3);
  let m = await metrics(page);
  assert.equal(m.lab, 'gan');
  assert.deepEqual(m.link_problems, []);
  for (let i = 0; i < 100 && !m.metrics.image; ++i) {  // the digits load, then the lab starts
    await page.waitForTimeout(200);
    m = await metrics(page);
  }
  assert.equal(m.metrics.image.settings.gen_loss, 'minimax');
  assert.equal(m.metrics.image.settings.d_steps, 3, "the link's own k on top of the preset");
  assert.equal(m.link, 'lab=gan&k=3&gen-loss=minimax');
  await page.goto(env.base + '?lab=gan&tab=2d&target=grid&k-2d=4&gen-loss-2d=minimax');
  await waitForApp(page, 3);
  await page.waitForTimeout(300);
  m = await metrics(page);
  assert.equal(m.metrics.tab, '2d');
  assert.equal(m.metrics.toy.target, 'grid');
  // The 2-D game has its own k and loss; the Digits tab's stay at their defaults.
  assert.equal(m.metrics.toy.settings.d_steps, 4);
  assert.equal(m.metrics.toy.settings.gen_loss, 'minimax');
  assert.equal(m.link, 'lab=gan&tab=2d&target=grid&k-2d=4&gen-loss-2d=minimax');
  assert.deepEqual(m.link_problems, []);
  await page.goto(env.base + '?preset=map-2d&epochs=3');
  await waitForApp(page, 3);
  await page.waitForTimeout(500);
  m = await metrics(page);
  assert.equal(m.lab, 'pca');
  assert.equal(m.metrics.tab, 'map');
  assert.equal(m.link, 'lab=pca&tab=map&epochs=3');
  await screenshot(page, 'web-link-preset-map.png');
  assert.deepEqual(errors, [], log.join('\n'));
  await page.close();
});

test('hostile and huge query strings change nothing, run nothing, and are reported', async () => {
  const hostile = '?lab=compression&hidden=abc&lr=-5&optimizer=%3Cimg%20src%3Dx%20onerror%3Dwindow.pwned%3D2%3E' +
    '&%3Cb%3E=1&unknown=1&hide=nothing';
  const { page } = await openPage(env, hostile);
  await waitForApp(page, 3);
  let m = await metrics(page);
  assert.equal(m.lab, 'compression');
  const s = m.metrics.settings;
  assert.deepEqual([s.hidden, s.optimizer], [16, 'adam'], 'defaults kept');
  const problems = m.link_problems.join(' | ');
  console.log('reported: ' + problems);
  for (const expected of [/ignored the link key/, /hidden='abc': not a whole number/, /lr='-5': must be from/,
    /optimizer='<img src=x onerror=windo\.\.\.': must be one of sgd, momentum, adam/, /unknown setting 'unknown'/,
    /hide: there is no control 'nothing'/])
    assert.match(problems, expected);
  assert.equal(await page.evaluate(() => window.pwned), undefined, 'nothing from the URL ran');
  assert.equal(await page.evaluate(() => document.querySelectorAll('img, b').length), 0, 'no markup injected');
  await screenshot(page, 'web-link-hostile.png');

  // An unknown lab written as markup: the default lab opens and the notice says so, as text.
  await page.goto(env.base + '?lab=%3Cscript%3Ewindow.pwned%3D1%3C%2Fscript%3E&hidden=4');
  await waitForApp(page, 3);
  m = await metrics(page);
  assert.equal(m.lab, 'compression');
  assert.equal(m.metrics.settings.hidden, 16);
  assert.match(m.link_problems.join(' '), /settings were for that lab and were ignored/);
  assert.equal(await page.evaluate(() => window.pwned), undefined);

  await page.goto(env.base + '?lab=gan&k=' + 'x'.repeat(100000));
  await waitForApp(page, 3);
  m = await metrics(page);
  assert.equal(m.lab, 'compression', 'a 100 kB query is ignored as a whole');
  assert.match(m.link_problems.join(' '), /characters long \(limit 2000\); all of them were ignored/);
  await page.close();
});

test('links with bytes that are not UTF-8, or one key 900 times, leave the page API working (issue 17)', async () => {
  const { page, errors } = await openPage(env, '?lab=compression');
  await waitForApp(page, 2);
  for (const q of ['?lab=%ff', '?lab=compression&seed=%ff', '?lab=compression&hide=%ff', '?preset=%c3%28',
    '?lab=gan&%ff%fe=2', '?lab=compression&hide=' + 'a,'.repeat(900)]) {
    await page.goto(env.base + q);
    await waitForApp(page, 3);
    const m = await metrics(page);  // threw a WebAssembly.Exception before the fix
    assert.ok(m.lab && Array.isArray(m.link_problems), q);
    // Each is reported once: an unknown lab in the notice, everything else as a link problem.
    const reported = m.link_problems.length + (/There is no lab called/.test(m.description) ? 1 : 0);
    assert.ok(reported >= 1 && reported <= 3, `${q}: ${reported} problems: ${m.description}`);
    assert.ok(!JSON.stringify(m.link_problems).includes('\\u00ff'), 'raw bytes are not passed on');
    assert.equal(typeof await page.evaluate(() => window.latentlab.pause()), 'boolean');
    assert.ok((await page.evaluate(() => window.latentlab.labs())).length >= 4);
    assert.equal(await page.evaluate(() => document.getElementById('unsupported').hidden), true, q);
    console.log(`${q.slice(0, 40)} -> ${m.lab}: ${m.link_problems.join(' | ').slice(0, 160)}`);
  }
  // Embedded in a course page with such a link: ready, then working, never "cannot run".
  await page.goto(env.base + 'embed-example.html?lab-url=' + encodeURIComponent(env.base + 'index.html?embed=1&seed=%ff'));
  await page.waitForFunction(() => window.example.received.some((m) => m.type === 'latentlab:ready'), null, { timeout: 120000 });
  const id = await page.evaluate(() => window.example.send({ type: 'latentlab:get-metrics' }));
  const reply = await (await page.waitForFunction((i) => window.example.received.find((m) => m.id === i), id, { timeout: 30000 })).jsonValue();
  assert.equal(reply.type, 'latentlab:metrics');
  assert.ok(!(await page.evaluate(() => window.example.received.some((m) => m.type === 'latentlab:unsupported'))));
  assert.deepEqual(errors, []);
  await page.close();
});
