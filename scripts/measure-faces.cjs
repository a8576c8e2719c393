#!/usr/bin/env node
// The faces slide in the browser, timed (README, "Faces"): the Deep autoencoder tab with
// dataset=faces and its defaults (10,000 grown training faces, 1 RBM epoch per layer, 2
// fine-tuning epochs, batch 20) until it is done, in the single-thread build (a page without
// isolation) and the threaded one (an isolated page). Prints the test errors, the wall time and
// the frame rate while it trained (software WebGL here: about 16 ms of every frame is drawing).
// Not part of CI (it measures). The same run natively: latentlab deep-ae --dataset faces --preset browser
//
//   node scripts/measure-faces.cjs        (after scripts/build web web-mt)
'use strict';
const { metrics, openBrowser, openPage, waitForApp } = require('../tests/browser/browser.cjs');

(async () => {
  for (const isolation of ['none', 'all']) {
    const env = await openBrowser([], { isolation });
    const { page } = await openPage(env, '?lab=pca&tab=deep-ae&dataset=faces');
    await waitForApp(page, 2);
    const t0 = Date.now(), f0 = (await metrics(page)).frames;
    let m;
    for (;;) {
      m = await metrics(page);
      if (m.metrics.deep_ae.done) break;
      if (Date.now() - t0 > 30 * 60 * 1000) throw new Error('not done after 30 min');
      await page.waitForTimeout(1000);
    }
    const seconds = (Date.now() - t0) / 1000, d = m.metrics.deep_ae;
    console.log(`${m.build.target}, ${m.threads} thread(s): deep ${d.test_error_per_image.toFixed(2)}, ` +
      `PCA-30 ${d.pca_test_error_per_image.toFixed(2)} per test face; ${d.wall_seconds.toFixed(0)} s on the ` +
      `lab's clock, ${seconds.toFixed(0)} s from the page's first frames; ` +
      `${((m.frames - f0) / seconds).toFixed(1)} frames/s while training`);
    await env.close();
  }
})();
