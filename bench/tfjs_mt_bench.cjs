// TensorFlow.js 4.22 on its threaded SIMD wasm backend, workloads W1-W5 (bench/README.md): the
// system tfjs_wasm_mt. TF.js only offers that build on a cross-origin isolated web page (in node
// its WASM_HAS_MULTITHREAD_SUPPORT is always false), so this serves a page with COOP + COEP from a
// local server and runs the workloads of tfjs_workloads.js in Debian's Chromium, as the browser
// tests launch it. It fails (exit 1) unless the page is isolated, the only .wasm the page fetched
// is tfjs-backend-wasm-threaded-simd.wasm and TF.js's thread pool has the requested size.
// Progress goes to stderr; the result is one JSON line on stdout, like tfjs_bench.cjs's.
//
//   node bench/tfjs_mt_bench.cjs [--quick] [--only W2,W3] [--threads N]   (NODE_PATH from scripts/env.sh)
//
// --threads defaults to the CPUs this process may run on (nproc). TF.js caps its pool at
// navigator.hardwareConcurrency / 2 (its backend.cc assumes two hardware threads per core), which
// on a 2-CPU machine without SMT is one thread whatever setThreadsCount asks for. So that it runs
// the N threads the other threaded systems get, the page is shown a hardwareConcurrency of 2N
// (DevTools' Emulation.setHardwareConcurrencyOverride); TF.js reads it once, when its module starts.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');
const { CHROMIUM_ARGS } = require('../tests/browser/browser.cjs');
const { start } = require('../scripts/static-server.cjs');

const args = process.argv.slice(2);
const arg = (name) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : null);
const quick = args.includes('--quick');
const only = arg('--only') ? arg('--only').split(',') : null;
const threads = Number(arg('--threads') || os.availableParallelism());
if (!Number.isInteger(threads) || threads < 1) {
  console.error('usage: node bench/tfjs_mt_bench.cjs [--quick] [--only W1,W2,W3,W4,W5] [--threads N]');
  process.exit(2);
}
const shownConcurrency = 2 * threads;
const log = (line) => process.stderr.write(`${line}\n`);

const THREADED_WASM = 'tfjs-backend-wasm-threaded-simd.wasm';
const TFJS_DIST = path.join(path.dirname(require.resolve('@tensorflow/tfjs/package.json')), 'dist');
const WASM_DIST = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
// The empty icon keeps Chromium from asking for /favicon.ico (a 404 is logged as a console error).
const PAGE = '<!doctype html><meta charset="utf-8"><title>tfjs_wasm_mt</title><link rel="icon" href="data:,">\n' +
  '<script src="tf.min.js"></script><script src="tf-backend-wasm.min.js"></script>' +
  '<script src="tfjs_workloads.js"></script>\n';

// A folder with the page and links to TF.js's files, for the project's static server (COOP +
// COEP: isolated). The three binaries are all offered, so that TF.js picks one by itself and
// the page's requests show which.
function siteFolder() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-mt-'));
  fs.writeFileSync(path.join(dir, 'index.html'), PAGE);
  fs.symlinkSync(path.join(TFJS_DIST, 'tf.min.js'), path.join(dir, 'tf.min.js'));
  fs.symlinkSync(path.join(WASM_DIST, 'tf-backend-wasm.min.js'), path.join(dir, 'tf-backend-wasm.min.js'));
  fs.symlinkSync(path.join(__dirname, 'tfjs_workloads.js'), path.join(dir, 'tfjs_workloads.js'));
  fs.mkdirSync(path.join(dir, 'wasm'));
  for (const f of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', THREADED_WASM]) {
    fs.symlinkSync(path.join(WASM_DIST, f), path.join(dir, 'wasm', f));
  }
  return dir;
}

async function main() {
  const dir = siteFolder();
  const server = await start(dir, 0, '127.0.0.1', 'coop-coep');
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const fetched = [];  // every URL the page asks for
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setHardwareConcurrencyOverride', { hardwareConcurrency: shownConcurrency });
    // The workloads' lines (and TF.js's own notes) arrive as console messages.
    page.on('console', (m) => log(m.text()));
    page.on('pageerror', (e) => log(`page error: ${e}`));
    await page.goto(base);
    if ((await page.evaluate(() => self.crossOriginIsolated)) !== true) {
      throw new Error(`${base} is not cross-origin isolated: TF.js would fall back to its single-thread build`);
    }
    const setup = await page.evaluate(async ({ wasmDir, n }) => {
      tf.wasm.setWasmPaths(wasmDir);
      tf.wasm.setThreadsCount(n);
      if (!(await tf.setBackend('wasm'))) throw new Error('TF.js wasm backend failed to initialise');
      await tf.ready();
      return { multithread: tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT'), threads: tf.wasm.getThreadsCount(),
        // pthreads running now: XNNPACK's pool starts threads - 1 of them (the caller is one).
        pthreads: tf.backend().wasm.PThread ? tf.backend().wasm.PThread.runningWorkers.length : 0 };
    }, { wasmDir: `${base}wasm/`, n: threads });
    const wasmFetched = fetched.filter((p) => p.endsWith('.wasm')).map((p) => path.basename(p));
    if (wasmFetched.length !== 1 || wasmFetched[0] !== THREADED_WASM || !setup.multithread) {
      throw new Error(`TF.js did not load ${THREADED_WASM}: it fetched [${wasmFetched.join(', ')}], ` +
        `WASM_HAS_MULTITHREAD_SUPPORT=${setup.multithread}`);
    }
    if (setup.threads !== threads || setup.pthreads !== threads - 1) {
      throw new Error(`asked for ${threads} threads, TF.js's pool has ${setup.threads} (${setup.pthreads} pthreads running)`);
    }
    const info = await page.evaluate((q) => {
      window.bench = tfjsWorkloads(tf, { quick: q, log: (line) => console.log(line) });
      return window.bench.info();
    }, quick);
    Object.assign(info, { threads, pthreads: setup.pthreads, wasm: wasmFetched[0], isolated: true,
      hardware_concurrency_shown: shownConcurrency, browser: `Chromium ${browser.version()}` });
    log(`tfjs_wasm_mt ${JSON.stringify(info)}`);
    // One workload per evaluate, so that its lines are printed before the next one starts.
    for (const w of ['W1', 'W2', 'W3', 'W4', 'W5'].filter((x) => !only || only.includes(x))) {
      await page.evaluate((name) => window.bench.workloads[name](), w);
    }
    const results = await page.evaluate(() => window.bench.results);
    console.log(JSON.stringify({ system: 'tfjs_wasm_mt', quick, ...info, results }));
  } finally {
    await browser.close();
    server.close();
    fs.rmSync(dir, { recursive: true });
  }
}

main().catch((e) => {
  console.error(`tfjs_wasm_mt FAILED: ${e.message}`);
  process.exit(1);
});
