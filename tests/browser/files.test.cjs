// Files the way a person hands them to the page (issue 13): the Open... / Load model... button
// and the browser's own file chooser, and a drop of a real File from the desktop. Good files
// load; bad ones (cut short, an image bomb, text named .png, a cut model) are refused with a
// message and the current image or run stays.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');
const { execFileSync } = require('child_process');
const { CLI, metrics, openBrowser, openPage, waitForApp, pickFile, dropFile, findItem, clickItem, screenshot } = require('./browser.cjs');

const CACHE = process.env.LL_CACHE || path.join(process.env.HOME, '.cache/latentlab');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'll-files-'));
const file = (name, bytes) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, bytes);
  return f;
};

// A PNG of width x height black gray pixels, made here: small on disk however large it claims
// to be (an image bomb at 12000 x 12000: 144 MB of pixels in ~140 kB).
function blackPng(width, height) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(Buffer.concat([Buffer.from(type), data])));
    return Buffer.concat([len, Buffer.from(type), data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;  // 8-bit gray
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.alloc((width + 1) * height), { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

let env;
test.before(async () => { env = await openBrowser(); });
test.after(async () => { await env.close(); fs.rmSync(dir, { recursive: true, force: true }); });

// The lab's message after a file arrived (it reads the file asynchronously; a zip of images
// says "Opening ..." while the app reads it between frames).
async function messageAfter(page, read, before) {
  for (let i = 0; i < 100; ++i) {
    const m = await read();
    if (m && m !== before && !m.startsWith('Opening ')) return m;
    await page.waitForTimeout(100);
  }
  throw new Error('the page said nothing about the file');
}

test('Compression lab: images through the file chooser and by drag and drop; bad images refused', async () => {
  const { page, log, errors } = await openPage(env, '?lab=compression');
  await waitForApp(page, 2);
  const msg = async () => (await metrics(page)).metrics.message;
  const coins = path.join(CACHE, 'data/images/coins.png');

  let before = await msg();
  await pickFile(page, 'Open...##new', coins);
  let said = await messageAfter(page, msg, before);
  assert.match(said, /^Loaded coins\.png \(.*centre-cropped/);
  assert.equal((await metrics(page)).metrics.new.image, 'coins.png');

  // A JPEG dropped from the desktop becomes the new image.
  const jpg = path.join(dir, 'moon-photo.jpg');
  execFileSync('convert', [path.join(CACHE, 'data/images/moon.png'), '-quality', '85', jpg]);
  before = said;
  await dropFile(page, jpg, 'image/jpeg');
  said = await messageAfter(page, msg, before);
  assert.match(said, /^Loaded moon-photo\.jpg/);
  assert.equal((await metrics(page)).metrics.new.image, 'moon-photo.jpg');
  await screenshot(page, 'web-file-dropped.png');

  // Bad files through the real chooser: each says what is wrong; the new image stays.
  const bytes = fs.readFileSync(coins);
  const bad = [
    [file('cut.png', bytes.subarray(0, bytes.length >> 1)), /^cut\.png: not a readable image .*The current image stays\.$/],
    [file('huge.png', blackPng(12000, 12000)), /^huge\.png is 12000x12000 pixels \(144 Mpx\); images up to 16 Mpx are read\. The current image stays\.$/],
    [file('notes.png', 'these are my lecture notes, not a picture\n'), /^notes\.png: not a readable image .*PNG and JPEG files are read\)\. The current image stays\.$/],
    [file('empty.png', ''), /^empty\.png: the file is empty\. The current image stays\.$/],
    [file('dht.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xc4, 0xb5, 0x10, 0x00, 0x51, 0x61, 0x72])), /^dht\.jpg: not a readable image \(corrupt JPEG: .*Huffman/],
  ];
  for (const [f, expected] of bad) {
    before = said;
    const t0 = Date.now();
    await pickFile(page, 'Open...##new', f);
    said = await messageAfter(page, msg, before);
    console.log(`${path.basename(f)}: "${said}" after ${Date.now() - t0} ms`);
    assert.match(said, expected);
    assert.equal((await metrics(page)).metrics.new.image, 'moon-photo.jpg', 'the current image stays');
  }
  // The image bomb was refused from its header: wasm memory did not grow by its 144 MB.
  const heap = await page.evaluate(() => window.Module.HEAPU8.length);
  assert.ok(heap < 512 * 1048576, `wasm memory ${heap / 1048576} MB`);
  assert.deepEqual(errors, [], log.join('\n'));
  await page.close();
});

test('Deep autoencoder tab: a model through the chooser and by drop; a cut model is refused', async () => {
  // A small model from the native CLI, as a student would bring one from a longer run.
  const model = path.join(dir, 'my-net.safetensors');
  execFileSync(CLI, ['deep-ae', '--pretrain', 'none', '--epochs', '1', '--max-train', '300', '--save', model]);
  const { page, log, errors } = await openPage(env, '?lab=pca&tab=deep-ae');
  await waitForApp(page, 2);
  const msg = async () => (await metrics(page)).metrics.deep_ae.file_message;
  // As a person would: wait until the tab has settled (its run started, the progress bar pushed
  // the buttons down), then click where the button is.
  await page.waitForFunction(() => window.latentlab.metrics().metrics.deep_ae.progress !== undefined, null,
    { timeout: 120000 });
  await findItem(page, 'Load model...');

  await pickFile(page, 'Load model...', model);
  let said = await messageAfter(page, msg, undefined);
  assert.match(said, /^Loaded my-net\.safetensors \(8 layers, code 30, trained on mnist\)/);
  let d = (await metrics(page)).metrics.deep_ae;
  for (let i = 0; !(d.loaded_from && d.curve && d.curve.length); ++i) {
    assert.ok(i < 600, 'the loaded model was not evaluated: ' + JSON.stringify(d).slice(0, 300));
    await page.waitForTimeout(200);
    d = (await metrics(page)).metrics.deep_ae;
  }
  const native = JSON.parse(execFileSync(CLI, ['deep-ae', '--load', model, '--epochs', '1', '--json'], { encoding: 'utf8' }));
  console.log(`picked model: browser ${d.curve[0].deep.toFixed(3)}, native --load ${native.test_error_per_image.toFixed(3)}`);
  assert.ok(Math.abs(d.curve[0].deep - native.test_error_per_image) / native.test_error_per_image < 1e-3);

  // A model cut short, through the chooser: refused by name, the loaded one stays.
  const bytes = fs.readFileSync(model);
  let before = said;
  await pickFile(page, 'Load model...', file('cut.safetensors', bytes.subarray(0, 5000)));
  said = await messageAfter(page, msg, before);
  assert.match(said, /^cut\.safetensors: .*The current run is kept\.$/);
  assert.equal((await metrics(page)).metrics.deep_ae.loaded_from, 'my-net.safetensors');

  // The same model dropped from the desktop under another name loads into the open tab.
  before = said;
  await dropFile(page, file('dropped.safetensors', bytes));
  said = await messageAfter(page, msg, before);
  assert.match(said, /^Loaded dropped\.safetensors \(8 layers, code 30/);
  assert.deepEqual(errors, [], log.join('\n'));
  await page.close();
});

// The student's files, made from 500 cached digits of every class (tests/cli/make_arrays.cjs):
// images.idx, labels.idx, images-u8.npy, images-f32.npy, and digits.zip (PNGs in folders 0-9).
function studentArrays() {
  const arrays = path.join(dir, 'arrays');
  if (!fs.existsSync(path.join(arrays, 'digits.zip')))
    execFileSync('node', [path.join(__dirname, '../cli/make_arrays.cjs'), path.join(CACHE, 'data/datasets/mnist.safetensors.gz'),
      arrays, '500']);
  return arrays;
}

test('PCA tab: your own data set through the chooser (IDX, gzipped IDX, zip of PNGs, .npy); bad ones refused', async () => {
  const arrays = studentArrays();
  const gz = path.join(arrays, 'train-images-idx3-ubyte.gz');
  fs.writeFileSync(gz, zlib.gzipSync(fs.readFileSync(path.join(arrays, 'images.idx'))));
  // Zips as Info-ZIP writes them: a bomb (70 MB of zeros as one "image", 70 KB zipped), one of
  // notes only, and the digits' zip cut in half.
  const zips = path.join(dir, 'zips');
  fs.rmSync(zips, { recursive: true, force: true });
  fs.mkdirSync(zips);
  fs.writeFileSync(path.join(zips, 'zeros.png'), Buffer.alloc(70 * 1048576));
  fs.writeFileSync(path.join(zips, 'notes.txt'), 'my notes\n');
  execFileSync('zip', ['-q', 'bomb.zip', 'zeros.png'], { cwd: zips });
  execFileSync('zip', ['-q', 'notes.zip', 'notes.txt'], { cwd: zips });
  const digitsZip = fs.readFileSync(path.join(arrays, 'digits.zip'));
  const { page, log, errors } = await openPage(env, '?lab=pca');
  await waitForApp(page, 2);
  await page.waitForFunction(() => window.latentlab.metrics().metrics.ready === true, null, { timeout: 120000 });
  const msg = async () => (await metrics(page)).file_message;
  const fitted = (name) => page.waitForFunction((n) => {
    const m = window.latentlab.metrics().metrics;
    return m.dataset === n && m.ready === true;
  }, name, { timeout: 60000 });

  let said = '';
  const errorOf = {};
  const noLabels = ', no labels (an IDX label file adds them)';
  for (const [f, shown, what] of [[gz, 'train-images-idx3-ubyte.gz', noLabels],
    [path.join(arrays, 'digits.zip'), 'digits.zip', '; converted to gray; labels from their folders 0-9'],
    [path.join(arrays, 'images-f32.npy'), 'images-f32.npy', noLabels + '; float32 values in [0, 1] scaled to 0..255']]) {
    const before = said;
    await pickFile(page, 'Open your own data set...', f);
    said = await messageAfter(page, msg, before);
    console.log(`${path.basename(f)}: "${said}"`);
    assert.equal(said, `Opened ${shown}: 500 images of 28x28${what}.`);
    await fitted(shown);
    const m = (await metrics(page)).metrics;
    assert.equal(m.train_images, 400);
    assert.equal(m.test_images, 100);
    errorOf[shown] = m.test_error_per_image;
  }
  // The same 500 digits as IDX, PNGs in a zip and float32: the same PCA.
  assert.equal(errorOf['digits.zip'], errorOf['train-images-idx3-ubyte.gz']);
  assert.equal(errorOf['images-f32.npy'], errorOf['train-images-idx3-ubyte.gz']);
  const ownError = (await metrics(page)).metrics.test_error_per_image;
  await screenshot(page, 'web-pca-own-dataset.png');

  // Bad files: each says what is wrong; the data set in use stays.
  const cut = fs.readFileSync(path.join(arrays, 'images.idx'));
  const bad = [
    [file('labels-499.idx', Buffer.concat([Buffer.from([0, 0, 8, 1, 0, 0, 1, 243]), Buffer.alloc(499)])),
      /^labels-499\.idx: has 499 labels for 500 images\. The data set in use stays\.$/],
    [file('cut.idx', cut.subarray(0, cut.length - 1)), /^cut\.idx: truncated: 500 images of 28 x 28 need 392000 bytes of data, the file has 391999\. The data set in use stays\.$/],
    [file('none.npy', Buffer.alloc(0)), /^none\.npy: the file is empty/],
    [file('big.idx', Buffer.from([0, 0, 8, 3, 0, 0, 0, 10, 0, 0, 0, 100, 0, 0, 0, 100])), /^big\.idx: images of 100 x 100 pixels; the labs take images of at most 4096 pixels/],
    [file('bomb.idx.gz', zlib.gzipSync(Buffer.alloc(300 * 1048576), { level: 9 })), /^bomb\.idx\.gz: unpacks to more than 256 MB/],
    [file('notes.npy', 'my notes\n'), /^notes\.npy: not a data set file \(IDX images, a \.npy array, a zip of PNG or JPEG images or a LatentLab \.safetensors file are read/],
    [path.join(zips, 'bomb.zip'), /^bomb\.zip: zeros\.png unpacks to 70 MB; image files up to 64 MB are read\. The data set in use stays\.$/],
    [path.join(zips, 'notes.zip'), /^notes\.zip: holds no PNG or JPEG images \(1 other file\)\. The data set in use stays\.$/],
    [file('half.zip', digitsZip.subarray(0, digitsZip.length >> 1)), /^half\.zip: not a zip file, or a truncated one/],
  ];
  for (const [f, expected] of bad) {
    const before = said;
    await pickFile(page, 'Open your own data set...', f);
    said = await messageAfter(page, msg, before);
    console.log(`${path.basename(f)}: "${said}"`);
    assert.match(said, expected);
    const m = (await metrics(page)).metrics;
    assert.equal(m.dataset, 'images-f32.npy', 'the data set in use stays');
    assert.equal(m.test_error_per_image, ownError);
  }
  // The built-in choices are still there, and the file stays on offer next to them.
  await clickItem(page, 'MNIST digits');
  await fitted('mnist');
  await findItem(page, 'your file: images-f32.npy');
  assert.deepEqual(errors, [], log.join('\n'));
  await page.close();
});

// Issue 14 (a UI that never waits): 20,000 PNGs in one zip took 700 ms in one task, a frozen
// page. Now the app reads them between frames (the threaded build: on a thread of its own), with
// the count on screen; the page keeps drawing. Both builds.
test('PCA tab: a zip of 20,000 PNGs opens while the page draws, its progress shown, in both builds', async () => {
  const big = path.join(dir, 'big');
  execFileSync('node', [path.join(__dirname, '../cli/make_arrays.cjs'), path.join(CACHE, 'data/datasets/mnist.safetensors.gz'),
    big, '20000']);
  const huge = path.join(dir, 'huge');
  execFileSync('node', [path.join(__dirname, '../cli/make_arrays.cjs'), path.join(CACHE, 'data/datasets/mnist.safetensors.gz'),
    huge, '40000']);
  const isolated = await openBrowser([], { isolation: 'all' });
  try {
    for (const [build, browser] of [['single-thread', env], ['threaded', isolated]]) {
      const { page, log, errors } = await openPage(browser, '?lab=pca');
      await waitForApp(page, 2);
      assert.equal((await metrics(page)).threaded_build, build === 'threaded');
      await page.waitForFunction(() => window.latentlab.metrics().metrics.ready === true, null, { timeout: 120000 });
      await page.evaluate(() => {
        window.__longTasks = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) window.__longTasks.push(Math.round(e.duration));
        }).observe({ type: 'longtask' });
      });
      const t0 = Date.now();
      const { accept } = await pickFile(page, 'Open your own data set...', path.join(big, 'digits.zip'));
      assert.equal(accept, '', 'the chooser offers every file (IDX files have no extension)');
      // What the student sees while it opens, polled as the page draws.
      const counts = new Set(), said = new Set();
      let frames0 = null, frames1 = null, m;
      for (let i = 0; ; ++i) {
        m = await metrics(page);
        if (m.opening_file) {
          counts.add(m.opening_file.read);
          said.add(m.file_message);
          if (frames0 === null) frames0 = m.frames;
          frames1 = m.frames;
        } else if (m.file_message && !m.file_message.startsWith('Opening')) {
          break;
        }
        assert.ok(i < 600, 'still opening after 60 s: ' + JSON.stringify(m.opening_file));
        await page.waitForTimeout(100);
      }
      const longTasks = await page.evaluate(() => window.__longTasks);
      console.log(`${build}, 20,000 PNGs: "${m.file_message}" after ${Date.now() - t0} ms; ${counts.size} counts seen ` +
        `(${[...counts].slice(0, 6).join(', ')}, ...), ${frames1 - frames0} frames drawn while opening; ` +
        `long tasks (> 50 ms) ${JSON.stringify(longTasks)} ms`);
      assert.equal(m.file_message, 'Opened digits.zip: 20000 images of 28x28; converted to gray; labels from their folders 0-9.');
      // "Opening digits.zip..." until its directory is read, then the count.
      for (const text of said) assert.match(text, /^Opening digits\.zip(: \d+ of 20000 images)?\.\.\.$/);
      assert.ok([...said].some((text) => text.includes(' of 20000 images')), [...said].join(' | '));
      assert.ok(counts.size >= 3, 'the count moved on while it opened: ' + [...counts]);
      // Frames came at 4-14 per second while it opened (software WebGL on 2 cores, one of them
      // reading the zip in the threaded build); any frame at all shows the page was not held.
      assert.ok(frames1 - frames0 >= 2, `${frames1 - frames0} frames drawn while it opened`);
      // All at once it was one 700 ms task; what is left is copying the 9 MB file (fresh memory
      // costs 3-8 ms per MB to touch first on this VM), and one frame's slice.
      assert.ok(Math.max(0, ...longTasks) < 250, 'a task held the page: ' + longTasks);
      await page.waitForFunction(() => {
        const p = window.latentlab.metrics().metrics;
        return p.dataset === 'digits.zip' && p.ready === true;
      }, null, { timeout: 120000 });
      assert.equal((await metrics(page)).metrics.train_images, 16000);

      // A student who changes their mind: a data set dropped while the zip still opens wins.
      await pickFile(page, 'Open your own data set...', path.join(big, 'digits.zip'));
      const reading = await (await page.waitForFunction(() => window.latentlab.metrics().opening_file, null,
        { timeout: 30000 })).jsonValue();
      await dropFile(page, path.join(studentArrays(), 'images.idx'));
      const mine = 'Opened images.idx: 500 images of 28x28, no labels (an IDX label file adds them).';
      await page.waitForFunction((text) => window.latentlab.metrics().file_message === text, mine, { timeout: 30000 });
      await page.waitForTimeout(3000);  // longer than the zip took to open
      m = await metrics(page);
      console.log(`${build}: images.idx dropped while the zip opened (${reading.read} of ${reading.count} read) ` +
        `is the data set 3 s later: ${m.metrics.dataset}; "${m.file_message}"`);
      assert.equal(m.metrics.dataset, 'images.idx');
      assert.equal(m.opening_file, undefined);
      assert.equal(m.file_message, mine);

      // One who picked the wrong file: Cancel, next to the progress, stops it. 40,000 PNGs, so
      // that the click (0.4-0.5 s from the button's first frame) lands while it still opens:
      // the threaded build read 20,000 in about 1 s.
      const t1 = Date.now();
      await pickFile(page, 'Open your own data set...', path.join(huge, 'digits.zip'));
      await clickItem(page, 'Cancel##opening');
      m = await metrics(page);
      console.log(`${build}: Cancel while 40,000 PNGs opened, ${Date.now() - t1} ms after the pick: "${m.file_message}"`);
      assert.equal(m.file_message, 'Stopped opening digits.zip: the tab keeps the data set it had.');
      assert.equal(m.opening_file, undefined);
      await page.waitForTimeout(3000);
      m = await metrics(page);
      assert.equal(m.metrics.dataset, 'images.idx');
      assert.equal(m.opening_file, undefined);
      assert.deepEqual(errors, [], log.join('\n'));
      await page.close();
    }
  } finally {
    await isolated.close();
  }
});

test('2-D maps tab: your own data set, then its labels from an IDX label file; same numbers as the CLI', async () => {
  const arrays = studentArrays();
  const { page, log, errors } = await openPage(env, '?lab=pca&tab=map');
  await waitForApp(page, 2);
  // As a person would: wait until the tab has settled (its run started), then click.
  await page.waitForFunction(() => window.latentlab.metrics().metrics.map.progress !== undefined, null,
    { timeout: 120000 });
  const msg = async () => (await metrics(page)).metrics.map.file_message;  // the tab shows its own
  // A run on `name` finished after `runs` earlier ones (until the next frame starts the new run,
  // the tab still shows the last one, done).
  const finished = async (name, runs) => {
    for (let i = 0; ; ++i) {
      const m = (await metrics(page)).metrics.map;
      if (m.dataset === name && m.done && m.finished_runs.length > runs) return m;
      assert.ok(i < 900, 'the run on ' + name + ' did not finish: ' + JSON.stringify(m).slice(0, 300));
      await page.waitForTimeout(200);
    }
  };
  await pickFile(page, 'Open your own data set...', path.join(arrays, 'images.idx'));
  let said = await messageAfter(page, msg, '');
  assert.equal(said, 'Opened images.idx: 500 images of 28x28, no labels (an IDX label file adds them).');
  let m = await finished('images.idx', 0);
  assert.equal(m.train_images, 400);
  assert.equal(m.knn5_accuracy, undefined, 'a class separation without labels');
  await findItem(page, 'your file: images.idx');

  // The labels, through the same button: the map is coloured and measured.
  await pickFile(page, 'Open your own data set...', path.join(arrays, 'labels.idx'));
  said = await messageAfter(page, msg, said);
  assert.equal(said, 'Added the labels of labels.idx to images.idx.');
  m = await finished('images.idx', m.finished_runs.length);
  // Ten classes in 100 test digits: chance is about 10%, a map that keeps classes apart well above.
  assert.ok(m.knn5_accuracy > 0.3 && m.knn5_accuracy < 1, 'the 5-NN accuracy of a labelled map: ' + m.knn5_accuracy);
  await screenshot(page, 'web-map-own-dataset.png');
  const native = JSON.parse(execFileSync(CLI, ['deep-ae', '--data-file', path.join(arrays, 'images.idx'), '--labels-file',
    path.join(arrays, 'labels.idx'), '--code', '2', '--preset', 'browser', '--json'], { encoding: 'utf8' }));
  console.log(`own data set, 2-D: browser deep ${m.test_error_per_image.toFixed(3)}, 5-NN ${m.knn5_accuracy}; ` +
    `native ${native.test_error_per_image.toFixed(3)}, 5-NN ${native.knn5_accuracy}; PCA-2 ${m.pca_test_error_per_image.toFixed(4)} ` +
    `vs ${native.pca_test_error_per_image.toFixed(4)}`);
  assert.ok(Math.abs(m.pca_test_error_per_image - native.pca_test_error_per_image) < 1e-3 * native.pca_test_error_per_image);
  assert.ok(Math.abs(m.test_error_per_image - native.test_error_per_image) < 0.05 * native.test_error_per_image);
  // A link cannot carry the file.
  assert.doesNotMatch((await metrics(page)).link, /dataset=/);

  // A cut file: refused, and the run on the student's data set stays.
  const cut = fs.readFileSync(path.join(arrays, 'images.idx'));
  await pickFile(page, 'Open your own data set...', file('cut-images.idx', cut.subarray(0, 1000)));
  said = await messageAfter(page, msg, said);
  assert.match(said, /^cut-images\.idx: truncated.*The data set in use stays\.$/);
  assert.equal((await metrics(page)).metrics.map.dataset, 'images.idx');
  assert.deepEqual(errors, [], log.join('\n'));
  await page.close();
});

test('GAN lab: a zip of photos of different sizes through its own button, then the digits zip dropped on it', async () => {
  const arrays = studentArrays();
  // 40 crops of the camera and coins images, 24 to 90 pixels, PNG and JPEG: fitted into 28 x 28.
  const photos = path.join(dir, 'photos');
  fs.rmSync(photos, { recursive: true, force: true });
  fs.mkdirSync(photos);
  for (let i = 0; i < 40; ++i) {
    const size = 24 + (i * 17) % 67, src = path.join(CACHE, 'data/images', i % 2 ? 'coins.png' : 'camera.png');
    execFileSync('convert', [src, '-crop', `${size}x${size + (i % 3) * 9}+${(i * 37) % 200}+${(i * 53) % 150}`, '+repage',
      path.join(photos, `p${String(i).padStart(2, '0')}.${i % 4 ? 'png' : 'jpg'}`)]);
  }
  execFileSync('zip', ['-q', '-r', path.join(dir, 'photos.zip'), '.'], { cwd: photos });
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'my notes\n');
  execFileSync('zip', ['-q', '-j', path.join(dir, 'notes-only.zip'), path.join(dir, 'notes.txt')]);
  const { page, log, errors } = await openPage(env, '?lab=gan');
  await waitForApp(page, 2);
  await page.waitForFunction(() => (window.latentlab.metrics().metrics.image || {}).iteration > 0, null, { timeout: 120000 });
  const msg = async () => (await metrics(page)).file_message;
  const running = (name) => page.waitForFunction((n) => {
    const im = window.latentlab.metrics().metrics.image;
    return im && im.dataset === n && im.iteration > 20;
  }, name, { timeout: 60000 });

  await pickFile(page, 'Open your own data set...', path.join(dir, 'photos.zip'));
  let said = await messageAfter(page, msg, '');
  console.log(`GAN, photos.zip: "${said}"`);
  assert.equal(said, 'Opened photos.zip: 40 images of 28x28, no labels (an IDX label file adds them); converted to gray and ' +
    'fitted into 28 x 28 (they differ in size or are over 64 x 64).');
  await running('photos.zip');
  assert.equal((await metrics(page)).metrics.dataset, 'file');
  await findItem(page, 'your file: photos.zip');
  assert.doesNotMatch((await metrics(page)).link, /dataset=/);
  await screenshot(page, 'web-gan-own-dataset.png');

  // A bad zip keeps the run; the digits' zip dropped on the tab replaces it.
  await pickFile(page, 'Open your own data set...', path.join(dir, 'notes-only.zip'));
  said = await messageAfter(page, msg, said);
  assert.match(said, /^notes-only\.zip: holds no PNG or JPEG images \(1 other file\)\. The data set in use stays\.$/);
  assert.equal((await metrics(page)).metrics.image.dataset, 'photos.zip');
  await dropFile(page, path.join(arrays, 'digits.zip'));
  said = await messageAfter(page, msg, said);
  assert.equal(said, 'Opened digits.zip: 500 images of 28x28; converted to gray; labels from their folders 0-9.');
  await running('digits.zip');
  assert.deepEqual(errors, [], log.join('\n'));
  await page.close();
});
