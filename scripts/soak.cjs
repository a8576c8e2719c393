#!/usr/bin/env node
// Soak test (not in CI): trains each lab in headless Chromium for N minutes and prints, every
// 30 s, the wasm memory, the resident memory of all Chromium processes, the frame rate and the
// lab's progress, so leaks and slow-downs over long sessions show. Uses the built web app.
//
//   node scripts/soak.cjs [MINUTES_PER_LAB=2] [LABS=compression,deep-ae,pretraining,gan]
'use strict';
const fs = require('fs');
const { openBrowser, openPage, waitForApp, metrics } = require('../tests/browser/browser.cjs');

const minutes = Number(process.argv[2] || 2);
const labs = (process.argv[3] || 'compression,deep-ae,pretraining,gan').split(',');
// Where each lab keeps its progress in metrics().metrics.
const PROGRESS = { compression: (m) => `${(m.samples_seen / 1e6).toFixed(2)}M frames`,
  'deep-ae': (m) => m.deep_ae && `${m.deep_ae.phase} ${(100 * m.deep_ae.progress).toFixed(0)}%`,
  map: (m) => m.map && `${m.map.phase} ${(100 * m.map.progress).toFixed(0)}%`,
  pretraining: (m) => `${m.phase} ${(100 * m.progress).toFixed(0)}%`,
  gan: (m) => m.image && `iteration ${m.image.iteration}`, 'gan-2d': (m) => m.toy && `iteration ${m.toy.iteration}` };
const QUERY = { compression: '?lab=compression', 'deep-ae': '?lab=pca&tab=deep-ae', pretraining: '?lab=pretraining',
  gan: '?lab=gan', 'gan-2d': '?lab=gan&tab=2d', map: '?lab=pca&tab=map' };

// Resident memory of a process and all its descendants (the browser, GPU and renderer processes).
function rssMb(root) {
  const children = new Map();
  for (const d of fs.readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const ppid = Number(fs.readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(d));
    } catch (e) { /* the process ended */ }
  }
  let kb = 0;
  const walk = (pid) => {
    try { kb += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]); } catch (e) { /* gone */ }
    (children.get(pid) || []).forEach(walk);
  };
  walk(root);
  return kb / 1024;
}

(async () => {
  const env = await openBrowser();
  const pid = env.browser.process ? env.browser.process().pid : process.pid;
  console.log('lab          t(s)  wasm MB  RSS MB   fps  runs and progress (headless Chromium, software WebGL: ~16 ms per frame)');
  for (const lab of labs) {
    const { page, errors } = await openPage(env, QUERY[lab] || '?lab=' + lab);
    await waitForApp(page, 2);
    const t0 = Date.now();
    let last = -1, runs = 1;
    while (Date.now() - t0 < minutes * 60000) {
      const t = Math.round((Date.now() - t0) / 1000);
      const m = await metrics(page);
      // Restart a finished run (checked every second) so the lab trains for the whole soak.
      if (JSON.stringify(m.metrics).includes('"done":true') && await page.evaluate(() => window.latentlab.reset())) ++runs;
      if (t >= last + 30 || last < 0) {
        last = t;
        const wasm = await page.evaluate(() => window.Module.HEAPU8.length / 1048576);
        console.log(`${lab.padEnd(12)} ${String(t).padStart(4)} ${wasm.toFixed(0).padStart(8)} ${rssMb(pid).toFixed(0).padStart(7)} ` +
          `${m.fps.toFixed(1).padStart(5)}  run ${runs}: ${(PROGRESS[lab] || (() => ''))(m.metrics)}`);
      }
      await page.waitForTimeout(1000);
    }
    if (errors.length) console.log(`${lab}: page errors: ${errors.join(' | ')}`);
    await page.close();
  }
  await env.close();
})().catch((e) => { console.error(e); process.exit(1); });
