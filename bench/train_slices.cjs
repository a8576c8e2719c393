// The single-thread web build while each lab trains, SECONDS per lab once it trains: frames per
// second, training's share of the wall time, and its slices (in frames and between them; issue
// 14: none over 16 ms): median, p95, max and how many went over, from metrics().train_slices.
// Compare two builds in one run (the CPU differs between runs):
//   source scripts/env.sh
//   node bench/train_slices.cjs [WWW_DIR=build/web/www] [SECONDS=8]     (ONLY=compression: one lab)
// With TRACE=1 it also records a Chromium trace per lab and prints, for the slices between frames,
// how much of their wall time the page's thread ran on a core (the trace's thread time, tdur):
// a slice over 16 ms of wall time with less thread time was waiting for a core, not computing.
'use strict';
const path = require('path');
process.env.LL_WWW = path.resolve(process.argv[2] || path.join(__dirname, '../build/web/www'));
const secs = +(process.argv[3] || 8);
const b = require('../tests/browser/browser.cjs');

// The slices between frames in a Chromium trace (calls of the page's trainBetweenFrames,
// src/platform/platform_web.cpp): how much of their wall time the page's thread ran on a core
// (thread time, tdur), and the thread time of those over 16 ms of wall time.
function threadTimes(events) {
  const calls = events.filter((e) => e.ph === 'X' && e.name === 'FunctionCall' &&
    e.args.data && e.args.data.functionName === 'trainBetweenFrames' && e.dur > 1000);
  if (!calls.length) return 'trace: no slices between frames found';
  if (calls.some((t) => t.tdur === undefined)) return 'trace: no thread times recorded';
  const sum = (a) => a.reduce((x, y) => x + y, 0);
  const ms = (x) => (x / 1000).toFixed(1);
  const long = calls.filter((t) => t.dur > 16000);
  const cpu = long.map((t) => t.tdur).sort((x, y) => x - y);
  return `trace: ${calls.length} slices between frames ran on a core ${(100 * sum(calls.map((t) => t.tdur)) / sum(calls.map((t) => t.dur))).toFixed(0)}% ` +
    `of their wall time; ${long.length} over 16 ms of wall time` + (long.length ? `, their thread time ` +
    `median ${ms(cpu[cpu.length >> 1])} max ${ms(cpu[cpu.length - 1])} ms` : '') +
    `; slices over 16 ms of thread time: ${calls.filter((t) => t.tdur > 16000).length}`;
}

(async () => {
  const env = await b.openBrowser();
  for (const [name, query, progress] of b.TRAINING_LABS.filter((l) => !process.env.ONLY || l[0] === process.env.ONLY)) {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(env.base + query);
    await b.waitForApp(page, 2);
    await b.waitUntilTraining(page, progress);
    let slices = [], frames = 0, wall = 0;
    if (process.env.TRACE) await env.browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline'] });
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
    if (process.env.TRACE) console.log(`${''.padEnd(18)} ${threadTimes(JSON.parse(await env.browser.stopTracing()).traceEvents)}`);
    await page.close();
  }
  await env.close();
})();
