#!/usr/bin/env node
// Writes the fuzzers' seed corpus (scripts/fuzz): small valid inputs for every parser, made here
// from the cache's images and from scratch, plus the hostile inputs of issue 17 as regression
// seeds. Nothing third-party is committed; the corpus lives in the build directory.
//
//   node fuzz/make-corpus.cjs OUT_DIR CACHE_IMAGES_DIR
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { execFileSync } = require('child_process');

const [out, images] = process.argv.slice(2);
if (!out || !images) {
  console.error('usage: make-corpus.cjs OUT_DIR CACHE_IMAGES_DIR');
  process.exit(2);
}
function put(target, name, bytes) {
  fs.mkdirSync(path.join(out, target), { recursive: true });
  fs.writeFileSync(path.join(out, target, name), bytes);
}

// safetensors: u64 header length, JSON header padded to 8 bytes, raw little-endian data.
function safetensors(tensors, metadata) {
  const header = {};
  let offset = 0;
  for (const t of tensors) {
    header[t.name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + t.data.length] };
    offset += t.data.length;
  }
  if (metadata) header.__metadata__ = metadata;
  let text = JSON.stringify(header);
  text += ' '.repeat((8 - (text.length % 8)) % 8);
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(Buffer.byteLength(text)));
  return Buffer.concat([len, Buffer.from(text), ...tensors.map((t) => t.data)]);
}
const f32 = (values) => Buffer.from(new Float32Array(values).buffer);
const u8 = (n, f) => Buffer.from(Array.from({ length: n }, (_, i) => f(i) & 255));

// Models: the fuzz target loads a 3-2-3 MLP, an RBM 3x2 and any MLP the metadata describes.
const mlp = safetensors([
  { name: 'mlp.0.W', dtype: 'F32', shape: [2, 3], data: f32([0.1, -0.2, 0.3, 0.4, -0.5, 0.6]) },
  { name: 'mlp.0.b', dtype: 'F32', shape: [2], data: f32([0, 0.1]) },
  { name: 'mlp.1.W', dtype: 'F32', shape: [3, 2], data: f32([1, 2, 3, 4, 5, 6]) },
  { name: 'mlp.1.b', dtype: 'F32', shape: [3], data: f32([0, 0, 0]) },
], { 'mlp.sizes': '3,2,3', 'mlp.activations': 'tanh,sigmoid', 'latentlab.dataset': 'mnist' });
put('safetensors', 'mlp.safetensors', mlp);
const nan = Buffer.from(mlp);
nan.writeFloatLE(NaN, nan.length - 4);
put('safetensors', 'mlp-nan.safetensors', nan);
put('safetensors', 'rbm.safetensors', safetensors([
  { name: 'rbm.W', dtype: 'F32', shape: [2, 3], data: f32([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]) },
  { name: 'rbm.b_visible', dtype: 'F32', shape: [3], data: f32([0, 0, 0]) },
  { name: 'rbm.b_hidden', dtype: 'F32', shape: [2], data: f32([0, 0]) },
]));

