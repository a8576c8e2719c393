// Without WebGL the page must say so in plain HTML instead of showing a blank canvas.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { openBrowser, openPage, screenshot } = require('./browser.cjs');

test('a browser without WebGL gets a clear message', async () => {
  const env = await openBrowser(['--disable-webgl']);
  try {
    const { page } = await openPage(env);
    await page.waitForSelector('#unsupported', { state: 'visible', timeout: 20000 });
    const text = await page.textContent('#unsupported');
    assert.match(text, /cannot run in this browser/);
    assert.match(text, /WebGL 2 is not available/);
    assert.equal(await page.isVisible('#loading'), false);
    await screenshot(page, 'web-unsupported.png');
  } finally {
    await env.close();
  }
});
