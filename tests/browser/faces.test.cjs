// The faces slide in the browser (issue 16, part 1), the way a student gets there: the Deep
// autoencoder tab, a click on "Faces", pretraining off (to keep the test short) and Reset. The
// page must run the slide's 625-2000-1000-500-30 net on standardised faces with PCA-30 beside it,
// with the same numbers as the native CLI for the same seed, and show the slide's rows.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('child_process');
const { CLI, metrics, openBrowser, openPage, waitForApp, clickItem, screenshot } = require('./browser.cjs');

let env;
test.before(async () => { env = await openBrowser(); });
test.after(async () => { await env.close(); });

test('Deep autoencoder tab: Faces runs the faces slide and matches the CLI', async () => {
  const { page, errors } = await openPage(env, '?lab=pca&tab=deep-ae');
  await waitForApp(page, 2);
  // As a person would: wait until the tab has settled (its run started, the progress bar pushed
  // the controls down), then click.
  await page.waitForFunction(() => window.latentlab.metrics().metrics.deep_ae.progress !== undefined, null,
    { timeout: 120000 });
  await clickItem(page, 'Faces');
  await clickItem(page, 'RBM pretraining');
  const link = (await metrics(page)).link;  // what Copy link would give: the pending settings
  assert.match(link, /dataset=faces/);
  assert.match(link, /pretrain=none/);
  await clickItem(page, 'Reset');
  let d;
  for (let i = 0; ; ++i) {
    d = (await metrics(page)).metrics.deep_ae;
    if (d.architecture && d.architecture[0] === 625 && d.curve && d.curve.length) break;
    assert.ok(i < 900, 'the faces run did not evaluate: ' + JSON.stringify(d).slice(0, 400));
    await page.waitForTimeout(200);
  }
  assert.deepEqual(d.architecture, [625, 2000, 1000, 500, 30, 500, 1000, 2000, 625]);
  assert.equal(d.dataset, 'faces');
  assert.equal(d.pretrain, 'none');
  assert.equal(d.train_images, 10000);  // 80 training faces grown by the standard transformations
  assert.equal(d.test_images, 20);
  assert.match(d.pixels, /^standardised/);
  assert.equal(d.curve[0].logistic_pca, undefined);  // no logistic PCA on real-valued pixels

  // The browser's run natively (--preset browser: 10,000 faces, batch 20): the same augmented faces,
  // initial weights and PCA, to 1e-4.
  const native = JSON.parse(execFileSync(CLI, ['deep-ae', '--dataset', 'faces', '--preset', 'browser', '--pretrain', 'none',
    '--epochs', '1', '--json'], { encoding: 'utf8' }));
  console.log(`faces, before fine-tuning: browser deep ${d.curve[0].deep.toFixed(3)}, native ${native.curve[0].deep.toFixed(3)}; ` +
    `PCA-30 browser ${d.pca_test_error_per_image.toFixed(3)}, native ${native.pca_test_error_per_image.toFixed(3)}`);
  assert.ok(Math.abs(d.curve[0].deep - native.curve[0].deep) / native.curve[0].deep < 1e-4);
  assert.ok(Math.abs(d.pca_test_error_per_image - native.pca_test_error_per_image) / native.pca_test_error_per_image < 1e-4);

  // The slide's rows, each an image the student can save: real faces, deep autoencoder, PCA; no
  // logistic PCA row.
  let files = [];
  for (let i = 0; !files.includes('deep-ae-deep-autoencoder.png'); ++i) {
    assert.ok(i < 100, 'the rows are not drawn; images offered: ' + files.join(', '));
    await page.waitForTimeout(100);
    files = (await metrics(page)).exports.map((e) => e.file);
  }
  for (const f of ['deep-ae-real-test-faces-standardised.png', 'deep-ae-pca.png'])
    assert.ok(files.includes(f), `${f} is not drawn: ${files.join(', ')}`);
  assert.ok(!files.includes('deep-ae-logistic-pca.png'), 'a logistic PCA row is drawn for faces');
  await screenshot(page, 'faces-deep-ae-1280.png');
  assert.deepEqual(errors, []);
});