// Data sets: 6 images of 4x4 with labels, plain and gzipped, and a small gzip bomb seed.
const dataset = safetensors([
  { name: 'images', dtype: 'U8', shape: [6, 4, 4], data: u8(96, (i) => i * 37) },
  { name: 'labels', dtype: 'U8', shape: [6], data: u8(6, (i) => i) },
], { name: 'fuzz', source: 'make-corpus', split: 'i % 5 == 4' });
put('dataset', 'dataset.safetensors', dataset);
put('dataset', 'dataset.safetensors.gz', zlib.gzipSync(dataset));
put('dataset', 'zeros.gz', zlib.gzipSync(Buffer.alloc(1 << 20)));
// A student's own arrays (labs/image_arrays.h): IDX images and labels, .npy uint8 and float32.
function idx(type, dims, data) {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head[2] = type;
  head[3] = dims.length;
  dims.forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([head, data]);
}
function npy(descr, shape, data) {
  let dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(', ')}), }`;
  while ((10 + dict.length + 1) % 64) dict += ' ';
  const head = Buffer.alloc(10);
  Buffer.from('\x93NUMPY', 'latin1').copy(head);
  head[6] = 1;
  head.writeUInt16LE(dict.length + 1, 8);
  return Buffer.concat([head, Buffer.from(dict + '\n', 'latin1'), data]);
}
const small = Buffer.from(Array.from({ length: 4 * 6 * 5 }, (_, i) => (i * 37) & 255));
put('dataset', 'images.idx', idx(8, [4, 6, 5], small));
put('dataset', 'labels.idx', idx(8, [4], Buffer.from([3, 1, 4, 1])));
put('dataset', 'images.npy', npy('|u1', [4, 6, 5], small));
const f = Buffer.alloc(4 * 12);
for (let i = 0; i < 12; ++i) f.writeFloatLE(i / 11, 4 * i);
put('dataset', 'floats.npy', npy('<f4', [2, 2, 3], f));

// Images: PNG and JPEG variants of a corner of the camera image (ImageMagick from Debian).
const camera = path.join(images, 'camera.png');
const tmp = fs.mkdtempSync(path.join(require('os').tmpdir(), 'll-corpus-'));
for (const [name, args] of [
  ['gray.png', ['-crop', '24x24+200+100', '-depth', '8', '-type', 'Grayscale']],
  ['rgb.png', ['-crop', '16x16+100+100', '-type', 'TrueColor']],
  ['interlaced.png', ['-crop', '16x16+50+50', '-interlace', 'PNG']],
  ['gray.jpg', ['-crop', '24x24+200+100', '-quality', '70']],
  ['progressive.jpg', ['-crop', '24x24+200+100', '-interlace', 'JPEG', '-quality', '60']],
  ['rgb.jpg', ['-crop', '16x16+100+100', '-type', 'TrueColor', '-sampling-factor', '2x2']],
]) {
  const file = path.join(tmp, name);
  execFileSync('convert', [camera, ...args, '+repage', file]);
  put('image', name, fs.readFileSync(file));
}
// Zips of those images as Info-ZIP writes them, deflated and stored, in folders 0-9 (labels).
const zipDir = path.join(tmp, 'zip');
for (const [folder, name] of [['3', 'gray.png'], ['7', 'gray.jpg']]) {
  fs.mkdirSync(path.join(zipDir, folder), { recursive: true });
  fs.copyFileSync(path.join(tmp, name), path.join(zipDir, folder, name));
}
execFileSync('zip', ['-q', '-r', path.join(tmp, 'deflated.zip'), '3', '7'], { cwd: zipDir });
execFileSync('zip', ['-q', '-r', '-0', path.join(tmp, 'stored.zip'), '3', '7'], { cwd: zipDir });
for (const name of ['deflated.zip', 'stored.zip']) put('dataset', name, fs.readFileSync(path.join(tmp, name)));
fs.rmSync(tmp, { recursive: true });
// The 10-byte JPEG that made stb_image 2.27 write out of bounds (issue 17).
put('image', 'dht-overflow.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xc4, 0xb5, 0x10, 0x00, 0x51, 0x61, 0x72]));
// fuzz_image's first find: fill bytes before SOI (tests/labs/hostile_input_test.cpp).
put('image', 'fill-before-soi.jpg', Buffer.from('ffffd8ffe0001086868' + '63b00ffd8ffd8ffc4b5d0c4b5d0010111ffffc40019000002030100' +
  '00863ffbff3ffbffffc0733fff056f5fffd8ffc4ffffd0', 'hex'));

// Lesson links: the README's examples and the hostile ones of issue 17.
const links = [
  'lab=compression&hidden=8&optimizer=momentum&lr=0.05&seed=3&hide=lr,seed',
  'preset=map-2d', 'lab=pca&tab=deep-ae&pretrain=none', 'lab=gan&k=3&gen-loss=minimax',
  'lab=%ff', 'lab=compression&seed=%ff', 'hide=%ff', 'preset=%c3%28', 'lab=gan&%ff%fe=2',
  'hide=a,a,a,a', 'lab=pretraining&labels=100&labels=300', 'a=%3Cscript%3E&b=+%20',
  'lab=pca&draw=SIUIZIhJ.ZIcWZf', 'lab=gan&draw=..A', 'draw=%ff%fe',
];
links.forEach((l, i) => put('lesson_link', `link${i}.txt`, Buffer.from(l)));
console.log('corpus written to ' + out);
