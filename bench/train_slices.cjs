// Training slices of the single-thread web build while each lab trains (issue 14: no slice over
// 16 ms): median, p95, max and how many frames went over, from metrics().train_slices, for
// SECONDS per lab once it trains. Compare two builds in one run (the CPU differs between runs):
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
    let slices = [];
    for (let k = 0; k < Math.ceil(secs / 4); ++k) {  // the app keeps the last 240 frames' slices
      const before = await page.evaluate(() => window.latentlab.metrics());
      await page.waitForTimeout(4000);
      const after = await page.evaluate(() => window.latentlab.metrics());
      slices = slices.concat(after.train_slices.history_ms.slice(-(after.frames - before.frames)));
    }
    slices.sort((x, y) => x - y);
    const at = (p) => slices[Math.floor(p * (slices.length - 1))].toFixed(1);
    console.log(`${name.padEnd(18)} median ${at(0.5)} p95 ${at(0.95)} max ${at(1)} ms, ` +
      `over 16 ms: ${slices.filter((x) => x > 16).length} of ${slices.length} frames`);
    await page.close();
  }
  await env.close();
})();
