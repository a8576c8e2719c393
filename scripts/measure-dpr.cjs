#!/usr/bin/env node
// Frames per second at several devicePixelRatios and canvas caps (README, "An idle lab draws
// nothing"): the 2-D GAN tab trains and redraws every frame, in headless Chromium with software
// WebGL, so the canvas' pixel count shows in the frame rate. Not part of CI (it measures).
//
//   node scripts/measure-dpr.cjs        (after scripts/build web)
'use strict';
const { metrics, openBrowser, waitForApp } = require('../tests/browser/browser.cjs');

(async () => {
  const env = await openBrowser();
  for (const [width, height, dpr, query] of [[390, 844, 3, ''], [390, 844, 3, '&maxdpr=3'], [390, 844, 2, ''],
    [1920, 1080, 2, '']]) {
    const page = await env.browser.newPage({ viewport: { width, height }, deviceScaleFactor: dpr });
    await page.goto(env.base + '?lab=gan&tab=2d' + query);
    await waitForApp(page, 10);
    await page.waitForTimeout(3000);
    const a = await metrics(page), t0 = Date.now();
    await page.waitForTimeout(5000);
    const b = await metrics(page), seconds = (Date.now() - t0) / 1000;
    const canvas = await page.evaluate(() => [document.getElementById('canvas').width, document.getElementById('canvas').height]);
    console.log(`${width}x${height} DPR ${dpr}${query}: canvas ${canvas.join('x')}, ` +
      `${((b.frames - a.frames) / seconds).toFixed(1)} frames/s`);
    await page.close();
  }
  await env.close();
})();
