// The single-thread web build while each lab trains, SECONDS per lab once it trains: frames per
// second, training's share of the wall time, and its slices (in frames and between them; issue
// 14: none over 16 ms): median, p95, max and how many went over, from metrics().train_slices.
// Compare two builds in one run (the CPU differs between runs):
//   source scripts/env.sh
//   node bench/train_slices.cjs [WWW_DIR=build/web/www] [SECONDS=8]     (ONLY=compression: one lab)
'use strict';
const path = require('path');
process.env.LL_WWW = path.resolve(process.argv[2] || path.join(__dirname, '../build/web/www'));
const secs = +(process.argv[3] || 8);
const b = require('../tests/browser/browser.cjs');

(async () => {
  const env = await b.openBrowser();
  for (const [name, query, progress] of b.TRAINING_LABS.filter((l) => !process.env.ONLY || l[0] === process.env.ONLY)) {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(env.base + query);
    await b.waitForApp(page, 2);
    await b.waitUntilTraining(page, progress);
    let slices = [], frames = 0, wall = 0;
    for (let k = 0; k < Math.ceil(secs / 4); ++k) {  // the app keeps its last 1,024 slices
      const before = await page.evaluate(() => window.latentlab.metrics());
      const t0 = Date.now();
      await page.waitForTimeout(4000);
      const after = await page.evaluate(() => window.latentlab.metrics());
      wall += Date.now() - t0;
      frames += after.frames - before.frames;
      slices = slices.concat(after.train_slices.history_ms.slice(-(after.train_slices.count - before.train_slices.count)));
    }
    // Training's share of the wall time: how fast the lab trains, whatever the frames do.
    const share = slices.reduce((x, y) => x + y, 0) / wall;
    slices.sort((x, y) => x - y);
    const at = (p) => slices[Math.floor(p * (slices.length - 1))].toFixed(1);
    console.log(`${name.padEnd(18)} ${(1000 * frames / wall).toFixed(1).padStart(4)} fps, training ${(100 * share).toFixed(0).padStart(2)}% ` +
      `of the time; slices median ${at(0.5)} p95 ${at(0.95)} max ${at(1)} ms, ` +
      `over 16 ms: ${slices.filter((x) => x > 16).length} of ${slices.length}`);
    await page.close();
  }
  await env.close();
})();
