// Shared set-up for the browser tests: Debian's Chromium driven by playwright-core, the real
// web build served by our static server, console errors collected, screenshots kept.
'use strict';
const path = require('path');
const fs = require('fs');
const { chromium } = require('playwright-core');
const { start } = require('../../scripts/static-server.cjs');

const ROOT = path.resolve(__dirname, '../..');
// The native CLI, which the browser tests compare the web app's numbers against.
const CLI = path.join(ROOT, 'build/native/latentlab');
const WWW = process.env.LL_WWW || path.join(ROOT, 'build/web/www');
const ARTIFACTS = process.env.LL_ARTIFACTS || path.join(ROOT, 'build/artifacts');
// SwiftShader gives a real WebGL2 implementation on machines without a GPU.
const CHROMIUM_ARGS = ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// `isolation`: the headers the app is served with (scripts/static-server.cjs): 'none' (a plain
// host: the single-thread build), 'all' (as scripts/serve: the threaded build), 'coop-coep', 'dip'.
async function openBrowser(extraArgs = [], { isolation = 'none' } = {}) {
  if (!fs.existsSync(path.join(WWW, 'index.wasm'))) throw new Error(`no web build in ${WWW}: run scripts/build web`);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const server = await start(WWW, 0, '127.0.0.1', isolation);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs] });
  const base = `http://127.0.0.1:${server.address().port}/`;
  return {
    base,
    browser,
    async close() { await browser.close(); server.close(); },
  };
}

// Opens a page and records its console; `errors` collects console errors and page exceptions.
async function openPage(env, query = '', viewport = { width: 1280, height: 800 }) {
  const page = await env.browser.newPage({ viewport });
  const log = [], errors = [];
  page.on('console', (m) => {
    log.push(`${m.type()}: ${m.text()}`);
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('requestfailed', (r) => { if (!r.url().endsWith('favicon.ico')) errors.push(`request failed: ${r.url()}`); });
  page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('favicon.ico')) errors.push(`HTTP ${r.status()}: ${r.url()}`); });
  await page.goto(env.base + query);
  return { page, log, errors };
}

// Waits until the wasm app has started and drawn at least `frames` frames.
async function waitForApp(page, frames = 10) {
  await page.waitForFunction((n) => window.latentlab && window.latentlab.ready() &&
    window.latentlab.metrics().frames >= n, frames, { timeout: 120000 });
}

// A PNG (a screenshot, a download) as RGBA pixels: { width, height, data } with data a Buffer of
// width * height * 4 bytes. Chromium's own decoder does the work in the page.
async function decodePng(page, png) {
  const b64 = await page.evaluate(async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width; c.height = img.height;
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const bytes = new Uint8Array(ctx.getImageData(0, 0, c.width, c.height).data.buffer);
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return [c.width, c.height, btoa(bin)];
  }, 'data:image/png;base64,' + png.toString('base64'));
  return { width: b64[0], height: b64[1], data: Buffer.from(b64[2], 'base64') };
}

// Brightness statistics of a PNG: mean, standard deviation and number of distinct grey levels.
async function pixelStats(page, png) {
  const { width, height, data: d } = await decodePng(page, png);
  let sum = 0, sum2 = 0;
  const levels = new Set();
  for (let i = 0; i < d.length; i += 4) {
    const y = 0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2];
    sum += y; sum2 += y * y;
    levels.add(Math.round(y));
  }
  const n = d.length / 4, mean = sum / n;
  return { width, height, mean, std: Math.sqrt(sum2 / n - mean * mean), levels: levels.size };
}

// The app's numbers, as window.latentlab.metrics() returns them.
const metrics = (page) => page.evaluate(() => window.latentlab.metrics());

// Every lab while it trains: a name, its link, and how far its training has come (from
// metrics(); grows while it trains). The deep autoencoder tab is first in PCA and RBM 1; with
// pretrain=none it is in fine-tuning. tests/browser/threads.test.cjs, bench/train_slices.cjs.
const TRAINING_LABS = [
  ['compression', '?lab=compression', (m) => m.metrics.samples_seen],
  ['deep autoencoder', '?lab=pca&tab=deep-ae', (m) => m.metrics.deep_ae.progress],
  ['deep AE fine-tune', '?lab=pca&tab=deep-ae&pretrain=none', (m) => m.metrics.deep_ae.progress],
  ['GAN digits', '?lab=gan', (m) => m.metrics.image && m.metrics.image.iteration],
  ['pretraining', '?lab=pretraining', (m) => m.metrics.progress],
];
// Until the lab trains (its datasets loaded, its baselines fitted): `progress` from TRAINING_LABS.
async function waitUntilTraining(page, progress) {
  await page.waitForFunction(`(${progress})(window.latentlab.metrics()) > 0`, null, { timeout: 180000 });
}

