// The offline package (scripts/package-offline) in real Chromium: the zip, unpacked into a temp
// folder and served by plain static servers, runs the labs; and how many bytes a student
// downloads before the default lab is usable.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const { execFileSync } = require('child_process');
const { chromium } = require('playwright-core');
const { ROOT, CHROMIUM_ARGS, waitForApp } = require('./browser.cjs');
const { start } = require('../../scripts/static-server.cjs');

const MB = 1e6;
let tmp, dir, browser;
test.before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'latentlab-offline-'));
  execFileSync(path.join(ROOT, 'scripts/package-offline'), [path.join(tmp, 'out')], { stdio: 'ignore' });
  // Unpack with python's zipfile, as an instructor's unzip tool would.
  execFileSync('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])',
    path.join(tmp, 'out/latentlab.zip'), path.join(tmp, 'unpacked')]);
  dir = path.join(tmp, 'unpacked/latentlab');
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
});
test.after(async () => {
  await browser.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

// A host that knows no MIME types (everything application/octet-stream but .html) and sends no
// special headers: the worst ordinary static host.
function plainServer(root) {
  const server = http.createServer((req, res) => {
    const file = path.join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, { 'Content-Type': file.endsWith('.html') ? 'text/html' : 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function open(base, query = '') {
  const page = await (await browser.newContext()).newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('favicon.ico')) errors.push(`HTTP ${r.status()} ${r.url()}`); });
  await page.goto(base + query);
  return { page, errors };
}
const labMetrics = (page) => page.evaluate(() => window.latentlab.metrics());

test('the zip holds the app, its datasets and the example page, addressed only by relative URLs', () => {
  const files = ['index.html', 'index.js', 'index.wasm', 'latentlab-shell.js', 'latentlab-embed.js', 'latentlab.css',
    'embed-example.html', 'README.txt', 'data/mnist.safetensors.gz', 'data/fashion.safetensors.gz',
    'data/faces.safetensors.gz'];
  for (const f of files) assert.ok(fs.statSync(path.join(dir, f)).size > 0, `${f} missing from the zip`);
  for (const f of ['index.html', 'latentlab-shell.js', 'latentlab-embed.js', 'embed-example.html']) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    // No root-relative or absolute address of our own files (http:// appears only in comments).
    assert.doesNotMatch(text, /(src|href)="\/|fetch\('\/|['"]https?:\/\/[^'"]*\.(js|wasm|gz)/, f);
  }
});

test('unpacked on a plain host (no MIME types, no headers) the default lab loads and trains', async (t) => {
  const server = await plainServer(dir);
  t.after(() => server.close());  // also when an assertion fails: a listening server keeps node alive
  const { page, errors } = await open(`http://127.0.0.1:${server.address().port}/`, 'index.html');
  await waitForApp(page, 5);
  const m1 = await labMetrics(page);
  assert.equal(m1.lab, 'compression');
  await page.waitForFunction((s) => window.latentlab.metrics().metrics.samples_seen > s, m1.metrics.samples_seen);
  // A lab that fetches its dataset from data/ relative to the page.
  assert.equal(await page.evaluate(() => window.latentlab.switchLab('pretraining')), true);
  await page.waitForFunction(() => window.latentlab.metrics().metrics.dataset_state !== 'loading', null, { timeout: 120000 });
  assert.equal((await labMetrics(page)).metrics.dataset_state, 'ready');
  assert.deepEqual(errors, []);
  await page.close();
});

test('bytes transferred until the default lab trains (gzip as the server sends it): at most 1.5 MB', async (t) => {
  const server = await start(dir, 0);  // scripts/static-server.cjs gzips .wasm, .js, .css, .html
  const responses = [];
  const t0 = Date.now();
  const context = await browser.newContext();  // empty cache
  // Closed also when an assertion fails: CI's run hung on this test's listening server.
  t.after(async () => {
    await context.close();
    server.close();
  });
  const page = await context.newPage();
  page.on('response', (r) => responses.push(r));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => window.latentlab && window.latentlab.ready() &&
    window.latentlab.metrics().metrics.samples_seen > 0, null, { timeout: 120000 });
  const ms = Date.now() - t0;
  let body = 0, headers = 0, raw = 0;
  const rows = [];
  for (const r of responses) {
    const sizes = await r.request().sizes();
    const name = new URL(r.url()).pathname.slice(1) || 'index.html';
    const encoding = r.headers()['content-encoding'] || 'identity';
    const file = path.join(dir, name);
    const size = fs.existsSync(file) ? fs.statSync(file).size : 0;
    body += sizes.responseBodySize;
    headers += sizes.responseHeadersSize;
    raw += size;
    rows.push(`  ${name}: ${sizes.responseBodySize} bytes (${encoding}; file ${size})`);
    if (name.endsWith('.wasm') || name.endsWith('.js')) assert.equal(encoding, 'gzip', `${name} was not gzipped`);
  }
  console.log(`until the default lab trained (${ms} ms on localhost):\n${rows.join('\n')}\n` +
    `  total: ${(body / MB).toFixed(3)} MB of bodies + ${(headers / 1e3).toFixed(1)} kB of headers ` +
    `(${(raw / MB).toFixed(3)} MB uncompressed)`);
  assert.ok(responses.some((r) => r.url().endsWith('index.wasm')), 'index.wasm was not fetched');
  assert.ok(!responses.some((r) => r.url().includes('/data/')), 'the default lab needs no dataset');
  assert.ok(body + headers <= 1.5 * MB, `${body + headers} bytes > 1.5 MB`);
});