// The app's labelled controls of the last frame (ui/drawn_items.h): [{label, window, rect}].
const items = (page) => page.evaluate(() => window.latentlab.items());
// Waits until a control with this label is drawn and returns it. `label` matches the ImGui
// label with or without its "##id" part ("Open...##new" or "Load model...").
async function findItem(page, label, timeout = 30000) {
  const t0 = Date.now();
  for (;;) {
    const found = (await items(page)).find((it) => it.label === label || it.label.split('##')[0] === label);
    if (found) return found;
    if (Date.now() - t0 > timeout) throw new Error(`no control labelled '${label}' is drawn`);
    await page.waitForTimeout(100);
  }
}
// A mouse click on a control, as a person makes it: the pointer goes to the control, the click
// comes once the app has drawn the control under the pointer (hovered; a person waits for the
// highlight), and the button is held across frames (ImGui 1.86 reads the mouse once per frame).
// A click where the last frame had the control misses it if the next frame moves it: a row that
// appeared above Open... as the compression run finished made CI's file test miss it (stop 25;
// the app now keeps that layout still).
async function clickItem(page, label, timeout = 10000) {
  const t0 = Date.now();
  let item = await findItem(page, label);
  for (let at = null; ; ) {
    const centre = [(item.rect[0] + item.rect[2]) / 2, (item.rect[1] + item.rect[3]) / 2];
    if (!at || at[0] !== centre[0] || at[1] !== centre[1]) await page.mouse.move(...centre);
    at = centre;
    await page.waitForTimeout(50);
    item = await findItem(page, label);
    if (item.hovered) break;
    if (Date.now() - t0 > timeout) {
      throw new Error(`'${label}' is drawn at [${item.rect}] but the app does not see the pointer at ` +
                      `(${at}) over it after ${timeout} ms`);
    }
  }
  // Held for a fixed time, not until frames pass: ImGui repeats a held button or key after
  // 0.275 s (a step button would step twice), and its SDL backend never misses a short click.
  await page.mouse.down();
  await page.waitForTimeout(150);
  await page.mouse.up();
  await page.waitForTimeout(150);
  await framesPass(page);  // the app saw the release, and drew the frame after it (a tab opens then)
}
// Resolves once the app has drawn `n` more frames: what a person's eye waits for after an action.
async function framesPass(page, n = 2, timeout = 10000) {
  const f0 = await page.evaluate(() => window.latentlab.metrics().frames);
  await page.waitForFunction((f) => window.latentlab.metrics().frames >= f, f0 + n, { timeout });
}
// What a person does to open a file: click the button, pick the file in the browser's own
// file chooser. Resolves once the chooser has the file, with the chooser's `accept` filter
// (what files a person's chooser offers: "" for all; setFiles itself ignores it). If no chooser
// opens, the error says whether the page asked for one (a counter on HTMLInputElement.click,
// which only counts) and keeps a screenshot.
async function pickFile(page, buttonLabel, file) {
  await page.evaluate(() => {
    if (window.__inputClicks !== undefined) return;
    window.__inputClicks = [];
    const click = HTMLInputElement.prototype.click;
    HTMLInputElement.prototype.click = function () {
      window.__inputClicks.push({ type: this.type, activation: navigator.userActivation.isActive, t: performance.now() });
      return click.call(this);
    };
  });
  const chooser = page.waitForEvent('filechooser', { timeout: 15000 });
  chooser.catch(() => {});  // awaited below; an early timeout must not go unhandled meanwhile
  await clickItem(page, buttonLabel);
  try {
    const c = await chooser;
    const accept = await c.element().evaluate((input) => input.accept);
    await c.setFiles(file);
    return { accept };
  } catch (e) {
    const state = await page.evaluate(() => ({ clicks: window.__inputClicks, now: performance.now() }));
    const shot = await screenshot(page, `no-file-chooser-${buttonLabel.replace(/[^\w]+/g, '_')}.png`);
    throw new Error(`no file chooser opened after a click on '${buttonLabel}': input clicks ` +
                    `${JSON.stringify(state)}; screenshot ${shot.file}\n${e.message}`);
  }
}
// Dropping a file from the desktop onto the page: a real drop event whose DataTransfer holds a
// File with the file's bytes and name.
async function dropFile(page, file, mime = 'application/octet-stream') {
  const data = await page.evaluateHandle(({ b64, name, type }) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], name, { type }));
    return dt;
  }, { b64: fs.readFileSync(file).toString('base64'), name: path.basename(file), type: mime });
  await page.dispatchEvent('#canvas', 'dragover', { dataTransfer: data });
  await page.dispatchEvent('#canvas', 'drop', { dataTransfer: data });
}

async function screenshot(page, name) {
  const file = path.join(ARTIFACTS, name);
  const png = await page.screenshot({ path: file });
  return { file, png };
}

module.exports = { ROOT, CLI, WWW, ARTIFACTS, CHROMIUM_ARGS, metrics, TRAINING_LABS, waitUntilTraining, openBrowser, openPage, waitForApp, decodePng,
  pixelStats, screenshot, items, findItem, clickItem, framesPass, pickFile, dropFile };
